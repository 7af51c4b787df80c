import { factOf, FACT_LISTS, historySchema, type FactList, type THistory } from './bring-in';
import { yearEndDates } from './budget';
import { commandFields, type FieldKind } from './command-fields';
import { commandSchema } from './commands';
import { conventionSchema, scheduleDefaults, type TConvention, type TYearEnd } from './convention';
import type { LocalDate } from './dates';
import { faultsOf, formatPath, type Fault } from './faults';
import { parseWith } from './fields';
import { isMoneyString, readTypedAmount, typedAmount } from './money';
import type { CommandName } from './vocabulary';

// A convention being written in the console's form (issue 30), step by step, kept between visits:
// a partial convention of the shape of the file (SPEC §3), the same whether typed or read from a
// document (`draftFromReading`), checked by the file's schema itself. Each input of the form is
// named by the field path it fills (`parties.0.representative.name`): a fault of the schema
// lands beside the input of its path, and a value read from a document beside its own. The last
// step says where the convention stands: not signed yet, or running, with the facts of its past
// as the history file holds them (domain/bring-in.ts), named `history.…`.

export const DRAFT_STEPS = ['startup', 'parties', 'roles', 'budget', 'schedule', 'history'] as const;
export type DraftStep = (typeof DRAFT_STEPS)[number];

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface Draft {
  /** The convention as far as it is written: any field may be missing or not yet valid. */
  convention: JsonObject;
  /** The document's line each value was read from, by field path (`budget.0.ae`). */
  sources?: Record<string, string>;
  /** Values read that a person must confirm (OCR noise), by field path: what to check. */
  unsure?: Record<string, string>;
  /**
   * Where the convention stands: absent, or `running` false, not signed yet (it starts at its
   * signatures); `running`, the facts of its past as far as written, of the history file's shape.
   */
  history?: JsonObject;
}

/** What a reading of a convention's document gives (`convention import --json`). */
export interface Reading {
  convention: Record<string, unknown>;
  /** What the document does not say: the form asks for it as for any field left empty. */
  missing?: string[];
  sources?: Record<string, string>;
  unsure?: Record<string, string>;
}

/**
 * How an input is typed: `money` in French (`12 500,00`), `lines` one value a line, `numbers`
 * separated by commas, `flag` a box, `paragraph` several lines of prose; the choices (`phase`,
 * `role`, `decision`, `funder`, `chair`, `signatory`, `uo`) among the domain's values or the
 * draft's parties and lines; `situation` whether the convention is running (history step).
 */
export type DraftFieldKind =
  | 'text'
  | 'email'
  | 'url'
  | 'money'
  | 'integer'
  | 'date'
  | 'month'
  | 'lines'
  | 'paragraph'
  | 'numbers'
  | 'flag'
  | 'situation'
  | 'phase'
  | 'role'
  | 'decision'
  | 'funder'
  | 'chair'
  | 'signatory'
  | 'uo';

export interface DraftField {
  path: string;
  kind: DraftFieldKind;
}

/** A field path with its places as `*`: `parties.*.contacts.*`, what names and explains it. */
export const genericPath = (path: string) => path.replace(/\.\d+(?=\.|$)/g, '.*');

const field = (path: string, kind: DraftFieldKind = 'text'): DraftField => ({ path, kind });

const itemsAt = (draft: Draft, path: string): Json[] => {
  const value = valueIn(draft, path);
  return Array.isArray(value) ? value : [];
};

/** The fields of the schedule the form shows; the others keep their defaults (SPEC §3). */
export const SCHEDULE_FIELDS: readonly DraftField[] = [
  field('schedule.reminderEveryDays', 'integer'),
  field('schedule.reminderHour', 'integer'),
  field('schedule.workingDaysOnly', 'flag'),
  field('schedule.escalateAfter', 'integer'),
  field('schedule.reminderCeilingDays', 'integer'),
  field('schedule.committeeEveryMonths', 'integer'),
  field('schedule.committeeNoticeDays', 'numbers'),
  field('schedule.reportDueDay', 'integer'),
  field('schedule.reportReminderDaysBefore', 'integer'),
  field('schedule.noticeMonths', 'integer'),
  field('schedule.terminationReminderDaysBefore', 'integer'),
  field('schedule.creditGraceDays', 'integer'),
  field('schedule.endsOn', 'date'),
  field('schedule.yearEnd.lastEngagementDay'),
  field('schedule.yearEnd.lastPaymentDay'),
];

