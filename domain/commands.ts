import { z } from 'zod';
import { imputationSchema, PHASES, scheduleChangesSchema } from './convention';
import { isPeriod } from './dates';
import { faultsOf } from './faults';
import { refusal, type Refusal } from './refusals';
import { COMMITTEE_DECISIONS, type CommandName } from './vocabulary';
import {
  email,
  expected,
  freeTextUpTo,
  parseWith,
  intBetween,
  listUpTo,
  localDate,
  moneyString,
  plainCharacters,
  shortText,
  signedMoneyString,
  textUpTo,
  webAddress,
} from './fields';

// Payloads of the commands (SPEC §5): every one names its actor in `as`. These schemas check the
// shape; whether the actor may act, and whether the command makes sense now, is the lifecycle's call.
// No schema is exported as a value (domain/fields.ts says why): callers use `parseCommand`, or
// `commandSchema` to read a command's fields.

const actor = { as: email() };

/** A party id as the convention writes it. */
const party = textUpTo(40);

/** A SHA-256 as 64 lower-case hex digits: the hash of a file the tool keeps. */
const sha256 = () =>
  z.string().regex(/^[0-9a-f]{64}$/, { error: expected('a SHA-256 in 64 lower-case hex digits') });

/** An instant with its offset: `2026-12-08T10:15:00Z`. */
const instant = () =>
  z.iso.datetime({ offset: true, error: expected('an instant such as 2026-12-08T10:15:00Z') });

/**
 * A signature's proof as data (issue 31): the console or the CLI verified the signed PDF (or took
 * an admin's scan of the paper original) and stored the file; the workflow keeps what they found.
 */
const ZEvidenceSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('electronic'),
      /** The file the signer returned, with every signature so far. */
      signedFileSha256: sha256(),
      /** The version its first signature covers: the validated one. */
      versionSha256: sha256(),
      signer: z.strictObject({ name: shortText(), email: email() }),
      signedAt: instant(),
      certificate: z.strictObject({
        subject: textUpTo(1_000),
        issuer: textUpTo(1_000),
        serialNumber: z
          .string()
          .regex(/^[0-9A-Fa-f:]{1,128}$/, { error: expected('a hexadecimal serial number') }),
      }),
    }),
    z.strictObject({
      kind: z.literal('handwritten'),
      /** The scan of the paper original. */
      scanSha256: sha256(),
      signedOn: localDate(),
    }),
  ],
  { error: expected('an evidence of kind electronic or handwritten') },
);

const ZSignCommandSchema = z.strictObject({ ...actor, party, evidence: ZEvidenceSchema.optional() });

/** Who approves: a délégant party's id, or `financial-unit`; the one the actor acts for when absent. */
const approver = party;

/** Approves the document's current version (state `validation`). */
const ZApproveCommandSchema = z.strictObject({
  ...actor,
  party: approver.optional(),
  /** The version read: refused if another one has been added since. */
  version: intBetween(1, 999, 'a version number').optional(),
});

/** Asks for changes to the current version, saying which. */
const ZRequestChangesCommandSchema = z.strictObject({
  ...actor,
  party: approver.optional(),
  version: intBetween(1, 999, 'a version number').optional(),
  comment: freeTextUpTo(5_000),
});

export const DOCUMENT_ORIGINS = ['model', 'upload'] as const;

/** An admin adds a version of the document (its file kept by the tool, by its hash). */
const ZAddVersionCommandSchema = z.strictObject({
  ...actor,
  sha256: sha256(),
  origin: z
    .enum(DOCUMENT_ORIGINS, { error: `expected one of ${DOCUMENT_ORIGINS.join(', ')}` })
    .default('upload'),
  note: freeTextUpTo(2_000).optional(),
});
const ZPublishCommandSchema = z.strictObject({
  ...actor,
  where: shortText(),
  url: webAddress(/^https?$/, 'expected an http(s) address').optional(),
  /** The day it was published, the convention's effective date: today when absent. */
  publishedOn: localDate().optional(),
});
const ZConfirmChorusCommandSchema = z.strictObject({ ...actor });

