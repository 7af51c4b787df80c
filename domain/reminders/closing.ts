import { finalReportDueOn, unconsumedCredits } from '../closing';
import { type LocalDate, localDateOf } from '../dates';
import type { PendingAction } from '../pending';
import type { ConventionRecord } from '../record';
import { partiesWithRole } from '../roles';
import { reportData } from './reports';
import { baseData, chaseSeries, contactsOf, type Series } from './series';

// The end: expiry, the final report, and the closing.

export function closingSeries(
  record: ConventionRecord,
  pending: PendingAction[],
  today: LocalDate,
): Series[] {
  const { convention } = record;
  const { schedule } = convention;
  if (!record.end) return [];
  const everyone = contactsOf(convention.parties);
  const endedOn = localDateOf(Date.parse(record.end.at) - 1, schedule.timezone);
  const dueOn = finalReportDueOn(record)!;
  const data = { ...baseData(convention), endedOn, report: { dueOn } };
  // A notice that took effect has its own email (termination-effective); reaching endsOn has this one.
  const series: Series[] =
    record.end.reason === 'expired'
      ? [
          {
            series: 'convention-expired',
            kind: 'convention-expired',
            to: everyone,
            cc: convention.roles.cbcm,
            data,
            once: Date.parse(record.end.at),
          },
        ]
      : [];
  if (!record.closedAt) {
    const finalReport = pending.find(({ command, about }) => command === 'submit-report' && about.final);
    return finalReport ? [...series, ...chaseSeries(finalReport, record, today, { data })] : series;
  }
  const closedAt = Date.parse(record.closedAt);
  const delegants = contactsOf(partiesWithRole(convention, 'delegant'));
  series.push({
    series: 'report-received:final',
    kind: 'report-received',
    to: delegants,
    data: { ...data, report: reportData(record.finalReport!, dueOn) },
    once: closedAt,
  });
  const unconsumed = unconsumedCredits(record).filter((uo) => uo.aeLeft !== '0.00' || uo.cpLeft !== '0.00');
  if (unconsumed.length > 0)
    series.push({
      series: 'unconsumed-credits',
      kind: 'unconsumed-credits',
      to: delegants,
      data: { ...data, unconsumed },
      once: closedAt,
    });
  series.push({
    series: 'convention-closed',
    kind: 'convention-closed',
    to: everyone,
    cc: convention.roles.cbcm,
    data,
    once: closedAt,
  });
  return series;
}
