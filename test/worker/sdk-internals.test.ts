import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { quietBundlerLogger } from '../../temporal/runtime';
import { bundleConventionWorkflows, checkSdkInternals, WORKFLOWS_PATH } from '../../worker/worker';
import { SEED_UNREADABLE } from '../../workflows/reset';

// The one SDK internal the workflows read (the randomness seed, workflows/reset.ts) is checked when
// a worker starts, by replaying a first workflow task through the real interceptors: on an SDK
// that no longer keeps it there, the worker refuses to start, saying why.

describe('the SDK internals the workflows rely on', () => {
  it('are there in the SDK this project runs on', async () => {
    await expect(checkSdkInternals(await bundleConventionWorkflows())).resolves.toBeUndefined();
  }, 120_000);

  it('stop the worker from starting when they are not', async () => {
    const moved = await bundleWorkflowCode({
      workflowsPath: WORKFLOWS_PATH,
      workflowInterceptorModules: [fileURLToPath(new URL('../sandbox/unreadable-seed.ts', import.meta.url))],
      logger: quietBundlerLogger,
    });
    await expect(checkSdkInternals(moved)).rejects.toThrow(SEED_UNREADABLE);
  }, 120_000);
});
