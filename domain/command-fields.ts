import { z } from 'zod';
import { commandSchema, type CommandInput, type CommandName } from './commands';

// What a person writes in each field of a command, beside what its schema checks: the CLI's
// options (client/command-options.ts) and the console's inputs (client/web/forms/) follow from
// it. Its type lists exactly the fields of each command's schema, so that a field added to a
// schema, or one taken away, does not compile until it is said here how it is written.

export type FieldKind =
  | 'text'
  /** Minutes, reports, reasons: several lines. */
  | 'long-text'
  | 'email'
  | 'url'
  | 'date'
  | 'time'
  | 'month'
  | 'money'
  | 'integer'
  /** One of the values the schema lists. */
  | 'choice'
  /** Yes when given. */
  | 'flag'
  /** A list of texts, each given on its own. */
  | 'texts'
  /** `{ UO: amount }`. */
  | 'amounts-per-uo'
  /** Lists of objects and objects (an avenant's budget and schedule): written in a file. */
  | 'structured';

/** The fields of a command a person writes (`as`, the actor, is who is signed in or `--as`). */
export type FieldName<C extends CommandName> = Exclude<keyof CommandInput<C>, 'as'> & string;

export const COMMAND_FIELDS = {
  sign: { party: 'text', evidence: 'structured' },
  publish: { where: 'text', url: 'url', publishedOn: 'date' },
  'confirm-chorus': {},
  decide: {
    decision: 'choice',
    phase: 'choice',
    notes: 'long-text',
    conditions: 'texts',
    committee: 'integer',
    heldOn: 'date',
  },
  'schedule-committee': {
    committee: 'integer',
    date: 'date',
    time: 'time',
    durationMinutes: 'integer',
    place: 'text',
    visio: 'url',
  },
  'submit-report': {
    period: 'month',
    spent: 'amounts-per-uo',
    progress: 'long-text',
    forecast: 'long-text',
    replace: 'flag',
    final: 'flag',
  },
  engage: { uo: 'text', ae: 'money', ref: 'text', label: 'text' },
  pay: { uo: 'text', cp: 'money', ref: 'text', engagement: 'text' },
  amend: {
    number: 'integer',
    summary: 'long-text',
    signedOn: 'date',
    budget: 'structured',
    schedule: 'structured',
  },
  'give-notice': { party: 'text', reason: 'long-text' },
  'withdraw-notice': { party: 'text' },
  'request-credits': { uo: 'text', ae: 'money', cp: 'money', wantedBy: 'date' },
  'make-available': { uo: 'text', ae: 'money', cp: 'money' },
  'end-accompaniment': { scope: 'choice', commitment: 'choice', reason: 'long-text' },
  'designate-intrapreneur': { name: 'text', email: 'email' },
  'year-end-forecast': { uo: 'text', year: 'integer', ae: 'money', cp: 'money', note: 'long-text' },
  'add-version': { sha256: 'text', origin: 'choice', note: 'long-text' },
  approve: { party: 'text', version: 'integer' },
  'request-changes': { party: 'text', version: 'integer', comment: 'long-text' },
} as const satisfies { [C in CommandName]: Record<FieldName<C>, FieldKind> };

/** A field of a command: how it is written, whether it may be left out, the values it takes. */
export interface CommandField {
  name: string;
  kind: FieldKind;
  /** Neither optional nor defaulted in the schema (a rule across fields may still ask for it). */
  required: boolean;
  /** A choice's values, as the schema lists them. */
  choices?: readonly string[];
}

/** The schema under its optional or default wrapper. */
function inner(schema: z.ZodType): z.ZodType {
  const def = schema.def as { innerType?: z.ZodType };
  return def.innerType ? inner(def.innerType) : schema;
}

/** Each field of a command, in the schema's order, read from its schema and from COMMAND_FIELDS. */
export function commandFields(command: CommandName): CommandField[] {
  const kinds: Record<string, FieldKind> = COMMAND_FIELDS[command];
  return Object.entries(commandSchema(command).shape as Record<string, z.ZodType>).flatMap(
    ([name, schema]) => {
      const kind = kinds[name];
      if (!kind) return [];
      const values = inner(schema);
      return [
        {
          name,
          kind,
          required: !z.safeParse(schema, undefined).success,
          ...(values instanceof z.ZodEnum ? { choices: values.options as string[] } : {}),
        },
      ];
    },
  );
}

/** One field of a command. */
export const commandField = <C extends CommandName>(command: C, name: FieldName<C>): CommandField =>
  commandFields(command).find((field) => field.name === name)!;
