import { awaitedPeople, participantsOf } from './access';
import { advance } from './lifecycle';
import { pendingActions, waitingOnParties } from './pending';
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
  /** Parties (or `committee-secretary`) an action waits on. */
  waitingOn: string[];
}

/** The values at `now`; WaitingOn is read from the table of pending actions. */
export function searchValuesOf(
  current: ConventionRecord,
  now: number,
  /** The record's plan at `now`, when the caller has just made it. */
  planned?: readonly PlannedEmail[],
): ConventionSearchValues {
  // As `describeStatus` has them (its `nextDeadlines[0]`, `waitingOn`), without the rest of a status.
  const record = advance(current, now);
  const next = (planned ?? plannedEmails(record, now)).find((email) => email.at > now);
  return {
    conventionId: record.convention.id,
    state: record.state,
    startupName: record.convention.startup.name,
    nextDeadline: next ? new Date(next.at).toISOString() : null,
    waitingOn: waitingOnParties(pendingActions(record, now)),
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
