import { describe, expect, it } from 'vitest';
import { scheduleDefaults } from '../../domain/convention';
import { renderEmail, type EmailOf } from '../../domain/emails';
import { startRecord } from '../../domain/lifecycle';
import { plannedEmails, reminderOffsetDays } from '../../domain/reminders';
import { camino, PEOPLE } from '../fixtures';
import { playClock } from '../helpers/projection';
import { apply, inForce, report } from '../helpers/records';

// The reminder policy (SPEC §10): after `escalateAfter` reminders without action the next ones
// copy the acting party's representative and space out up to a ceiling; the overdue reports go in
// one email.

const START = Date.parse('2020-03-02T09:00:00Z');
const PUBLISHED = Date.parse('2020-03-26T09:00:00Z');
const at = (iso: string) => Date.parse(iso);
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('the intervals between reminders', () => {
  const schedule = scheduleDefaults();

  it('stay weekly for the first three, then double up to 28 days', () => {
    const offsets = [1, 2, 3, 4, 5, 6, 7].map((n) => reminderOffsetDays(n, schedule));
    expect(offsets).toEqual([0, 7, 14, 28, 56, 84, 112]);
  });

  it('follow the schedule: escalate after one, a ceiling never shorter than the usual interval', () => {
    const once = { ...schedule, escalateAfter: 1, reminderCeilingDays: 20 };
    expect([1, 2, 3, 4].map((n) => reminderOffsetDays(n, once))).toEqual([0, 14, 34, 54]);
    const monthly = { ...schedule, reminderEveryDays: 30 };
    expect([1, 2, 3, 4, 5].map((n) => reminderOffsetDays(n, monthly))).toEqual([0, 30, 60, 90, 120]);
  });
});

describe('overdue monthly reports', () => {
  const paced = inForce(START, PUBLISHED);
  const overdue = (record = paced, until = at('2020-07-31T12:00:00Z'), from = PUBLISHED) =>
    playClock(record, from, until).sent.filter((email) => email.kind === 'report-overdue');

  it('go in one email that lists every late month, weekly three times, then copied and spaced out', () => {
    const sent = overdue();
    expect(
      sent.map(({ at, reminder, cc, data }) => [
        day(at),
        reminder,
        cc,
        'overdue' in data && data.overdue ? data.overdue.map((late) => late.period) : ['2020-03'],
      ]),
    ).toEqual([
      // March's report, due Friday 10 April: chased on Tuesday 14 (Easter Monday), then weekly.
      ['2020-04-14', 1, [], ['2020-03']],
      ['2020-04-20', 2, [], ['2020-03']],
      ['2020-04-27', 3, [], ['2020-03']],
      // Two weeks later, April's report late too (due 10 May): DINUM's representative in copy.
      ['2020-05-11', 4, [PEOPLE.dinumRepresentative], ['2020-03', '2020-04']],
      // Then four weeks apart, the ceiling.
      ['2020-06-08', 5, [PEOPLE.dinumRepresentative], ['2020-03', '2020-04']],
      ['2020-07-06', 6, [PEOPLE.dinumRepresentative], ['2020-03', '2020-04', '2020-05']],
    ]);
    expect(new Set(sent.map((email) => email.to.join()))).toEqual(new Set([PEOPLE.dinumContact]));
    // One series: a retry or a replay can tell each email apart by its occurrence.
    expect(new Set(sent.map((email) => email.series))).toEqual(new Set(['report-overdue:since-2020-04-10']));
  });

  it('say so when they escalate: since when, how many reminders went before, who is in copy', () => {
    const fourth = overdue().find((email) => email.reminder === 4)!;
    expect(fourth.data.escalation).toEqual({
      since: '2020-04-10',
      remindersBefore: 3,
      copied: [
        {
          name: 'Nadi Bou Hanna',
          title: 'Directeur interministériel du numérique',
          party: 'Direction interministérielle du numérique',
        },
      ],
    });
    const email = renderEmail({ kind: 'report-overdue', data: fourth.data } as EmailOf);
    expect(email.subject).toBe(
      '[Camino · camino-2020] Rappel n° 4 (avec copie au représentant) : 2 comptes rendus en retard : mars et avril 2020',
    );
    expect(email.text).toContain(
      'Après 3 rappels restés sans suite, l’action étant attendue depuis le 10 avril 2020, ce rappel est adressé en copie à Nadi Bou Hanna (Directeur interministériel du numérique, Direction interministérielle du numérique).',
    );
    expect(email.text).toContain('Les comptes rendus mensuels de mars et avril 2020 n’ont pas été reçus :');
    expect(email.text).toContain('– avril 2020, attendu le 10 mai 2020.');
  });

  it('start afresh, a week after a late report arrives, for what is still late', () => {
    const late = apply(paced, 'submit-report', report('2020-03'), at('2020-05-13T10:00:00Z'));
    const sent = overdue(late, at('2020-06-30T12:00:00Z'), at('2020-05-13T10:00:00Z'));
    expect(sent.map(({ at, reminder, cc, series }) => [day(at), reminder, cc, series])).toEqual([
      ['2020-05-20', 1, [], 'report-overdue:since-2020-05-13'],
      ['2020-05-27', 2, [], 'report-overdue:since-2020-05-13'],
      ['2020-06-03', 3, [], 'report-overdue:since-2020-05-13'],
      ['2020-06-17', 4, [PEOPLE.dinumRepresentative], 'report-overdue:since-2020-05-13'],
    ]);
    expect(sent[0]!.data).toMatchObject({ report: { period: '2020-04', dueOn: '2020-05-10' } });
  });
});

describe('escalation of other reminders', () => {
  it('copies no one twice: a signatory is asked through its representative from the start', () => {
    const record = startRecord(camino(), START);
    const sent = playClock(record, START, at('2020-05-31T12:00:00Z')).sent.filter(
      (email) => email.series === 'signature-reminder:DGPR',
    );
    expect(sent.map(({ at, reminder }) => [day(at), reminder])).toEqual([
      ['2020-03-09', 1],
      ['2020-03-16', 2],
      ['2020-03-23', 3],
      ['2020-04-06', 4],
      ['2020-05-04', 5],
    ]);
    expect(sent.every((email) => email.cc.length === 0 && !email.data.escalation)).toBe(true);
  });

  it('copies the délégant representatives on Chorus habilitations once three reminders went unanswered', () => {
    const signed = inForce(START, PUBLISHED);
    const record = { ...signed, chorus: undefined, lastSent: {} };
    const [fourth] = plannedEmails(
      { ...record, lastSent: { ...record.lastSent, 'chorus-habilitation-reminder': 3 } },
      at('2020-06-01T12:00:00Z'),
    ).filter((email) => email.kind === 'chorus-habilitation-reminder');
    expect(fourth!.cc).toEqual([
      PEOPLE.sgRepresentative,
      PEOPLE.dgalnRepresentative,
      PEOPLE.dgprRepresentative,
    ]);
    expect(fourth!.data.escalation?.copied.map((person) => person.name)).toHaveLength(3);
  });
});
