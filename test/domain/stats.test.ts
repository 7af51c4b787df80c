import { describe, expect, it } from 'vitest';
import { startRecord } from '../../domain/lifecycle';
import {
  conventionStats,
  retakeStats,
  statsCommandOf,
  statsFactsOf,
  type StatsSource,
} from '../../domain/stats';
import { camino, PEOPLE, SIGNATORIES } from '../fixtures';
import { apply, inForce } from '../helpers/records';

// The public indicators, computed by hand for two conventions: A, signed at once and published 24
// days after its start, 40 000 € engaged, its March report never sent; B, still in signing.

const START = Date.parse('2020-03-02T09:00:00Z');
const PUBLISHED = Date.parse('2020-03-26T09:00:00Z');
const NOW = Date.parse('2020-04-30T12:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

const a = apply(
  inForce(START, PUBLISHED),
  'engage',
  { as: PEOPLE.dinumContact, uo: '0113-PEBC-ELAB', ae: '40000.00', ref: 'BC-1' },
  Date.parse('2020-04-10T10:00:00Z'),
);
const b = startRecord({ ...camino(), id: 'other-2020' }, Date.parse('2020-03-10T09:00:00Z'));

/** The sources as the console reads them, with facts the workflows took at `factsAt`. */
const sourcesWithFactsOf = (factsAt: number): StatsSource[] => [
  {
    facts: statsFactsOf(a, factsAt),
    commands: [
      ...SIGNATORIES.map(([party]) => ({ kind: 'sign', party, at: iso(START + 3_600_000) })),
      { kind: 'publish', at: iso(PUBLISHED) },
      { kind: 'engage', ae: '40000.00', at: '2020-04-10T10:00:00.000Z' },
    ],
    // Published six days after this reminder: acted on.
    reminders: [{ series: 'publication-reminder', at: '2020-03-20T08:00:00.000Z' }],
  },
  {
    facts: statsFactsOf(b, factsAt),
    commands: [],
    // Never signed: not acted on.
    reminders: [{ series: 'signature-reminder:SG', at: '2020-03-17T08:00:00.000Z' }],
  },
];

describe('public statistics', () => {
  const report = conventionStats(sourcesWithFactsOf(NOW), NOW);

  it('has a point per month from the first start', () => {
    expect(report.conventions).toBe(2);
    expect(report.months.map((m) => m.month)).toEqual(['2020-03', '2020-04']);
  });

  it('gives the figures computed by hand', () => {
    expect(report.months[0]).toEqual({
      month: '2020-03',
      conventionsByState: { 'in-force': 1, signing: 1 },
      remindersActedOnWithin7Days: 50,
      medianDaysToSignatures: 0,
      medianDaysToPublication: 24,
      reportsOnTime: null,
      committeesDecidedOnTime: null,
      engagedOfAllocated: 0,
    });
    expect(report.current).toEqual({
      month: '2020-04',
      conventionsByState: { 'in-force': 1, signing: 1 },
      remindersActedOnWithin7Days: null,
      medianDaysToSignatures: 0,
      medianDaysToPublication: 24,
      // A's March report was due on 10 April and never came.
      reportsOnTime: 0,
      committeesDecidedOnTime: null,
      // 40 000 € of the 640 000 € both conventions delegate.
      engagedOfAllocated: 6.3,
    });
  });

  it('reads the same from facts taken weeks before, when no command changed them since', () => {
    // Taken on 15 March: A's March report, due in April, was already among its facts.
    expect(conventionStats(sourcesWithFactsOf(Date.parse('2020-03-15T12:00:00Z')), NOW)).toEqual(report);
  });

  it('lists in the facts every report and committee of the year ahead, with none on time yet', () => {
    const facts = statsFactsOf(a, NOW);
    expect(facts.horizon).toBe('2021-04-01');
    expect(facts.reports.map((r) => r.dueOn.slice(0, 7))).toEqual([
      '2020-04',
      '2020-05',
      '2020-06',
      '2020-07',
      '2020-08',
      '2020-09',
      '2020-10',
      '2020-11',
      '2020-12',
      '2021-01',
      '2021-02',
      '2021-03',
      '2021-04',
      '2021-05',
    ]);
    expect(facts.reports.some((r) => r.onTime)).toBe(false);
    expect(facts.committees.map((c) => c.date)).toEqual(['2020-09-28', '2021-03-26', '2021-09-27']);
    expect(facts.allocatedAe).toBe('320000.00');
  });

  it('takes the facts again only when a part of the record they come from changed, or their horizon nears', () => {
    const taken = retakeStats(undefined, a, NOW);
    // An email sent changes the record, not what the facts come from.
    expect(retakeStats(taken, { ...a, emailsSent: a.emailsSent + 1 }, NOW + 86_400_000)).toBe(taken);
    const reported = apply(
      a,
      'submit-report',
      { as: PEOPLE.dinumContact, spent: {}, progress: 'p', forecast: 'f', period: '2020-03' },
      NOW,
    );
    // Taken again, and the same: March's report came late (due 10 April), there is nothing to write.
    const retaken = retakeStats(taken, reported, NOW);
    expect(retaken).not.toBe(taken);
    expect(retaken.json).toBe(taken.json);
    expect(
      retakeStats(
        taken,
        apply(
          a,
          'decide',
          { as: PEOPLE.secretary, decision: 'continue' },
          Date.parse('2020-09-28T10:00:00Z'),
        ),
        NOW,
      ).json,
    ).not.toBe(taken.json);
    // Six months before the horizon (2021-04-01): taken again, with a horizon a year ahead.
    expect(retakeStats(taken, a, Date.parse('2020-09-30T12:00:00Z'))).toBe(taken);
    expect(retakeStats(taken, a, Date.parse('2020-10-01T12:00:00Z')).facts.horizon).toBe('2021-10-01');
  });

  it('keeps of a register entry its kind, instant, party, and the AE of an engagement only', () => {
    expect(statsCommandOf({ kind: 'sign', payload: { party: 'SG', by: 'x' }, at: 'T' })).toEqual({
      kind: 'sign',
      party: 'SG',
      at: 'T',
    });
    expect(statsCommandOf({ kind: 'engage', payload: { ae: '10.00', uo: 'U' }, at: 'T' })).toEqual({
      kind: 'engage',
      ae: '10.00',
      at: 'T',
    });
    expect(statsCommandOf({ kind: 'make-available', payload: { ae: '10.00' }, at: 'T' })).toEqual({
      kind: 'make-available',
      at: 'T',
    });
  });

  it('holds no name and no address', () => {
    const text = JSON.stringify(report);
    expect(text).not.toMatch(/@|Piette|Bou Hanna/);
  });
});
