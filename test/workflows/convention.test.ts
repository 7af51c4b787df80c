import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { participantsOf } from '../../domain/access';
import { firstDayOfNextMonth } from '../../domain/dates';
import type { CommandName } from '../../domain/commands';
import { conventionWorkflow } from '../../workflows/convention';
import {
  dueDayValue,
  SEARCH_ATTRIBUTES,
  statusQuery,
  uncheckedCommandUpdate,
  workflowIdFor,
} from '../../workflows/messages';
import { participantHasher } from '../../crypto/participants';
import { startTimeSkippingServer } from '../../temporal/servers';
import { camino, PEOPLE, SIGNATORIES } from '../fixtures';
import { eventually, startHarness, type WorkflowHarness } from '../helpers/workflow-env';

let env: TestWorkflowEnvironment;
let harness: WorkflowHarness;
beforeAll(async () => {
  env = await startTimeSkippingServer();
  harness = await startHarness(env, 'convention-workflow');
});
afterAll(async () => {
  await harness?.close();
  await env?.teardown();
});

type Handle = WorkflowHandle<typeof conventionWorkflow>;

async function startConvention(id: string): Promise<Handle> {
  const convention = { ...camino(), id };
  const handle = await env.client.workflow.start(conventionWorkflow, {
    taskQueue: harness.taskQueue,
    workflowId: workflowIdFor(id),
    args: [{ convention }],
  });
  // The four signature requests go out at once; the workflow counts the last once its activity is done.
  await eventually(
    () =>
      harness.capture.emails.filter((e) => e.idempotencyKey.startsWith(`${workflowIdFor(id)}/`)).length === 4,
  );
  await eventually(async () => (await handle.query(statusQuery)).emailsSent === 4);
  return handle;
}

// Unchecked: some cases are payloads only the workflow's validator may turn away.
const send = (handle: Handle, name: CommandName, payload: unknown) =>
  handle.executeUpdate(uncheckedCommandUpdate(name), { args: [payload] });

