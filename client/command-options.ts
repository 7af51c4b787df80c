import { Option, type Command } from 'commander';
import type { COMMAND_FIELDS } from '../domain/command-fields';
import { commandFields, type CommandField, type FieldKind } from '../domain/command-fields';
import type { CommandName } from '../domain/commands';
import { readTypedAmount } from '../domain/money';
import { readDataFile, readOrRefuse } from './files';
import { Refusal } from './temporal';

// A command's options follow from its schema (domain/command-fields.ts): one option per field,
// named after it, mandatory when the schema requires the field, a number or a choice when the
// schema wants one. What each option means is said here, for the CLI's help.

/** What each option means: every field of each command but those only a file carries. */
type Hints = {
  [C in CommandName]: {
    [
      F in keyof (typeof COMMAND_FIELDS)[C] as (typeof COMMAND_FIELDS)[C][F] extends 'structured' ? never : F
    ]: string;
  };
};

const HINTS: Hints = {
  sign: { party: 'the party that signs, e.g. DGALN' },
  'add-version': {
    sha256: "the SHA-256 of the version's file, kept by the tool",
    origin: 'drafted from the model, or uploaded (default)',
    note: 'why this version',
  },
  approve: {
    party: 'the délégant party you approve for, or financial-unit (default: the one you act for)',
    version: 'the version you read (refused if another was added since)',
  },
  'request-changes': {
    party: 'the délégant party you ask for, or financial-unit (default: the one you act for)',
    version: 'the version you read',
    comment: 'the changes asked for',
  },
  publish: {
    where: 'where it was published, e.g. data.gouv.fr',
    url: 'the address of the publication',
    publishedOn: 'the day it was published, its effective date (default: today)',
  },
  'confirm-chorus': {},
  decide: {
    decision: 'the decision',
    phase: 'the new phase',
    notes: 'the minutes',
    conditions: 'a condition (repeat for several)',
    committee: 'which committee (default: the earliest awaiting a decision)',
    heldOn: 'the day it met, if before its scheduled day (default: it met on that day)',
  },
  'schedule-committee': {
    committee: 'which committee (default: the next awaiting a decision)',
    date: 'the day it now meets',
    time: "the time it starts, on the convention's clock",
    durationMinutes: 'how long it lasts, in minutes (default 120)',
    place: 'where it meets',
    visio: 'its visio link (https)',
  },
  'submit-report': {
    period: 'the month reported on',
    spent: 'spent on a UO during the period (repeat for each UO)',
    progress: 'progress of the work',
    forecast: 'forecast of orders and consumption',
    replace: 'replace the report already received for that month',
    final: 'the final report, once the convention has ended',
  },
  engage: {
    uo: 'the UO, e.g. 0113-PEBC-ELAB',
    ae: 'the AE engaged, e.g. 12500.00',
    ref: 'its reference (order form, Chorus)',
    label: 'what it pays for',
  },
  pay: {
    uo: 'the UO',
    cp: 'the CP paid',
    ref: 'its reference',
    engagement: 'the reference of the engagement it pays for',
  },
  amend: {
    number: "the avenant's number",
    summary: 'what it changes',
    signedOn: 'the day it was signed',
  },
  'give-notice': { party: 'the signatory party giving notice, e.g. DGALN', reason: 'why' },
  'withdraw-notice': { party: 'the party that gave notice' },
  'request-credits': {
    uo: 'the UO, e.g. 0113-PEBC-ELAB',
    ae: 'the AE asked for, e.g. 40000.00',
    cp: 'the CP asked for, e.g. 40000.00',
    wantedBy: 'when they are needed',
  },
  'make-available': { uo: 'the UO', ae: 'the AE made available', cp: 'the CP made available' },
  'end-accompaniment': {
    scope: 'whole or partial',
    commitment: 'the commitment the délégant breached',
    reason: 'why',
  },
  'designate-intrapreneur': { name: 'their name', email: 'their address' },
  'year-end-forecast': {
    uo: 'the UO',
    year: 'the budget year (this year by default)',
    ae: 'the AE it expects to engage by the last day for engagements',
    cp: 'the CP it expects to pay by the last day for payments',
    note: 'a comment',
  },
};

