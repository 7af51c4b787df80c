import { describe, expect, it } from 'vitest';
import { budgetYears, lineYear } from '../../domain/budget';
import {
  creditYears,
  dueYearStatement,
  forecastSlots,
  nextBudgetInstant,
  untoldLapses,
  yearProjection,
} from '../../domain/budget-year';
import { instantAt } from '../../domain/dates';
import { frenchRefusal } from '../../domain/french/refusals';
import { uoCredits } from '../../domain/ledger';
import type { ConventionRecord } from '../../domain/lifecycle';
import { conventionStats, statsFactsOf } from '../../domain/stats';
import { markSent, plannedEmails } from '../../domain/reminders';
import { PEOPLE } from '../fixtures';
import { apply, inForce, refusalOf } from '../helpers/records';

// The budget year (SPEC §11) without Temporal: the ledger per UO and year, the fin de gestion's
// refusals naming their date, the pace projected to the dates, the forecasts, the délégant told
// of credits that will not be consumed, the year's statement.

const paris = (date: string, hour = 10) => instantAt(date, hour, 'Europe/Paris');
const PEBC = '0113-PEBC-ELAB';
const CPRI = '0181-CPRI-ELAB';
const dinum = PEOPLE.dinumContact;

/** The seed in force from 3 September 2027, its credits those of 2027. */
function keeping(): ConventionRecord {
  return inForce(paris('2027-09-01'), paris('2027-09-03'));
}

const engage = (record: ConventionRecord, ae: string, at: number, ref: string, uo = PEBC) =>
  apply(record, 'engage', { as: dinum, uo, ae, ref }, at);
const pay = (record: ConventionRecord, cp: string, at: number, ref: string, uo = PEBC) =>
  apply(record, 'pay', { as: dinum, uo, cp, ref }, at);
/** Avenant n° 1, signed on 5 January 2028: PEBC's credits of that year. */
const linesOf2028 = (record: ConventionRecord, ae: string, cp: string) =>
  apply(
    record,
    'amend',
    { as: PEOPLE.admin, number: 1, summary: '2028', signedOn: '2028-01-05', budget: [{ uo: PEBC, ae, cp }] },
    paris('2028-01-05'),
  );

