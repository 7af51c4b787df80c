import { commandField, commandFields, type FieldKind } from '../../../domain/command-fields';
import type { CommandName } from '../../../domain/commands';
import type { TConvention } from '../../../domain/convention';
import type { Fault } from '../../../domain/faults';
import { localDateOf } from '../../../domain/dates';
import { fieldWords, IN_EUROS, type WordedField } from '../../../domain/french/fields';
import { frenchDate } from '../../../domain/french/words';
import { readTypedAmount } from '../../../domain/money';
import type { ConventionStatus } from '../../../domain/status';
import type { Html } from '../html';

// What a form of the console is written with: its fields, the values typed, and the helpers the
// forms share. A field of the command follows from the command's schema (domain/command-fields.ts)
// and takes its words from the French catalogue; the command is made from the fields of its schema.

/** What a form is shown for: the convention as it stands, its status now, the parties one acts for. */
export interface FormContext {
  convention: TConvention;
  status: ConventionStatus;
  /** The parties this person may act for with the form (signature, notice). */
  parties: string[];
  now: number;
}

/** A choice of a select or of radio buttons; a radio button may explain itself below its label. */
export type Choice = { value: string; label: string; hint?: string };

/** A word beside an input that is not a fault: where its value was read, a value to confirm. */
export type Note = { kind: 'info' | 'warning'; text: string };

export type Field =
  | {
      kind: 'text' | 'email' | 'url' | 'date' | 'time' | 'month' | 'money' | 'number' | 'textarea';
      name: string;
      label: string;
      hint?: string;
      required?: boolean;
      /** An amount that may be negative (an avenant's variation). */
      signed?: boolean;
      notes?: Note[];
    }
  | {
      kind: 'select';
      name: string;
      label: string;
      choices: Choice[];
      hint?: string;
      optional?: string;
      notes?: Note[];
    }
  | { kind: 'radio'; name: string; label: string; choices: Choice[] }
  | { kind: 'checkbox'; name: string; label: string; notes?: Note[] }
  | { kind: 'group'; legend: string; hint?: string; fields: Field[] };

export type Values = Record<string, string>;

export interface FormSpec {
  title: string;
  intro?: (context: FormContext) => string;
  /** What the command binds one to, shown above the fields (what a signature signs). */
  summary?: (context: FormContext) => Html;
  /** Why the form cannot succeed today, when it cannot: the page says so instead of offering it. */
  closed?: (context: FormContext) => { title: string; text: string } | undefined;
  fields: (context: FormContext) => Field[];
  /** The values a link's query chooses, and those the form starts with. */
  preset?: (query: Values, context: FormContext) => Values;
  command: (values: Values, context: FormContext) => { name: CommandName; payload: Record<string, unknown> };
  /** The button's word, when « Enregistrer » does not say what it does. */
  submit?: string;
  done: string;
}

export const trimmed = (values: Values, name: string) => values[name]?.trim() ?? '';
const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
export const pick = (query: Values, ...names: string[]) =>
  Object.fromEntries(names.flatMap((name) => (query[name] ? [[name, query[name]]] : [])));

/** The input each kind of field is typed in; a choice is chosen among the form's own choices. */
const INPUTS: Record<FieldKind, Exclude<Field['kind'], 'select' | 'radio' | 'group'> | undefined> = {
  text: 'text',
  'long-text': 'textarea',
  email: 'email',
  url: 'url',
  date: 'date',
  time: 'time',
  month: 'month',
  money: 'money',
  integer: 'number',
  flag: 'checkbox',
  texts: 'textarea',
  choice: undefined,
  'amounts-per-uo': undefined,
  structured: undefined,
};

interface InputOptions {
  choices?: Choice[];
  radio?: boolean;
  optional?: boolean;
}

/**
 * The input of a field of `command`: its name, its input and whether it is required follow from
 * the command's schema, its label and hint from the French catalogue. With `choices`, a select
 * (radio buttons with `radio`), which offers an empty choice when the field may be left out.
 * `optional` for a field another command of the same form does without (a notice withdrawn).
 */