/** What an option's value looks like in the help; a text or a choice is named after its field. */
const VALUE_OF: Partial<Record<FieldKind, string>> = {
  'long-text': 'text',
  email: 'email',
  url: 'url',
  date: 'YYYY-MM-DD',
  time: 'HH:MM',
  month: 'YYYY-MM',
  money: 'amount',
  integer: 'number',
  texts: 'text',
  'amounts-per-uo': 'UO=AMOUNT',
};

/** The option's name as commander gives it back; a list is given one item at a time, in the singular. */
const optionName = ({ name, kind }: CommandField) => (kind === 'texts' ? name.replace(/s$/, '') : name);
/** `wantedBy` → `--wanted-by`. */
const flagOf = (field: CommandField) =>
  `--${optionName(field).replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;

/** Commander's way to take an option several times. */
const collect = (value: string, previous: string[]) => [...previous, value];

/** A file that may carry the command's fields, the options then given over it. */
export interface FieldsFile {
  hint: string;
  mandatory: boolean;
}

/**
 * Adds a command's options to `command`: each field of its schema but those only a file carries,
 * then `--file` when one may carry them (no field option is then mandatory: the schema checks the
 * fields of both together before anything is sent), then `--as`.
 */
export function addCommandOptions(command: Command, name: CommandName, file?: FieldsFile): Command {
  const hints: Record<string, string> = HINTS[name];
  for (const field of commandFields(name)) {
    if (field.kind === 'structured') continue;
    const value = field.kind === 'flag' ? '' : ` <${VALUE_OF[field.kind] ?? field.name}>`;
    const option = new Option(`${flagOf(field)}${value}`, hints[field.name]);
    if (field.required && !file) option.makeOptionMandatory();
    if (field.choices) option.choices(field.choices);
    if (field.kind === 'integer') option.argParser(Number);
    if (field.kind === 'money') option.argParser(asTyped);
    if (field.kind === 'texts' || field.kind === 'amounts-per-uo') option.argParser(collect).default([]);
    command.addOption(option);
  }
  if (file) {
    const option = new Option('--file <file>', file.hint);
    command.addOption(file.mandatory ? option.makeOptionMandatory() : option);
  }
  return command.addOption(new Option('--as <email>', 'the person giving the command').makeOptionMandatory());
}

/**
 * An amount as the console reads it, `12 500,00` as well as `12500.00` (domain/money.ts); what does
 * not read stays as given, for the schema to refuse with its message.
 */
const asTyped = (value: string) => readTypedAmount(value) ?? value;

/** `UO=AMOUNT` options as `{ UO: AMOUNT }`. */
function amountsPerUo(flag: string, entries: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    entries.map((entry) => {
      const match = /^([^=]+)=(.*)$/.exec(entry);
      if (!match) throw new Refusal(`${flag} ${entry}: expected UO=AMOUNT, e.g. 0113-PEBC-ELAB=12500.00`);
      return [match[1]!.trim(), asTyped(match[2]!.trim())];
    }),
  );
}

/**
 * The command's payload from the options commander parsed: the file's fields if any, then the
 * options given over them, then the actor. The schema checks the whole before it is sent.
 */
export function payloadOf(name: CommandName, options: Record<string, unknown>): Record<string, unknown> {
  const file = options.file as string | undefined;
  const fromFile = file ? readOrRefuse(file, readDataFile(file)) : {};
  const given = commandFields(name).flatMap((field): [string, unknown][] => {
    const value = options[optionName(field)];
    if (value === undefined) return [];
    if (field.kind === 'texts') return (value as string[]).length ? [[field.name, value]] : [];
    if (field.kind === 'amounts-per-uo')
      return (value as string[]).length ? [[field.name, amountsPerUo(flagOf(field), value as string[])]] : [];
    return [[field.name, value]];
  });
  return { ...fromFile, ...Object.fromEntries(given), as: options.as };
}