/** The inputs of a step, for the draft as it stands (one group per party, per line…). */
export function stepFields(draft: Draft, step: DraftStep): DraftField[] {
  switch (step) {
    case 'startup':
      return [
        field('title'),
        field('id'),
        field('startup.name'),
        field('startup.incubator'),
        field('startup.phase', 'phase'),
      ];
    case 'parties':
      return itemsAt(draft, 'parties').flatMap((_, i) => {
        const at = `parties.${i}`;
        return [
          field(`${at}.id`),
          field(`${at}.name`),
          field(`${at}.role`, 'role'),
          field(`${at}.representative.name`),
          field(`${at}.representative.title`),
          field(`${at}.representative.email`, 'email'),
          ...itemsAt(draft, `${at}.contacts`).map((_, j) => field(`${at}.contacts.${j}`, 'email')),
        ];
      });
    case 'roles':
      return [
        field('roles.committeeSecretary.name'),
        field('roles.committeeSecretary.email', 'email'),
        field('roles.intrapreneur.name'),
        field('roles.intrapreneur.email', 'email'),
        field('roles.cbcm', 'lines'),
        field('roles.admins', 'lines'),
        field('roles.committeeChair', 'chair'),
      ];
    case 'budget':
      return itemsAt(draft, 'budget').flatMap((_, i) => {
        const at = `budget.${i}`;
        return [
          field(`${at}.uo`),
          field(`${at}.program`),
          field(`${at}.funder`, 'funder'),
          field(`${at}.ae`, 'money'),
          field(`${at}.cp`, 'money'),
          field(`${at}.year`, 'integer'),
          field(`${at}.restoration`, 'flag'),
          field(`${at}.imputation.domaineFonctionnel`),
          field(`${at}.imputation.sousAction`),
          field(`${at}.imputation.centreFinancier`),
          field(`${at}.imputation.activites`, 'lines'),
          field(`${at}.imputation.centreCout`),
          ...itemsAt(draft, `${at}.echeancier`).flatMap((_, k) => [
            field(`${at}.echeancier.${k}.date`, 'date'),
            field(`${at}.echeancier.${k}.ae`, 'money'),
            field(`${at}.echeancier.${k}.cp`, 'money'),
          ]),
        ];
      });
    case 'schedule':
      return [...SCHEDULE_FIELDS];
    case 'history':
      return historyFields(draft);
  }
}

// --- Where the convention stands: its past, as the history file holds it (domain/bring-in.ts).

/** How a field of a command is typed in the form; undefined for what the form does not write. */
const HISTORY_KINDS: Partial<Record<FieldKind, DraftFieldKind>> = {
  text: 'text',
  'long-text': 'paragraph',
  url: 'url',
  date: 'date',
  month: 'month',
  money: 'money',
  integer: 'integer',
  texts: 'lines',
};

/**
 * The fields a fact of `command` is written with: those of its command's schema, the day it
 * happened (`on`) first, but for an avenant, whose day is its signature's. The committee's day is
 * `on` (not `heldOn`). Not offered here: an avenant's budget and schedule changes and a report's
 * amounts spent, written in a history file (`convention start --history`), nor a report's flags
 * (replacing another, the final one), which a report received before the bring-in has no use for.
 */
function factFields(at: string, command: CommandName): DraftField[] {
  const own = commandFields(command).flatMap(({ name, kind }): DraftField[] => {
    if (command === 'decide' && name === 'heldOn') return [];
    if (name === 'uo') return [field(`${at}.uo`, 'uo')];
    if (name === 'decision') return [field(`${at}.decision`, 'decision')];
    if (name === 'phase') return [field(`${at}.phase`, 'phase')];
    const typed = HISTORY_KINDS[kind];
    return typed ? [field(`${at}.${name}`, typed)] : [];
  });
  return command === 'amend' ? own : [field(`${at}.on`, 'date'), ...own];
}

