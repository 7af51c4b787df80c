import { readFileSync } from 'node:fs';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bringIn, historySchema } from '../../domain/bring-in';
import { addPeriods, localDateOf, periodOf } from '../../domain/dates';
import { plannedEmails } from '../../domain/reminders';
import { describeStatus } from '../../domain/status';
import { parseDocument } from '../../domain/validation';
import { conventionWorkflow } from '../../workflows/convention';
import { statusQuery, workflowIdFor } from '../../workflows/messages';
import { startTimeSkippingServer } from '../../temporal/servers';
import { camino, PEOPLE } from '../fixtures';
import { eventually, startHarness, type WorkflowHarness } from '../helpers/workflow-env';

// Issue 30 item 3: the seed brought in as published on 26 March 2020 with part of its 2020 lines
// spent (fixtures/camino-2020.history.yaml), started today on the time-skipping server. It runs
// as a convention that had run in the tool since then: its state, committees, reports and
// register; and it sends nothing for six years of past but the reports owed, once.

const ID = 'camino-brought-in';
let env: TestWorkflowEnvironment;
let harness: WorkflowHarness;

beforeAll(async () => {
  env = await startTimeSkippingServer();
  harness = await startHarness(env, 'bring-in');
}, 60_000);

afterAll(async () => {
  await harness?.close();
  await env?.teardown();
});

function seedHistory() {
  const text = readFileSync(new URL('../../fixtures/camino-2020.history.yaml', import.meta.url), 'utf8');
  const read = parseDocument(text, 'yaml', historySchema());
  if (!read.ok) throw new Error(read.errors.join('\n'));
  return read.value;
}

describe('the seed brought in as published in 2020, read today', () => {
  it('stands in force with its past in the register, and owes the late reports in one email', async () => {
    const convention = { ...camino(), id: ID };
    const now = await env.currentTimeMs();
    const brought = bringIn(convention, seedHistory(), PEOPLE.admin, now);
    if (!brought.ok) throw new Error(brought.refusal);
    const handle = await env.client.workflow.start(conventionWorkflow, {
      taskQueue: harness.taskQueue,
      workflowId: workflowIdFor(ID),
      args: [{ convention, record: brought.record, broughtIn: brought.entries }],
    });

    // The one email of the past: the monthly reports late since September 2020, listed together,
    // at the reminder hour of a working day — later today, or tomorrow, or after a weekend,
    // whenever the test runs: the server's clock is taken there.
    const [first] = plannedEmails(brought.record, now);
    expect(first!.kind).toBe('report-overdue');
    if (first!.at > now) await env.sleep(first!.at - now);
    const [owed] = await eventually(
      () => harness.capture.emails.length > 0 && harness.capture.emails,
      30_000,
    );
    expect(owed!.kind).toBe('report-overdue');
    expect(owed!.text).toContain('septembre 2020');
    // The first reminder of reports owed since today, not the n-th of six years nobody was sent: nobody copied.
    expect(owed!.cc).toEqual([]);

    const readAt = await env.currentTimeMs();
    const status = await handle.query(statusQuery, { at: readAt });
    const today = localDateOf(readAt, 'Europe/Paris');
    expect(status.state).toBe('in-force');
    expect(status.publication).toMatchObject({ effectiveDate: '2020-03-26' });
    // Committees every six months from the effective date: the next is after today, the first decided.
    expect(status.committees[0]!.decided).toMatchObject({ decision: 'continue' });
    expect(status.nextCommittee!.date > today).toBe(true);
    expect(status.nextCommittee).toEqual(describeStatus(brought.record, readAt).nextCommittee);
    // Every month from September 2020 to the last one ended is owed; the six before were received.
    const late = status.reports.filter((r) => r.daysLate !== undefined && !r.receivedAt).map((r) => r.period);
    expect(late[0]).toBe('2020-09');
    expect(late.at(-1)! >= addPeriods(periodOf(today), -2)).toBe(true);
    expect(status.reports.filter((r) => r.receivedAt)).toHaveLength(6);
    // 2020's credits as the facts spent them.
    const p113 = status.credits.find((c) => c.uo === '0113-PEBC-ELAB')!.years.find((y) => y.year === 2020);
    expect(p113).toMatchObject({ engaged: '90000.00', paid: '45000.00' });
    expect(status.yearStatements.map((s) => s.year)).toContain(2020);

    // The register: the past first, each entry brought in by the admin from the document, on its day.
    const entries = await eventually(async () => {
      const found = await harness.register.entries(ID);
      return found.length >= brought.entries.length && found;
    });
    expect(entries.slice(0, brought.entries.length).map((e) => [e.seq, e.kind, e.at])).toEqual(
      brought.entries.map((e) => [e.seq, e.kind, e.at]),
    );
    expect(entries[0]!.payload).toMatchObject({
      party: 'SG',
      signatory: 'Brice Huet',
      broughtIn: { by: PEOPLE.admin, document: seedHistory().document, on: '2020-03-24' },
    });
    expect(entries.slice(brought.entries.length)).toEqual([]);

    // Nothing else of six years of past goes out: let the worker plan, then count.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(harness.capture.emails.map((e) => e.kind)).toEqual(['report-overdue']);
    expect((await handle.query(statusQuery, { at: readAt })).emailsSent).toBe(1);
  });
});
