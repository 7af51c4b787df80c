import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  addCalendarMonths,
  firstDayOfNextMonth,
  instantAt,
  isFrenchPublicHoliday,
  isLocalDate,
  isWorkingDay,
  localDateOf,
  nextWorkingDay,
  reminderInstant,
} from '../../domain/dates';

const PARIS = 'Europe/Paris';
const timing = { timezone: PARIS, reminderHour: 9, workingDaysOnly: true };

describe('calendar months', () => {
  it.each([
    ['2021-01-31', 1, '2021-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2020-11-30', 3, '2021-02-28'],
    ['2023-11-30', 3, '2024-02-29'],
    ['2020-08-31', 6, '2021-02-28'],
    ['2020-03-26', 6, '2020-09-26'],
    ['2020-12-15', 1, '2021-01-15'],
    ['2021-03-31', -1, '2021-02-28'],
  ])('%s + %i months = %s', (from, months, expectedDate) => {
    expect(addCalendarMonths(from, months)).toBe(expectedDate);
  });

  it('adds days across month and year ends', () => {
    expect(addCalendarDays('2020-12-31', 1)).toBe('2021-01-01');
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2020-03-01', -1)).toBe('2020-02-29');
  });

  it.each([
    ['2020-02-29', true],
    ['2021-02-29', false],
    ['2021-04-31', false],
    ['2021-4-3', false],
    ['2021-13-01', false],
  ])('%s is a calendar date: %s', (value, valid) => {
    expect(isLocalDate(value)).toBe(valid);
  });
});

describe('instants in Europe/Paris across daylight saving time', () => {
  it('puts 9:00 at 8:00 UTC in winter and 7:00 UTC in summer', () => {
    expect(new Date(instantAt('2021-01-15', 9, PARIS)).toISOString()).toBe('2021-01-15T08:00:00.000Z');
    expect(new Date(instantAt('2021-07-15', 9, PARIS)).toISOString()).toBe('2021-07-15T07:00:00.000Z');
  });

  it('keeps 9:00 local on both sides of the spring and autumn changes', () => {
    // 2021-03-28 and 2021-10-31 are the change days: a day of 23 hours, then one of 25.
    expect(new Date(instantAt('2021-03-27', 9, PARIS)).toISOString()).toBe('2021-03-27T08:00:00.000Z');
    expect(new Date(instantAt('2021-03-29', 9, PARIS)).toISOString()).toBe('2021-03-29T07:00:00.000Z');
    expect(instantAt('2021-03-29', 9, PARIS) - instantAt('2021-03-26', 9, PARIS)).toBe(
      (3 * 24 - 1) * 3_600_000,
    );
    expect(instantAt('2021-11-01', 9, PARIS) - instantAt('2021-10-29', 9, PARIS)).toBe(
      (3 * 24 + 1) * 3_600_000,
    );
  });

  it('reads an hour the clocks skip as the hour after it, east and west of Greenwich', () => {
    const at = (date: string, hour: number, zone: string) =>
      new Date(instantAt(date, hour, zone)).toISOString();
    // 2:00 does not exist on 28 March 2021 in Paris, nor on 14 March 2021 in New York: 3:00 does.
    expect(at('2021-03-28', 2, PARIS)).toBe('2021-03-28T01:00:00.000Z');
    expect(at('2021-03-14', 2, 'America/New_York')).toBe('2021-03-14T07:00:00.000Z');
    // Overseas conventions: Cayenne (UTC−3) and Nouméa (UTC+11) have no summer time.
    expect(at('2021-07-15', 9, 'America/Cayenne')).toBe('2021-07-15T12:00:00.000Z');
    expect(at('2021-07-15', 9, 'Pacific/Noumea')).toBe('2021-07-14T22:00:00.000Z');
  });

  it('reads the local calendar day of an instant', () => {
    expect(localDateOf(Date.parse('2021-06-30T22:30:00Z'), PARIS)).toBe('2021-07-01');
    expect(localDateOf(Date.parse('2021-12-31T22:30:00Z'), PARIS)).toBe('2021-12-31');
    expect(localDateOf(Date.parse('2021-12-31T23:30:00Z'), PARIS)).toBe('2022-01-01');
  });

  it('adds calendar months to a day in summer time landing in winter time, still at 9:00', () => {
    const due = addCalendarMonths('2020-08-31', 3);
    expect(due).toBe('2020-11-30');
    expect(new Date(instantAt(due, 9, PARIS)).toISOString()).toBe('2020-11-30T08:00:00.000Z');
  });
});

describe('the first day of next month', () => {
  it('is counted in the time zone: 31 December 23:30 UTC is already January in Paris', () => {
    expect(firstDayOfNextMonth(Date.parse('2020-12-31T22:30:00Z'), PARIS)).toBe('2021-01-01');
    expect(firstDayOfNextMonth(Date.parse('2020-12-31T23:30:00Z'), PARIS)).toBe('2021-02-01');
  });
});

describe('French working days', () => {
  it.each([
    ['2021-07-14', 'Fête nationale'],
    ['2021-04-05', 'Easter Monday'],
    ['2021-12-25', 'Christmas'],
    ['2021-05-13', 'Ascension'],
    ['2021-05-24', 'Whit Monday'],
    ['2021-11-11', 'Armistice'],
    ['2022-01-01', "New Year's Day"],
    ['2024-04-01', 'Easter Monday 2024'],
  ])('%s (%s) is a public holiday', (date) => {
    expect(isFrenchPublicHoliday(date)).toBe(true);
    expect(isWorkingDay(date)).toBe(false);
  });

  it('counts neither Good Friday nor St Stephen (Alsace-Moselle only)', () => {
    expect(isFrenchPublicHoliday('2021-04-02')).toBe(false);
    expect(isFrenchPublicHoliday('2021-12-26')).toBe(false);
  });

  it.each([
    ['2021-07-13', '2021-07-13'], // an ordinary Tuesday
    ['2021-07-14', '2021-07-15'], // Wednesday 14 July → Thursday
    ['2021-04-03', '2021-04-06'], // Saturday before Easter Monday → Tuesday
    ['2021-12-25', '2021-12-27'], // Christmas on a Saturday → Monday
    ['2021-05-13', '2021-05-14'], // Ascension Thursday → Friday
    ['2020-12-31', '2020-12-31'], // 31 December is worked
    ['2021-01-01', '2021-01-04'], // New Year's Friday, then the weekend → Monday
  ])('the next working day from %s is %s', (from, expectedDay) => {
    expect(nextWorkingDay(from)).toBe(expectedDay);
  });
});

describe('the reminder instant', () => {
  it('is at the reminder hour, on the next working day when the day is not one', () => {
    expect(new Date(reminderInstant('2021-07-14', timing)).toISOString()).toBe('2021-07-15T07:00:00.000Z');
    expect(new Date(reminderInstant('2021-12-25', timing)).toISOString()).toBe('2021-12-27T08:00:00.000Z');
  });

  it('stays on the day itself when working days are not required', () => {
    const anyDay = { ...timing, workingDaysOnly: false, reminderHour: 14 };
    expect(new Date(reminderInstant('2021-07-14', anyDay)).toISOString()).toBe('2021-07-14T12:00:00.000Z');
  });
});
