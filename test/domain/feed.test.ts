import { describe, expect, it } from 'vitest';
import { calendarText } from '../../domain/calendar';
import { feedName, obligationsOf } from '../../domain/feed';
import { startRecord } from '../../domain/lifecycle';
import { applyCommand, type ConventionRecord } from '../../domain/lifecycle';
import { conventionName } from '../../domain/french/words';
import { describeStatus } from '../../domain/status';
import { camino, PEOPLE } from '../fixtures';
import { expectStrictlyValidCalendars } from '../helpers/ics';
import { apply, inForce } from '../helpers/records';

// A person's calendar feed (SPEC §10): every dated obligation of a convention, each event keeping
// its UID when it moves, with a higher SEQUENCE; read by the strict parser.

const START = Date.parse('2020-03-02T09:00:00Z');
const PUBLISHED = Date.parse('2020-03-26T09:00:00Z');
const at = (iso: string) => Date.parse(iso);
const NOW = at('2020-06-02T10:00:00Z');

const feedOf = (record: ConventionRecord, now = NOW) =>
  obligationsOf(describeStatus(record, now), record.convention, now);
const byUid = (events: ReturnType<typeof feedOf>) => new Map(events.map((event) => [event.uid, event]));
const uid = (what: string) => `camino-2020.${what}@conventions.beta.gouv.fr`;

/** In force, one report received, an engagement beyond the credits (a grace period), ending on 31 March 2022. */
function busy(): ConventionRecord {
  const seed = camino();
  const convention = { ...seed, schedule: { ...seed.schedule, endsOn: '2022-03-31' } };
  let record = inForce(START, PUBLISHED, convention);
  record = apply(
    record,
    'submit-report',
    { as: PEOPLE.dinumContact, period: '2020-03', spent: {}, progress: 'Avancement', forecast: 'Prévisions' },
    at('2020-04-06T10:00:00Z'),
  );
  const beyond = applyCommand(
    record,
    'engage',
    { as: PEOPLE.dinumContact, uo: '0113-PEBC-ELAB', ae: '999999.00', ref: 'BC-9' },
    at('2020-05-20T10:00:00Z'),
  );
  if (beyond.ok || !beyond.consequence) throw new Error('expected an insufficiency');
  return beyond.consequence.record;
}

describe('a calendar feed', () => {
  it('holds the committees, the reports due, the expiry and the end of a grace period', () => {
    const events = byUid(feedOf(busy()));
    expect([...events.keys()]).toEqual([
      uid('committee-1'),
      uid('report-2020-04'),
      uid('report-2020-05'),
      uid('report-2020-06'),
      uid('expiry'),
      uid('year-end-2020-engagements'),
      uid('year-end-2020-payments'),
      expect.stringMatching(/^camino-2020\.grace-0113-PEBC-ELAB-20200520T100000000Z@/),
    ]);
    expect(events.get(uid('committee-1'))).toMatchObject({ when: { day: '2020-09-28' }, sequence: 0 });
    expect(events.get(uid('report-2020-04'))).toMatchObject({
      when: { day: '2020-05-10' },
      summary: 'Compte rendu d’avril 2020 attendu — Camino, cadastre minier numérique ouvert (2020)',
    });
    expect(events.get(uid('expiry'))).toMatchObject({
      when: { day: '2022-03-31' },
      summary: 'Terme de la convention — Camino, cadastre minier numérique ouvert (2020)',
    });
    const grace = [...events.values()].at(-1)!;
    expect(grace).toMatchObject({
      when: { day: '2020-06-19' },
      summary:
        'Fin du délai de grâce des crédits de l’UO 0113-PEBC-ELAB — Camino, cadastre minier numérique ouvert (2020)',
    });
    expectStrictlyValidCalendars([calendarText({ events: [...events.values()] })]);
  });

  it('holds the fin de gestion of each budget year still open (SPEC §11)', () => {
    const events = byUid(feedOf(busy()));
    expect(events.get(uid('year-end-2020-engagements'))).toMatchObject({
      when: { day: '2020-12-01' },
      summary: 'Fin de gestion 2020 : derniers engagements — Camino, cadastre minier numérique ouvert (2020)',
      sequence: 0,
    });
    expect(events.get(uid('year-end-2020-payments'))).toMatchObject({ when: { day: '2020-12-15' } });
    expectStrictlyValidCalendars([calendarText({ events: [...events.values()] })]);
  });

  it('keeps an event’s UID when it moves, with a higher SEQUENCE', () => {
    const record = busy();
    const moved = apply(
      record,
      'schedule-committee',
      { as: PEOPLE.secretary, date: '2020-10-05', time: '14:30', place: 'Salle Ségur' },
      NOW,
    );
    const before = byUid(feedOf(record)).get(uid('committee-1'))!;
    const after = byUid(feedOf(moved)).get(uid('committee-1'))!;
    expect(after).toMatchObject({
      sequence: 1,
      when: { start: at('2020-10-05T12:30:00Z'), end: at('2020-10-05T14:30:00Z') },
      location: 'Salle Ségur',
    });
    expect(after.sequence).toBeGreaterThan(before.sequence);
    // An avenant may move the expiry: the event's SEQUENCE counts them.
    const amended = apply(
      record,
      'amend',
      {
        as: PEOPLE.admin,
        number: 1,
        summary: 'Prolongation',
        signedOn: '2020-06-01',
        schedule: { endsOn: '2022-06-30' },
      },
      NOW,
    );
    expect(byUid(feedOf(amended)).get(uid('expiry'))).toMatchObject({
      when: { day: '2022-06-30' },
      sequence: 1,
    });
  });

  it('holds the end a notice gives', () => {
    const given = apply(
      inForce(START, PUBLISHED),
      'give-notice',
      { as: PEOPLE.dgalnRepresentative, party: 'DGALN', reason: 'Fin du financement' },
      NOW,
    );
    const notice = feedOf(given).find((event) => event.uid.startsWith('camino-2020.notice-'))!;
    expect(notice).toMatchObject({
      when: { day: '2020-09-02' },
      summary: 'Fin de la convention au terme du préavis — Camino, cadastre minier numérique ouvert (2020)',
    });
  });
});

