import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import proto, { type temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conventionHistory } from '../../client/history';
import { conventionStatus, executeCommand } from '../../client/temporal';
import { conventionWorkflow } from '../../workflows/convention';
import { workflowIdFor } from '../../workflows/messages';
import { historyJSON } from '../../temporal/history-json';
import { startDevServer, temporalCliPath } from '../../temporal/servers';
import { bundleConventionWorkflows } from '../../worker/worker';
import { camino, PEOPLE, SIGNATORIES } from '../fixtures';
import { freePort } from '../helpers/ports';
import { eventually, startHarness, type WorkflowHarness } from '../helpers/workflow-env';

// Admins reset a workflow to undo a bad command. A reset keeps the first run's id, from which the
// register's keys derive: without care, the decisions taken after the reset would meet the keys of
// those it took back and vanish. Reset twice on the dev server — by the installed `temporal` CLI,
// then by the SDK's call — every decision the workflow holds is in the register, the ones taken
// back are marked so and kept, the chain verifies, and no email goes out twice.

const ID = 'reset-2021';
const { EventType } = proto.temporal.api.enums.v1;
type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

let env: TestWorkflowEnvironment;
let harness: WorkflowHarness;
let address: string;
beforeAll(async () => {
  const port = await freePort();
  address = `127.0.0.1:${port}`;
  env = await startDevServer({ port });
  harness = await startHarness(env, 'reset');
}, 120_000);

afterAll(async () => {
  await harness?.close();
  await env?.teardown();
});

const handle = () => env.client.workflow.getHandle(workflowIdFor(ID));
const sign = (party: string, as: string) => executeCommand(handle(), 'sign', { as, party });
const events = async () => ((await handle().fetchHistory()).events ?? []) as HistoryEvent[];