/** Whether the draft says the convention is running, brought in with its past. */
export const isRunning = (draft: Draft) => draft.history?.running === true;

function historyFields(draft: Draft): DraftField[] {
  const situation = field('history.running', 'situation');
  if (!isRunning(draft)) return [situation];
  return [
    situation,
    field('history.document'),
    ...itemsAt(draft, 'history.signatures').flatMap((_, i) => [
      field(`history.signatures.${i}.party`, 'signatory'),
      field(`history.signatures.${i}.on`, 'date'),
      field(`history.signatures.${i}.signatory`),
    ]),
    field('history.chorus.on', 'date'),
    field('history.publication.on', 'date'),
    field('history.publication.where'),
    field('history.publication.url', 'url'),
    ...Object.entries(FACT_LISTS).flatMap(([list, command]) =>
      itemsAt(draft, `history.${list}`).flatMap((_, i) => factFields(`history.${list}.${i}`, command)),
    ),
  ];
}

/** A running convention's first facts to write: a signature of each signatory party, by its representative. */
function signaturesOf(draft: Draft): JsonObject[] {
  return (itemsAt(draft, 'parties') as JsonObject[])
    .filter((party) => party.role !== 'cofunder')
    .map((party) => {
      const representative = party.representative as JsonObject | undefined;
      return {
        ...(typeof party.id === 'string' ? { party: party.id } : {}),
        ...(typeof representative?.name === 'string' ? { signatory: representative.name } : {}),
      };
    });
}

// --- Paths in the draft's object: `history.…` in its history, any other in its convention.

const HISTORY = 'history.';

/** The value at a field path of the draft. */
export const valueIn = (draft: Draft, path: string): Json | undefined =>
  path.startsWith(HISTORY)
    ? valueAt(draft.history ?? {}, path.slice(HISTORY.length))
    : valueAt(draft.convention, path);

/** Sets (or removes) the value at a field path of the draft. */
function setIn(draft: Draft, path: string, value: Json | undefined): void {
  if (path.startsWith(HISTORY)) setAt((draft.history ??= {}), path.slice(HISTORY.length), value);
  else setAt(draft.convention, path, value);
}

const segmentsOf = (path: string) => path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));

export function valueAt(object: Json, path: string): Json | undefined {
  let value: Json | undefined = object;
  for (const segment of segmentsOf(path)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, Json>)[segment];
  }
  return value;
}

/** Sets (or, with undefined, removes) the value at `path`, making the objects on the way. */
function setAt(object: JsonObject, path: string, value: Json | undefined): void {
  const segments = segmentsOf(path);
  let parent: Record<string | number, Json> = object;
  for (const [i, segment] of segments.slice(0, -1).entries()) {
    const next = parent[segment];
    if (next === null || typeof next !== 'object')
      parent[segment] = typeof segments[i + 1] === 'number' ? [] : {};
    parent = parent[segment] as Record<string | number, Json>;
  }
  const last = segments.at(-1)!;
  if (value !== undefined) parent[last] = value;
  else if (Array.isArray(parent)) parent[last as number] = '';
  else delete parent[last];
}

const copy = (draft: Draft): Draft => structuredClone(draft);

// --- From the form's values, and back.

export type Values = Record<string, string>;

const WHOLE_NUMBER = /^\d{1,6}$/;

/** What a person typed, as the file holds it; what cannot be read is kept as typed, for its fault. */
function readValue(kind: DraftFieldKind, typed: string | undefined): Json | undefined {
  const text = (typed ?? '').trim();
  switch (kind) {
    case 'flag':
    case 'situation':
      return text === 'true';
    case 'lines':
      return text
        .split(/[\n,;]/)
        .map((line) => line.trim())
        .filter(Boolean);
    case 'numbers':
      return text
        .split(/[\s,;]+/)
        .filter(Boolean)
        .map((n) => (WHOLE_NUMBER.test(n) ? Number(n) : n));
    case 'integer':
      return text === '' ? undefined : WHOLE_NUMBER.test(text) ? Number(text) : text;
    case 'money':
      return text === '' ? undefined : (readTypedAmount(text) ?? text);
    default:
      return text === '' ? undefined : text;
  }
}

