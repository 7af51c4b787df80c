import { describe, expect, it } from 'vitest';
import { startRecord } from '../../domain/lifecycle';
import { conventionStats, type StatsSource } from '../../domain/stats';
import { describeStatus } from '../../domain/status';
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

const sources: StatsSource[] = [
  {
    status: describeStatus(a, NOW),
    commands: [
      ...SIGNATORIES.map(([party]) => ({ kind: 'sign', party, at: iso(START + 3_600_000) })),
      { kind: 'publish', at: iso(PUBLISHED) },
      { kind: 'engage', ae: '40000.00', at: '2020-04-10T10:00:00.000Z' },
    ],
    // Published six days after this reminder: acted on.
    reminders: [{ series: 'publication-reminder', at: '2020-03-20T08:00:00.000Z' }],
  },
  {
    status: describeStatus(b, NOW),
    commands: [],
    // Never signed: not acted on.
    reminders: [{ series: 'signature-reminder:SG', at: '2020-03-17T08:00:00.000Z' }],
  },
];

describe('public statistics', () => {
  const report = conventionStats(sources, NOW);

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

  it('holds no name and no address', () => {
    const text = JSON.stringify(report);
    expect(text).not.toMatch(/@|Piette|Bou Hanna/);
  });
});