describe('the credits of a budget year', () => {
  it('reads a line without a year as the effective date’s, and keeps AE and CP per UO and year', () => {
    let record = keeping();
    expect(lineYear(record, record.convention.budget[0]!)).toBe(2027);
    record = engage(record, '30000.00', paris('2027-09-13'), 'BC-1');
    record = pay(record, '10000.00', paris('2027-10-01'), 'DP-1');
    expect(uoCredits(record, PEBC, 2027)).toMatchObject({
      ae: expect.anything(),
      engaged: expect.anything(),
    });
    expect(uoCredits(record, PEBC, 2027)!.engaged.toFixed(2)).toBe('30000.00');
    expect(uoCredits(record, PEBC, 2028)).toBeUndefined();
    expect(budgetYears(record)).toEqual([2027]);
  });

  it('refuses an engagement after the last day for engagements, and a payment after the last for payments, naming it', () => {
    let record = engage(keeping(), '30000.00', paris('2027-09-13'), 'BC-1');
    expect(engage(record, '1000.00', paris('2027-12-01', 23), 'BC-2').engagements).toHaveLength(2);
    const late = refusalOf(
      record,
      'engage',
      { as: dinum, uo: PEBC, ae: '1000.00', ref: 'BC-3' },
      paris('2027-12-02'),
    );
    expect(late).toMatchObject({
      type: 'WrongState',
      code: 'year-closed',
      figures: { command: 'engage', year: 2027, closedOn: '2027-12-01' },
      message: 'engagements on the 2027 credits were taken until 2027-12-01 (fin de gestion)',
    });
    expect(frenchRefusal(late)).toBe(
      'Les engagements sur les crédits de 2027 n’étaient possibles que jusqu’au 1er décembre 2027 (fin de gestion).',
    );
    record = pay(record, '5000.00', paris('2027-12-15'), 'DP-1');
    expect(
      refusalOf(record, 'pay', { as: dinum, uo: PEBC, cp: '10.00', ref: 'DP-2' }, paris('2027-12-16'))
        .message,
    ).toBe('payments on the 2027 credits were taken until 2027-12-15 (fin de gestion)');
  });

  it('refuses an engagement in a year the UO has no line for, saying which years it has', () => {
    const refusal = refusalOf(
      keeping(),
      'engage',
      { as: dinum, uo: PEBC, ae: '10.00', ref: 'BC-9' },
      paris('2028-01-10'),
    );
    expect(refusal).toMatchObject({
      code: 'no-credits-for-year',
      figures: { uo: PEBC, year: 2028, years: [2027] },
    });
  });

  it('pays an earlier year’s engagement with the CP of the year', () => {
    let record = engage(keeping(), '30000.00', paris('2027-11-13'), 'BC-1');
    record = linesOf2028(record, '0.00', '50000.00');
    record = pay(record, '20000.00', paris('2028-02-01'), 'DP-1');
    expect(uoCredits(record, PEBC, 2028)!.paid.toFixed(2)).toBe('20000.00');
  });

  it('adds the next year’s lines by avenant, the year of its signature or the one it names', () => {
    const record = apply(
      keeping(),
      'amend',
      {
        as: PEOPLE.admin,
        number: 1,
        summary: 'Crédits 2028',
        signedOn: '2027-12-20',
        budget: [
          { uo: PEBC, year: 2028, ae: '100000.00', cp: '80000.00' },
          { uo: CPRI, ae: '5000.00' },
        ],
      },
      paris('2027-12-20'),
    );
    expect(budgetYears(record, PEBC)).toEqual([2027, 2028]);
    expect(uoCredits(record, PEBC, 2028)!.cp.toFixed(2)).toBe('80000.00');
    // Without a year: the year it is signed in, here the line of 2027.
    expect(uoCredits(record, CPRI, 2027)!.ae.toFixed(2)).toBe('105000.00');
    expect(
      refusalOf(
        engage(record, '150000.00', paris('2027-10-01'), 'BC-1'),
        'amend',
        {
          as: PEOPLE.admin,
          number: 2,
          summary: 'Baisse',
          signedOn: '2027-12-21',
          budget: [{ uo: PEBC, year: 2027, ae: '-100000.00' }],
        },
        paris('2027-12-21'),
      ).message,
    ).toContain(
      'AE of 2027 would be 120\u00a0000,00\u00a0€, below the 150\u00a0000,00\u00a0€ already engaged',
    );
  });
});

