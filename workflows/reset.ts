import type { WorkflowInterceptorsFactory } from '@temporalio/workflow';
// Internal to the SDK (1.24): the only place the workflow's random seed can be read. The one
// import of an SDK internal in the project (a lint rule keeps it so); the worker refuses to start
// when it no longer reads a seed (worker/worker.ts), and test/workflows/reset.test.ts fails.
import { getActivator } from '@temporalio/workflow/lib/global-attributes';

// A reset (`temporal workflow reset`, or the SDK's resetWorkflowExecution) gives the workflow a
// new run that replays its history up to the reset point, then goes on from there. Nothing in the
// workflow API says so. But Temporal's core gives the workflow a new random seed at that point of
// its history — live and on every replay alike, so reacting to it is deterministic — and nothing
// else changes the seed. The SDK applies it before the activation reaches workflow code (and
// before interceptors, with the jobs batching it has now); this interceptor, loaded as a workflow
// interceptor module, compares the seed at each activation with the one before and tells the
// workflow. Its state is the workflow's own: the SDK evaluates the bundle's modules per workflow.

/** Told each reset with its id (the new seed, the same on every replay). */
type ResetListener = (resetId: string) => void;

let listener: ResetListener | undefined;
/** Resets seen before the workflow function listened (a reset to its very first task). */
const unheard: string[] = [];
let seedSeen: string | undefined;

const hex = (bytes: readonly number[]) => bytes.map((byte) => byte.toString(16).padStart(2, '0')).join('');

/** What the worker says, and a workflow task fails with, when the SDK no longer keeps the seed there. */
export const SEED_UNREADABLE =
  'the Temporal SDK no longer keeps the workflow randomness seed where workflows/reset.ts reads it ' +
  '(getActivator().randomnessSeed, @temporalio/workflow/lib/global-attributes): resets would go unnoticed. ' +
  'Keep @temporalio/* at the version in package.json, or update workflows/reset.ts for the new one.';

/** The seed of the workflow's randomness now, as hex. */
function currentSeed(): string {
  const seed: unknown = getActivator().randomnessSeed;
  if (!Array.isArray(seed) || seed.length === 0 || !seed.every((n) => Number.isInteger(n)))
    throw new Error(SEED_UNREADABLE);
  return hex(seed as number[]);
}

function heard(resetId: string): void {
  if (listener) listener(resetId);
  else unheard.push(resetId);
}

/** Calls `handler` for each reset of this workflow, at the point its history says it happened. */
export function onReset(handler: ResetListener): void {
  listener = handler;
  for (const resetId of unheard.splice(0)) handler(resetId);
}

export const interceptors: WorkflowInterceptorsFactory = () => ({
  internals: [
    {
      activate(input, next) {
        const jobs = input.activation.jobs ?? [];
        const reseed = jobs.find((job) => job.updateRandomSeed)?.updateRandomSeed?.randomnessSeed;
        const initial = jobs.find((job) => job.initializeWorkflow)?.initializeWorkflow?.randomnessSeed;
        const before = seedSeen ?? (initial ? hex(initial.toBytes()) : undefined);
        const current = currentSeed();
        // Before the activation's jobs: an Update it carries is decided after the reset.
        if (reseed) heard(hex(reseed.toBytes()));
        else if (before !== undefined && current !== before) heard(current);
        next(input);
        seedSeen = currentSeed();
      },
    },
  ],
});