/** The workflow task that accepted the n-th Update of the current run: resetting to it takes that Update back. */
async function taskAccepting(nth: number): Promise<HistoryEvent['eventId']> {
  const all = await events();
  const accepted = all.filter((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED);
  const at = Number(accepted[nth - 1]!.eventId);
  const tasks = all.filter(
    (e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED && Number(e.eventId) < at,
  );
  return tasks.at(-1)!.eventId;
}

/** The register once the workflow has recorded its `count`-th reset. */
const afterResets = (count: number) =>
  eventually(async () => {
    const entries = await harness.register.entries(ID);
    return entries.filter((e) => e.kind === 'reset').length === count && entries;
  }, 30_000);

const signaturesHeld = async () =>
  (await conventionStatus(handle())).signatures.filter((s) => s.signed).map((s) => s.party);
const signaturesInRegister = async () =>
  (await harness.register.decisions(ID)).filter((e) => e.kind === 'sign').map((e) => e.payload.party);

describe('a reset convention', () => {
  it('is started, and two signatures are recorded', async () => {
    await env.client.workflow.start(conventionWorkflow, {
      taskQueue: harness.taskQueue,
      workflowId: workflowIdFor(ID),
      args: [{ convention: { ...camino(), id: ID } }],
    });
    await eventually(() => harness.capture.emails.length === 4);
    await sign('SG', PEOPLE.sgRepresentative);
    await sign('DGALN', PEOPLE.dgalnRepresentative);
    expect(await signaturesInRegister()).toEqual(['SG', 'DGALN']);
  });

  it('reset by the temporal CLI, takes DGALN’s signature back and records the next decisions', async () => {
    const eventId = await taskAccepting(2);
    const cli = await promisify(execFile)(temporalCliPath(), [
      'workflow',
      'reset',
      ...['--address', address, '--workflow-id', workflowIdFor(ID)],
      ...[
        '--event-id',
        String(eventId),
        '--reason',
        'signature recorded by mistake',
        '--reapply-exclude',
        'Update',
      ],
    ]);
    expect(cli.stdout).toMatch(/reset/i);

    const entries = await afterResets(1);
    expect(entries.map((e) => [e.seq, e.kind, e.supersededBy])).toEqual([
      [1, 'sign', undefined],
      [2, 'sign', 3],
      [3, 'reset', undefined],
    ]);
    expect(entries[2]!.payload).toMatchObject({ after: 1, supersedes: [2] });
    expect(await signaturesHeld()).toEqual(['SG']);

    // Decided after the reset: new entries of their own, not the ones taken back.
    const dgpr = await sign('DGPR', PEOPLE.dgprRepresentative);
    expect(dgpr.registerSeq).toBe(4);
    await sign('DGALN', PEOPLE.dgalnRepresentative);
    expect(await signaturesInRegister()).toEqual(['SG', 'DGPR', 'DGALN']);
    expect(await signaturesHeld()).toEqual(['SG', 'DGALN', 'DGPR']);
    expect(await harness.register.verify(ID)).toEqual({ ok: true, entries: 5 });
  });

  it('reset again by the SDK, past the first reset, takes back the decision after it', async () => {
    const current = await handle().describe();
    await env.client.workflowService.resetWorkflowExecution({
      namespace: 'default',
      workflowExecution: { workflowId: workflowIdFor(ID), runId: current.runId },
      reason: 'DGALN signed the wrong version',
      // The run's third Update: DGALN's signature after the first reset.
      workflowTaskFinishEventId: await taskAccepting(3),
      requestId: `reset-${current.runId}`,
      resetReapplyExcludeTypes: [
        proto.temporal.api.enums.v1.ResetReapplyExcludeType.RESET_REAPPLY_EXCLUDE_TYPE_UPDATE,
      ],
    });
    const entries = await afterResets(2);
    expect(entries.at(-1)).toMatchObject({ seq: 6, kind: 'reset', payload: { after: 2, supersedes: [5] } });
    expect(await signaturesHeld()).toEqual(['SG', 'DGPR']);

    await sign('DGALN', PEOPLE.dgalnRepresentative);
    await sign('DINUM', PEOPLE.dinumRepresentative);
    await eventually(() => harness.capture.emails.some((e) => e.kind === 'publication-request'));
    expect(await signaturesInRegister()).toEqual(['SG', 'DGPR', 'DGALN', 'DINUM']);
    expect(await harness.register.verify(ID)).toEqual({ ok: true, entries: 8 });
  });

  it('replays its history, both resets in it, against the current workflow', async () => {
    const history = await handle().fetchHistory();
    const resets = (history.events ?? []).filter(
      (e) =>
        e.workflowTaskFailedEventAttributes?.cause ===
        proto.temporal.api.enums.v1.WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_RESET_WORKFLOW,
    );
    expect(resets).toHaveLength(2);
    // `convention history` tells them, with the reason the admin gave.
    const timeline = await conventionHistory(env.client, workflowIdFor(ID));
    expect(
      timeline.entries.filter((e) => e.type === 'reset').map((e) => e.type === 'reset' && e.reason),
    ).toEqual([
      // The CLI puts the name of whoever ran it before the reason.
      expect.stringMatching(/^\S+: signature recorded by mistake$/),
      'DGALN signed the wrong version',
    ]);
    await Worker.runReplayHistory(
      { workflowBundle: await bundleConventionWorkflows(), replayName: ID },
      history,
    );
    // `HISTORIES_DIR=test/histories npx vitest run test/workflows/reset.test.ts` keeps it as a replay fixture.
    if (process.env.HISTORIES_DIR)
      writeFileSync(`${process.env.HISTORIES_DIR}/signed-reset-twice.json`, historyJSON(history));
  }, 60_000);

  it('reset by the temporal CLI to its first task, takes every decision back and sends no email again', async () => {
    await promisify(execFile)(temporalCliPath(), [
      'workflow',
      'reset',
      ...['--address', address, '--workflow-id', workflowIdFor(ID), '--type', 'FirstWorkflowTask'],
      ...['--reason', 'start the signatures over', '--reapply-exclude', 'Update'],
    ]);
    const entries = await afterResets(3);
    expect(entries.at(-1)).toMatchObject({
      seq: 9,
      kind: 'reset',
      payload: { after: 0, supersedes: [1, 4, 7, 8] },
    });
    expect(await signaturesInRegister()).toEqual([]);
    expect(await signaturesHeld()).toEqual([]);

    for (const [party, as] of SIGNATORIES) await sign(party, as);
    expect(await signaturesHeld()).toEqual(['SG', 'DGALN', 'DGPR', 'DINUM']);
    expect(await harness.register.verify(ID)).toEqual({ ok: true, entries: 13 });
    expect(
      (await harness.register.entries(ID)).map((e) => [e.seq, e.kind, e.supersededBy, e.payload.party]),
    ).toEqual([
      [1, 'sign', 9, 'SG'],
      [2, 'sign', 3, 'DGALN'],
      [3, 'reset', undefined, undefined],
      [4, 'sign', 9, 'DGPR'],
      [5, 'sign', 6, 'DGALN'],
      [6, 'reset', undefined, undefined],
      [7, 'sign', 9, 'DGALN'],
      [8, 'sign', 9, 'DINUM'],
      [9, 'reset', undefined, undefined],
      [10, 'sign', undefined, 'SG'],
      [11, 'sign', undefined, 'DGALN'],
      [12, 'sign', undefined, 'DGPR'],
      [13, 'sign', undefined, 'DINUM'],
    ]);
    // The requests that follow the signatures went out after the second reset: found sent, not sent again.
    const chorus = await eventually(async () => {
      const status = await conventionStatus(handle());
      return status.emailsSent >= 6 && status;
    });
    expect(chorus.state).toBe('awaiting-publication');
    const kinds = harness.capture.emails.map((e) => e.kind);
    expect(kinds.filter((k) => k === 'signature-request')).toHaveLength(4);
    expect(kinds.filter((k) => k === 'chorus-habilitation-request')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'publication-request')).toHaveLength(1);
    const keys = harness.capture.emails.map((e) => e.idempotencyKey);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