describe('the pace, projected to the year’s dates', () => {
  it('says nothing before thirty days of pace, then projects the AE to the last day for engagements', () => {
    const record = engage(keeping(), '30000.00', paris('2027-09-13'), 'BC-1');
    expect(yearProjection(record, PEBC, 2027, '2027-09-30')).toBeUndefined();
    // 30 000 € in the 30 days from 3 September: 1 000 € a day, 61 more days to 1 December.
    expect(yearProjection(record, PEBC, 2027, '2027-10-02')).toEqual({
      since: '2027-09-03',
      engagementsUntil: '2027-12-01',
      paymentsUntil: '2027-12-15',
      engagedBy: '90000.00',
      aeLapsing: '130000.00',
      paidBy: '0.00',
      cpLapsing: '220000.00',
    });
  });

  it('stops at the convention’s end when it ends before the year', () => {
    let record = engage(keeping(), '30000.00', paris('2027-09-13'), 'BC-1');
    record = {
      ...record,
      convention: { ...record.convention, schedule: { ...record.convention.schedule, endsOn: '2027-10-31' } },
    };
    expect(yearProjection(record, PEBC, 2027, '2027-10-02')).toMatchObject({
      engagementsUntil: '2027-10-31',
      engagedBy: '59000.00',
    });
  });

  it('lists each UO and year with its dates, the projection and the délégataire’s forecast', () => {
    let record = engage(keeping(), '30000.00', paris('2027-09-13'), 'BC-1');
    record = apply(
      record,
      'year-end-forecast',
      { as: dinum, uo: PEBC, ae: '90000.00', cp: '60000.00' },
      paris('2027-10-16'),
    );
    const [year] = creditYears(record, PEBC, '2027-10-20');
    expect(year).toMatchObject({
      year: 2027,
      ae: '220000.00',
      engaged: '30000.00',
      engagementsUntil: '2027-12-01',
      paymentsUntil: '2027-12-15',
      forecast: { ae: '90000.00', cp: '60000.00', by: dinum },
    });
    expect(year!.projection).toBeDefined();
  });

  it('takes the délégataire’s forecast only from a contact of the délégataire, on a year the UO has', () => {
    const record = keeping();
    expect(
      refusalOf(
        record,
        'year-end-forecast',
        { as: PEOPLE.dgalnContact, uo: PEBC, ae: '1.00', cp: '1.00' },
        paris('2027-10-16'),
      ).code,
    ).toBe('not-contact');
    expect(
      refusalOf(
        record,
        'year-end-forecast',
        { as: dinum, uo: PEBC, year: 2029, ae: '1.00', cp: '1.00' },
        paris('2027-10-16'),
      ).code,
    ).toBe('no-credits-for-year');
  });
});

describe('what the délégataire and the délégant are told', () => {
  it('sends a forecast 45 and 15 days before each date, on working days at the reminder hour', () => {
    const record = keeping();
    expect(
      forecastSlots(record, paris('2027-09-04')).map(({ deadline, on, daysBefore, at }) => [
        deadline,
        on,
        daysBefore,
        at,
      ]),
    ).toEqual([
      // 17 October 2027 is a Sunday: Monday 18; 31 October a Sunday and 1 November a holiday: Tuesday 2.
      ['engagements', '2027-12-01', 45, paris('2027-10-18', 9)],
      ['engagements', '2027-12-01', 15, paris('2027-11-16', 9)],
      ['payments', '2027-12-15', 45, paris('2027-11-02', 9)],
      ['payments', '2027-12-15', 15, paris('2027-11-30', 9)],
    ]);
  });

  it('sends no forecast of a date already past, nor one due before the convention took effect', () => {
    const late = { ...keeping(), publication: { ...keeping().publication!, effectiveDate: '2027-11-20' } };
    expect(forecastSlots(late, paris('2027-11-21')).map((slot) => [slot.deadline, slot.daysBefore])).toEqual([
      ['payments', 15],
    ]);
    expect(forecastSlots(keeping(), paris('2027-12-20'))).toEqual([]);
  });

  it('tells the délégant once a step of a UO’s credits would lapse, and again at each further step', () => {
    let record = engage(keeping(), '30000.00', paris('2027-09-13'), 'BC-1');
    record = pay(record, '30000.00', paris('2027-09-20'), 'DP-1');
    // The first monthly check the pace says something at: 2 November (1 November is a holiday).
    expect(untoldLapses(record, paris('2027-10-02', 12))).toEqual([]);
    const [first] = untoldLapses(record, paris('2027-11-02', 12)).filter((lapse) => lapse.uo === PEBC);
    // 30 000 € engaged in 61 days: 44 262,30 € by 1 December, 79,9 % of the AE left unengaged.
    expect(first).toMatchObject({
      year: 2027,
      step: 7,
      toldStep: 0,
      at: paris('2027-11-02', 9),
      data: { share: '79.9', of: 'AE', projection: { aeLapsing: '175737.70' } },
    });
    const told = markSent(record, { series: `credits-unconsumed-forecast:2027:${PEBC}:7`, occurrence: 1 });
    expect(untoldLapses(told, paris('2027-11-10')).filter((lapse) => lapse.uo === PEBC)).toEqual([]);
    // A month without engagements: the pace falls, the lapse passes another step.
    const [again] = untoldLapses(told, paris('2027-12-01', 12)).filter((lapse) => lapse.uo === PEBC);
    expect(again).toMatchObject({ step: 8, toldStep: 7, data: { share: '86.4', toldBefore: '70' } });
    const planned = plannedEmails(told, paris('2027-12-01', 12)).find(
      (e) => e.kind === 'credits-unconsumed-forecast' && e.series.includes(PEBC),
    )!;
    expect(planned.to).toEqual([PEOPLE.dgalnContact]);
    expect(planned.cc).toEqual(['cbcm.premier-ministre@example.org', 'cbcm.delegant@example.org']);
  });
});

