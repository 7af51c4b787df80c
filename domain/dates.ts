import { tzOffset } from '@date-fns/tz';
import joursFeries from '@socialgouv/jours-feries';

// Dates of the domain are calendar days in the convention's time zone, written `YYYY-MM-DD`
// (plain strings survive JSON, workflow state and history unchanged); instants are epoch ms.
export type LocalDate = string;

const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: LocalDate): [year: number, monthIndex: number, day: number] {
  const match = LOCAL_DATE_PATTERN.exec(date);
  if (!match) throw new RangeError(`expected a date YYYY-MM-DD, got ${JSON.stringify(date)}`);
  return [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
}

const DAY_MS = 86_400_000;

// Calendar arithmetic on a day happens on its UTC midnight, where no day is 23 or 25 hours long,
// whatever the time zone of the process running it; with Date's own UTC methods, which are many
// times faster than a time-zone-aware date's (a reminder plan computes thousands of days).
function utcMidnight(date: LocalDate): number {
  const [year, monthIndex, day] = parts(date);
  return Date.UTC(year, monthIndex, day);
}

function dayAt(utcMs: number): LocalDate {
  return new Date(utcMs).toISOString().slice(0, 10);
}

export function isLocalDate(value: string): boolean {
  if (!LOCAL_DATE_PATTERN.test(value)) return false;
  const midnight = utcMidnight(value);
  return Number.isFinite(midnight) && dayAt(midnight) === value;
}

/** Calendar months, clamped to the month's last day: 2021-01-31 + 1 month = 2021-02-28. */
export function addCalendarMonths(date: LocalDate, months: number): LocalDate {
  const [year, monthIndex, day] = parts(date);
  const lastDay = new Date(Date.UTC(year, monthIndex + months + 1, 0)).getUTCDate();
  return dayAt(Date.UTC(year, monthIndex + months, Math.min(day, lastDay)));
}

export function addCalendarDays(date: LocalDate, days: number): LocalDate {
  return dayAt(utcMidnight(date) + days * DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: LocalDate): number {
  return new Date(utcMidnight(date)).getUTCDay();
}

// The time zone's offset at an instant, in ms; one Intl lookup each, where a time-zone-aware date
// object costs several (a plan converts hundreds of instants per wake-up).
const offsetMs = (instant: number, timezone: string) => tzOffset(timezone, new Date(instant)) * 60_000;

/** The calendar day an instant falls on in a time zone. */
export function localDateOf(instant: number, timezone: string): LocalDate {
  return dayAt(instant + offsetMs(instant, timezone));
}

/**
 * The instant of `hour`:00 on a calendar day in a time zone (DST-aware: 9:00 is 8:00 UTC in
 * winter, 7:00 in summer; an hour the clocks skip reads as the hour after it, as on the clock).
 */
export function instantAt(date: LocalDate, hour: number, timezone: string): number {
  const [year, monthIndex, day] = parts(date);
  const asIfUtc = Date.UTC(year, monthIndex, day, hour);
  const first = asIfUtc - offsetMs(asIfUtc, timezone);
  const offset = offsetMs(first, timezone);
  const second = asIfUtc - offset;
  // In an hour the clocks skip, no offset gives the hour back: the clock reads the hour after it.
  return offsetMs(second, timezone) === offset ? second : Math.max(first, second);
}

function frenchPublicHolidays(year: number): LocalDate[] {
  // The library builds its Dates at local midnight of the *process* and adds days as 24-hour
  // spans, so a DST change can shift one by an hour either way: reading the day at noon is exact.
  const HALF_DAY_MS = 12 * 3_600_000;
  return Object.values(joursFeries(year)).map((date) => {
    const noon = new Date(date.getTime() + HALF_DAY_MS);
    const month = String(noon.getMonth() + 1).padStart(2, '0');
    const day = String(noon.getDate()).padStart(2, '0');
    return `${noon.getFullYear()}-${month}-${day}`;
  });
}

// Built once at import and never changed after: the worker shares this module between workflows
// (worker/worker.ts), where a table filled as it goes would be state carried from one to another.
const TABULATED_YEARS = { from: 2000, to: 2100 };
const TABULATED_HOLIDAYS: ReadonlySet<LocalDate> = new Set(
  Array.from({ length: TABULATED_YEARS.to - TABULATED_YEARS.from + 1 }, (_, i) =>
    frenchPublicHolidays(TABULATED_YEARS.from + i),
  ).flat(),
);

/** Metropolitan France's public holidays (Alsace-Moselle's two extra days are not counted). */
export function isFrenchPublicHoliday(date: LocalDate): boolean {
  const year = parts(date)[0];
  return year >= TABULATED_YEARS.from && year <= TABULATED_YEARS.to
    ? TABULATED_HOLIDAYS.has(date)
    : frenchPublicHolidays(year).includes(date);
}

export function isWorkingDay(date: LocalDate): boolean {
  const weekday = dayOfWeek(date);
  return weekday !== 0 && weekday !== 6 && !isFrenchPublicHoliday(date);
}

/** The day itself when it is a working day, else the first working day after it. */
export function nextWorkingDay(date: LocalDate): LocalDate {
  let day = date;
  while (!isWorkingDay(day)) day = addCalendarDays(day, 1);
  return day;
}

export interface ReminderTiming {
  timezone: string;
  reminderHour: number;
  workingDaysOnly: boolean;
}

/**
 * When a reminder planned for a day goes out: at `reminderHour` local time, moved to the next
 * working day when `workingDaysOnly` (the deadline it reminds of does not move).
 */
export function reminderInstant(date: LocalDate, timing: ReminderTiming): number {
  const day = timing.workingDaysOnly ? nextWorkingDay(date) : date;
  return instantAt(day, timing.reminderHour, timing.timezone);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / DAY_MS);
}

/** A calendar month, `YYYY-MM`: the period of a monthly report. Periods compare as strings. */
export type Period = string;

const PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

export function isPeriod(value: string): boolean {
  return PERIOD_PATTERN.test(value);
}

export function periodOf(date: LocalDate): Period {
  return date.slice(0, 7);
}

export function addPeriods(period: Period, months: number): Period {
  return periodOf(addCalendarMonths(`${period}-01`, months));
}

/** A day of a period's month (1 to 28, which every month has). */
export function dayOfPeriod(period: Period, day: number): LocalDate {
  return `${period}-${String(day).padStart(2, '0')}`;
}

/** The first day of the month after the one `instant` falls in, in a time zone. */
export function firstDayOfNextMonth(instant: number, timezone: string): LocalDate {
  return dayOfPeriod(addPeriods(periodOf(localDateOf(instant, timezone)), 1), 1);
}
