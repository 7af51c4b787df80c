import { waitingOnBeforeTable } from './pending';
import type { ConventionRecord, LifecycleState } from './record';
import { describeStatus } from './status';

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

/**
 * The values at `now`. WaitingOn is read from the table of pending actions, or as it was before
 * that table (`before-table`) for a run that upserted it so (the PENDING_ACTIONS patch).
 */
export function searchValuesOf(
  record: ConventionRecord,
  now: number,
  waitingOn: 'table' | 'before-table' = 'table',
): ConventionSearchValues {
  const status = describeStatus(record, now);
  return {
    conventionId: status.id,
    state: status.state,
    startupName: status.startup,
    nextDeadline: status.nextDeadlines[0]?.at ?? null,
    waitingOn:
      waitingOn === 'table'
        ? status.waitingOn
        : waitingOnBeforeTable(status.pending, now, record.convention.schedule.timezone),
  };
}