/** A value of the draft as its input shows it. */
function shownValue(kind: DraftFieldKind, value: Json | undefined): string {
  if (kind === 'situation') return value === true ? 'true' : 'false';
  if (value === undefined || value === null) return '';
  if (kind === 'flag') return value === true ? 'true' : '';
  if (Array.isArray(value)) return value.join(kind === 'lines' ? '\n' : ', ');
  if (kind === 'money' && typeof value === 'string' && isMoneyString(value)) return typedAmount(value);
  return String(value);
}

/** The values of a step's inputs. */
export function stepValues(draft: Draft, step: DraftStep): Values {
  return Object.fromEntries(
    stepFields(draft, step).map(({ path, kind }) => [path, shownValue(kind, valueIn(draft, path))]),
  );
}

/**
 * The draft with a step's inputs as typed: only the step's own fields are read (an input of
 * another name is ignored). An intrapreneur left blank is one designated later; a UO's
 * imputation left blank is the one another line of the same UO gives. A convention said running
 * for the first time has its signatories' signatures to date.
 */
export function withStep(draft: Draft, step: DraftStep, values: Values): Draft {
  const next = copy(draft);
  for (const { path, kind } of stepFields(draft, step)) setIn(next, path, readValue(kind, values[path]));
  if (step === 'roles') {
    const intrapreneur = valueAt(next.convention, 'roles.intrapreneur');
    if (intrapreneur && typeof intrapreneur === 'object' && Object.keys(intrapreneur).length === 0)
      setAt(next.convention, 'roles.intrapreneur', undefined);
  }
  if (step === 'budget') shareImputations(next);
  if (step === 'history') {
    // A day of Chorus or of publication left blank: not confirmed, not published yet.
    for (const fact of ['history.chorus', 'history.publication'])
      if (Object.keys((valueIn(next, fact) as JsonObject | undefined) ?? {}).length === 0)
        setIn(next, fact, undefined);
    if (isRunning(next) && !isRunning(draft) && !itemsAt(next, 'history.signatures').length)
      setIn(next, 'history.signatures', signaturesOf(next));
  }
  return next;
}

/** A line whose imputation is blank takes the one of an earlier line of the same UO. */
function shareImputations(draft: Draft): void {
  const lines = itemsAt(draft, 'budget') as JsonObject[];
  const blank = (imputation: Json | undefined) =>
    !imputation ||
    Object.values(imputation as JsonObject).every((v) => v === undefined || (Array.isArray(v) && !v.length));
  lines.forEach((line, i) => {
    if (!blank(line.imputation)) return;
    const model = lines.slice(0, i).find((other) => other.uo === line.uo && !blank(other.imputation));
    if (model) line.imputation = structuredClone(model.imputation!);
  });
}

// --- Repeated items, added and removed by plain buttons.

/** The lists a person adds to, and how many each holds at most (the schema's own limits). */
const LISTS: readonly { pattern: RegExp; max: number }[] = [
  { pattern: /^parties$/, max: 30 },
  { pattern: /^parties\.\d+\.contacts$/, max: 20 },
  { pattern: /^budget$/, max: 100 },
  { pattern: /^budget\.\d+\.echeancier$/, max: 60 },
  { pattern: /^history\.signatures$/, max: 30 },
  { pattern: /^history\.(engagements|payments)$/, max: 2_000 },
  { pattern: /^history\.amendments$/, max: 100 },
  { pattern: /^history\.committees$/, max: 200 },
  { pattern: /^history\.reports$/, max: 500 },
];

const listOf = (path: string) => LISTS.find(({ pattern }) => pattern.test(path));

/** A new budget line: its year the one proposed for `today` (see `proposedYear`). */
const newLine = (draft: Draft, today: LocalDate): JsonObject => ({
  year: proposedYear(today, yearEndOf(draft)).year,
  restoration: false,
  imputation: { activites: [] },
});

const newParty = (): JsonObject => ({ role: 'delegant', contacts: [''] });

