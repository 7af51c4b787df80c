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

export function searchValuesOf(record: ConventionRecord, now: number): ConventionSearchValues {
  const status = describeStatus(record, now);
  return {
    conventionId: status.id,
    state: status.state,
    startupName: status.startup,
    nextDeadline: status.nextDeadlines[0]?.at ?? null,
    waitingOn: status.waitingOn,
  };
}