describe('what a feed says of itself and of each convention', () => {
  it('names each event after its convention: two of one startup told apart', () => {
    const seed = camino();
    const other = {
      ...seed,
      id: 'camino-2024',
      title: 'Convention de délégation de gestion — Camino, phase de consolidation (2024)',
    };
    const summaries = [inForce(START, PUBLISHED), inForce(START, PUBLISHED, other)].map(
      (record) => feedOf(record).find((event) => event.uid.includes('.report-2020-04'))!.summary,
    );
    expect(summaries).toEqual([
      'Compte rendu d’avril 2020 attendu — Camino, cadastre minier numérique ouvert (2020)',
      'Compte rendu d’avril 2020 attendu — Camino, phase de consolidation (2024)',
    ]);
    expect(feedOf(inForce(START, PUBLISHED))[0]!.summary).toBe(
      'Comité d’investissement n° 1 — Camino, cadastre minier numérique ouvert (2020)',
    );
  });

  it.each([
    [
      'Convention de délégation de gestion — Camino, cadastre minier (2020)',
      'Camino, cadastre minier (2020)',
    ],
    ['convention de délégation de gestion : cadastre minier', 'Camino : cadastre minier'],
    ['Convention de délégation de gestion', 'Camino'],
    ['Camino 2', 'Camino 2'],
  ])('names « %s » « %s »', (title, name) => {
    expect(conventionName(title, 'Camino')).toBe(name);
  });

  it('holds nothing before the convention takes effect', () => {
    // Published on 15 December 2020: the fin de gestion of 2020 (1 and 15 December) is before it, but for its last day.
    const late = inForce(at('2020-12-01T09:00:00Z'), at('2020-12-15T09:00:00Z'));
    const now = at('2020-12-16T10:00:00Z');
    const days = feedOf(late, now).map((event) => ('day' in event.when ? event.when.day : ''));
    expect(days.every((day) => day >= '2020-12-15')).toBe(true);
    expect(feedOf(late, now).map((event) => event.uid)).not.toContain(uid('year-end-2020-engagements'));
    // Unpublished, it takes effect today at the earliest: nothing of the days already gone.
    const signing = startRecord(camino(), at('2020-12-01T09:00:00Z'));
    const pending = feedOf(signing, at('2020-12-10T10:00:00Z'));
    expect(pending.map((event) => event.uid)).not.toContain(uid('year-end-2020-engagements'));
    expect(pending.every((event) => !('day' in event.when) || event.when.day >= '2020-12-10')).toBe(true);
  });

  it('is named after its reader and the product, in the conventions’ time zone', () => {
    const convention = camino();
    expect(feedName('Conventions beta.gouv.fr', 'DGALN.Representant@example.org', [convention])).toBe(
      'Conventions beta.gouv.fr — échéances de Stéphanie Dupuy-Lyon',
    );
    expect(feedName('Conventions beta.gouv.fr', PEOPLE.dgalnContact, [convention])).toBe(
      `Conventions beta.gouv.fr — échéances de ${PEOPLE.dgalnContact}`,
    );
    const text = calendarText({
      events: feedOf(busy()),
      name: 'Conventions beta.gouv.fr — échéances de Nadi Bou Hanna; DINUM, Paris',
      timezone: 'Europe/Paris',
    });
    const lines = text.replace(/\r\n[ \t]/g, '').split('\r\n');
    expect(lines).toContain(
      'X-WR-CALNAME:Conventions beta.gouv.fr — échéances de Nadi Bou Hanna\\; DINUM\\, Paris',
    );
    expect(lines).toContain('X-WR-TIMEZONE:Europe/Paris');
    expectStrictlyValidCalendars([text]);
  });
});
