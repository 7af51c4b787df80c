import { awaitedPeople, participantsOf } from './access';
import { advance } from './lifecycle';
import type { LocalDate } from './dates';
import { nextDeadlineOf, pendingActions, waitingOnParties } from './pending';
import type { ConventionRecord, LifecycleState } from './record';
import { plannedEmails, type PlannedEmail } from './reminders';

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
