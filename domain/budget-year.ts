import Decimal from 'decimal.js';
import { budgetYearOf, budgetYears, unknownUo, yearEndDates } from './budget';
import type { TYearEndForecastCommand } from './commands';
import {
  addCalendarDays,
  daysBetween,
  instantAt,
  localDateOf,
  reminderInstant,
  type LocalDate,
} from './dates';
import { uoCredits, uoNames, type CreditLine } from './ledger';
import { toMoneyString, type MoneyString } from './money';
import { runningNotice } from './notice';
import {
  accept,
  effectiveDate,
  isOver,
  nextEntry,
  refuse,
  type CommandOutcome,
  type ConventionRecord,
  type RegisterEntryDraft,
  TIME_ACTOR,
  type YearForecast,
  type YearStatement,
} from './record';
import { contactRefusal } from './roles';
import type { UnconsumedForecastData, YearEndLine } from './emails';

// The budget year (SPEC §11, art. 2 and 5 of the seed): the credits of a line are those of one
// year, which Chorus takes until the fin de gestion — a last day for engagements, a last day for
// payments. Before them the délégataire and the délégant get a forecast; as soon as the pace of
// consumption shows credits that will not be consumed, the délégant is told ("dans les meilleurs
// délais", art. 5); after 31 December, a statement per UO closes the year.

/** A pace measured over fewer days says nothing yet. */
export const PACE_MIN_DAYS = 30;

/** The last day the convention runs, when an expiry or a notice sets one. */
function lastDayOf(record: ConventionRecord): LocalDate | undefined {
  const notice = runningNotice(record);
  const days = [record.convention.schedule.endsOn, notice && addCalendarDays(notice.effectiveOn, -1)];
  return days.filter((day): day is LocalDate => day !== undefined).sort()[0];
}

export interface YearProjection {
  /** Since when the pace is measured: the effective date or 1 January, whichever is later. */
  since: LocalDate;
  /** The days the projection runs to: the year's last days, or the convention's if it ends before. */
  engagementsUntil: LocalDate;
  paymentsUntil: LocalDate;
  /** Engaged (paid) by then at the pace so far, and what would be left unconsumed. */
  engagedBy: MoneyString;
  aeLapsing: MoneyString;
  paidBy: MoneyString;
  cpLapsing: MoneyString;
}

/** At the pace since the year (or the convention) began, what a UO's credits of `year` come to by its dates. */
export function yearProjection(
  record: ConventionRecord,
  uo: string,
  year: number,
  today: LocalDate,
): YearProjection | undefined {
  const effective = effectiveDate(record);
  const credits = uoCredits(record, uo, year);
  if (!effective || !credits) return undefined;
  const since = [effective, `${year}-01-01`].sort().at(-1)!;
  const elapsed = daysBetween(since, today) + 1;
  if (elapsed < PACE_MIN_DAYS || today.slice(0, 4) !== String(year)) return undefined;
  const dates = yearEndDates(record.convention.schedule.yearEnd, year);
  const last = lastDayOf(record);
  const until = (day: LocalDate) => (last && last < day ? last : day);
  const project = (done: Decimal, allocated: Decimal, to: LocalDate) => {
    const remaining = Math.max(0, daysBetween(today, to));
    const by = Decimal.min(allocated, done.plus(done.div(elapsed).times(remaining)));
    return { by, lapsing: allocated.minus(by) };
  };
  const [engagementsUntil, paymentsUntil] = [until(dates.engagements), until(dates.payments)];
  const ae = project(credits.engaged, credits.ae, engagementsUntil);
  const cp = project(credits.paid, credits.cp, paymentsUntil);
  return {
    since,
    engagementsUntil,
    paymentsUntil,
    engagedBy: toMoneyString(ae.by.toDecimalPlaces(2)),
    aeLapsing: toMoneyString(ae.lapsing.toDecimalPlaces(2)),
    paidBy: toMoneyString(cp.by.toDecimalPlaces(2)),
    cpLapsing: toMoneyString(cp.lapsing.toDecimalPlaces(2)),
  };
}

