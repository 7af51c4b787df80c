import { addCalendarDays, type LocalDate, localDateOf, type Period, reminderInstant } from '../dates';
import type { ReceivedReport } from '../emails';
import { ACTORS, recipientsOf, type WaitingOn } from '../pending';
import { type ConventionRecord, isOver, type MonthlyReportRecord, type ReportRecord } from '../record';
import { hasText, reportDueOn, reportPeriods } from '../reports';
import { partiesWithRole } from '../roles';
import { baseData, contactsOf, type Series } from './series';

// Monthly reports: due, overdue, and each received one forwarded to the délégant.

/** What the délégant receives of a report. */
export function reportData(report: ReportRecord, dueOn: LocalDate): ReceivedReport {
  const spent = Object.entries(report.spent).map(([uo, amount]) => ({ uo, amount }));
  const { period, version, progress, forecast, by } = report;
  return { ...(period ? { period } : {}), dueOn, version, spent, progress, forecast, by };
}

export function reportSeries(record: ConventionRecord, today: LocalDate): Series[] {
  const { convention } = record;
  const { schedule } = convention;
  const actors = ACTORS['submit-report'](convention);
  const reporters = recipientsOf(actors);
  const delegants = contactsOf(partiesWithRole(convention, 'delegant'));
  const series: Series[] = [];
  const owed: { period: Period; dueOn: LocalDate }[] = [];
  for (const period of reportPeriods(record, today)) {
    const dueOn = reportDueOn(record, period);
    const received = record.reports.filter((report) => report.period === period);
    // A version whose text is gone was forwarded already.
    for (const report of received.filter(hasText))
      series.push({
        series: reportReceivedSeries(report),
        kind: 'report-received',
        to: delegants,
        data: { ...baseData(convention), report: reportData(report, dueOn) },
        once: Date.parse(report.receivedAt),
      });
    if (received.length > 0 || isOver(record)) continue;
    owed.push({ period, dueOn });
    const data = { ...baseData(convention), report: { period, dueOn } };
    if (dueOn >= today)
      series.push({
        series: `report-due:${period}`,
        kind: 'report-due',
        to: reporters,
        data,
        once: reminderInstant(addCalendarDays(dueOn, -schedule.reportReminderDaysBefore), schedule),
      });
  }
  if (owed.length > 0) series.push(overdueReports(record, owed, today, actors));
  return series;
}

/**
 * The reports overdue, in one series of reminders to the délégataire (SPEC §10): they list every
 * report late on the day they go. The series starts again when a late report arrives (someone
 * acted: the reminders of what is still late start afresh a reminder interval later); a report
 * falling late meanwhile joins the list. While none is late yet, the series waits for the next.
 */
export function overdueReports(
  record: ConventionRecord,
  owed: { period: Period; dueOn: LocalDate }[],
  today: LocalDate,
  actors: WaitingOn[],
): Series {
  const { convention } = record;
  const tz = convention.schedule.timezone;
  const late = owed.filter(({ dueOn }) => dueOn < today);
  const listed = late.length > 0 ? late : owed.slice(0, 1);
  const oldest = listed[0]!;
  // The first version of a report is its arrival; the later ones replace it.
  const lateArrivals = record.reports.flatMap((report) => {
    const on = localDateOf(Date.parse(report.receivedAt), tz);
    return report.version === 1 && on > reportDueOn(record, report.period) ? [on] : [];
  });
  const lastLateArrival = lateArrivals.sort().at(-1);
  const restarted = lastLateArrival !== undefined && lastLateArrival > oldest.dueOn;
  // Brought in with its past (domain/bring-in.ts), a convention owes the reports late by then from
  // that day: a first reminder, not the n-th of reminders nobody sent. (Records without `broughtIn`,
  // every history before it, plan as they did.)
  const broughtInOn = record.broughtIn && localDateOf(Date.parse(record.broughtIn.at), tz);
  const since = restarted ? lastLateArrival : oldest.dueOn;
  const owedSinceBroughtIn = broughtInOn !== undefined && broughtInOn > since;
  const from = owedSinceBroughtIn ? broughtInOn : since;
  return {
    series: `report-overdue:since-${from}`,
    kind: 'report-overdue',
    to: recipientsOf(actors),
    data: { ...baseData(convention), report: oldest, ...(listed.length > 1 ? { overdue: listed } : {}) },
    recurring: {
      from,
      firstAfterDays: owedSinceBroughtIn ? 0 : restarted ? convention.schedule.reminderEveryDays : 1,
      waitingSince: oldest.dueOn,
    },
    escalateTo: actors,
  };
}

export const reportReceivedSeries = (report: MonthlyReportRecord) =>
  `report-received:${report.period}:${report.version}`;
