import { describe, expect, it } from 'vitest';
import { conventionSchema, type TConvention } from '../../domain/convention';
import { localDateOf } from '../../domain/dates';
import { advance, nextTransitionAt } from '../../domain/lifecycle';
import {
  chaseOf,
  nextDeadlineOf,
  pendingActions,
  recipientsOf,
  type PendingAction,
  type PendingCommand,
} from '../../domain/pending';
import type { ConventionRecord } from '../../domain/record';
import { plannedEmails } from '../../domain/reminders';
import { nextActionDueChangeAt, searchValuesOf } from '../../domain/search';
import { describeStatus } from '../../domain/status';
import { startRecord } from '../../domain/lifecycle';
import { camino, caminoInput, PEOPLE, SIGNATORIES } from '../fixtures';
import { apply, inForce, marchReportIn, report } from '../helpers/records';
import { nextDeadlineText } from '../../domain/french/actions';

// The table of who acts next (domain/pending.ts): what status, WaitingOn and the reminders read.

const START = Date.parse('2020-03-02T09:00:00Z');
const PUBLISHED = Date.parse('2020-03-26T09:00:00Z');
const at = (iso: string) => Date.parse(iso);
const CPRI = '0181-CPRI-ELAB';

/** The seed, DGPR's credits on 0181-CPRI-ELAB made available on request (an échéancier), maybe without intrapreneur. */
function seed({ intrapreneur = true } = {}): TConvention {
  const input = caminoInput();
  const line = input.budget.find((l) => l.uo === CPRI) as Record<string, unknown>;
  line.echeancier = [{ date: '2020-04-01', ae: '40000.00', cp: '40000.00' }];
  if (!intrapreneur) delete (input.roles as { intrapreneur?: unknown }).intrapreneur;
  return conventionSchema().parse(input);
}
const withoutIntrapreneur = () => seed({ intrapreneur: false });

/** In force, the délégataire asking DGPR for credits on 0181-CPRI-ELAB on 1 April 2020. */
const creditsAskedFor = () =>
  apply(
    inForce(START, PUBLISHED, seed()),
    'request-credits',
    { as: PEOPLE.dinumContact, uo: CPRI, ae: '40000.00', cp: '40000.00', wantedBy: '2020-04-15' },
    at('2020-04-01T10:00:00Z'),
  );

const row = (record: ConventionRecord, now: number, command: PendingAction['command']) =>
  pendingActions(record, now).find((action) => action.command === command);

describe('who acts next', () => {
  it('waits on the funder of a UO while its credit request is unanswered', () => {
    const asked = creditsAskedFor();
    const now = at('2020-04-20T10:00:00Z');
    expect(row(asked, now, 'make-available')).toEqual({
      command: 'make-available',
      about: { uo: CPRI, request: 1 },
      description: `credits on ${CPRI} asked for by the délégataire (40000.00 AE, 40000.00 CP, wanted by 2020-04-15)`,
      waitingOn: [
        { party: 'DGPR', name: expect.any(String), people: [{ email: 'dgpr.budget@example.org' }] },
      ],
      since: '2020-04-01T10:00:00.000Z',
      deadline: '2020-04-15',
    });
    expect(describeStatus(asked, now).waitingOn).toContain('DGPR');
    expect(searchValuesOf(asked, now).waitingOn).toContain('DGPR');

    const answered = apply(
      asked,
      'make-available',
      { as: 'dgpr.budget@example.org', uo: CPRI, ae: '40000.00', cp: '40000.00' },
      at('2020-04-21T10:00:00Z'),
    );
    expect(row(answered, now, 'make-available')).toBeUndefined();
  });

  it('waits on the délégant while no intrapreneur is designated, from the effective date', () => {
    const convention = withoutIntrapreneur();
    expect(row(startRecord(convention, START), START, 'designate-intrapreneur')).toBeUndefined();
    const record = inForce(START, PUBLISHED, convention);
    const waiting = row(record, at('2020-04-01T10:00:00Z'), 'designate-intrapreneur');
    expect(waiting?.waitingOn.map((w) => w.party)).toEqual(['SG', 'DGALN', 'DGPR']);
    expect(waiting?.since).toBe('2020-03-26');
    const designated = apply(
      record,
      'designate-intrapreneur',
      { as: PEOPLE.dgalnContact, name: 'Camille Martin', email: 'camille.martin@example.org' },
      at('2020-04-02T10:00:00Z'),
    );
    expect(row(designated, at('2020-04-03T10:00:00Z'), 'designate-intrapreneur')).toBeUndefined();
  });

  it('owes a monthly report from the day its month ends, late only after its due day', () => {
    const record = inForce(START, PUBLISHED);
    const reports = (now: number) =>
      pendingActions(record, now)
        .filter((action) => action.command === 'submit-report')
        .map((action) => [action.about.period, action.since, action.deadline]);
    expect(reports(at('2020-03-31T10:00:00Z'))).toEqual([]);
    expect(reports(at('2020-04-05T10:00:00Z'))).toEqual([['2020-03', '2020-04-01', '2020-04-10']]);
  });

  it('has nothing once the convention is closed', () => {
    const record = { ...inForce(START, PUBLISHED, camino()), state: 'closed' as const };
    expect(pendingActions(record, at('2021-01-01T10:00:00Z'))).toEqual([]);
  });
});