/** The search attributes as Temporal has them, once the workflow has caught up with its last command. */
async function searchAttributes(handle: Handle, expectedState: string) {
  for (let attempt = 0; ; attempt += 1) {
    const { typedSearchAttributes: found } = await handle.describe();
    if (found.get(SEARCH_ATTRIBUTES.state) === expectedState || attempt === 100)
      return Object.fromEntries(Object.values(SEARCH_ATTRIBUTES).map((key) => [key.name, found.get(key)]));
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function refusal(promise: Promise<unknown>): Promise<{ type?: string; message: string }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (error as WorkflowUpdateFailedError).cause as { type?: string; message: string };
  return { type: cause.type, message: cause.message };
}

describe('the convention workflow on the time-skipping server', () => {
  it('answers status: state, who we wait on, next deadlines, budget', async () => {
    const handle = await startConvention('status-2021');
    const status = await handle.query(statusQuery);
    expect(status.state).toBe('signing');
    expect(status.waitingOn).toEqual(['SG', 'DGALN', 'DGPR', 'DINUM']);
    expect(status.pending[2]).toMatchObject({
      command: 'sign',
      about: { party: 'DGPR' },
      waitingOn: [
        {
          party: 'DGPR',
          people: [
            { name: 'Cédric Bourillet', email: PEOPLE.dgprRepresentative },
            { email: 'dgpr.budget@example.org' },
          ],
        },
      ],
    });
    expect(status.nextDeadlines.map((d) => d.kind)).toEqual(Array(4).fill('signature-reminder'));
    const reminderAt = new Date(status.nextDeadlines[0]!.at);
    expect(reminderAt.getTime() - Date.parse(status.startedAt)).toBeGreaterThanOrEqual(6 * 86_400_000);
    expect(status.budget.total).toEqual({ ae: '320000.00', cp: '320000.00' });
    expect(status.budget.uos.map((uo) => [uo.uo, uo.ae, uo.aeToRestore])).toEqual([
      ['0113-PEBC-ELAB', '220000.00', '80000.00'],
      ['0181-CPRI-ELAB', '100000.00', '0.00'],
    ]);
    expect(status.emailsSent).toBe(4);
  });

  it('refuses every bad command with its reason, and changes nothing', async () => {
    const handle = await startConvention('refusals-2021');
    await send(handle, 'sign', { as: PEOPLE.dgalnRepresentative, party: 'DGALN' });
    const before = await handle.query(statusQuery);

    const cases: [CommandName, Record<string, unknown>, string, string][] = [
      ['sign', { as: PEOPLE.admin, party: 'DGEC' }, 'UnknownParty', 'unknown party "DGEC"'],
      ['sign', { as: PEOPLE.dgalnRepresentative, party: 'DGALN' }, 'AlreadyDone', 'DGALN already signed on'],
      [
        'sign',
        { as: PEOPLE.dinumContact, party: 'DGPR' },
        'NotAllowed',
        'may not sign for DGPR: only its representative',
      ],
      [
        'sign',
        { as: PEOPLE.onfRepresentative, party: 'ONF' },
        'NotAllowed',
        'ONF is a co-funder and does not sign',
      ],
      ['sign', { party: 'SG' }, 'InvalidCommand', 'sign: as: required'],
      [
        'publish',
        { as: PEOPLE.dinumContact, where: 'data.gouv.fr' },
        'WrongState',
        'cannot publish before every signatory has signed',
      ],
      [
        'publish',
        { as: PEOPLE.dgalnContact, where: 'data.gouv.fr' },
        'NotAllowed',
        'only a contact of the délégataire',
      ],
      [
        'confirm-chorus',
        { as: PEOPLE.dgalnContact },
        'WrongState',
        'Chorus habilitations are requested once every signatory has signed',
      ],
      ['confirm-chorus', { as: PEOPLE.dinumContact }, 'NotAllowed', 'only a contact of the délégant'],
    ];
    for (const [name, payload, type, message] of cases) {
      const refused = await refusal(send(handle, name, payload));
      expect(refused.type, `${name} ${JSON.stringify(payload)}`).toBe(type);
      expect(refused.message).toContain(message);
    }

    expect(await handle.query(statusQuery)).toEqual(before);
    // Only the accepted signature reached the register.
    expect((await harness.register.entries('refusals-2021')).map((e) => [e.kind, e.actor])).toEqual([
      ['sign', PEOPLE.dgalnRepresentative],
    ]);
  });

  it('goes from signing to in force, registering each command in a verifiable chain', async () => {
    const handle = await startConvention('in-force-2021');
    for (const [party, as] of SIGNATORIES) {
      const result = await send(handle, 'sign', { as, party });
      expect(result.state).toBe(party === 'DINUM' ? 'awaiting-publication' : 'signing');
    }
    await eventually(() =>
      ['chorus-habilitation-request', 'publication-request'].every((kind) =>
        harness.capture.emails.some(
          (e) => e.kind === kind && e.idempotencyKey.startsWith('convention-in-force-2021/'),
        ),
      ),
    );
    expect((await handle.query(statusQuery)).waitingOn).toEqual(['SG', 'DGALN', 'DGPR', 'DINUM']);

    await send(handle, 'confirm-chorus', { as: PEOPLE.dgalnContact });
    const published = await send(handle, 'publish', { as: PEOPLE.dinumContact, where: 'data.gouv.fr' });
    expect(published).toEqual({ state: 'in-force', registerSeq: 6 });

    const inForce = await eventually(() =>
      harness.capture.emails.find(
        (e) => e.kind === 'convention-in-force' && e.idempotencyKey.startsWith('convention-in-force-2021/'),
      ),
    );
    expect(inForce.cc).toEqual(['cbcm.premier-ministre@example.org', 'cbcm.delegant@example.org']);
    expect(inForce.to).toContain('onf.finances@example.org');

    const status = await handle.query(statusQuery);
    expect(status.state).toBe('in-force');
    expect(status.pending).toEqual([]);
    expect(status.stateChanges.map((c) => c.to)).toEqual(['signing', 'awaiting-publication', 'in-force']);
    expect((await harness.register.entries('in-force-2021')).map((e) => e.kind)).toEqual([
      'sign',
      'sign',
      'sign',
      'sign',
      'confirm-chorus',
      'publish',
    ]);
    expect(await harness.register.verify('in-force-2021')).toEqual({ ok: true, entries: 6 });
  });

  it('keeps its search attributes current: state, who we wait on, next deadline, people as hashes', async () => {
    const handle = await startConvention('search-2021');
    const signing = await handle.query(statusQuery);
    const hash = participantHasher();
    const hashes = (emails: string[]) => [...new Set(emails.map(hash))].sort();
    const participants = hashes(participantsOf(camino()));
    const signingAttributes = await searchAttributes(handle, 'signing');
    expect(signingAttributes).toEqual({
      ConventionId: 'search-2021',
      ConventionState: 'signing',
      StartupName: 'Camino',
      NextDeadline: new Date(signing.nextDeadlines[0]!.at),
      // A signature has no due day: « Prochaine échéance » is none, whatever the reminders.
      NextActionDue: undefined,
      WaitingOn: ['SG', 'DGALN', 'DGPR', 'DINUM'],
      Participants: participants,
      AwaitedPeople: hashes(
        signing.pending.flatMap((a) => a.waitingOn.flatMap((w) => w.people.map((p) => p.email))),
      ),
    });
    // Everyone named, each once, and no address in clear.
    expect(participants).toHaveLength(new Set(participantsOf(camino()).map((e) => e.toLowerCase())).size);
    expect(signingAttributes.AwaitedPeople).toContain(hash(SIGNATORIES[0][1]));
    expect(JSON.stringify(signingAttributes)).not.toContain('@');
    for (const [party, as] of SIGNATORIES) await send(handle, 'sign', { as, party });
    expect(await searchAttributes(handle, 'awaiting-publication')).toMatchObject({
      ConventionState: 'awaiting-publication',
      WaitingOn: ['SG', 'DGALN', 'DGPR', 'DINUM'],
    });
    await send(handle, 'confirm-chorus', { as: PEOPLE.dgalnContact });
    await send(handle, 'publish', { as: PEOPLE.dinumContact, where: 'data.gouv.fr' });
    const inForce = await searchAttributes(handle, 'in-force');
    const status = await handle.query(statusQuery);
    expect(inForce).toEqual({
      ConventionId: 'search-2021',
      ConventionState: 'in-force',
      StartupName: 'Camino',
      NextDeadline: new Date(status.nextDeadlines[0]!.at),
      NextActionDue: undefined,
      WaitingOn: [],
      Participants: participants,
      AwaitedPeople: [],
    });
    // Into next month: the month's report is owed, due on the 10th; its reminder goes before.
    const firstOfNextMonth = Date.parse(
      `${firstDayOfNextMonth(await env.currentTimeMs(), 'Europe/Paris')}T12:00:00Z`,
    );
    await env.sleep(firstOfNextMonth - (await env.currentTimeMs()));
    const owed = await handle.query(statusQuery, { at: await env.currentTimeMs() });
    expect(owed.nextDeadline).toMatchObject({
      command: 'submit-report',
      deadline: expect.stringMatching(/-10$/),
    });
    const due = dueDayValue(owed.nextDeadline!.deadline!);
    const reportOwed = await eventually(async () => {
      const { typedSearchAttributes: found } = await handle.describe();
      return found.get(SEARCH_ATTRIBUTES.nextActionDue)?.getTime() === due.getTime() && found;
    });
    expect(reportOwed.get(SEARCH_ATTRIBUTES.nextDeadline)!.getTime()).toBeLessThan(due.getTime());
  });
});