/** The share of a UO's credits of the year projected to lapse: the larger of the AE's and the CP's, and which. */
export function lapsingShare(
  record: ConventionRecord,
  uo: string,
  year: number,
  projection: YearProjection,
): { share: Decimal; of: 'AE' | 'CP' } {
  const credits = uoCredits(record, uo, year)!;
  const share = (lapsing: MoneyString, allocated: Decimal) =>
    allocated.gt(0) ? new Decimal(lapsing).div(allocated) : new Decimal(0);
  const ae = share(projection.aeLapsing, credits.ae);
  const cp = share(projection.cpLapsing, credits.cp);
  return cp.gt(ae) ? { share: cp, of: 'CP' } : { share: ae, of: 'AE' };
}

/** The délégataire's latest forecast for a UO's year, if it gave one. */
export const yearForecastOf = (
  record: ConventionRecord,
  uo: string,
  year: number,
): YearForecast | undefined => record.yearForecasts.findLast((f) => f.uo === uo && f.year === year);

/** Budget years the rule watches: those with lines, from the year the convention took effect. */
function watchedYears(record: ConventionRecord): number[] {
  const effective = effectiveDate(record);
  if (!effective) return [];
  return budgetYears(record).filter((year) => year >= Number(effective.slice(0, 4)));
}

/** Whether an instant is one the rule speaks at: after the convention took effect and the rule came to it. */
function watchedAt(record: ConventionRecord, instant: number): boolean {
  const { timezone } = record.convention.schedule;
  const effective = effectiveDate(record);
  return effective !== undefined && instant >= instantAt(effective, 0, timezone);
}

export type YearDeadline = 'engagements' | 'payments';

export interface ForecastSlot {
  year: number;
  deadline: YearDeadline;
  on: LocalDate;
  daysBefore: number;
  at: number;
}

/**
 * The year-end forecasts still to send or due now: for each watched year and each of its dates,
 * one `noticeDays` before it; of those already due, only the latest, while its date has not passed.
 */
export function forecastSlots(record: ConventionRecord, now: number): ForecastSlot[] {
  const { schedule } = record.convention;
  if (isOver(record)) return [];
  return watchedYears(record).flatMap((year) => {
    const dates = yearEndDates(schedule.yearEnd, year);
    return (['engagements', 'payments'] as const).flatMap((deadline) => {
      const on = dates[deadline];
      if (instantAt(addCalendarDays(on, 1), 0, schedule.timezone) <= now) return [];
      const slots = schedule.yearEnd.noticeDays
        .map((daysBefore) => ({
          year,
          deadline,
          on,
          daysBefore,
          at: reminderInstant(addCalendarDays(on, -daysBefore), schedule),
        }))
        .filter((slot) => watchedAt(record, slot.at));
      const due = slots.filter((slot) => slot.at <= now);
      return [...due.slice(-1), ...slots.filter((slot) => slot.at > now)];
    });
  });
}

/** The first working day of each month of a year, at the reminder hour: when time alone may change a projection. */
function monthlyChecks(record: ConventionRecord, year: number): number[] {
  const { schedule } = record.convention;
  const last = yearEndDates(schedule.yearEnd, year).payments;
  return Array.from({ length: 12 }, (_, month) =>
    reminderInstant(`${year}-${String(month + 1).padStart(2, '0')}-01`, schedule),
  ).filter((at) => watchedAt(record, at) && localDateOf(at, schedule.timezone) <= last);
}

/**
 * When the pace of `year` was last looked at, up to `now`: a monthly check, a forecast, or a
 * command that changes the year's credits (an engagement, a payment, an avenant, a forecast).
 */
export function lastCheckOf(record: ConventionRecord, year: number, now: number): number | undefined {
  const inYear = (at: string) => budgetYearOf(record, Date.parse(at)) === year;
  const commands = [...record.engagements, ...record.payments, ...record.amendments, ...record.yearForecasts]
    .filter(({ at }) => inYear(at))
    .map(({ at }) => Date.parse(at));
  const forecasts = forecastSlots(record, now)
    .filter((slot) => slot.year === year)
    .map((slot) => slot.at);
  const checks = [...monthlyChecks(record, year), ...forecasts, ...commands].filter(
    (at) => at <= now && watchedAt(record, at),
  );
  return checks.length ? Math.max(...checks) : undefined;
}

/** The current budget year, while the rule watches it and its payments are not closed. */
export function watchedYearAt(record: ConventionRecord, now: number): number | undefined {
  const year = budgetYearOf(record, now);
  return watchedYears(record).includes(year) && !isOver(record) ? year : undefined;
}