/** Every command that settles a pending action: the type makes this list whole. */
const EVERY_COMMAND = {
  'add-version': true,
  approve: true,
  sign: true,
  'confirm-chorus': true,
  publish: true,
  decide: true,
  'submit-report': true,
  amend: true,
  'make-available': true,
  'designate-intrapreneur': true,
} satisfies Record<PendingCommand, true>;

describe('how each pending action is chased', () => {
  /** Records, each at an instant, that wait on every kind of action between them; no email sent yet. */
  function busyRecords(): [ConventionRecord, number][] {
    const convention = withoutIntrapreneur();
    const started = startRecord(convention, START);
    const signing = apply(started, 'sign', { as: PEOPLE.sgRepresentative, party: 'SG' }, START);
    const signed = SIGNATORIES.reduce(
      (record, [party, as]) => apply(record, 'sign', { as, party }, START + 3_600_000),
      started,
    );
    // In force, credits asked for, a grace period running; in October, reports late and a committee past.
    const asked = apply(
      inForce(START, PUBLISHED, convention),
      'request-credits',
      { as: PEOPLE.dinumContact, uo: CPRI, ae: '40000.00', cp: '40000.00', wantedBy: '2020-04-15' },
      at('2020-04-01T10:00:00Z'),
    );
    const grace = {
      uo: CPRI,
      requested: '1000.00',
      left: '0.00',
      at: '2020-10-01T10:00:00.000Z',
      graceUntil: '2020-10-31T23:00:00.000Z',
    };
    const busy = { ...asked, insufficiencies: [grace] };
    const ending = { ...convention, schedule: { ...convention.schedule, endsOn: '2020-12-31' } };
    const ended = advance(inForce(START, PUBLISHED, ending), at('2021-01-02T10:00:00Z'));
    // The document's circuit: a first version awaited, changes asked for, an approval awaited.
    const circuit = conventionSchema().parse({
      ...caminoInput(),
      roles: { ...caminoInput().roles, financialUnit: ['pole.financier@example.org'] },
    });
    const awaitingVersion = startRecord(circuit, START);
    const toApprove = apply(
      awaitingVersion,
      'add-version',
      { as: PEOPLE.admin, sha256: '1'.repeat(64) },
      START,
    );
    const changesAsked = apply(
      toApprove,
      'request-changes',
      { as: 'pole.financier@example.org', comment: 'Article 2' },
      START + 3_600_000,
    );
    return [
      [awaitingVersion, START + 1000],
      [toApprove, START + 1000],
      [changesAsked, START + 7_200_000],
      [signing, START + 1000],
      [signed, START + 7_200_000],
      [busy, at('2020-10-05T10:00:00Z')],
      [ended, at('2021-01-02T10:00:00Z')],
    ];
  }

  it('has a rule for every command, and the plan sends what it says to those the action waits on', () => {
    const seen = new Set<PendingCommand>();
    for (const [record, now] of busyRecords()) {
      const today = localDateOf(now, record.convention.schedule.timezone);
      const emails = plannedEmails(record, now);
      for (const action of pendingActions(record, now)) {
        seen.add(action.command);
        const chase = chaseOf(action, record);
        if ('notChased' in chase) continue;
        const { request, reminders } = chase;
        const requested = request !== undefined && !(request.until && request.until < today);
        const requests = emails.filter(
          (email) => requested && email.series === request.series && email.kind === request.kind,
        );
        const reminding = emails.filter((email) =>
          'together' in reminders
            ? email.kind === reminders.together
            : email.series === reminders.series && email.kind === reminders.kind,
        );
        expect([requests.map((email) => email.at), reminding.length], action.description).toEqual([
          requested ? [request.at] : [],
          1,
        ]);
        const chasing = [...requests, ...reminding];
        for (const email of chasing) expect(email.to, email.series).toEqual(recipientsOf(action.waitingOn));
      }
    }
    expect([...seen].sort()).toEqual(Object.keys(EVERY_COMMAND).sort());
  });
});
describe('the search attributes', () => {
  it('are what the status says, read without building a whole status', () => {
    const asked = creditsAskedFor();
    const records = [startRecord(camino(), START), inForce(START, PUBLISHED, withoutIntrapreneur()), asked];
    for (const record of records)
      for (const days of [0, 3, 40, 200, 800]) {
        const now = START + days * 86_400_000;
        const status = describeStatus(record, now);
        expect(searchValuesOf(record, now)).toEqual({
          conventionId: status.id,
          state: status.state,
          startupName: status.startup,
          nextDeadline: status.nextDeadlines[0]?.at ?? null,
          nextActionDue: status.nextDeadline?.deadline ?? null,
          waitingOn: status.waitingOn,
        });
      }
  });
});

