import {
  defineSearchAttributeKey,
  SearchAttributeType,
  type SearchAttributeUpdatePair,
  type UpdateDefinition,
} from '@temporalio/common';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CommandInput, CommandName } from '../domain/commands';
import type { ConventionRecord, LifecycleState } from '../domain/lifecycle';
import type { RegisterEntryDraft } from '../domain/record';
import type { TConvention } from '../domain/convention';
import type { LocalDate } from '../domain/dates';
import type { ContinueAsNewRequest } from '../domain/operations';
import type { ConventionSearchValues } from '../domain/search';
import type { ConventionStatsFacts } from '../domain/stats';
import type { ConventionStatus } from '../domain/status';

// Every message of the convention workflow, defined once for the workflow and its clients.

export const workflowIdFor = (conventionId: string) => `convention-${conventionId}`;

/** A person's weekly digest (workflows/digest.ts), named by the keyed hash of their address: no address in clear. */
export const digestWorkflowIdFor = (personHash: string) => `digest-${personHash}`;

export interface DigestWorkflowInput {
  email: string;
  /** Carried over by continue-as-new: whether the person takes the digest. */
  weekly?: boolean;
}

/** A person's choice of reminders, made in the console (SPEC §10). */
export interface DigestChoiceInput {
  weekly: boolean;
}

/** Sets a person's choice: the worker's reminders hold back what their digest lists while `weekly`. */
export const digestChoiceUpdate = defineUpdate<DigestChoiceInput, [DigestChoiceInput]>('digest-choice');

/** The convention id of a workflow id (`convention-camino-2020` → `camino-2020`), for logs. */
export const conventionIdOf = (workflowId: string): string | undefined =>
  workflowId.startsWith('convention-') ? workflowId.slice('convention-'.length) : undefined;

export interface ConventionWorkflowInput {
  convention: TConvention;
  /** Carried over by continue-as-new; or, with `broughtIn`, the record a convention brought in with its past starts from. */
  record?: ConventionRecord;
  /**
   * The register entries of a convention's past (domain/bring-in.ts), written first, once: the
   * first run only (continue-as-new carries the record, not these).
   */
  broughtIn?: RegisterEntryDraft[];
  /** Emails and commands per run before continuing as new (a small number in tests). */
  continueAsNewAfter?: number;
}

export interface CommandResult {
  state: LifecycleState;
  /** Position of the command among this convention's decisions (its register sequence). */
  registerSeq: number;
}

/** Each command's Update, its argument typed as callers send it (the workflow parses it again). */
type CommandUpdates = { [C in CommandName]: UpdateDefinition<CommandResult, [CommandInput<C>], C> };

export const commandUpdates: CommandUpdates = {
  sign: defineUpdate('sign'),
  publish: defineUpdate('publish'),
  'confirm-chorus': defineUpdate('confirm-chorus'),
  decide: defineUpdate('decide'),
  'schedule-committee': defineUpdate('schedule-committee'),
  'submit-report': defineUpdate('submit-report'),
  engage: defineUpdate('engage'),
  pay: defineUpdate('pay'),
  amend: defineUpdate('amend'),
  'give-notice': defineUpdate('give-notice'),
  'withdraw-notice': defineUpdate('withdraw-notice'),
  'request-credits': defineUpdate('request-credits'),
  'make-available': defineUpdate('make-available'),
  'end-accompaniment': defineUpdate('end-accompaniment'),
  'designate-intrapreneur': defineUpdate('designate-intrapreneur'),
  'year-end-forecast': defineUpdate('year-end-forecast'),
  'add-version': defineUpdate('add-version'),
  approve: defineUpdate('approve'),
  'request-changes': defineUpdate('request-changes'),
};

/**
 * The same Updates for a payload nobody checked before sending (a scenario's, a fuzzer's): the
 * workflow's validator is its judge, as it is for any caller outside this code.
 */
export const uncheckedCommandUpdate = (name: CommandName): UpdateDefinition<CommandResult, [unknown]> =>
  defineUpdate(name);

