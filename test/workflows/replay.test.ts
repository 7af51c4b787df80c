import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { beforeAll, describe, expect, it } from 'vitest';
import { conventionDataConverter, parsePayloadKeys, type PayloadKey } from '../../crypto/codec';
import { bundleConventionWorkflows } from '../../worker/worker';

// Every recorded history (test/histories/*.json: the seed convention at each stage of its life, a
// weekly digest; recorded from release 1.0.0, then one for each patch after it, workflows/patches.ts)
// must replay against the current workflow code: a change that would break conventions already
// running fails here, in CI, not in production.

const HISTORIES = fileURLToPath(new URL('../histories/', import.meta.url));
const CHANGED = fileURLToPath(new URL('../sandbox/changed-convention.ts', import.meta.url));
const files = readdirSync(HISTORIES).filter((file) => file.endsWith('.json'));
// As Temporal's CLI and UI download them: `runReplayHistory` reads that JSON itself.
const history = (file: string): unknown => JSON.parse(readFileSync(`${HISTORIES}${file}`, 'utf8'));

describe('recorded histories replay against the current workflow', () => {
  let current: WorkflowBundleWithSourceMap;
  let changed: WorkflowBundleWithSourceMap;
  beforeAll(async () => {
    current = await bundleConventionWorkflows();
    changed = await bundleConventionWorkflows(CHANGED);
  }, 120_000);

  it('has histories of each stage of a convention', () => {
    expect(files.sort()).toEqual([
      // Warnings while no intrapreneur is designated, one designated, the accompaniment ended.
      'accompaniment-ended.json',
      // Four months: signatures, reports, the final one, closed.
      'closed.json',
      // With COMMITTEE_DAY: published the day before it was recorded; committee 1 decided a month
      // ahead (refused), then recorded as met early, with its day.
      'committee-day.json',
      // Committee 1 given a time and a place once convened, then another time.
      'committee-moved.json',
      // Commands taken, before PLAIN_CHARACTERS, with a tab, a right-to-left override, a control.
      'control-characters.json',
      // Credits asked for and made available, no intrapreneur, a report replaced.
      'credits-requested.json',
      // A person's weekly digest: their choice kept, three Mondays' digests, then let go.
      'digest.weekly.json',
      // With DOCUMENT_CIRCUIT: a financial unit; version 1 approved by it, changes asked by SG,
      // version 2 approved by all; DINUM's signature out of turn refused; signed in order with proof.
      'document-circuit.json',
      // 200 days of the two-year scenario.
      'in-force-with-reports.json',
      // With NEXT_ACTION_DUE: NextActionDue on each report's 10th, a late one kept there.
      'next-action-due.json',
      // The same commands with PLAIN_CHARACTERS: refused, the patch's marker in the history.
      'plain-characters.json',
      // Overdue reports in one email, escalated, spaced out, started afresh.
      'reports-overdue.json',
      // Reset twice (test/workflows/reset.test.ts, on the dev server), the second past the first.
      'signed-reset-twice.json',
      'signing.json',
      // Credits spent down: an insufficiency, a suspension, an avenant, the resumption.
      'suspended.json',
      // Notice given, and a refusal by the update handler.
      'under-notice.json',
      // With WITHDRAWN_EMAILS: `npm start`'s demo, SMTP down at first; the requests of actions done
      // meanwhile (signatures, Chorus, publication) withdrawn, their activities cancelled.
      'withdrawn-emails.json',
      // September to March: the year's forecasts, refusals after its dates, its statement.
      'year-end.json',
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