/** The draft with one more item in the list at `path`; undefined when there is no such list or it is full. */
export function withItemAdded(draft: Draft, path: string, today: LocalDate): Draft | undefined {
  const list = listOf(path);
  if (!list) return undefined;
  const next = copy(draft);
  const items = valueIn(next, path);
  if (items !== undefined && !Array.isArray(items)) return undefined;
  if ((items?.length ?? 0) >= list.max) return undefined;
  const item: Json =
    path === 'parties'
      ? newParty()
      : path === 'budget'
        ? newLine(draft, today)
        : path.endsWith('contacts')
          ? ''
          : {};
  setIn(next, path, [...(items ?? []), item]);
  return next;
}

/**
 * The draft without the item at `path` (`budget.1`), and without what was read for it and the
 * items after it, whose places have moved; undefined when there is no such item.
 */
export function withItemRemoved(draft: Draft, path: string): Draft | undefined {
  const match = /^(.+)\.(\d+)$/.exec(path);
  if (!match || !listOf(match[1]!)) return undefined;
  const [, listPath, index] = match as unknown as [string, string, string];
  const next = copy(draft);
  const items = valueIn(next, listPath);
  if (!Array.isArray(items) || Number(index) >= items.length) return undefined;
  items.splice(Number(index), 1);
  if (items.length === 0 && listPath.endsWith('echeancier')) setIn(next, listPath, undefined);
  const moved = (key: string) => {
    const place = new RegExp(`^${listPath.replace(/\./g, '\\.')}\\.(\\d+)(\\.|$)`).exec(key);
    return place !== null && Number(place[1]) >= Number(index);
  };
  for (const notes of [next.sources, next.unsure])
    for (const key of Object.keys(notes ?? {})) if (moved(key)) delete notes![key];
  return next;
}

// --- A new draft, or one from a document's reading.

/** The fin de gestion the draft says, or the defaults'. */
export const yearEndOf = (draft: Draft): TYearEnd => {
  const yearEnd = valueAt(draft.convention, 'schedule.yearEnd') as Partial<TYearEnd> | undefined;
  return { ...scheduleDefaults().yearEnd, ...yearEnd };
};

/** A blank convention for `admin`: a délégant and the délégataire to name, one line, the schedule's defaults. */
export function newDraft(admin: string, today: LocalDate): Draft {
  const draft: Draft = {
    convention: {
      startup: { phase: 'investigation' },
      parties: [newParty(), { ...newParty(), role: 'delegataire' }],
      roles: { cbcm: [], admins: [admin] },
      budget: [],
      schedule: scheduleDefaults() as unknown as JsonObject,
    },
  };
  return withItemAdded(draft, 'budget', today)!;
}

/**
 * The draft a document's reading gives: what it read over a new draft, with its sources and
 * doubts. A party's contacts are never in the document: one is asked for, beside its input.
 */
export function draftFromReading(reading: Reading, admin: string, today: LocalDate): Draft {
  const blank = newDraft(admin, today).convention;
  const read = structuredClone(reading.convention) as JsonObject;
  if (Array.isArray(read.parties))
    read.parties = (read.parties as JsonObject[]).map((party) => ({ contacts: [''], ...party }));
  return {
    convention: {
      ...blank,
      ...read,
      roles: { ...(blank.roles as JsonObject), ...((read.roles as JsonObject | undefined) ?? {}) },
      schedule: { ...(blank.schedule as JsonObject), ...((read.schedule as JsonObject | undefined) ?? {}) },
    },
    sources: { ...reading.sources },
    unsure: { ...reading.unsure },
  };
}

// --- Checked by the file's schema.

export type DraftCheck = { ok: true; convention: TConvention } | { ok: false; faults: Fault[] };

/** The draft checked as a convention file; an amount that is not one says what was typed. */
export function checkDraft(draft: Draft): DraftCheck {
  const result = parseWith(conventionSchema(), draft.convention);
  if (result.success) return { ok: true, convention: result.data };
  return { ok: false, faults: faultsOf(result.error.issues).map(sayingTyped(draft)) };
}

/**
 * A fault of an amount that is not one says what was typed; one of an input left empty (a
 * list's item, kept as '' in its place) says it is to be filled, not what its format is.
 */