/** When a budget year's statement is made: the first working day after 31 December, at the reminder hour. */
const statementAt = (record: ConventionRecord, year: number) =>
  reminderInstant(`${year + 1}-01-01`, record.convention.schedule);

/** The next instant the budget year needs the workflow awake for with no email planned: a monthly check, a statement. */
export function nextBudgetInstant(record: ConventionRecord, now: number): number | undefined {
  const stated = new Set(record.yearStatements.map((s) => s.year));
  const instants = watchedYears(record).flatMap((year) => [
    ...(isOver(record) ? [] : monthlyChecks(record, year)),
    ...(stated.has(year) ? [] : [statementAt(record, year)]),
  ]);
  const next = instants.filter((at) => at > now);
  return next.length ? Math.min(...next) : undefined;
}

/**
 * The statement of the earliest budget year ended by `now` and not stated yet, with its register
 * entry: per UO, what was engaged and paid, the CP lost with the year, the AE to carry over.
 */
export function dueYearStatement(
  record: ConventionRecord,
  now: number,
): { record: ConventionRecord; entry: RegisterEntryDraft } | undefined {
  const stated = new Set(record.yearStatements.map((s) => s.year));
  const year = watchedYears(record).find(
    (y) => !stated.has(y) && statementAt(record, y) <= now && watchedAt(record, statementAt(record, y)),
  );
  if (year === undefined) return undefined;
  const at = new Date(statementAt(record, year)).toISOString();
  const lines = uoNames(record).flatMap((uo) => {
    const credits = uoCredits(record, uo, year);
    if (!credits) return [];
    return [
      {
        uo,
        ae: toMoneyString(credits.ae),
        engaged: toMoneyString(credits.engaged),
        aeLeft: toMoneyString(credits.ae.minus(credits.engaged)),
        cp: toMoneyString(credits.cp),
        paid: toMoneyString(credits.paid),
        cpLapsed: toMoneyString(credits.cp.minus(credits.paid)),
      },
    ];
  });
  const statement: YearStatement = { year, at, lines };
  const next = nextEntry(record, 'year-end-statement', TIME_ACTOR, { year, lines }, at);
  return {
    record: { ...next.record, yearStatements: [...record.yearStatements, statement] },
    entry: next.entry,
  };
}

/** The délégataire records what it expects to engage and pay of a UO's credits before the year's dates. */
export function recordYearForecast(
  record: ConventionRecord,
  command: TYearEndForecastCommand,
  at: string,
): CommandOutcome {
  const { convention } = record;
  const notAllowed = contactRefusal(convention, 'delegataire', command.as, 'year-end-forecast');
  if (notAllowed) return notAllowed;
  if (!effectiveDate(record)) return refuse('WrongState', 'not-in-force', { command: 'year-end-forecast' });
  if (!uoCredits(record, command.uo)) return unknownUo(convention, command.uo);
  const year = command.year ?? budgetYearOf(record, Date.parse(at));
  const credits = uoCredits(record, command.uo, year);
  if (!credits)
    return refuse('InsufficientCredits', 'no-credits-for-year', {
      uo: command.uo,
      year,
      years: budgetYears(record, command.uo),
    });
  const { as: by, ...forecast } = command;
  return accept(record, 'year-end-forecast', command, at, (accepted) => ({
    ...accepted,
    yearForecasts: [...accepted.yearForecasts, { ...forecast, year, by, at }],
  }));
}

/** A UO's credits of one budget year, as status, `credits` and the console show them. */
export interface CreditYear extends Pick<CreditLine, 'ae' | 'cp' | 'engaged' | 'paid' | 'aeLeft' | 'cpLeft'> {
  year: number;
  /** The year's last days for engagements and payments. */
  engagementsUntil: LocalDate;
  paymentsUntil: LocalDate;
  /** At the pace so far, by those days (the current year only, once the pace says something). */
  projection?: YearProjection;
  /** The délégataire's own forecast. */
  forecast?: Omit<YearForecast, 'uo' | 'year'>;
  /** Once the year is closed. */
  statedAt?: string;
}

const withoutUoAndYear = ({ uo: _uo, year: _year, ...rest }: YearForecast) => rest;