/** An admin makes the convention continue as new now: the run it leaves answers, then hands over. */
export const continueAsNewUpdate = defineUpdate<{ runId: string }, [ContinueAsNewRequest]>('continue-as-new');

/**
 * The instant the status describes (epoch ms): the caller's. A query runs on the workflow's clock
 * as of its last workflow task, which may be weeks old for a quiet convention; without it, or with
 * an instant before that clock, the status is as of the workflow's clock.
 */
export interface StatusRequest {
  at: number;
}

export const statusQuery = defineQuery<ConventionStatus, [StatusRequest?]>('status');

/** The statistics facts as of the caller's instant: for a convention that kept none in the register yet. */
export const statsQuery = defineQuery<ConventionStatsFacts, [StatusRequest?]>('stats');

/** The convention as it stands (avenants applied): who holds which role, for the web console. */
export const conventionQuery = defineQuery<TConvention>('convention');

/** The search attributes the workflow keeps current; every namespace running it must have them registered. */
export const SEARCH_ATTRIBUTES = {
  conventionId: defineSearchAttributeKey('ConventionId', SearchAttributeType.KEYWORD),
  state: defineSearchAttributeKey('ConventionState', SearchAttributeType.KEYWORD),
  startupName: defineSearchAttributeKey('StartupName', SearchAttributeType.KEYWORD),
  /** When the workflow next sends a reminder or deadline email. */
  nextDeadline: defineSearchAttributeKey('NextDeadline', SearchAttributeType.DATETIME),
  /**
   * « Prochaine échéance »: the day the soonest action of the table of who acts next is due, as
   * `dueDayValue` holds it. Upserted since the patch NEXT_ACTION_DUE (workflows/patches.ts).
   */
  nextActionDue: defineSearchAttributeKey('NextActionDue', SearchAttributeType.DATETIME),
  waitingOn: defineSearchAttributeKey('WaitingOn', SearchAttributeType.KEYWORD_LIST),
  /** Keyed hashes of everyone named in the convention (crypto/participants.ts): no address in clear. */
  participants: defineSearchAttributeKey('Participants', SearchAttributeType.KEYWORD_LIST),
  /** Keyed hashes of the people a pending action waits on. */
  awaitedPeople: defineSearchAttributeKey('AwaitedPeople', SearchAttributeType.KEYWORD_LIST),
} as const;

/**
 * A day of the calendar as a Datetime attribute holds it: its midnight UTC, so that it reads back
 * as the same day whatever the reader's time zone (`dueDayOf`), and days sort as days.
 */
export const dueDayValue = (day: LocalDate): Date => new Date(`${day}T00:00:00Z`);

/** The day `dueDayValue` made. */
export const dueDayOf = (value: Date): LocalDate => value.toISOString().slice(0, 10);

export function searchAttributePairs(
  values: ConventionSearchValues,
  /** Whether the run upserts NextActionDue (the patch NEXT_ACTION_DUE). */
  { nextActionDue }: { nextActionDue: boolean },
): SearchAttributeUpdatePair[] {
  const pairs: SearchAttributeUpdatePair[] = [
    { key: SEARCH_ATTRIBUTES.conventionId, value: values.conventionId },
    { key: SEARCH_ATTRIBUTES.state, value: values.state },
    { key: SEARCH_ATTRIBUTES.startupName, value: values.startupName },
    {
      key: SEARCH_ATTRIBUTES.nextDeadline,
      value: values.nextDeadline ? new Date(values.nextDeadline) : null,
    },
    { key: SEARCH_ATTRIBUTES.waitingOn, value: values.waitingOn },
  ];
  if (nextActionDue)
    pairs.push({
      key: SEARCH_ATTRIBUTES.nextActionDue,
      value: values.nextActionDue ? dueDayValue(values.nextActionDue) : null,
    });
  return pairs;
}

/** The people's search attributes, from their hashes. */
export function peopleSearchPairs(hashes: {
  participants: string[];
  awaited: string[];
}): SearchAttributeUpdatePair[] {
  return [
    { key: SEARCH_ATTRIBUTES.participants, value: hashes.participants },
    { key: SEARCH_ATTRIBUTES.awaitedPeople, value: hashes.awaited },
  ];
}
