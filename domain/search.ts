import { awaitedPeople, participantsOf } from './access';
import { committeeSlots } from './committees';
import {
  addCalendarDays,
  firstDayOfNextMonth,
  instantAt,
  localDateOf,
  periodOf,
  type LocalDate,
} from './dates';
import { advance } from './lifecycle';
import { nextDeadlineOf, pendingActions, waitingOnParties } from './pending';
import type { ConventionRecord, LifecycleState } from './record';
import { plannedEmails, type PlannedEmail } from './reminders';
import { reportPeriods } from './reports';

// What admins search conventions by (SPEC §6 `convention list`): the workflow keeps these values
// in Temporal's search attributes, so that a list never has to query every running workflow.

export interface ConventionSearchValues {
  conventionId: string;
  state: LifecycleState;
  startupName: string;
  /** When the workflow next acts on its own: the soonest reminder or deadline email (ISO), if any. */
  nextDeadline: string | null;
  /**
   * « Prochaine échéance »: the day the soonest row of the table of who acts next is due, one
   * already late first (`nextDeadlineOf`), if any row has a day.
   */
  nextActionDue: LocalDate | null;
  /** Parties (or `committee-secretary`) an action waits on. */
  waitingOn: string[];
}

/** The values at `now`; WaitingOn and NextActionDue are read from the table of pending actions. */
export function searchValuesOf(
  current: ConventionRecord,
  now: number,
  /** The record's plan at `now`, when the caller has just made it. */
  planned?: readonly PlannedEmail[],
): ConventionSearchValues {
  // As `describeStatus` has them (its `nextDeadlines[0]`, `nextDeadline`, `waitingOn`), without the rest of a status.
  const record = advance(current, now);
  const next = (planned ?? plannedEmails(record, now)).find((email) => email.at > now);
  const pending = pendingActions(record, now);
  return {
    conventionId: record.convention.id,
    state: record.state,
    startupName: record.convention.startup.name,
    nextDeadline: next ? new Date(next.at).toISOString() : null,
    nextActionDue: nextDeadlineOf(pending)?.deadline ?? null,
    waitingOn: waitingOnParties(pending),
  };
}

/**
 * The next instant NextActionDue may change with time alone, if any: the workflow wakes then
 * to upsert it. A row of the table appears at a midnight of the convention's time zone: a month's
 * report owed on the 1st of the next, a committee's decision the day after it met. (Commands and
 * the lifecycle's transitions wake the workflow on their own.)
 */
export function nextActionDueChangeAt(current: ConventionRecord, now: number): number | undefined {
  const record = advance(current, now);
  const timezone = record.convention.schedule.timezone;
  const today = localDateOf(now, timezone);
  const days = [
    ...(reportPeriods(record, today).includes(periodOf(today)) ? [firstDayOfNextMonth(now, timezone)] : []),
    ...committeeSlots(record, today)
      .filter((slot) => !slot.decided && slot.date >= today)
      .map((slot) => addCalendarDays(slot.date, 1)),
  ];
  // Not only when it would change: a later row may change it when the soonest does not.
  const instants = days.map((day) => instantAt(day, 0, timezone)).filter((at) => at > now);
  return instants.length ? Math.min(...instants) : undefined;
}

/** The addresses behind the Participants and AwaitedPeople search attributes, lowercased (hashed by the worker). */
export function searchPeopleOf(
  current: ConventionRecord,
  now: number,
): { participants: string[]; awaited: string[] } {
  const record = advance(current, now);
  const lower = (addresses: string[]) => [...new Set(addresses.map((a) => a.trim().toLowerCase()))];
  return {
    participants: lower(participantsOf(record.convention)),
    awaited: lower(pendingActions(record, now).flatMap((action) => awaitedPeople(record.convention, action))),
  };
}