/** Each budget year of a UO, once the record keeps them. */
export function creditYears(record: ConventionRecord, uo: string, today: LocalDate): CreditYear[] {
  return budgetYears(record, uo).map((year) => {
    const credits = uoCredits(record, uo, year)!;
    const dates = yearEndDates(record.convention.schedule.yearEnd, year);
    const projection = yearProjection(record, uo, year, today);
    const forecast = yearForecastOf(record, uo, year);
    const statement = record.yearStatements.find((s) => s.year === year);
    return {
      year,
      ae: toMoneyString(credits.ae),
      cp: toMoneyString(credits.cp),
      engaged: toMoneyString(credits.engaged),
      paid: toMoneyString(credits.paid),
      aeLeft: toMoneyString(credits.ae.minus(credits.engaged)),
      cpLeft: toMoneyString(credits.cp.minus(credits.paid)),
      engagementsUntil: dates.engagements,
      paymentsUntil: dates.payments,
      ...(projection ? { projection } : {}),
      ...(forecast ? { forecast: withoutUoAndYear(forecast) } : {}),
      ...(statement ? { statedAt: statement.at } : {}),
    };
  });
}

/** A UO's year as the emails tell it, projected as of `day`. */
export function yearEndLine(record: ConventionRecord, uo: string, year: number, day: LocalDate): YearEndLine {
  const credits = uoCredits(record, uo, year)!;
  const projection = yearProjection(record, uo, year, day);
  const forecast = yearForecastOf(record, uo, year);
  const { timezone } = record.convention.schedule;
  return {
    uo,
    ae: toMoneyString(credits.ae),
    engaged: toMoneyString(credits.engaged),
    cp: toMoneyString(credits.cp),
    paid: toMoneyString(credits.paid),
    ...(projection
      ? {
          projection: {
            engagedBy: projection.engagedBy,
            aeLapsing: projection.aeLapsing,
            paidBy: projection.paidBy,
            cpLapsing: projection.cpLapsing,
          },
        }
      : {}),
    ...(forecast
      ? {
          forecast: {
            ae: forecast.ae,
            cp: forecast.cp,
            ...(forecast.note ? { note: forecast.note } : {}),
            on: localDateOf(Date.parse(forecast.at), timezone),
          },
        }
      : {}),
  };
}

/** The UOs with credits in a year. */
export const uosOfYear = (record: ConventionRecord, year: number) =>
  uoNames(record).filter((uo) => uoCredits(record, uo, year) !== undefined);

/** The step of a lapse already told for a UO's year: the highest, from the emails sent. */
function toldStep(record: ConventionRecord, year: number, uo: string): number {
  const prefix = `${UNCONSUMED_SERIES}:${year}:${uo}:`;
  return Math.max(
    0,
    ...Object.keys(record.lastSent)
      .filter((series) => series.startsWith(prefix))
      .map((series) => Number(series.slice(prefix.length))),
  );
}

export const UNCONSUMED_SERIES = 'credits-unconsumed-forecast';

/**
 * The UOs whose credits of the current year the pace, at its last check, says will not all be
 * consumed by the year's dates (or the convention's end), past a step not told yet: one step is
 * `yearEnd.lapseStep` of the year's credits (a tenth by default).
 */
export function untoldLapses(
  record: ConventionRecord,
  now: number,
): {
  year: number;
  uo: string;
  step: number;
  toldStep: number;
  at: number;
  data: UnconsumedForecastData['lapse'];
}[] {
  const year = watchedYearAt(record, now);
  const at = year === undefined ? undefined : lastCheckOf(record, year, now);
  if (year === undefined || at === undefined) return [];
  const { schedule } = record.convention;
  const day = localDateOf(at, schedule.timezone);
  const lapseStep = new Decimal(schedule.yearEnd.lapseStep);
  return uosOfYear(record, year).flatMap((uo) => {
    const projection = yearProjection(record, uo, year, day);
    if (!projection) return [];
    const { share, of } = lapsingShare(record, uo, year, projection);
    const step = share.div(lapseStep).floor().toNumber();
    const told = toldStep(record, year, uo);
    if (step < 1 || step <= told) return [];
    return [
      {
        year,
        uo,
        step,
        toldStep: told,
        at,
        data: {
          ...yearEndLine(record, uo, year, day),
          year,
          on: day,
          engagementsUntil: projection.engagementsUntil,
          paymentsUntil: projection.paymentsUntil,
          share: share.times(100).toFixed(1),
          of,
          ...(told ? { toldBefore: lapseStep.times(told).times(100).toFixed(0) } : {}),
        },
      },
    ];
  });
}
