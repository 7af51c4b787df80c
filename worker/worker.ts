import { fileURLToPath } from 'node:url';
import {
  bundleWorkflowCode,
  Worker,
  type NativeConnection,
  type WorkerOptions,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import type { Activities } from '../activities';
import { conventionDataConverter, FAILURE_CONVERTER_PATH, type PayloadKey } from './codec';
import { quietBundlerLogger } from './runtime';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));
/** Tells the workflow when it has been reset (workflows/reset.ts). */
const WORKFLOW_INTERCEPTORS = [fileURLToPath(new URL('../workflows/reset.ts', import.meta.url))];

/**
 * The domain modules the workflows import, evaluated once per worker instead of once per cached
 * workflow (with what they import: zod, date-fns, decimal.js…): their schemas and tables were most
 * of a cached convention's memory. The SDK deep-freezes what they export, so that no workflow can
 * leave state there for another; they are pure, export no zod schema as a value (domain/fields.ts)
 * and keep nothing that changes after import (test/workflows/preloaded.test.ts).
 */
export const PRELOADED_MODULES = [
  'closing',
  'commands',
  'keys',
  'lifecycle',
  'reminders',
  'search',
  'status',
].map((name) => fileURLToPath(new URL(`../domain/${name}.ts`, import.meta.url)));

export interface ConventionWorkerOptions {
  connection: NativeConnection;
  namespace?: string;
  taskQueue: string;
  activities: Activities;
  /** Encrypt payloads with these keys (PAYLOAD_KEYS); in clear when absent. */
  payloadKeys?: readonly PayloadKey[];
  /** A bundle made once with `bundleConventionWorkflows`, to skip bundling per worker (tests, simulation). */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** Workflows kept in memory between tasks (the SDK's default when absent). */
  maxCachedWorkflows?: number;
}

/** The workflow code as the sandbox runs it, failure converter included. */
export function bundleConventionWorkflows(
  workflowsPath = WORKFLOWS_PATH,
): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({
    workflowsPath,
    workflowInterceptorModules: WORKFLOW_INTERCEPTORS,
    failureConverterPath: FAILURE_CONVERTER_PATH,
    logger: quietBundlerLogger,
    preloadModules: PRELOADED_MODULES,
  });
}

/** The worker that runs the convention workflows and their activities. */
export async function createConventionWorker({
  workflowBundle,
  payloadKeys,
  ...options
}: ConventionWorkerOptions): Promise<Worker> {
  return Worker.create({
    ...options,
    dataConverter: conventionDataConverter(payloadKeys),
    workflowBundle: workflowBundle ?? (await bundleConventionWorkflows()),
  });
}
