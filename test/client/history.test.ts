import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conventionHistory, type ConventionHistory, type HistoryEntry } from '../../client/history';
import { historyText } from '../../client/format';
import { conventionWorkflow } from '../../workflows/convention';
import { uncheckedCommandUpdate, workflowIdFor } from '../../workflows/messages';
import { startTimeSkippingServer } from '../../temporal/servers';
import { camino, PEOPLE } from '../fixtures';
import { eventually, startHarness, type WorkflowHarness } from '../helpers/workflow-env';

// `convention history` rebuilds a timeline from Temporal's event history: commands with their actor
// and outcome (refusals included), emails, state changes, timers, continue-as-new and the close.

let env: TestWorkflowEnvironment;
let harness: WorkflowHarness;
let history: ConventionHistory;
const ID = 'history-2021';

const of = <T extends HistoryEntry['type']>(type: T) =>
  history.entries.filter((entry): entry is Extract<HistoryEntry, { type: T }> => entry.type === type);

beforeAll(async () => {
  env = await startTimeSkippingServer();
  harness = await startHarness(env, 'history');
  const started = await env.client.workflow.start(conventionWorkflow, {
    taskQueue: harness.taskQueue,
    workflowId: workflowIdFor(ID),
    // Four signature requests and two signatures make six actions: the run continues as new.
    args: [{ convention: { ...camino(), id: ID }, continueAsNewAfter: 6 }],
  });
  const handle = env.client.workflow.getHandle(workflowIdFor(ID));
  const sign = (as: string, party?: string) =>
    handle.executeUpdate(uncheckedCommandUpdate('sign'), { args: [{ as, ...(party ? { party } : {}) }] });

  await eventually(() => harness.capture.emails.length === 4);
  await sign(PEOPLE.sgRepresentative, 'SG');
  await sign(PEOPLE.dgalnRepresentative, 'DGALN');
  for (let runId = started.firstExecutionRunId; runId === started.firstExecutionRunId;)
    ({ runId } = await handle.describe());
  await expect(sign(PEOPLE.dinumContact, 'DGPR')).rejects.toThrow();
  // Malformed: turned away by the validator, so it never reaches the history.
  await expect(sign(PEOPLE.dinumContact)).rejects.toThrow();
  await sign(PEOPLE.dgprRepresentative, 'DGPR');
  await sign(PEOPLE.dinumRepresentative, 'DINUM');
  await eventually(() => harness.capture.emails.length === 6);
  // The publication and Chorus reminders are due on the first working day a week later, 8 a.m.
  await env.sleep('10 days');
  await eventually(() => harness.capture.emails.length > 6);
  await handle.terminate('test over');
  history = await conventionHistory(env.client, workflowIdFor(ID));
}, 120_000);

afterAll(async () => {
  await harness?.close();
  await env?.teardown();
});

describe('convention history', () => {
  it('follows continue-as-new back to the first run', () => {
    expect(history.runs.length).toBeGreaterThanOrEqual(2);
    const runs = of('run-started');
    expect(runs.map((r) => r.runId)).toEqual(history.runs);
    expect(runs[0]!.continuedFrom).toBeUndefined();
    expect(runs[1]!.continuedFrom).toBe(history.runs[0]);
    expect(of('continued-as-new').map((c) => c.nextRunId)).toEqual(history.runs.slice(1));
  });

  it('lists each command with its actor, accepted or refused and why', () => {
    expect(
      of('command').map((c) => [c.command, c.as, c.fields.party, c.ok, c.state ?? c.error?.type]),
    ).toEqual([
      ['sign', PEOPLE.sgRepresentative, 'SG', true, 'signing'],
      ['sign', PEOPLE.dgalnRepresentative, 'DGALN', true, 'signing'],
      ['sign', PEOPLE.dinumContact, 'DGPR', false, 'NotAllowed'],
      ['sign', PEOPLE.dgprRepresentative, 'DGPR', true, 'signing'],
      ['sign', PEOPLE.dinumRepresentative, 'DINUM', true, 'awaiting-publication'],
    ]);
    expect(of('command')[2]!.error!.message).toContain('may not sign for DGPR: only its representative');
    // Its code and figures too, for the console to say it in French.
    expect(of('command')[2]!.error!.refusal).toMatchObject({
      type: 'NotAllowed',
      code: 'not-representative',
      figures: { actor: PEOPLE.dinumContact, party: 'DGPR' },
    });
    expect(of('command').map((c) => c.registerSeq)).toEqual([1, 2, undefined, 3, 4]);
  });

  it('lists each email with its kind and recipients, as the SMTP server received them', () => {
    const emails = of('email');
    expect(emails.every((e) => e.outcome === 'sent')).toBe(true);
    expect(emails.map((e) => [e.kind, e.to])).toEqual(harness.capture.emails.map((e) => [e.kind, e.to]));
    expect(emails[0]).toMatchObject({
      kind: 'signature-request',
      to: [PEOPLE.sgRepresentative, 'sg.budget@example.org'],
    });
  });

  it('shows the state changes, the timers and the end', () => {
    expect(of('state').map((s) => [s.from, s.to])).toEqual([
      [null, 'signing'],
      ['signing', 'awaiting-publication'],
    ]);
    const fired = of('timer-fired');
    expect(fired.length).toBeGreaterThan(0);
    const started = of('timer-started').find(
      (t) => t.timerId === fired[0]!.timerId && t.run === fired[0]!.run,
    )!;
    expect(Date.parse(fired[0]!.at)).toBeGreaterThanOrEqual(Date.parse(started.firesAt));
    // What the fired timer woke the workflow for: the reminders.
    expect(
      of('email')
        .filter((e) => e.at >= fired[0]!.at)
        .map((e) => e.kind),
    ).toContain('publication-reminder');
    expect(history.entries.at(-1)).toMatchObject({
      type: 'closed',
      status: 'terminated',
      reason: 'test over',
    });
  });

  it('reads as text, one line per entry', () => {
    const text = historyText(history);
    expect(text).toContain(`${workflowIdFor(ID)} (${history.runs.length} runs)`);
    expect(text).toMatch(
      /command {2}sign by dinum\.betagouv@example\.org \[party: DGPR\]: refused \(NotAllowed\): dinum\.betagouv@example\.org may not sign for DGPR: .* or an admin may\.$/m,
    );
    expect(text).toMatch(
      /email {4}signature-request → sg\.representant@example\.org, sg\.budget@example\.org \[sent\]/,
    );
    expect(text).toContain('state    signing → awaiting-publication');
    expect(text).toMatch(/continued as new → run /);
    expect(text.split('\n')).toHaveLength(history.entries.length + 2);
  });
});