/** Long enough for real minutes and reports, short enough to stay far below Temporal's payload limits. */
const MAX_TEXT = 20_000;
const longText = freeTextUpTo(MAX_TEXT);

const ZDecideCommandSchema = z
  .strictObject({
    ...actor,
    decision: z.enum(COMMITTEE_DECISIONS, { error: `expected one of ${COMMITTEE_DECISIONS.join(', ')}` }),
    phase: z.enum(PHASES, { error: `expected one of ${PHASES.join(', ')}` }).optional(),
    notes: longText.optional(),
    conditions: listUpTo(freeTextUpTo(2_000), 50, 'conditions').default([]),
    /** Which committee (1 for the first); the earliest one awaiting a decision when absent. */
    committee: intBetween(1, 200, 'a committee number').optional(),
    /** The day it met, if before its scheduled day: the secretary's explicit early record. */
    heldOn: localDate().optional(),
  })
  .refine((command) => command.decision !== 'continue-with-conditions' || command.conditions.length > 0, {
    path: ['conditions'],
    message: 'a decision continue-with-conditions lists at least one condition',
    params: { rule: 'conditions-required' },
  });

/** `14:30`: a time of day on the convention's clock. */
const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The committee secretary sets or moves a committee: its day, its time, its place or visio link (SPEC §10). */
const ZScheduleCommitteeCommandSchema = z
  .strictObject({
    ...actor,
    /** Which committee (1 for the first); the next one awaiting a decision when absent. */
    committee: intBetween(1, 200, 'a committee number').optional(),
    date: localDate().optional(),
    time: z
      .string()
      .regex(TIME_OF_DAY, { error: expected('a time of day HH:MM, such as 14:30') })
      .optional(),
    durationMinutes: intBetween(15, 600, 'a number of minutes').optional(),
    place: textUpTo(300).optional(),
    visio: webAddress(/^https$/, 'expected an https address').optional(),
  })
  .refine(
    ({ date, time, durationMinutes, place, visio }) =>
      [date, time, durationMinutes, place, visio].some((field) => field !== undefined),
    {
      message: 'give at least one of date, time, durationMinutes, place, visio',
      params: { rule: 'nothing-to-change' },
    },
  );

