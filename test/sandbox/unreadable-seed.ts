import type { WorkflowInterceptorsFactory } from '@temporalio/workflow';
import { SEED_UNREADABLE } from '../../workflows/reset';

// The reset interceptor as an SDK upgrade that moved the randomness seed would leave it: every
// activation fails, as workflows/reset.ts makes it fail then.
export const interceptors: WorkflowInterceptorsFactory = () => ({
  internals: [
    {
      activate() {
        throw new Error(SEED_UNREADABLE);
      },
    },
  ],
});
