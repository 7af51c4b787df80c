import { getHeapStatistics } from 'node:v8';
import { fileURLToPath } from 'node:url';
import {
  bundleWorkflowCode,
  Worker,
  type NativeConnection,
  type WorkerOptions,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import type { Activities } from '../activities';
import { conventionDataConverter, FAILURE_CONVERTER_PATH, type PayloadKey } from '../crypto/codec';
import { quietBundlerLogger } from '../temporal/runtime';
import { SEED_UNREADABLE } from '../workflows/reset';
// A CommonJS module whose named exports Node cannot see from ESM.
import proto from '@temporalio/proto';

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
  'budget-year',
  'closing',
  'commands',
  'digest',
  'keys',
  'lifecycle',
  'operations',
  'reminders',
  'search',
  'stats',
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
  /** Workflows kept in memory between tasks; when absent, as many as `memoryMiB` holds. */
  maxCachedWorkflows?: number;
  /** The memory the worker may use, in MiB (WORKER_MEMORY_MIB); the V8 heap limit when absent or larger. */
  memoryMiB?: number;
}

/**
 * Worker RSS per cached convention: 0.32 MiB measured by `npm run bench` on fresh conventions
 * (bench/RESULTS.md), with room for a record that has lived years (compacted, a few dozen KB).
 */
export const MIB_PER_CACHED_CONVENTION = 0.35;
/** The worker's RSS with no convention cached: Node, the SDK's core, the bundle, the domain. */
export const WORKER_BASE_MIB = 300;

const heapLimitMiB = () => Math.floor(getHeapStatistics().heap_size_limit / 2 ** 20);

/**
 * How many conventions fit in `memoryMiB`, bounded by the V8 heap limit too, so that the cache
 * never overruns the heap (a cached convention holds less heap than RSS). The SDK's own default
 * counts 1.7 MiB each.
 */
export function cacheSizeFor(memoryMiB: number, heapMiB = heapLimitMiB()): number {
  const usable = Math.min(memoryMiB, heapMiB) - WORKER_BASE_MIB;
  return Math.max(2, Math.floor(usable / MIB_PER_CACHED_CONVENTION));
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

const { EventType } = proto.temporal.api.enums.v1;
const PROBE_TIME = { seconds: 1_767_225_600 };

/** The first workflow task of `sdkProbeWorkflow` (workflows/probe.ts), as a history. */
const probeHistory = () =>
  proto.temporal.api.history.v1.History.fromObject({
    events: [
      {
        eventId: 1,
        eventTime: PROBE_TIME,
        eventType: EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED,
        workflowExecutionStartedEventAttributes: {
          workflowType: { name: 'sdkProbeWorkflow' },
          taskQueue: { name: 'sdk-probe' },
          originalExecutionRunId: 'sdk-probe',
          firstExecutionRunId: 'sdk-probe',
          attempt: 1,
          workflowTaskTimeout: { seconds: 10 },
        },
      },
      {
        eventId: 2,
        eventTime: PROBE_TIME,
        eventType: EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
        workflowTaskScheduledEventAttributes: { taskQueue: { name: 'sdk-probe' } },
      },
      {
        eventId: 3,
        eventTime: PROBE_TIME,
        eventType: EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
        workflowTaskStartedEventAttributes: { scheduledEventId: 2 },
      },
      {
        eventId: 4,
        eventTime: PROBE_TIME,
        eventType: EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
        workflowTaskCompletedEventAttributes: { scheduledEventId: 2, startedEventId: 3 },
      },
      {
        eventId: 5,
        eventTime: PROBE_TIME,
        eventType: EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
        workflowExecutionCompletedEventAttributes: { workflowTaskCompletedEventId: 4 },
      },
    ],
  });

/**
 * Replays a first workflow task through the workflows' interceptors: the reset interceptor reads
 * the randomness seed from the SDK's internals and fails the task if an upgrade moved it. Refuses
 * to go on then, rather than running conventions whose resets nobody would notice.
 */
export async function checkSdkInternals(
  workflowBundle: NonNullable<WorkerOptions['workflowBundle']>,
): Promise<void> {
  try {
    await Worker.runReplayHistory({ workflowBundle, replayName: 'sdk-probe' }, probeHistory());
  } catch (error) {
    throw new Error(`${SEED_UNREADABLE} (${(error as Error).message})`, { cause: error });
  }
}

/** The worker that runs the convention workflows and their activities, once the SDK's internals it relies on are checked. */
export async function createConventionWorker({
  workflowBundle,
  payloadKeys,
  maxCachedWorkflows,
  memoryMiB = heapLimitMiB(),
  ...options
}: ConventionWorkerOptions): Promise<Worker> {
  const bundle = workflowBundle ?? (await bundleConventionWorkflows());
  await checkSdkInternals(bundle);
  return Worker.create({
    ...options,
    dataConverter: conventionDataConverter(payloadKeys),
    maxCachedWorkflows: maxCachedWorkflows ?? cacheSizeFor(memoryMiB),
    workflowBundle: bundle,
  });
}