const ZSubmitReportCommandSchema = z
  .strictObject({
    ...actor,
    /** The month reported on; absent for the final report. */
    period: z
      .string()
      .refine(isPeriod, { error: expected('a month YYYY-MM') })
      .optional(),
    /** Spent during the period, per UO. */
    spent: z
      .record(plainCharacters(z.string().max(40, 'a UO has at most 40 characters')), moneyString())
      .refine((spent) => Object.keys(spent).length <= 100, 'at most 100 UOs')
      .default({}),
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

/** A reference in Chorus or on an order form, e.g. `BC-2021-014`. */
const reference = z
  .string()
  .trim()
  .regex(/^[\w./-]{1,40}$/, {
    error: expected('a reference of 1 to 40 letters, digits, dots, slashes, dashes or underscores'),
  });
const uo = textUpTo(40);

const ZEngageCommandSchema = z.strictObject({
  ...actor,
  uo,
  ae: moneyString(),
  ref: reference,
  label: textUpTo(500).optional(),
});

const ZPayCommandSchema = z.strictObject({
  ...actor,
  uo,
  cp: moneyString(),
  ref: reference,
  /** The engagement paid for; any engagement of the UO when absent. */
  engagement: reference.optional(),
});

const ZBudgetDeltaSchema = z.strictObject({
  uo,
  /** The line changed: the UO's first line when absent; a new funder adds a line. */
  funder: shortText().optional(),
  ae: signedMoneyString().optional(),
  cp: signedMoneyString().optional(),
  /** The budget year of the line (SPEC §11): the year the avenant is signed in when absent. */
  year: intBetween(2000, 2100, 'a budget year').optional(),
  /** Required for a UO the convention does not have yet. */
  program: z
    .string()
    .regex(/^P\d{3}$/, 'expected a programme such as "P113"')
    .optional(),
  imputation: imputationSchema().optional(),
});

const ZAmendCommandSchema = z.strictObject({
  ...actor,
  /** The avenant's number: unique and increasing. */
  number: intBetween(1, 999, 'an avenant number'),
  summary: freeTextUpTo(5_000),
  signedOn: localDate(),
  budget: listUpTo(ZBudgetDeltaSchema, 50, 'budget changes').default([]),
  schedule: scheduleChangesSchema().optional(),
});

const ZGiveNoticeCommandSchema = z.strictObject({
  ...actor,
  party,
  reason: freeTextUpTo(5_000),
});

const ZWithdrawNoticeCommandSchema = z.strictObject({ ...actor, party });

/** The délégataire asks the délégant to make credits of a UO available (art. 2). */
const ZRequestCreditsCommandSchema = z.strictObject({
  ...actor,
  uo,
  ae: moneyString(),
  cp: moneyString(),
  /** When they are needed. */
  wantedBy: localDate(),
});

/** The délégant's commitments (art. 2) whose breach lets DINUM end its accompaniment (art. 7). */
export const COMMITMENTS = ['intrapreneur', 'committee', 'other'] as const;
export const ACCOMPANIMENT_SCOPES = ['whole', 'partial'] as const;

/** DINUM ends its accompaniment, wholly (notice follows) or partly. */
const ZEndAccompanimentCommandSchema = z.strictObject({
  ...actor,
  scope: z.enum(ACCOMPANIMENT_SCOPES, { error: `expected one of ${ACCOMPANIMENT_SCOPES.join(', ')}` }),
  commitment: z.enum(COMMITMENTS, { error: `expected one of ${COMMITMENTS.join(', ')}` }),
  reason: freeTextUpTo(5_000),
});

/** The délégant designates the startup's intrapreneur, replacing the one named before. */
const ZDesignateIntrapreneurCommandSchema = z.strictObject({ ...actor, name: shortText(), email: email() });

/** The délégant records credits of a UO made available in Chorus. */
const ZMakeAvailableCommandSchema = z.strictObject({ ...actor, uo, ae: moneyString(), cp: moneyString() });

/** The délégataire's own forecast for a year's end (SPEC §11): what it expects to engage and pay before the dates. */
const ZYearEndForecastCommandSchema = z.strictObject({
  ...actor,
  uo,
  /** The budget year; the current one when absent. */
  year: intBetween(2000, 2100, 'a budget year').optional(),
  ae: moneyString(),
  cp: moneyString(),
  note: freeTextUpTo(2_000).optional(),
});

const COMMAND_SCHEMAS = {
  sign: ZSignCommandSchema,
  publish: ZPublishCommandSchema,
  'confirm-chorus': ZConfirmChorusCommandSchema,
  decide: ZDecideCommandSchema,
  'schedule-committee': ZScheduleCommitteeCommandSchema,
  'submit-report': ZSubmitReportCommandSchema,
  engage: ZEngageCommandSchema,
  pay: ZPayCommandSchema,
  amend: ZAmendCommandSchema,
  'give-notice': ZGiveNoticeCommandSchema,
  'withdraw-notice': ZWithdrawNoticeCommandSchema,
  'request-credits': ZRequestCreditsCommandSchema,
  'make-available': ZMakeAvailableCommandSchema,
  'end-accompaniment': ZEndAccompanimentCommandSchema,
  'designate-intrapreneur': ZDesignateIntrapreneurCommandSchema,
  'year-end-forecast': ZYearEndForecastCommandSchema,
  'add-version': ZAddVersionCommandSchema,
  approve: ZApproveCommandSchema,
  'request-changes': ZRequestChangesCommandSchema,
} as const satisfies Record<CommandName, z.ZodType>;

export const COMMANDS = Object.keys(COMMAND_SCHEMAS) as CommandName[];
/** A command's schema, for a caller that lists its fields. */
export const commandSchema = (name: CommandName) => COMMAND_SCHEMAS[name];
export type TSignCommand = z.output<typeof ZSignCommandSchema>;
export type TEvidence = z.output<typeof ZEvidenceSchema>;
export type TApproveCommand = z.output<typeof ZApproveCommandSchema>;
export type TRequestChangesCommand = z.output<typeof ZRequestChangesCommandSchema>;
export type TAddVersionCommand = z.output<typeof ZAddVersionCommandSchema>;
export type TPublishCommand = z.output<typeof ZPublishCommandSchema>;
export type TConfirmChorusCommand = z.output<typeof ZConfirmChorusCommandSchema>;
export type TDecideCommand = z.output<typeof ZDecideCommandSchema>;
export type TScheduleCommitteeCommand = z.output<typeof ZScheduleCommitteeCommandSchema>;
export type TSubmitReportCommand = z.output<typeof ZSubmitReportCommandSchema>;
export type TEngageCommand = z.output<typeof ZEngageCommandSchema>;
export type TPayCommand = z.output<typeof ZPayCommandSchema>;
export type TAmendCommand = z.output<typeof ZAmendCommandSchema>;
export type TBudgetDelta = z.output<typeof ZBudgetDeltaSchema>;
export type TGiveNoticeCommand = z.output<typeof ZGiveNoticeCommandSchema>;
export type TWithdrawNoticeCommand = z.output<typeof ZWithdrawNoticeCommandSchema>;
export type TRequestCreditsCommand = z.output<typeof ZRequestCreditsCommandSchema>;
export type TMakeAvailableCommand = z.output<typeof ZMakeAvailableCommandSchema>;
export type TEndAccompanimentCommand = z.output<typeof ZEndAccompanimentCommandSchema>;
export type TDesignateIntrapreneurCommand = z.output<typeof ZDesignateIntrapreneurCommandSchema>;
export type TYearEndForecastCommand = z.output<typeof ZYearEndForecastCommandSchema>;
/** A command as the workflow reads it, defaults filled in. */
export type CommandPayload<C extends CommandName> = z.output<(typeof COMMAND_SCHEMAS)[C]>;
/** A command as a caller sends it (optional fields with a default may be left out). */
export type CommandInput<C extends CommandName> = z.input<(typeof COMMAND_SCHEMAS)[C]>;

export { REFUSAL_TYPES, type Refusal, type RefusalType } from './refusals';
export { COMMITTEE_DECISIONS, type CommandName, type CommitteeDecision } from './vocabulary';

/**
 * A command's payload checked against its schema, with every fault named by its field. The
 * workflow decides with it, and clients call it before sending, so that an oversized or malformed
 * payload never reaches Temporal.
 */
export function parseCommand<C extends CommandName>(
  name: C,
  payload: unknown,
): { ok: true; command: CommandPayload<C> } | { ok: false; refusal: Refusal } {
  const schema = COMMAND_SCHEMAS[name];
  if (!schema) {
    const fault = {
      path: '(root)',
      segments: [],
      rule: 'unknown-command',
      figures: {},
      message: 'unknown command',
    };
    return { ok: false, refusal: refusal('InvalidCommand', 'invalid', { command: name, faults: [fault] }) };
  }
  const parsed = parseWith(schema, payload);
  if (parsed.success) return { ok: true, command: parsed.data as CommandPayload<C> };
  return {
    ok: false,
    refusal: refusal('InvalidCommand', 'invalid', { command: name, faults: faultsOf(parsed.error.issues) }),
  };
}
