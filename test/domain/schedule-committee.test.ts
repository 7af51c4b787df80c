import { describe, expect, it } from 'vitest';
import { applyCommand } from '../../domain/lifecycle';
import { renderEmail, type CommitteeNoticeData, type EmailOf } from '../../domain/emails';
import { frenchRefusal } from '../../domain/french/refusals';
import { committeeInvitation } from '../../domain/invitation';
import { plannedEmails } from '../../domain/reminders';
import { PEOPLE } from '../fixtures';
import { expectStrictlyValidCalendars } from '../helpers/ics';
import { playClock } from '../helpers/projection';
import { apply, inForce, refusalOf } from '../helpers/records';

// `schedule-committee` (SPEC §10): the secretary sets a committee's day, time and place; the
// convocation and its invitation carry them, and a change after the convocation is told to
// everyone with the invitation that replaces the first (same UID, SEQUENCE + 1).

const START = Date.parse('2020-03-02T09:00:00Z');
const PUBLISHED = Date.parse('2020-03-26T09:00:00Z');
const at = (iso: string) => Date.parse(iso);
const secretary = PEOPLE.secretary;
const SENDER = { organizer: { name: 'Conventions', email: 'no-reply@example.org' }, attendees: [] };
const unfolded = (content: string) => content.replace(/\r\n[ \t]/g, '').split('\r\n');

/** Committee 1 meets on Monday 28 September 2020; its convocation goes on 31 August. */
const record = inForce(START, PUBLISHED);

describe('setting a committee before its convocation', () => {
  const set = apply(
    record,
    'schedule-committee',
    { as: secretary, time: '14:30', place: 'Hôtel de Roquelaure, salle Ségur' },
    at('2020-08-03T10:00:00Z'),
  );

  it('is written to the register, and the convocation carries the time and the place', () => {
    expect(set.registerSeq).toBe(record.registerSeq + 1);
    const sent = playClock(set, at('2020-08-03T10:00:00Z'), at('2020-09-01T12:00:00Z')).sent;
    const convocation = sent.find((email) => email.kind === 'committee-convocation')!;
    expect(sent.map((email) => email.kind)).not.toContain('committee-rescheduled');
    const email = renderEmail({ kind: 'committee-convocation', data: convocation.data } as EmailOf);
    expect(email.text).toContain('se tiendra le 28 septembre 2020 à 14\u00a0h\u00a030.');
    expect(email.text).toContain('Lieu : Hôtel de Roquelaure, salle Ségur');
  });

  it('gives its invitation the instants in UTC, two hours long, the place, and SEQUENCE 1', () => {
    const [convocation] = plannedEmails(set, at('2020-08-31T07:00:00Z')).filter(
      (email) => email.kind === 'committee-convocation',
    );
    const { content } = committeeInvitation(
      convocation!.data as CommitteeNoticeData,
      SENDER,
      at('2020-08-31T07:00:00Z'),
    );
    // 14:30 in Paris in summer is 12:30 UTC.
    expect(unfolded(content)).toEqual(
      expect.arrayContaining([
        'SEQUENCE:1',
        'DTSTART:20200928T123000Z',
        'DTEND:20200928T143000Z',
        'LOCATION:Hôtel de Roquelaure\\, salle Ségur',
        'TRANSP:OPAQUE',
      ]),
    );
    expectStrictlyValidCalendars([content]);
  });
});