describe('the year closed', () => {
  it('states, after 31 December, each UO’s year: engaged, paid, what lapsed, what to carry over', () => {
    let record = engage(keeping(), '70000.00', paris('2027-09-13'), 'BC-1');
    record = pay(record, '45000.00', paris('2027-10-13'), 'DP-1');
    expect(dueYearStatement(record, paris('2027-12-31', 23))).toBeUndefined();
    // 1 January 2028 is a Saturday: the statement comes on Monday 3 at the reminder hour.
    expect(nextBudgetInstant(record, paris('2027-12-31', 23))).toBe(paris('2028-01-03', 9));
    const stated = dueYearStatement(record, paris('2028-01-03', 9))!;
    expect(stated.entry).toMatchObject({
      kind: 'year-end-statement',
      actor: 'temporal',
      seq: record.registerSeq + 1,
    });
    expect(stated.record.yearStatements).toEqual([
      {
        year: 2027,
        at: new Date(paris('2028-01-03', 9)).toISOString(),
        lines: [
          {
            uo: PEBC,
            ae: '220000.00',
            engaged: '70000.00',
            aeLeft: '150000.00',
            cp: '220000.00',
            paid: '45000.00',
            cpLapsed: '175000.00',
          },
          {
            uo: CPRI,
            ae: '100000.00',
            engaged: '0.00',
            aeLeft: '100000.00',
            cp: '100000.00',
            paid: '0.00',
            cpLapsed: '100000.00',
          },
        ],
      },
    ]);
    expect(dueYearStatement(stated.record, paris('2028-02-01'))).toBeUndefined();
    const email = plannedEmails(stated.record, paris('2028-01-03', 9)).find(
      (e) => e.kind === 'year-end-statement',
    )!;
    expect(email.to).toEqual(['sg.budget@example.org', PEOPLE.dgalnContact, 'dgpr.budget@example.org']);
    expect(email.cc).toContain('cbcm.delegant@example.org');
  });
});

describe('/stats per budget year', () => {
  it('counts the AE delegated for each year, and those engaged in it', () => {
    let record = engage(keeping(), '30000.00', paris('2027-09-13'), 'BC-1');
    record = linesOf2028(record, '100000.00', '100000.00');
    const facts = statsFactsOf(record, paris('2028-01-06'));
    expect(facts.allocatedAeByYear).toEqual([
      { year: 2027, ae: '320000.00' },
      { year: 2028, ae: '100000.00' },
    ]);
    const report = conventionStats(
      [
        {
          facts,
          commands: [{ kind: 'engage', ae: '30000.00', at: new Date(paris('2027-09-13')).toISOString() }],
          reminders: [],
        },
      ],
      paris('2028-01-06'),
    );
    expect(report.years).toEqual([
      { year: 2027, allocatedAe: '320000.00', engagedAe: '30000.00', engagedOfAllocated: 9.4 },
      { year: 2028, allocatedAe: '100000.00', engagedAe: '0.00', engagedOfAllocated: 0 },
    ]);
  });
});
