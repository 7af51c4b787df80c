import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { TSubmitReportCommand } from './commands';
import {
  addPeriods,
  daysBetween,
  dayOfPeriod,
  localDateOf,
  periodOf,
  type LocalDate,
  type Period,
} from './dates';
import {
  accept,
  effectiveDate,
  refuse,
  type CommandOutcome,
  type ConventionRecord,
  type MonthlyReportRecord,
  type ReportRecord,
  type ReportText,
} from './record';
import { contactRefusal } from './roles';

// Monthly reporting (SPEC §4.5, art. 5 of the seed): for each month from the effective date's,
// the délégataire reports what it spent, how the work goes and what it foresees, by reportDueDay
// of the next month. The month in which the convention ends is covered by the final report.

/** When the report on a period is due. */
export function reportDueOn(record: ConventionRecord, period: Period): LocalDate {
  return dayOfPeriod(addPeriods(period, 1), record.convention.schedule.reportDueDay);
}

/** The month the convention ended in: from it on, the final report takes over. */
export function endPeriod(record: ConventionRecord): Period | undefined {
  return record.end
    ? periodOf(localDateOf(Date.parse(record.end.at) - 1, record.convention.schedule.timezone))
    : undefined;
}

/** The periods owed a report up to `today`'s month (the month under way included, its report due next month). */
export function reportPeriods(record: ConventionRecord, today: LocalDate): Period[] {
  const effective = effectiveDate(record);
  if (!effective) return [];
  const stop = endPeriod(record);
  const periods: Period[] = [];
  for (
    let period = periodOf(effective);
    period <= periodOf(today) && (!stop || period < stop);
    period = addPeriods(period, 1)
  )
    periods.push(period);
  return periods;
}

/** A version that still holds its text (not yet forwarded, or from a record before digests). */
export const hasText = (report: MonthlyReportRecord): report is MonthlyReportRecord & ReportText =>
  report.progress !== undefined && report.forecast !== undefined && report.spent !== undefined;

/** SHA-256 (hex) of a report's text as JSON `{ spent, progress, forecast }`. */
export function textDigest({ spent, progress, forecast }: ReportText): string {
  return bytesToHex(sha256(utf8ToBytes(JSON.stringify({ spent, progress, forecast }))));
}

/** The versions, those `done` with (forwarded) keeping only their digest; the same array when none changes. */
export function forgetTexts(
  reports: MonthlyReportRecord[],
  done: (report: MonthlyReportRecord) => boolean,
): MonthlyReportRecord[] {
  if (!reports.some((report) => hasText(report) && done(report))) return reports;
  return reports.map((report) => {
    if (!hasText(report) || !done(report)) return report;
    const { spent, progress, forecast, ...kept } = report;
    return { ...kept, digest: textDigest({ spent, progress, forecast }) };
  });
}

export function latestReport(record: ConventionRecord, period: Period): MonthlyReportRecord | undefined {
  return record.reports.findLast((report) => report.period === period);
}

export interface ReportStatus {
  period: Period;
  dueOn: LocalDate;
  receivedAt?: string;
  /** Days past the due date: when it came, or so far. */
  daysLate?: number;
  versions: number;
}

export function reportStatuses(record: ConventionRecord, today: LocalDate): ReportStatus[] {
  const tz = record.convention.schedule.timezone;
  return reportPeriods(record, today).map((period) => {
    const dueOn = reportDueOn(record, period);
    const report = latestReport(record, period);
    const first = record.reports.find((r) => r.period === period);
    const doneOn = first ? localDateOf(Date.parse(first.receivedAt), tz) : today;
    const late = daysBetween(dueOn, doneOn);
    return {
      period,
      dueOn,
      ...(first ? { receivedAt: first.receivedAt } : {}),
      ...(late > 0 ? { daysLate: late } : {}),
      versions: report?.version ?? 0,
    };
  });
}

/** Checks what any report says: who sends it, and that it speaks of the convention's UOs. */
export function checkReport(
  record: ConventionRecord,
  command: TSubmitReportCommand,
): CommandOutcome | undefined {
  const { convention } = record;
  const notAllowed = contactRefusal(convention, 'delegataire', command.as, 'submit-report');
  if (notAllowed) return notAllowed;
  if (!effectiveDate(record)) return refuse('WrongState', 'not-in-force', { command: 'submit-report' });
  const uos = [...new Set(convention.budget.map((line) => line.uo))];
  const unknown = Object.keys(command.spent).filter((uo) => !uos.includes(uo));
  if (unknown.length > 0) return refuse('UnknownUo', 'report-unknown-uo', { unknown, uos });
  return undefined;
}

export function reportOf(command: TSubmitReportCommand, at: string, version: number): ReportRecord {
  return {
    ...(command.period ? { period: command.period } : {}),
    spent: command.spent,
    progress: command.progress,
    forecast: command.forecast,
    by: command.as,
    receivedAt: at,
    version,
  };
}

export function submitReport(
  record: ConventionRecord,
  command: TSubmitReportCommand,
  at: string,
): CommandOutcome {
  const refused = checkReport(record, command);
  if (refused) return refused;
  const period = command.period!;
  const today = localDateOf(Date.parse(at), record.convention.schedule.timezone);
  const first = periodOf(effectiveDate(record)!);
  if (period > periodOf(today))
    return refuse('WrongState', 'report-future', { period, thisMonth: periodOf(today) });
  if (period < first)
    return refuse('WrongState', 'report-before-effect', { period, effective: effectiveDate(record)!, first });
  const stop = endPeriod(record);
  if (stop && period >= stop)
    return refuse('WrongState', 'report-covered-by-final', { period, endPeriod: stop });
  const existing = latestReport(record, period);
  if (existing && !command.replace)
    return refuse('AlreadyDone', 'report-received', { period, at: existing.receivedAt });

  const report = { ...reportOf(command, at, (existing?.version ?? 0) + 1), period };
  return accept(record, 'submit-report', command, at, (accepted) => ({
    ...accepted,
    reports: [...accepted.reports, report],
  }));
}
