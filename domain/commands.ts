import { z } from 'zod';
import { email, nonEmptyText } from './fields';

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

export const COMMAND_SCHEMAS = {
  sign: ZSignCommandSchema,
  publish: ZPublishCommandSchema,
  'confirm-chorus': ZConfirmChorusCommandSchema,
} as const;

export type CommandName = keyof typeof COMMAND_SCHEMAS;
export type TSignCommand = z.output<typeof ZSignCommandSchema>;
export type TPublishCommand = z.output<typeof ZPublishCommandSchema>;
export type TConfirmChorusCommand = z.output<typeof ZConfirmChorusCommandSchema>;
export type CommandPayload<C extends CommandName> = z.output<(typeof COMMAND_SCHEMAS)[C]>;

/** Why a command was refused; `type` is the ApplicationFailure type the caller sees. */
export const REFUSAL_TYPES = [
  'InvalidCommand',
  'NotAllowed',
  'UnknownParty',
  'AlreadyDone',
  'WrongState',
] as const;
export type RefusalType = (typeof REFUSAL_TYPES)[number];
export interface Refusal {
  type: RefusalType;
  message: string;
}
