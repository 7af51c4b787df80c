import { z } from 'zod';
import { PHASES } from './convention';
import { PERIOD_PATTERN } from './dates';
import { email, expected, intBetween, moneyString, nonEmptyText } from './fields';

// Payloads of the commands (SPEC §5): every one names its actor in `as`. These schemas check the
// shape; whether the actor may act, and whether the command makes sense now, is the lifecycle's call.

const actor = { as: email };

export const ZSignCommandSchema = z.strictObject({ ...actor, party: nonEmptyText });
export const ZPublishCommandSchema = z.strictObject({
  ...actor,
  where: nonEmptyText.max(200),
  url: z
    .url({ protocol: /^https?$/, error: 'expected an http(s) address' })
    .max(2000)
    .optional(),
});
export const ZConfirmChorusCommandSchema = z.strictObject({ ...actor });

export const COMMITTEE_DECISIONS = ['continue', 'continue-with-conditions', 'pivot', 'stop'] as const;
export type CommitteeDecision = (typeof COMMITTEE_DECISIONS)[number];

/** Long enough for real minutes and reports, short enough to stay far below Temporal's payload limits. */
const MAX_TEXT = 20_000;
const longText = nonEmptyText.max(MAX_TEXT, `at most ${MAX_TEXT} characters`);

export const ZDecideCommandSchema = z
  .strictObject({
    ...actor,
    decision: z.enum(COMMITTEE_DECISIONS, { error: `expected one of ${COMMITTEE_DECISIONS.join(', ')}` }),
    phase: z.enum(PHASES, { error: `expected one of ${PHASES.join(', ')}` }).optional(),
    notes: longText.optional(),
    conditions: z.array(nonEmptyText.max(2_000)).max(50).default([]),
    /** Which committee (1 for the first); the earliest one awaiting a decision when absent. */
    committee: intBetween(1, 200, 'a committee number').optional(),
  })
  .refine((command) => command.decision !== 'continue-with-conditions' || command.conditions.length > 0, {
    path: ['conditions'],
    message: 'a decision continue-with-conditions lists at least one condition',
  });

export const ZSubmitReportCommandSchema = z
  .strictObject({
    ...actor,
    /** The month reported on; absent for the final report. */
    period: z
      .string()
      .regex(PERIOD_PATTERN, { error: expected('a month YYYY-MM') })
      .optional(),
    /** Spent during the period, per UO. */
    spent: z.record(z.string(), moneyString).default({}),
    progress: longText,
    forecast: longText,
    replace: z.boolean().default(false),
    /** The final report (SPEC §4.9), once the convention has ended. */
    final: z.boolean().default(false),
  })
  .refine((command) => command.final || command.period !== undefined, {
    path: ['period'],
    message: 'required (or final: true for the final report)',
  });

export const COMMAND_SCHEMAS = {
  sign: ZSignCommandSchema,
  publish: ZPublishCommandSchema,
  'confirm-chorus': ZConfirmChorusCommandSchema,
  decide: ZDecideCommandSchema,
  'submit-report': ZSubmitReportCommandSchema,
} as const;

export type CommandName = keyof typeof COMMAND_SCHEMAS;
export type TSignCommand = z.output<typeof ZSignCommandSchema>;
export type TPublishCommand = z.output<typeof ZPublishCommandSchema>;
export type TConfirmChorusCommand = z.output<typeof ZConfirmChorusCommandSchema>;
export type TDecideCommand = z.output<typeof ZDecideCommandSchema>;
export type TSubmitReportCommand = z.output<typeof ZSubmitReportCommandSchema>;
export type CommandPayload<C extends CommandName> = z.output<(typeof COMMAND_SCHEMAS)[C]>;

/** Why a command was refused; `type` is the ApplicationFailure type the caller sees. */
export const REFUSAL_TYPES = [
  'InvalidCommand',
  'NotAllowed',
  'UnknownParty',
  'UnknownUo',
  'AlreadyDone',
  'WrongState',
] as const;
export type RefusalType = (typeof REFUSAL_TYPES)[number];
export interface Refusal {
  type: RefusalType;
  message: string;
}
