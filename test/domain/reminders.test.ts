import { describe, expect, it } from 'vitest';
import { startRecord, type ConventionRecord } from '../../domain/lifecycle';
import { emailKey, markSent, plannedEmails } from '../../domain/reminders';
import { playClock } from '../helpers/projection';
import { camino, PEOPLE, SIGNATORIES } from '../fixtures';
import { apply } from '../helpers/records';

// Monday 1 March 2021, 10:30 in Paris.
const START = Date.parse('2021-03-01T09:30:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

/** Sends what is due up to `until`, as the workflow would; instants as ISO strings for reading. */
function run(record: ConventionRecord, until: number, from = until) {
  const played = playClock(record, from, until);
  return {
    record: played.record,
    sent: played.sent.map(({ data: _data, ...email }) => ({ ...email, at: iso(email.at) })),
  };
}

describe('signature requests and reminders', () => {
  it('asks each signatory at once, its representative and contacts together', () => {
    const { sent } = run(startRecord(camino(), START), START);
    expect(sent).toEqual([
      {
        kind: 'signature-request',
        series: 'signature-request:SG',
        at: iso(START),
        to: [PEOPLE.sgRepresentative, 'sg.budget@example.org'],
        cc: [],
        reminder: undefined,
      },
      {
        kind: 'signature-request',
        series: 'signature-request:DGALN',
        at: iso(START),
        to: [PEOPLE.dgalnRepresentative, PEOPLE.dgalnContact],
        cc: [],
        reminder: undefined,
      },
      {
        kind: 'signature-request',
        series: 'signature-request:DGPR',
        at: iso(START),
        to: [PEOPLE.dgprRepresentative, 'dgpr.budget@example.org'],
        cc: [],
        reminder: undefined,
      },
      {
        kind: 'signature-request',
        series: 'signature-request:DINUM',
        at: iso(START),
        to: [PEOPLE.dinumRepresentative, PEOPLE.dinumContact],
        cc: [],
        reminder: undefined,
      },
    ]);
  });

  it('reminds weekly at 9:00 in Paris, then two weeks later, moving off Easter Monday, until the party signs', () => {
    let record = run(startRecord(camino(), START), START).record;
    for (const [party, as] of [
      ['SG', PEOPLE.sgRepresentative],
      ['DGALN', PEOPLE.dgalnRepresentative],
      ['DINUM', PEOPLE.dinumRepresentative],
    ] as const)
      record = apply(record, 'sign', { as, party }, START + 3_600_000);
    const { sent } = run(record, Date.parse('2021-04-08T12:00:00Z'), START + 3_600_000);
    expect(sent.map((email) => [email.kind, email.at, email.reminder])).toEqual([
      ['signature-reminder', '2021-03-08T08:00:00.000Z', 1],
      ['signature-reminder', '2021-03-15T08:00:00.000Z', 2],
      ['signature-reminder', '2021-03-22T08:00:00.000Z', 3],
      // After three, twice the interval (SPEC §10). Easter Monday (5 April) is a public holiday:
      // Tuesday instead; summer time from 28 March, so 9:00 in Paris is 7:00 UTC.
      ['signature-reminder', '2021-04-06T07:00:00.000Z', 4],
    ]);
    expect(new Set(sent.map((email) => email.to.join()))).toEqual(
      new Set([`${PEOPLE.dgprRepresentative},dgpr.budget@example.org`]),
    );
  });

  it('stops reminding a party once it has signed', () => {
    let record = run(startRecord(camino(), START), START).record;
    record = apply(record, 'sign', { as: PEOPLE.sgRepresentative, party: 'SG' }, START + 1000);
    const series = plannedEmails(record, START + 1000).map((email) => email.series);
    expect(series).not.toContain('signature-reminder:SG');
    expect(series).toContain('signature-reminder:DGPR');
  });

  it('sends only the latest of several missed reminders, then goes on from there', () => {
    const record = run(startRecord(camino(), START), START).record;
    // The worker was down from the start until 23 March: reminders 1 to 3 were due.
    const late = Date.parse('2021-03-23T10:00:00Z');
    const [first] = plannedEmails(record, late);
    expect(first).toMatchObject({
      series: 'signature-reminder:SG',
      occurrence: 3,
      at: Date.parse('2021-03-22T08:00:00Z'),
    });
    const after = ['SG', 'DGALN', 'DGPR', 'DINUM'].reduce(
      (r, party) => markSent(r, { series: `signature-reminder:${party}`, occurrence: 3 }),
      record,
    );
    expect(plannedEmails(after, late)[0]).toMatchObject({
      occurrence: 4,
      at: Date.parse('2021-04-06T07:00:00Z'),
    });
    expect(after.emailsSent).toBe(record.emailsSent + 4);
  });
});

describe('after the last signature', () => {
  const signedOn = Date.parse('2021-03-03T15:00:00Z');
  function allSigned() {
    let record = run(startRecord(camino(), START), START).record;
    for (const [party, as] of SIGNATORIES) record = apply(record, 'sign', { as, party }, signedOn);
    return record;
  }

  it('asks the délégant for Chorus habilitations and the délégataire for publication, at once', () => {
    const { sent } = run(allSigned(), signedOn);
    expect(sent).toEqual([
      {
        kind: 'chorus-habilitation-request',
        series: 'chorus-habilitation-request',
        at: iso(signedOn),
        to: ['sg.budget@example.org', PEOPLE.dgalnContact, 'dgpr.budget@example.org'],
        cc: [],
        reminder: undefined,
      },
      {
        kind: 'publication-request',
        series: 'publication-request',
        at: iso(signedOn),
        to: [PEOPLE.dinumContact],
        cc: [],
        reminder: undefined,
      },
    ]);
  });

  it('reminds both weekly from the day all signed, until each is done', () => {
    let record = run(allSigned(), signedOn).record;
    const { sent, record: later } = run(record, Date.parse('2021-03-18T12:00:00Z'), signedOn);
    expect(sent.map((email) => [email.kind, email.at])).toEqual([
      ['chorus-habilitation-reminder', '2021-03-10T08:00:00.000Z'],
      ['publication-reminder', '2021-03-10T08:00:00.000Z'],
      ['chorus-habilitation-reminder', '2021-03-17T08:00:00.000Z'],
      ['publication-reminder', '2021-03-17T08:00:00.000Z'],
    ]);
    record = apply(later, 'confirm-chorus', { as: PEOPLE.dgalnContact }, Date.parse('2021-03-18T12:00:00Z'));
    const kinds = run(
      record,
      Date.parse('2021-03-25T12:00:00Z'),
      Date.parse('2021-03-18T12:00:00Z'),
    ).sent.map((email) => email.kind);
    expect(kinds).toEqual(['publication-reminder']);
  });

  it('announces the entry into force to every party, the co-funder too, with the CBCM in copy', () => {
    const record = apply(
      run(allSigned(), signedOn).record,
      'publish',
      { as: PEOPLE.dinumContact, where: 'data.gouv.fr' },
      signedOn + 60_000,
    );
    const { sent } = run(record, signedOn + 60_000);
    expect(sent).toEqual([
      {
        kind: 'convention-in-force',
        series: 'convention-in-force',
        at: iso(signedOn + 60_000),
        to: [
          'sg.budget@example.org',
          PEOPLE.dgalnContact,
          'dgpr.budget@example.org',
          PEOPLE.dinumContact,
          'onf.finances@example.org',
        ],
        cc: ['cbcm.premier-ministre@example.org', 'cbcm.delegant@example.org'],
        reminder: undefined,
      },
    ]);
    // Chorus is still awaited: its reminders go on; publication's stop.
    const series = plannedEmails(
      markSent(record, { series: 'convention-in-force', occurrence: 1 }),
      signedOn + 60_000,
    ).map((e) => e.series);
    expect(series).toContain('chorus-habilitation-reminder');
    expect(series.filter((s) => s.startsWith('publication-') || s.startsWith('signature-'))).toEqual([]);
  });
});

describe('email keys', () => {
  it('name the series and the occurrence, never anything random', () => {
    expect(emailKey({ series: 'signature-reminder:DGPR', occurrence: 2 })).toBe('signature-reminder:DGPR#2');
  });
});
