import { yearEndDates } from '../budget';
import { forecastSlots, UNCONSUMED_SERIES, untoldLapses, uosOfYear, yearEndLine } from '../budget-year';
import { localDateOf } from '../dates';
import { ACTORS, recipientsOf } from '../pending';
import type { ConventionRecord } from '../record';
import { delegataire, partiesWithRole, uniqueEmails } from '../roles';
import { baseData, contactsOf, type Series } from './series';

// The budget year's forecasts, lapses and statements.

/**
 * The budget year (SPEC §11): before each fin de gestion date, a forecast to the délégataire and
 * the délégant; a UO whose credits the pace says will not be consumed, told to its funders at once
 * (CBCM in copy), and again at each further step; each year closed, its statement.
 */
export function budgetYearSeries(record: ConventionRecord, now: number): Series[] {
  const { convention } = record;
  const { timezone } = convention.schedule;
  const base = baseData(convention);
  const delegants = contactsOf(partiesWithRole(convention, 'delegant'));
  const reporters = contactsOf([delegataire(convention)]);
  const copies = uniqueEmails([...convention.roles.cbcm, ...reporters]);
  const dates = (year: number) => yearEndDates(convention.schedule.yearEnd, year);
  return [
    ...forecastSlots(record, now).map(({ year, deadline, on, daysBefore, at }): Series => ({
      series: `year-end-forecast:${year}:${deadline}:${daysBefore}`,
      kind: 'year-end-forecast',
      to: uniqueEmails([...reporters, ...delegants]),
      data: {
        ...base,
        yearEnd: {
          year,
          deadline,
          on,
          daysBefore,
          engagementsUntil: dates(year).engagements,
          paymentsUntil: dates(year).payments,
          lines: uosOfYear(record, year).map((uo) =>
            yearEndLine(record, uo, year, localDateOf(Math.min(at, now), timezone)),
          ),
        },
      },
      once: at,
    })),
    ...untoldLapses(record, now).map(({ year, uo, step, at, data }): Series => ({
      series: `${UNCONSUMED_SERIES}:${year}:${uo}:${step}`,
      kind: 'credits-unconsumed-forecast',
      to: recipientsOf(ACTORS['make-available'](convention, uo)),
      cc: convention.roles.cbcm,
      data: { ...base, lapse: data },
      once: at,
    })),
    ...record.yearStatements.map(({ year, at, lines }): Series => ({
      series: `year-end-statement:${year}`,
      kind: 'year-end-statement',
      to: delegants,
      cc: copies,
      data: { ...base, statement: { year, lines } },
      once: Date.parse(at),
    })),
  ];
}