describe('moving a committee once convened', () => {
  const convened = playClock(record, PUBLISHED, at('2020-09-01T12:00:00Z')).record;
  const movedAt = at('2020-09-02T10:00:00Z');
  const moved = apply(
    convened,
    'schedule-committee',
    { as: secretary, date: '2020-10-05', time: '10:00', visio: 'https://webinaire.numerique.gouv.fr/camino' },
    movedAt,
  );

  it('tells everyone at once what changed, with the invitation that replaces the first', () => {
    const [first] = plannedEmails(moved, movedAt);
    expect(first).toMatchObject({
      kind: 'committee-rescheduled',
      at: movedAt,
      series: 'committee-rescheduled:1:1',
    });
    const email = renderEmail({ kind: 'committee-rescheduled', data: first!.data } as EmailOf);
    expect(email.subject).toBe(
      '[Camino · camino-2020] Comité d’investissement n° 1 : changement de date, d’heure et de lien de visioconférence',
    );
    expect(email.text).toContain('– date : 28 septembre 2020 → 5 octobre 2020 ;');
    expect(email.text).toContain('– heure : 10\u00a0h ;');
    expect(email.text).toContain('– lien de visioconférence : https://webinaire.numerique.gouv.fr/camino.');
    expect(email.text).toContain('Il se tiendra le 5 octobre 2020 à 10\u00a0h.');
    expect(email.text).toContain('Visioconférence : https://webinaire.numerique.gouv.fr/camino');
    const invitation = committeeInvitation(first!.data as CommitteeNoticeData, SENDER, movedAt).content;
    expect(unfolded(invitation)).toEqual(
      expect.arrayContaining([
        'UID:camino-2020.committee-1@conventions.beta.gouv.fr',
        'SEQUENCE:1',
        'DTSTART:20201005T080000Z',
        'LOCATION:Visioconférence',
        'URL:https://webinaire.numerique.gouv.fr/camino',
      ]),
    );
    expectStrictlyValidCalendars([invitation]);
  });

  it('moves the reminder, the decision awaited and the next change’s SEQUENCE with it', () => {
    const sent = playClock(moved, movedAt, at('2020-10-20T12:00:00Z')).sent.filter((email) =>
      email.kind.startsWith('committee-'),
    );
    expect(sent.map((email) => [email.kind, new Date(email.at).toISOString().slice(0, 10)])).toEqual([
      ['committee-rescheduled', '2020-09-02'],
      ['committee-reminder', '2020-09-28'],
      ['committee-decision-overdue', '2020-10-06'],
      ['committee-decision-overdue', '2020-10-13'],
      ['committee-decision-overdue', '2020-10-20'],
    ]);
    const again = apply(moved, 'schedule-committee', { as: secretary, place: 'Salle 12' }, movedAt + 60_000);
    expect(again.committeePlans).toEqual([
      expect.objectContaining({
        number: 1,
        date: '2020-10-05',
        time: '10:00',
        place: 'Salle 12',
        sequence: 2,
        changes: [{ field: 'place', after: 'Salle 12' }],
      }),
    ]);
    // A decision can be recorded for the day it now meets.
    const decided = apply(
      again,
      'decide',
      { as: secretary, decision: 'continue' },
      at('2020-10-05T15:00:00Z'),
    );
    expect(decided.committees[0]).toMatchObject({ number: 1, scheduledOn: '2020-10-05' });
  });
});

describe('a committee setting is refused', () => {
  const now = at('2020-09-02T10:00:00Z');
  const refused = (payload: Record<string, unknown>, base = record) => {
    const refusal = refusalOf(base, 'schedule-committee', { as: secretary, ...payload }, now);
    return [refusal.code, frenchRefusal(refusal)];
  };

  it('to anyone but the secretary or an admin', () => {
    const refusal = refusalOf(record, 'schedule-committee', { as: PEOPLE.dinumContact, time: '10:00' }, now);
    expect(refusal.type).toBe('NotAllowed');
    expect(frenchRefusal(refusal)).toBe(
      `${PEOPLE.dinumContact} ne peut pas fixer la date, l’heure ou le lieu d’un comité : seul le secrétaire du comité, Secrétariat du comité d’investissement Camino (comite.camino@example.org), ou un administrateur le peut.`,
    );
    expect(applyCommand(record, 'schedule-committee', { as: PEOPLE.admin, time: '10:00' }, now).ok).toBe(
      true,
    );
  });

  it('for a day past, after the next committee, or changing nothing', () => {
    expect(refused({ date: '2020-09-01' })).toEqual([
      'committee-date-past',
      'Le comité n° 1 ne peut pas se réunir le 1er septembre 2020 : ce jour est passé (nous sommes le 2 septembre 2020).',
    ]);
    expect(refused({ date: '2021-04-06' })).toEqual([
      'committee-date-order',
      'Le comité n° 1 ne peut pas se réunir le 6 avril 2021 : il se tient avant le comité n° 2 (26 mars 2021).',
    ]);
    expect(refused({ committee: 2, date: '2020-09-15' })).toEqual([
      'committee-date-order',
      'Le comité n° 2 ne peut pas se réunir le 15 septembre 2020 : il se tient après le comité n° 1 (28 septembre 2020) et avant le comité n° 3 (27 septembre 2021).',
    ]);
    expect(refused({ date: '2020-09-28' })).toEqual([
      'committee-unchanged',
      'Le comité n° 1 est déjà fixé ainsi : rien ne change.',
    ]);
  });

  it('for a committee decided, or with nothing to set', () => {
    // Met early, as its secretary records it.
    const decided = apply(
      record,
      'decide',
      { as: secretary, decision: 'continue', heldOn: '2020-09-01' },
      now,
    );
    expect(refused({ committee: 1, time: '10:00' }, decided)[0]).toBe('already-decided');
    const invalid = refusalOf(record, 'schedule-committee', { as: secretary }, now);
    expect(invalid.type).toBe('InvalidCommand');
    expect(frenchRefusal(invalid)).toContain(
      'donnez au moins une date, une heure, une durée, un lieu ou un lien de visioconférence.',
    );
    expect(
      frenchRefusal(refusalOf(record, 'schedule-committee', { as: secretary, time: '25:00' }, now)),
    ).toContain('Heure');
  });
});
