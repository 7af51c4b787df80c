import Decimal from 'decimal.js';
import { budgetSummary, budgetYears, lineYear } from './budget';
import { sumMoney, toMoneyString } from './money';
import { committeeSlots } from './committees';
import { addCalendarMonths, dayOfPeriod, localDateOf, periodOf, type LocalDate } from './dates';
import type { ConventionRecord, LifecycleState } from './record';
import { reportStatuses } from './reports';

// Public statistics (SPEC §4.12, art. 4 of the seed: every team publishes its impact indicators).
// Computed from what the workflows say of themselves (their statistics facts, which each keeps
// current in the register's database) and from the register (commands and emails with their
// instants), never from counters kept by hand; no name, no address.

/** How far ahead the facts list report due dates and committees: read later, they would miss some. */
const HORIZON_MONTHS = 12;

/** What the statistics need of one convention's record, the same whenever they are read before `horizon`. */
export interface ConventionStatsFacts {
  startedAt: string;
  stateChanges: { to: LifecycleState; at: string }[];
  publishedAt?: string;
  /** Every monthly report owed up to the horizon: its due date, and whether it came by then. */
  reports: { dueOn: LocalDate; onTime: boolean }[];
  /** Every committee up to the horizon: its date, and whether it was decided by then. */
  committees: { date: LocalDate; decidedOnTime: boolean }[];
  /** The AE the convention delegates, in euros. */
  allocatedAe: string;
  /** The same per budget year (SPEC §11); absent from facts taken before, which count in the year of publication. */
  allocatedAeByYear?: { year: number; ae: string }[];
  /** The first day of the month twelve months after the facts were taken. */
  horizon: LocalDate;
}

/** The facts of a record at `now` (an advanced record: the workflow's, or the status query's). */
export function statsFactsOf(record: ConventionRecord, now: number): ConventionStatsFacts {
  const today = localDateOf(now, record.convention.schedule.timezone);
  const horizon = dayOfPeriod(periodOf(addCalendarMonths(today, HORIZON_MONTHS)), 1);
  return {
    startedAt: record.startedAt,
    stateChanges: record.stateChanges.map(({ to, at }) => ({ to, at })),
    ...(record.publication ? { publishedAt: record.publication.publishedAt } : {}),
    reports: reportStatuses(record, horizon).map((report) => ({
      dueOn: report.dueOn,
      onTime: report.receivedAt !== undefined && !report.daysLate,
    })),
    committees: committeeSlots(record, horizon).map(({ date, decided }) => ({
      date,
      decidedOnTime: decided !== undefined && decided.at.slice(0, 10) <= date,
    })),
    allocatedAe: budgetSummary(record.convention).total.ae,
    allocatedAeByYear: budgetYears(record).map((year) => ({
      year,
      ae: toMoneyString(
        sumMoney(
          record.convention.budget.filter((line) => lineYear(record, line) === year).map((line) => line.ae),
        ),
      ),
    })),
    horizon,
  };
}

/** Months before their horizon when the facts are taken again, though nothing they come from changed. */
const RETAKE_MONTHS_BEFORE_HORIZON = 6;

/** Facts as a workflow took them, with the parts of the record they came from and their JSON. */
export interface TakenStats {
  from: readonly unknown[];
  facts: ConventionStatsFacts;
  json: string;
}

// The parts of a record the facts come from: each is replaced, never changed in place, when it changes.
const statsInputsOf = (record: ConventionRecord): readonly unknown[] => [
  record.stateChanges,
  record.publication,
  record.reports,
  record.committees,
  record.convention,
  record.end,
];

/**
 * The facts taken again when a part of the record they come from changed or their horizon is
 * near; `taken` itself otherwise — a workflow wakes hundreds of times a year, its facts change a
 * few.
 */
export function retakeStats(
  taken: TakenStats | undefined,
  record: ConventionRecord,
  now: number,
): TakenStats {
  const from = statsInputsOf(record);
  const today = localDateOf(now, record.convention.schedule.timezone);
  if (
    taken &&
    from.every((input, i) => input === taken.from[i]) &&
    today < addCalendarMonths(taken.facts.horizon, -RETAKE_MONTHS_BEFORE_HORIZON)
  )
    return taken;
  const facts = statsFactsOf(record, now);
  return { from, facts, json: JSON.stringify(facts) };
}

