import { WithStartWorkflowOperation, type WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historyText } from '../../client/format';
import { conventionHistory } from '../../client/history';
import { participantHasher } from '../../crypto/participants';
import { localDateOf } from '../../domain/dates';
import { nextDigest, type DigestSlot } from '../../domain/digest';
import { actionsIn } from '../../temporal/awaited';
import { startTimeSkippingServer } from '../../temporal/servers';
import { conventionWorkflow } from '../../workflows/convention';
import { digestWorkflow } from '../../workflows/digest';
import { digestChoiceUpdate, digestWorkflowIdFor, workflowIdFor } from '../../workflows/messages';
import { camino, PEOPLE } from '../fixtures';
import { startHarness, type WorkflowHarness } from '../helpers/workflow-env';

// The weekly digest on the real time-skipping server (SPEC §10): DGPR's representative, who has
// not signed, chooses it; weeks pass. The worker holds his signature reminders back (the history
// says so) and sends him one digest a week, on the week's first working day at 9:00 in Paris,
// listing what waits on him; then he goes back to each reminder, and the digests stop.

const DAY_MS = 86_400_000;
const CONSOLE = 'https://conventions.example.org';
const reader = PEOPLE.dgprRepresentative;
const hash = participantHasher()(reader);

let env: TestWorkflowEnvironment;
let harness: WorkflowHarness;
let convention: WorkflowHandle;
let startedAt: number;

const digests = () => harness.capture.emails.filter((email) => email.kind === 'weekly-digest');
const reminders = () => harness.capture.emails.filter((email) => email.kind === 'signature-reminder');

/** The digests the domain says go from `from` to `to`. */
function slotsBetween(from: number, to: number): DigestSlot[] {
  const slots: DigestSlot[] = [];
  for (let slot = nextDigest(from); slot.at <= to; slot = nextDigest(slot.at)) slots.push(slot);
  return slots;
}

function choose(weekly: boolean) {
  return env.client.workflow.executeUpdateWithStart(digestChoiceUpdate, {
    args: [{ weekly }],
    startWorkflowOperation: new WithStartWorkflowOperation(digestWorkflow, {
      workflowId: digestWorkflowIdFor(hash),
      taskQueue: harness.taskQueue,
      args: [{ email: reader }],
      workflowIdConflictPolicy: 'USE_EXISTING',
    }),
  });
}

beforeAll(async () => {
  env = await startTimeSkippingServer();
  harness = await startHarness(env, 'digest', {
    consoleUrl: CONSOLE,
    // The time-skipping server has no visibility to list conventions by: the one convention, as
    // the worker's visibility query would find it.
    awaitedActions: (client, email, at) => actionsIn(client, [workflowIdFor('camino-2020')], email, at),
  });
  startedAt = await env.currentTimeMs();
  convention = await env.client.workflow.start(conventionWorkflow, {
    taskQueue: harness.taskQueue,
    workflowId: workflowIdFor('camino-2020'),
    args: [{ convention: camino() }],
  });
}, 60_000);

afterAll(async () => {
  await harness?.close();
  await env?.teardown();
});

describe('a weekly digest instead of the reminders', () => {
  it('keeps the choice where the worker reads it, before answering', async () => {
    expect(await choose(true)).toEqual({ weekly: true });
    expect(await harness.register.digestReaders([reader.toUpperCase(), PEOPLE.sgRepresentative])).toEqual([
      reader.toUpperCase(),
    ]);
  });

  it('sends one digest a week, on its first working day at 9:00 in Paris, listing what waits on him', async () => {
    await env.sleep(22 * DAY_MS);
    const now = await env.currentTimeMs();
    const slots = slotsBetween(startedAt, now);
    expect(slots.length).toBeGreaterThanOrEqual(3);
    const sent = digests();
    expect(sent.map((email) => email.idempotencyKey)).toEqual(
      slots.map((slot) => `digest/${hash}/${slot.week}`),
    );
    for (const [i, email] of sent.entries()) {
      expect(email.to).toEqual([reader]);
      expect(localDateOf(email.date, 'Europe/Paris')).toBe(localDateOf(slots[i]!.at, 'Europe/Paris'));
      expect(Math.abs(email.date - slots[i]!.at)).toBeLessThan(60_000);
      expect(email.subject).toMatch(/^Vos actions en attente : 1 action, semaine du \d{1,2}(er)? \S+ \d{4}$/);
      expect(email.text).toContain(
        `Signer la convention pour DGPR : ${CONSOLE}/conventions/camino-2020/sign?party=DGPR`,
      );
      expect(email.text).toContain(`${camino().title} :`);
      expect(email.html).toContain(`<a href="${CONSOLE}/rappels">`);
    }
  }, 120_000);

  it('holds his signature reminders back, still sent to DGPR’s contact, and says so in the history', async () => {
    const held = reminders().filter((email) => email.to.includes('dgpr.budget@example.org'));
    expect(held.length).toBeGreaterThanOrEqual(2);
    for (const email of held) expect(email.to).toEqual(['dgpr.budget@example.org']);
    const history = await conventionHistory(env.client, workflowIdFor('camino-2020'));
    const { entries } = history;
    const dgprReminders = entries.filter(
      (entry) => entry.type === 'email' && entry.kind === 'signature-reminder' && entry.to.includes(reader),
    );
    expect(dgprReminders.length).toBe(held.length);
    for (const entry of dgprReminders) expect(entry).toMatchObject({ outcome: 'sent', heldFor: [reader] });
    expect(historyText(history)).toContain(
      `email    signature-reminder → ${reader}, dgpr.budget@example.org [sent, held for the weekly digest of ${reader}]`,
    );
    // The other signatories' reminders are theirs as before.
    expect(reminders().some((email) => email.to.includes(PEOPLE.sgRepresentative))).toBe(true);
  });

  it('goes back to each reminder when he chooses so, and the digests stop', async () => {
    expect(await choose(false)).toEqual({ weekly: false });
    expect(await harness.register.digestReaders([reader])).toEqual([]);
    const digestsBefore = digests().length;
    const remindersBefore = reminders().length;
    await env.sleep(15 * DAY_MS);
    expect(digests().length).toBe(digestsBefore);
    const after = reminders().slice(remindersBefore);
    expect(after.some((email) => email.to.includes(reader))).toBe(true);
    // Let go at the next digest's hour: nothing runs for someone who no longer takes it.
    const digest = env.client.workflow.getHandle(digestWorkflowIdFor(hash));
    expect((await digest.describe()).status.name).toBe('COMPLETED');
    await convention.terminate('end of test');
  }, 120_000);
});
