import type { UpdateDefinition } from '@temporalio/common';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CommandName, CommandPayload } from '../domain/commands';
import type { ConventionRecord, LifecycleState } from '../domain/lifecycle';
import type { TConvention } from '../domain/convention';
import type { ConventionStatus } from '../domain/status';

// Every message of the convention workflow, defined once for the workflow and its clients.

export const workflowIdFor = (conventionId: string) => `convention-${conventionId}`;

export interface ConventionWorkflowInput {
  convention: TConvention;
  /** Carried over by continue-as-new. */
  record?: ConventionRecord;
  /** Emails and commands per run before continuing as new (a small number in tests). */
  continueAsNewAfter?: number;
}

export interface CommandResult {
  state: LifecycleState;
  /** Position of the command among this convention's decisions (its register sequence). */
  registerSeq: number;
}

type CommandUpdates = { [C in CommandName]: UpdateDefinition<CommandResult, [CommandPayload<C>], C> };

export const commandUpdates: CommandUpdates = {
  sign: defineUpdate('sign'),
  publish: defineUpdate('publish'),
  'confirm-chorus': defineUpdate('confirm-chorus'),
  decide: defineUpdate('decide'),
  'submit-report': defineUpdate('submit-report'),
  engage: defineUpdate('engage'),
  pay: defineUpdate('pay'),
  amend: defineUpdate('amend'),
  'give-notice': defineUpdate('give-notice'),
  'withdraw-notice': defineUpdate('withdraw-notice'),
};

export const statusQuery = defineQuery<ConventionStatus>('status');