export function commandInput<C extends CommandName>(
  command: C,
  name: WordedField<C>,
  { choices, radio, optional }: InputOptions = {},
): Field {
  const { kind, required } = commandField(command, name);
  const { label, hint, unset } = fieldWords(command, name);
  if (choices && radio) return { kind: 'radio', name, label, choices };
  if (choices)
    return { kind: 'select', name, label, hint, choices, ...(required ? {} : { optional: unset }) };
  const input = INPUTS[kind];
  if (!input) throw new Error(`${command}.${name}: a ${kind} has no input of its own`);
  if (input === 'checkbox') return { kind: input, name, label };
  return { kind: input, name, label, hint, required: required && !optional };
}

/**
 * The command a form's values make: each field of the command's schema from the input of its
 * name (`spent.<UO>` for amounts per UO), those left empty out: the command's own defaults and
 * checks take over.
 */
export function commandOf(command: CommandName, values: Values) {
  const payload = commandFields(command).flatMap(({ name, kind }): [string, unknown][] => {
    if (kind === 'amounts-per-uo') {
      const prefix = `${name}.`;
      return [
        [
          name,
          Object.fromEntries(
            Object.keys(values)
              .filter((input) => input.startsWith(prefix) && trimmed(values, input))
              .map((input) => [input.slice(prefix.length), trimmed(values, input)]),
          ),
        ],
      ];
    }
    const value = trimmed(values, name);
    if (!value || kind === 'structured') return [];
    if (kind === 'integer') return [[name, Number(value)]];
    if (kind === 'flag') return value === 'true' ? [[name, true]] : [];
    if (kind === 'texts') return [[name, lines(value)]];
    return [[name, value]];
  });
  return { name: command, payload: Object.fromEntries(payload) };
}

/** A form that sends one command: its fields' inputs are that command's, and so is what it sends. */
export function commandForm<C extends CommandName>(
  command: C,
  spec: Omit<FormSpec, 'fields' | 'command'> & {
    fields: (context: FormContext, input: (name: WordedField<C>, options?: InputOptions) => Field) => Field[];
  },
): FormSpec {
  return {
    ...spec,
    fields: (context) => spec.fields(context, (name, options) => commandInput(command, name, options)),
    command: (values) => commandOf(command, values),
  };
}

/** The committees still to decide, to choose one. */
export const undecidedCommittees = (status: ConventionStatus): Choice[] =>
  status.committees
    .filter((c) => !c.decided)
    .map((c) => ({ value: String(c.number), label: `Comité n° ${c.number} du ${frenchDate(c.date)}` }));

export const withEcheancier = (context: FormContext) => [
  ...new Set(context.convention.budget.filter((line) => line.echeancier).map((line) => line.uo)),
];

/** An amount that is not a field of the command itself (a line of an avenant, a UO's spending). */
export const money = (name: string, label: string, hint = IN_EUROS, signed = false): Field => ({
  kind: 'money',
  name,
  label,
  hint,
  ...(signed ? { signed } : {}),
});

/**
 * The form's amounts read as a person types them (`12 500,00`, `12 500 €`; domain/money.ts) and
 * given in the commands' form (`12500.00`); a fault beside each that is not an amount.
 */
export function readAmounts(fields: readonly Field[], values: Values): { values: Values; faults: Fault[] } {
  const read = { ...values };
  const faults: Fault[] = [];
  for (const field of flatten(fields)) {
    const typed = trimmed(values, field.name);
    if (field.kind !== 'money' || !typed) continue;
    const signed = field.signed ?? false;
    const amount = readTypedAmount(typed, { signed });
    if (amount !== undefined) read[field.name] = amount;
    else
      faults.push({
        path: field.name,
        segments: [field.name],
        rule: 'amount',
        figures: { label: field.label, typed, signed },
        message: `expected an amount in euros such as 12 500,00, got ${JSON.stringify(typed)}`,
      });
  }
  return { values: read, faults };
}

/** Today, on the convention's clock. */
export const todayOf = ({ now, convention }: FormContext) => localDateOf(now, convention.schedule.timezone);

/** The budget year of an instant, on the convention's clock. */
export const currentYear = (now: number, convention: TConvention) =>
  Number(localDateOf(now, convention.schedule.timezone).slice(0, 4));

/** The fields of a form, its groups' fields among them. */
export const flatten = (fields: readonly Field[]): Extract<Field, { name: string }>[] =>
  fields.flatMap((field) => (field.kind === 'group' ? flatten(field.fields) : [field]));
