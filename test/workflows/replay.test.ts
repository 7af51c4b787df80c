import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { beforeAll, describe, expect, it } from 'vitest';
import { conventionDataConverter, parsePayloadKeys, type PayloadKey } from '../../crypto/codec';
import { bundleConventionWorkflows } from '../../worker/worker';

// Every recorded history of the seed convention (test/histories/*.json: signing, in force with
// reports, suspended, under notice, closed, recorded before the KEEP_WAKE_TIMER patch; then one
// after each later patch, workflows/patches.ts) must replay against the current workflow code: a
// change that would break conventions already running fails here, in CI, not in production.

const HISTORIES = fileURLToPath(new URL('../histories/', import.meta.url));
const CHANGED = fileURLToPath(new URL('../sandbox/changed-convention.ts', import.meta.url));
const files = readdirSync(HISTORIES).filter((file) => file.endsWith('.json'));
const history = (file: string) => historyFromJSON(JSON.parse(readFileSync(`${HISTORIES}${file}`, 'utf8')));

describe('recorded histories replay against the current workflow', () => {
  let current: WorkflowBundleWithSourceMap;
  let changed: WorkflowBundleWithSourceMap;
  beforeAll(async () => {
    current = await bundleConventionWorkflows();
    changed = await bundleConventionWorkflows(CHANGED);
  }, 120_000);

  it('has histories of each stage of a convention', () => {
    expect(files.sort()).toEqual([
      // After COMMITMENT_WARNINGS: warnings, an intrapreneur designated, the accompaniment ended.
      'accompaniment-ended.commitment-warnings.json',
      'closed.json',
      // After PEOPLE_SEARCH: the people's hashes made by a local activity and upserted.
      'closed.people-search.json',
      // After REGISTER_IN_TASK: every register entry written by a local activity, to the closing.
      'closed.register-in-task.json',
      // After STATS_IN_REGISTER: the statistics facts written with the decisions and by a local activity.
      'closed.stats-in-register.json',
      // After schedule-committee: committee 1 given a time and a place once convened, then another time.
      'committee-moved.schedule-committee.json',
      // After PENDING_ACTIONS and RESETS_IN_REGISTER: credits asked for, no intrapreneur, a report replaced.
      'credits-requested.pending-actions.json',
      // A person's weekly digest: their choice kept, three Mondays' digests, then let go.
      'digest.weekly.json',
      'in-force-with-reports.json',
      // Recorded after the KEEP_WAKE_TIMER patch: the others replay its old branch, this one its new.
      'in-force-with-reports.keep-wake-timer.json',
      // After PACED_REMINDERS: overdue reports in one email, escalated, spaced out, started afresh.
      'reports-overdue.paced-reminders.json',
      // Reset twice (test/workflows/reset.test.ts, on the dev server), the second past the first.
      'signed-reset-twice.json',
      'signing.json',
      'suspended.json',
      'under-notice.json',
      // After SEARCH_ATTRIBUTES and REFUSALS_IN_HISTORY: upserts, and a refusal by the update handler.
      'under-notice.search-and-refusals.json',
      // After BUDGET_YEARS: September to March, the year's forecasts, refusals after its dates, its statement.
      'year-end.budget-years.json',
    ]);
  });

  it.each(files)('%s', async (file) => {
    await Worker.runReplayHistory({ workflowBundle: current, replayName: file }, history(file));
  });

  // Histories written in clear before PAYLOAD_KEYS was set must go on under an encrypting worker.
  it.each(files)('%s with payload encryption turned on', async (file) => {
    const keys = parsePayloadKeys(`2026-11:${Buffer.alloc(32, 7).toString('base64')}`) as PayloadKey[];
    await Worker.runReplayHistory(
      { workflowBundle: current, replayName: file, dataConverter: conventionDataConverter(keys) },
      history(file),
    );
  });

  it.each(files)('%s fails against a workflow changed without patched()', async (file) => {
    await expect(
      Worker.runReplayHistory({ workflowBundle: changed, replayName: file }, history(file)),
    ).rejects.toThrow(DeterminismViolationError);
  });
});
