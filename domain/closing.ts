import type { TSubmitReportCommand } from './commands';
import { addCalendarDays, instantAt, localDateOf, type LocalDate } from './dates';
import { accept, moveTo, refuse, type CommandOutcome, type ConventionRecord } from './record';
import { creditLines, type CreditLine } from './ledger';
import { checkReport, endPeriod, reportDueOn, reportOf } from './reports';

// The end and the closing (SPEC §4.9, art. 5 of the seed): once the convention has ended, the
// délégataire sends a final report, due on reportDueDay of the next month; on receipt the délégant
// is told of credits left unconsumed, and the convention is closed.

/** The instant the convention expires: the end of its `endsOn` day, in its time zone. */
export function expiryInstant(record: ConventionRecord): number | undefined {
  const { endsOn, timezone } = record.convention.schedule;
  return endsOn ? instantAt(addCalendarDays(endsOn, 1), 0, timezone) : undefined;
}

export function expire(record: ConventionRecord, at: number): ConventionRecord {
  const iso = new Date(at).toISOString();
  return moveTo({ ...record, end: { at: iso, reason: 'expired' } }, 'ended', iso);
}

export function finalReportDueOn(record: ConventionRecord): LocalDate | undefined {
  const period = endPeriod(record);
  return period ? reportDueOn(record, period) : undefined;
}

export type UnconsumedCredits = Pick<
  CreditLine,
  'uo' | 'ae' | 'cp' | 'engaged' | 'paid' | 'aeLeft' | 'cpLeft'
>;

/** What is left per UO at the end, from the ledger: AE not engaged, CP not paid. */
export function unconsumedCredits(record: ConventionRecord): UnconsumedCredits[] {
  const today = localDateOf(
    Date.parse(record.closedAt ?? record.end?.at ?? record.startedAt),
    record.convention.schedule.timezone,
  );
  return creditLines(record, today).map(({ uo, ae, cp, engaged, paid, aeLeft, cpLeft }) => ({
    uo,
    ae,
    cp,
    engaged,
    paid,
    aeLeft,
    cpLeft,
  }));
}

export function submitFinalReport(
  record: ConventionRecord,
  command: TSubmitReportCommand,
  at: string,
): CommandOutcome {
  const refused = checkReport(record, command);
  if (refused) return refused;
  if (record.state !== 'ended') return refuse('WrongState', 'final-report-early', { state: record.state });
  if (command.period !== undefined) return refuse('InvalidCommand', 'final-report-period', {});
  const report = reportOf(command, at, 1);
  return accept(record, 'submit-report', command, at, (accepted) =>
    moveTo({ ...accepted, finalReport: report, closedAt: at }, 'closed', at),
  );
}

/** What a closed convention's workflow returns: the essentials, for whoever looks it up later. */
export interface ConventionSummary {
  id: string;
  effectiveDate?: LocalDate;
  endedAt?: string;
  closedAt?: string;
  phase: string;
  committees: { number: number; scheduledOn: LocalDate; decision: string }[];
  monthlyReports: number;
  unconsumed: UnconsumedCredits[];
  emailsSent: number;
  registerEntries: number;
}

export function closingSummary(record: ConventionRecord): ConventionSummary {
  return {
    id: record.convention.id,
    ...(record.publication ? { effectiveDate: record.publication.effectiveDate } : {}),
    ...(record.end ? { endedAt: record.end.at } : {}),
    ...(record.closedAt ? { closedAt: record.closedAt } : {}),
    phase: record.phases.at(-1)!.phase,
    committees: record.committees.map(({ number, scheduledOn, decision }) => ({
      number,
      scheduledOn,
      decision,
    })),
    monthlyReports: new Set(record.reports.map((report) => report.period)).size,
    unconsumed: unconsumedCredits(record),
    emailsSent: record.emailsSent,
    registerEntries: record.registerSeq,
  };
}
