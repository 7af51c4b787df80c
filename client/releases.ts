import type { Client } from '@temporalio/client';
import { conventionWorkflow } from '../workflows/convention';
import { continueAsNewUpdate, conventionIdOf, workflowIdFor } from '../workflows/messages';
import { PATCHES } from '../workflows/patches';
import { Refusal } from './temporal';

// Retiring a patch (README, "Changing workflow code"): which running conventions still take its
// old branch, and an admin's way to move one onto the new code now rather than at its next
// continue-as-new.

/** Patch ids are plain words: anything else would only be a way to inject a query. */
const PATCH_ID = /^[a-z0-9][a-z0-9-]*$/;

/**
 * Running conventions whose current run has not taken `patch`'s new branch: Temporal adds a patch's
 * id to the run's `TemporalChangeVersion` when `patched()` first answers true in it, and a run that
 * started before the patch (its start replayed without the marker) never does.
 */
export async function conventionsOnOldBranch(client: Client, patch: string): Promise<string[]> {
  if (!PATCH_ID.test(patch))
    throw new Refusal(
      `--patch ${patch}: expected a patch id as workflows/patches.ts lists them, lowercase words joined by hyphens (e.g. year-end-dates)`,
    );
  const query = [
    `WorkflowType = '${conventionWorkflow.name}'`,
    `ExecutionStatus = 'Running'`,
    `(TemporalChangeVersion IS NULL OR TemporalChangeVersion != '${patch}')`,
  ].join(' AND ');
  const ids: string[] = [];
  for await (const workflow of client.workflow.list({ query }))
    ids.push(conventionIdOf(workflow.workflowId) ?? workflow.workflowId);
  return ids.sort();
}

/** Each patch still in the code (workflows/patches.ts), with the conventions still on its old branch. */
export async function oldBranches(client: Client, patches: readonly string[] = PATCHES) {
  return Promise.all(
    patches.map(async (patch) => ({ patch, conventions: await conventionsOnOldBranch(client, patch) })),
  );
}

/**
 * Asks a convention to continue as new (an admin: the workflow refuses anyone else), then waits a
 * little for the new run, which starts once the emails already due have gone.
 */
export async function continueAsNewNow(
  client: Client,
  conventionId: string,
  as: string,
  waitMs = 10_000,
): Promise<{ from: string; to?: string }> {
  const handle = client.workflow.getHandle(workflowIdFor(conventionId));
  const { runId: from } = await handle.executeUpdate(continueAsNewUpdate, { args: [{ as }] });
  for (const deadline = Date.now() + waitMs; Date.now() < deadline;) {
    const { runId } = await handle.describe();
    if (runId !== from) return { from, to: runId };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { from };
}
