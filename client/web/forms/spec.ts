import type { CommandName } from '../../../domain/commands';
import type { TConvention } from '../../../domain/convention';
import { localDateOf } from '../../../domain/dates';
import { frenchDate } from '../../../domain/french/words';
import type { ConventionStatus } from '../../../domain/status';

// What a form of the console is written with: its fields, the values typed, and the helpers the
// forms share to turn those values into a command.

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

export type Field =
  | {
      kind: 'text' | 'email' | 'url' | 'date' | 'time' | 'month' | 'money' | 'number' | 'textarea';
      name: string;
      label: string;
      hint?: string;
      required?: boolean;
    }
  | { kind: 'select'; name: string; label: string; choices: Choice[]; hint?: string; optional?: string }
  | { kind: 'radio'; name: string; label: string; choices: Choice[] }
  | { kind: 'checkbox'; name: string; label: string }
  | { kind: 'group'; legend: string; hint?: string; fields: Field[] };

export type Values = Record<string, string>;

export interface FormSpec {
  title: string;
  intro?: (context: FormContext) => string;
  fields: (context: FormContext) => Field[];
  /** The values a link's query chooses, and those the form starts with. */
  preset?: (query: Values, context: FormContext) => Values;
  command: (values: Values, context: FormContext) => { name: CommandName; payload: Record<string, unknown> };
  done: string;
}

export const trimmed = (values: Values, name: string) => values[name]?.trim() ?? '';
/** The fields given, those left empty out: the command's own defaults and checks take over. */
export const given = (values: Values, ...names: string[]) =>
  Object.fromEntries(names.flatMap((name) => (trimmed(values, name) ? [[name, trimmed(values, name)]] : [])));
export const lines = (text = '') =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
export const pick = (query: Values, ...names: string[]) =>
  Object.fromEntries(names.flatMap((name) => (query[name] ? [[name, query[name]]] : [])));

/** The committees still to decide, to choose one; `optional` says which one an empty choice means. */
export const committeeChoice = (status: ConventionStatus, optional: string): Field => ({
  kind: 'select',
  name: 'committee',
  label: 'Comité',
  optional,
  choices: status.committees
    .filter((c) => !c.decided)
    .map((c) => ({ value: String(c.number), label: `Comité n° ${c.number} du ${frenchDate(c.date)}` })),
});

export const uoChoices = (context: FormContext, left: (uo: ConventionStatus['credits'][number]) => string) =>
  context.status.credits.map((line) => ({ value: line.uo, label: `${line.uo} — ${left(line)}` }));

export const withEcheancier = (context: FormContext) => [
  ...new Set(context.convention.budget.filter((line) => line.echeancier).map((line) => line.uo)),
];

export const money = (name: string, label: string, hint = 'En euros, par exemple 12500.00'): Field => ({
  kind: 'money',
  name,
  label,
  hint,
});
/** The budget year of an instant, on the convention's clock. */
export const currentYear = (now: number, convention: TConvention) =>
  Number(localDateOf(now, convention.schedule.timezone).slice(0, 4));

/** The fields of a form, its groups' fields among them. */
export const flatten = (fields: readonly Field[]): Extract<Field, { name: string }>[] =>
  fields.flatMap((field) => (field.kind === 'group' ? flatten(field.fields) : [field]));
