import { sleep } from '@temporalio/workflow';
import { addCalendarMonths, localDateOf, reminderInstant, type ReminderTiming } from '../../domain/dates';

// A workflow for the infrastructure tests only: it sleeps a number of calendar months computed by
// the domain, which proves that the domain runs in the sandbox and that the servers are real.

export interface CalendarSleepInput {
  months: number;
  timing: ReminderTiming;
}

export interface CalendarSleepResult {
  startedOn: string;
  wokeAt: string;
  wokeOn: string;
}

export async function sleepCalendarMonths({
  months,
  timing,
}: CalendarSleepInput): Promise<CalendarSleepResult> {
  const startedOn = localDateOf(Date.now(), timing.timezone);
  const wakeAt = reminderInstant(addCalendarMonths(startedOn, months), timing);
  await sleep(wakeAt - Date.now());
  return {
    startedOn,
    wokeAt: new Date().toISOString(),
    wokeOn: localDateOf(Date.now(), timing.timezone),
  };
}