describe('when NextActionDue changes', () => {
  const DAY = 86_400_000;
  const AFTER_COMMANDS = Date.parse('2020-04-03T09:00:00Z');
  // As searchValuesOf has it, without planning every email at each instant.
  const due = (record: ConventionRecord, at: number) =>
    nextDeadlineOf(pendingActions(advance(record, at), at))?.deadline ?? null;

  // Each day of fourteen months, at 09:00 UTC: until the workflow wakes (each day up to it, and
  // the minute before), the value stays as it was; it changes at those wake-ups only. A late row
  // stays the soonest for good: March's report, never sent; April's, once it falls owed on 1 May.
  it.each([
    ['in force, no report sent', () => inForce(START, PUBLISHED), []],
    ['March’s report in', marchReportIn, ['2020-04-30T22:00:00.000Z']],
    ['credits asked for', creditsAskedFor, []],
  ])('%s: the workflow wakes on the day it does', (_, make, changes) => {
    const record = make();
    const changedAt = new Set<string>();
    for (let now = AFTER_COMMANDS; now < AFTER_COMMANDS + 420 * DAY; now += DAY) {
      const changeAt = nextActionDueChangeAt(record, now);
      const wakeAt = Math.min(changeAt ?? Infinity, nextTransitionAt(advance(record, now)) ?? Infinity);
      const until = Math.min(wakeAt, now + 45 * DAY);
      const before = [until - 60_000];
      for (let at = now + DAY; at < until; at += DAY) before.push(at);
      for (const at of before) expect(due(record, at), new Date(at).toISOString()).toBe(due(record, now));
      if (changeAt && due(record, changeAt) !== due(record, now))
        changedAt.add(new Date(changeAt).toISOString());
    }
    expect([...changedAt]).toEqual(changes);
  });
});

describe('« Prochaine échéance »', () => {
  const marchIn = marchReportIn();

  it('is the day the report is due, not the day its reminder goes', () => {
    const fifth = Date.parse('2020-05-05T09:00:00Z');
    const status = describeStatus(marchIn, fifth);
    expect(status.nextDeadline).toMatchObject({ command: 'submit-report', about: { period: '2020-04' } });
    expect(status.nextDeadline!.deadline).toBe('2020-05-10');
    // The reminder goes three days before; it is not the deadline.
    expect(status.nextDeadlines[0]).toMatchObject({ kind: 'report-due' });
    expect(localDateOf(Date.parse(status.nextDeadlines[0]!.at), 'Europe/Paris')).toBe('2020-05-07');
    expect(nextDeadlineText(status.nextDeadline, status.nextCommittee, '2020-05-05')).toBe(
      'Déposer le compte rendu d’avril 2020, au plus tard le 10 mai 2020',
    );
    // The search attributes: NextActionDue for « Mes conventions », NextDeadline the email.
    const values = searchValuesOf(marchIn, fifth);
    expect(values.nextActionDue).toBe('2020-05-10');
    expect(values.nextDeadline).toBe(status.nextDeadlines[0]!.at);
  });

  it('keeps a report owed there, late, until it comes', () => {
    const later = Date.parse('2020-06-20T09:00:00Z');
    const status = describeStatus(marchIn, later);
    expect(status.nextDeadline).toMatchObject({ about: { period: '2020-04' }, deadline: '2020-05-10' });
    expect(nextDeadlineText(status.nextDeadline, status.nextCommittee, '2020-06-20')).toBe(
      'Déposer le compte rendu d’avril 2020, en retard depuis le 10 mai 2020',
    );
    expect(searchValuesOf(marchIn, later).nextActionDue).toBe('2020-05-10');
    const received = apply(marchIn, 'submit-report', { ...report('2020-04') }, later);
    expect(describeStatus(received, later).nextDeadline).toMatchObject({ about: { period: '2020-05' } });
  });
});
