import { fileURLToPath } from 'node:url';
import { Worker, type NativeConnection, type WorkerOptions } from '@temporalio/worker';
import type { Activities } from '../activities';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

export interface ConventionWorkerOptions {
  connection: NativeConnection;
  namespace?: string;
  taskQueue: string;
  activities: Activities;
  /** A bundle made once with `bundleWorkflowCode`, to skip bundling per worker (tests, simulation). */
  workflowBundle?: WorkerOptions['workflowBundle'];
}

/** The worker that runs the convention workflows and their activities. */
export function createConventionWorker({
  workflowBundle,
  ...options
}: ConventionWorkerOptions): Promise<Worker> {
  return Worker.create({
    ...options,
    ...(workflowBundle ? { workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
  });
}
