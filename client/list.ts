import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type { LocalDate } from '../domain/dates';
import { LIFECYCLE_STATES } from '../domain/record';
import { conventionWorkflow } from '../workflows/convention';
import { conventionIdOf, dueDayOf, SEARCH_ATTRIBUTES } from '../workflows/messages';
import { NEXT_ACTION_DUE } from '../workflows/patches';
import { Refusal } from './temporal';

// `convention list`: conventions found through the search attributes the workflow keeps current,
// so that listing a thousand conventions queries Temporal's visibility store, not each workflow.

export interface ListFilters {
  state?: string;
  waitingOn?: string;
  /** A person's hash (crypto/participants.ts): the conventions that name them. */
  participant?: string;
}

export interface ConventionListing {
  id: string;
  workflowId: string;
  startup: string | null;
  /** The lifecycle state; null for a workflow started before it kept search attributes. */
  state: string | null;
  /** Temporal's status of the workflow: running, completed, terminated… */
  status: string;
  /** When the workflow next sends a reminder or deadline email (NextDeadline). */
  nextDeadline: string | null;
  /** « Prochaine échéance »: the day its soonest pending action is due (NextActionDue). */
  nextActionDue: LocalDate | null;
  /**
   * Whether the run keeps NextActionDue (the patch NEXT_ACTION_DUE): a run still on the old
   * branch does not, and only its next email (`nextDeadline`) is known.
   */
  keepsNextActionDue: boolean;
  waitingOn: string[];
  startedAt: string;
}

/**
 * The patches a run took (Temporal upserts it for `patched()`): says which runs keep NextActionDue.
 * Once `old-branches` lists none for NEXT_ACTION_DUE, every run keeps it and the fallback goes.
 */
export const CHANGE_VERSION = defineSearchAttributeKey(
  'TemporalChangeVersion',
  SearchAttributeType.KEYWORD_LIST,
);

/** Party ids and states are plain words: anything else would only be a way to inject a query. */
const PLAIN_WORD = /^[A-Za-z0-9._-]+$/;

/** A filter refused: which one, its value and the rule; the message reads as the CLI's options. */
export class FilterRefusal extends Refusal {
  constructor(
    readonly filter: keyof ListFilters,
    readonly value: string,
    readonly rule: string,
  ) {
    super(`--${filter === 'waitingOn' ? 'waiting-on' : filter} ${value}: ${rule}`);
  }
}

/** The visibility query for `filters`; refuses a state or party that cannot exist, saying why. */
export function listQuery(filters: ListFilters): string {
  const { state, waitingOn } = filters;
  // Each run continued as new stays listed with that status: only the latest run is the convention.
  const clauses = [`WorkflowType = '${conventionWorkflow.name}'`, `ExecutionStatus != 'ContinuedAsNew'`];
  if (state !== undefined) {
    if (!(LIFECYCLE_STATES as readonly string[]).includes(state))
      throw new FilterRefusal('state', state, `expected one of ${LIFECYCLE_STATES.join(', ')}`);
    clauses.push(`${SEARCH_ATTRIBUTES.state.name} = '${state}'`);
  }
  if (waitingOn !== undefined) {
    if (!PLAIN_WORD.test(waitingOn))
      throw new FilterRefusal(
        'waitingOn',
        waitingOn,
        'expected a party id such as DGALN, or committee-secretary',
      );
    clauses.push(`${SEARCH_ATTRIBUTES.waitingOn.name} = '${waitingOn}'`);
  }
  const hash = filters.participant;
  if (hash !== undefined) {
    if (!PLAIN_WORD.test(hash)) throw new FilterRefusal('participant', hash, 'expected a hash of an address');
    clauses.push(`${SEARCH_ATTRIBUTES.participants.name} = '${hash}'`);
  }
  return clauses.join(' AND ');
}

/** What visibility holds of a run, as the list reads it. */
export type ListedExecution = Pick<
  WorkflowExecutionInfo,
  'workflowId' | 'status' | 'startTime' | 'typedSearchAttributes'
>;

/** A convention's row, from its run's search attributes. */
export function listingOf(execution: ListedExecution): ConventionListing {
  const attributes = execution.typedSearchAttributes;
  const due = attributes.get(SEARCH_ATTRIBUTES.nextActionDue);
  return {
    id:
      attributes.get(SEARCH_ATTRIBUTES.conventionId) ??
      conventionIdOf(execution.workflowId) ??
      execution.workflowId,
    workflowId: execution.workflowId,
    startup: attributes.get(SEARCH_ATTRIBUTES.startupName) ?? null,
    state: attributes.get(SEARCH_ATTRIBUTES.state) ?? null,
    status: execution.status.name.toLowerCase(),
    nextDeadline: attributes.get(SEARCH_ATTRIBUTES.nextDeadline)?.toISOString() ?? null,
    nextActionDue: due ? dueDayOf(due) : null,
    keepsNextActionDue: (attributes.get(CHANGE_VERSION) ?? []).includes(NEXT_ACTION_DUE),
    waitingOn: attributes.get(SEARCH_ATTRIBUTES.waitingOn) ?? [],
    startedAt: execution.startTime.toISOString(),
  };
}

export async function listConventions(client: Client, filters: ListFilters): Promise<ConventionListing[]> {
  const listings: ConventionListing[] = [];
  for await (const execution of client.workflow.list({ query: listQuery(filters) }))
    listings.push(listingOf(execution));
  return listings.sort((a, b) => a.id.localeCompare(b.id));
}