/** What one convention contributes: its facts, its register entries, the reminders it sent. */
export interface StatsSource {
  facts: ConventionStatsFacts;
  /** Accepted commands (kind, the party of a signature, the AE of an engagement, instant), from the register. */
  commands: { kind: string; party?: string; ae?: string; at: string }[];
  /** Reminders sent, with their series (`signature-reminder:DGPR`) and instant, from the emails' log. */
  reminders: { series: string; at: string }[];
}

/** The command that answers each kind of reminder; a signature answers its party's only. */
const ANSWERS: Record<string, string> = {
  'signature-reminder': 'sign',
  'chorus-habilitation-reminder': 'confirm-chorus',
  'publication-reminder': 'publish',
  'report-overdue': 'submit-report',
  'committee-decision-overdue': 'decide',
  'credits-request-reminder': 'make-available',
};

export const REMINDER_KINDS = Object.keys(ANSWERS);
/** The register's decisions the statistics read: the answers to reminders, and engagements. */
export const STATS_COMMAND_KINDS = [...new Set([...Object.values(ANSWERS), 'engage'])];

/** What the statistics keep of a register entry: its kind and instant, a signature's party, an engagement's AE. */
export function statsCommandOf({
  kind,
  payload,
  at,
}: {
  kind: string;
  payload: Record<string, unknown>;
  at: string;
}): StatsSource['commands'][number] {
  return {
    kind,
    at,
    ...(typeof payload.party === 'string' ? { party: payload.party } : {}),
    ...(kind === 'engage' && typeof payload.ae === 'string' ? { ae: payload.ae } : {}),
  };
}
const ACTED_WITHIN_DAYS = 7;
const DAY_MS = 86_400_000;

export interface StatsMonth {
  month: string;
  conventionsByState: Partial<Record<LifecycleState, number>>;
  /** Shares in percent with one decimal, medians in days; null when nothing was measured. */
  remindersActedOnWithin7Days: number | null;
  medianDaysToSignatures: number | null;
  medianDaysToPublication: number | null;
  reportsOnTime: number | null;
  committeesDecidedOnTime: number | null;
  engagedOfAllocated: number | null;
}

/** Euros engaged against those delegated for one budget year (SPEC §11), every convention together. */
export interface StatsYear {
  year: number;
  allocatedAe: string;
  engagedAe: string;
  /** In percent with one decimal; null when nothing was delegated. */
  engagedOfAllocated: number | null;
}

export interface StatsReport {
  generatedAt: string;
  conventions: number;
  /** Per budget year, the euros engaged against those delegated. */
  years: StatsYear[];
  /** The indicators as they stand now: this month's. */
  current: StatsMonth;
  /** Month by month, from the first convention's start: each chart's points. */
  months: StatsMonth[];
}

const percent = (part: number, whole: number) => (whole ? Math.round((part * 1000) / whole) / 10 : null);

function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return Math.round(value * 10) / 10;
}

const monthOf = (date: LocalDate) => date.slice(0, 7);

function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  for (let [year, month] = first.split('-').map(Number) as [number, number]; ; month += 1) {
    if (month > 12) [year, month] = [year + 1, 1];
    const label = `${year}-${String(month).padStart(2, '0')}`;
    months.push(label);
    if (label >= last) return months;
  }
}

/** The state a convention was in at the end of a month (undefined before it started). */
function stateAt(facts: ConventionStatsFacts, endOfMonth: string): LifecycleState | undefined {
  return facts.stateChanges.filter((change) => change.at < endOfMonth).at(-1)?.to;
}

const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / DAY_MS;

/** When the last signature came: the move to awaiting publication. */
const allSignedAt = (facts: ConventionStatsFacts) =>
  facts.stateChanges.find((change) => change.to === 'awaiting-publication')?.at;

function acted(source: StatsSource, reminder: { series: string; at: string }): boolean {
  const [kind, party] = reminder.series.split(':');
  const answer = ANSWERS[kind!];
  const from = Date.parse(reminder.at);
  return source.commands.some(
    (command) =>
      command.kind === answer &&
      (answer !== 'sign' || command.party === party) &&
      Date.parse(command.at) >= from &&
      Date.parse(command.at) <= from + ACTED_WITHIN_DAYS * DAY_MS,
  );
}