const sayingTyped =
  (draft: Draft) =>
  (fault: Fault): Fault => {
    const typed = valueIn(draft, fault.segments.join('.'));
    if (typed === '') return { ...fault, rule: 'required' };
    return /(^|\.)(ae|cp)$/.test(fault.path) && typeof typed === 'string' && !isMoneyString(typed)
      ? { ...fault, rule: 'amount', figures: { typed, signed: false } }
      : fault;
  };

/**
 * The facts of a running convention's past checked as a history file, each fact by its
 * command's schema too (done by `by`, the admin bringing it in), so that each fault lands beside
 * its input; a convention not signed yet has none. Whether the facts hold together (dates,
 * credits) is the domain's rules' to say when they are applied (`bringIn`).
 */
export function checkHistory(
  draft: Draft,
  by: string,
): { ok: true; history?: THistory } | { ok: false; faults: Fault[] } {
  if (!isRunning(draft)) return { ok: true };
  const { running: _, ...facts } = draft.history!;
  const inHistory =
    (at: (string | number)[]) =>
    (fault: Fault): Fault => {
      const segments = ['history', ...at, ...fault.segments];
      return { ...fault, segments, path: formatPath(segments) };
    };
  const result = parseWith(historySchema(), facts);
  if (!result.success) return { ok: false, faults: faultsOf(result.error.issues).map(inHistory([])) };
  const history = result.data;
  const faults = (Object.keys(FACT_LISTS) as FactList[]).flatMap((list) =>
    history[list].flatMap((item, i) => {
      const { command, fields } = factOf(list, item);
      const checked = parseWith(commandSchema(command), { ...fields, as: by });
      // The committee's day is written `on`: its fault is said there.
      const onItsDay = (fault: Fault): Fault =>
        fault.segments[0] === 'heldOn' ? { ...fault, segments: ['on'] } : fault;
      return checked.success
        ? []
        : faultsOf(checked.error.issues)
            .map(onItsDay)
            .map(inHistory([list, i]))
            .map(sayingTyped(draft));
    }),
  );
  return faults.length ? { ok: false, faults } : { ok: true, history };
}

/** Every fault of the draft: its convention's, then its history's. */
export function draftFaults(draft: Draft, by: string): Fault[] {
  const convention = checkDraft(draft);
  const history = checkHistory(draft, by);
  return [...(convention.ok ? [] : convention.faults), ...(history.ok ? [] : history.faults)];
}

/** The step whose inputs hold a fault's field. */
export function stepOf(fault: Fault): DraftStep {
  const first = fault.segments[0];
  if (first === 'parties' || first === 'roles' || first === 'budget' || first === 'history') return first;
  return first === 'schedule' ? 'schedule' : 'startup';
}

// --- The budget year of the lines (SPEC §11): one whose fin de gestion has passed gives nothing.

/**
 * The year a new line's credits are proposed in: the year the convention takes effect, which is
 * this one, unless its last day of engagements has passed (a convention prepared in December):
 * then the next, and `passed` says which day closed this one.
 */
export function proposedYear(today: LocalDate, yearEnd: TYearEnd): { year: number; passed?: LocalDate } {
  const year = Number(today.slice(0, 4));
  const { engagements } = yearEndDates(yearEnd, year);
  return today > engagements ? { year: year + 1, passed: engagements } : { year };
}

/**
 * The budget years of a convention whose engagements are already closed on `today`, with the
 * funders of their lines: credits the délégataire could not engage. A line without a year gives
 * credits of the year it takes effect, at the earliest this one.
 */
export function closedYears(
  convention: TConvention,
  today: LocalDate,
): { year: number; lastEngagementDay: LocalDate; funders: string[] }[] {
  const thisYear = Number(today.slice(0, 4));
  const closed = new Map<number, Set<string>>();
  for (const line of convention.budget) {
    const year = line.year ?? thisYear;
    if (today <= yearEndDates(convention.schedule.yearEnd, year).engagements) continue;
    closed.set(year, (closed.get(year) ?? new Set()).add(line.funder));
  }
  return [...closed]
    .sort(([a], [b]) => a - b)
    .map(([year, funders]) => ({
      year,
      lastEngagementDay: yearEndDates(convention.schedule.yearEnd, year).engagements,
      funders: [...funders],
    }));
}
