import { IllegalStateError } from '@temporalio/common';
import { DefaultLogger, Runtime } from '@temporalio/worker';

// Workers log every state change at INFO; tests only need to see what went wrong.
try {
  Runtime.install({ logger: new DefaultLogger('WARN') });
} catch (error) {
  // A process runs several test files: the first one installed it.
  if (!(error instanceof IllegalStateError)) throw error;
}