export function conventionStats(
  sources: readonly StatsSource[],
  now: number,
  timezone = 'Europe/Paris',
): StatsReport {
  const today = localDateOf(now, timezone);
  const firstMonth = sources.length
    ? monthOf(
        sources
          .map((s) => s.facts.startedAt)
          .sort()[0]!
          .slice(0, 10),
      )
    : monthOf(today);
  const months = monthsBetween(firstMonth, monthOf(today)).map((month): StatsMonth => {
    // The first instant of the next month, as an ISO string comparable with the records' instants.
    const [year, m] = month.split('-').map(Number) as [number, number];
    const endOfMonth = new Date(Date.UTC(m === 12 ? year + 1 : year, m === 12 ? 0 : m, 1)).toISOString();
    const byState: Partial<Record<LifecycleState, number>> = {};
    for (const { facts } of sources) {
      const state = stateAt(facts, endOfMonth);
      if (state) byState[state] = (byState[state] ?? 0) + 1;
    }
    const reminders = sources.flatMap((source) =>
      source.reminders.filter((r) => r.at.slice(0, 7) === month).map((r) => acted(source, r)),
    );
    const reached = (pick: (facts: ConventionStatsFacts) => string | undefined) =>
      sources.flatMap(({ facts }) => {
        const at = pick(facts);
        return at !== undefined && at < endOfMonth ? [days(facts.startedAt, at)] : [];
      });
    const reportsDue = sources.flatMap(({ facts }) =>
      facts.reports.filter((r) => monthOf(r.dueOn) === month && r.dueOn < today),
    );
    const committeesHeld = sources.flatMap(({ facts }) =>
      facts.committees.filter((c) => monthOf(c.date) === month && c.date < today),
    );
    const allocated = sources.reduce((sum, { facts }) => sum.plus(facts.allocatedAe), new Decimal(0));
    const engaged = sources
      .flatMap((source) => source.commands)
      .filter((command) => command.kind === 'engage' && command.ae && command.at < endOfMonth)
      .reduce((total, command) => total.plus(command.ae!), new Decimal(0));
    return {
      month,
      conventionsByState: byState,
      remindersActedOnWithin7Days: percent(reminders.filter(Boolean).length, reminders.length),
      medianDaysToSignatures: median(reached(allSignedAt)),
      medianDaysToPublication: median(reached((facts) => facts.publishedAt)),
      reportsOnTime: percent(reportsDue.filter((r) => r.onTime).length, reportsDue.length),
      committeesDecidedOnTime: percent(
        committeesHeld.filter((c) => c.decidedOnTime).length,
        committeesHeld.length,
      ),
      engagedOfAllocated: allocated.gt(0)
        ? engaged.div(allocated).times(100).toDecimalPlaces(1).toNumber()
        : null,
    };
  });
  return {
    generatedAt: new Date(now).toISOString(),
    conventions: sources.length,
    years: statsYears(sources, timezone),
    current: months.at(-1)!,
    months,
  };
}

/** Per budget year: the AE delegated for it, and those engaged in it (an engagement draws on its year's credits). */
function statsYears(sources: readonly StatsSource[], timezone: string): StatsYear[] {
  const allocated = new Map<number, Decimal>();
  const engaged = new Map<number, Decimal>();
  const add = (into: Map<number, Decimal>, year: number, amount: string) =>
    into.set(year, (into.get(year) ?? new Decimal(0)).plus(amount));
  for (const { facts, commands } of sources) {
    const byYear = facts.allocatedAeByYear ?? [
      { year: Number((facts.publishedAt ?? facts.startedAt).slice(0, 4)), ae: facts.allocatedAe },
    ];
    for (const { year, ae } of byYear) add(allocated, year, ae);
    for (const command of commands)
      if (command.kind === 'engage' && command.ae)
        add(engaged, Number(localDateOf(Date.parse(command.at), timezone).slice(0, 4)), command.ae);
  }
  return [...new Set([...allocated.keys(), ...engaged.keys()])]
    .sort((a, b) => a - b)
    .map((year) => {
      const ae = allocated.get(year) ?? new Decimal(0);
      const spent = engaged.get(year) ?? new Decimal(0);
      return {
        year,
        allocatedAe: toMoneyString(ae),
        engagedAe: toMoneyString(spent),
        engagedOfAllocated: ae.gt(0) ? spent.div(ae).times(100).toDecimalPlaces(1).toNumber() : null,
      };
    });
}
