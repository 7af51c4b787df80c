import { z } from 'zod';
import { dueYearStatement } from './budget-year';
import type { TConvention } from './convention';
import { instantAt, localDateOf, type LocalDate } from './dates';
import { listUpTo, localDate, shortText, textUpTo, webAddress } from './fields';
import {
  broughtInRule,
  factInTheFuture,
  factName,
  factRefused,
  onlyAdminsBringIn,
  REPORT_RECEIVED_BEFORE,
} from './french/bring-in';
import { advance, applyCommand } from './lifecycle';
import { startRecord, type ConventionRecord, type RegisterEntryDraft } from './record';
import { markWithdrawn, plannedEmails, type PlannedEmail } from './reminders';
import { isAdmin } from './roles';
import type { CommandName } from './vocabulary';

// A convention already running when it comes to the tool (issue 30 item 3): its past facts — the
// signatures, Chorus, the publication, and what followed — applied in the order they happened
// through the domain's own rules (`applyCommand`, each at the instant of its day), so that the
// record the workflow starts from is the one the tool would have kept had it run since then.
// Each fact's register entry says it was brought in, by whom, from which document. The emails the
// plan would have sent before the day it is brought in are behind it, never sent; a monthly report
// already late is owed once.

/** A day of the past, and what happened on it. */
const on = () => localDate();

/**
 * The history file (`convention start FILE --history HISTORY.yaml`). The facts that follow the
 * publication keep the fields of their command (`engage`, `pay`, `amend`, `decide`,
 * `submit-report`), which the command's own schema checks when the fact is applied.
 */
export const historySchema = () =>
  z.strictObject({
    /** The document the facts come from: a signed PDF, a Chorus extract, the committee's minutes… */
    document: textUpTo(500),
    signatures: listUpTo(
      z.strictObject({ party: textUpTo(40), on: on(), signatory: shortText() }),
      30,
      'signatures',
    ).default([]),
    chorus: z.strictObject({ on: on() }).optional(),
    publication: z
      .strictObject({
        on: on(),
        where: shortText(),
        url: webAddress(/^https?$/, 'expected an http(s) address').optional(),
      })
      .optional(),
    amendments: listUpTo(z.looseObject({ signedOn: on() }), 100, 'avenants').default([]),
    engagements: listUpTo(z.looseObject({ on: on() }), 2_000, 'engagements').default([]),
    payments: listUpTo(z.looseObject({ on: on() }), 2_000, 'payments').default([]),
    committees: listUpTo(z.looseObject({ on: on() }), 200, 'committees').default([]),
    reports: listUpTo(z.looseObject({ on: on() }), 500, 'reports').default([]),
  });

export type THistory = z.output<ReturnType<typeof historySchema>>;

/** What a brought-in register entry carries besides its command's fields. */
export interface BroughtInMark {
  by: string;
  document: string;
  /** The day it happened. */
  on: LocalDate;
}

/** A register entry of the past, as the workflow writes it first. */
export type BroughtInEntry = RegisterEntryDraft & { payload: { broughtIn: BroughtInMark } };

export type BringIn =
  { ok: true; record: ConventionRecord; entries: BroughtInEntry[] } | { ok: false; refusal: string };

export interface Fact {
  on: LocalDate;
  command: CommandName;
  /** The command's fields, without its actor. */
  fields: Record<string, unknown>;
  /** What the register keeps of it besides its command's fields: who signed. */
  noted?: Record<string, unknown>;
}

/** Facts of one day are applied in the order a convention lives them. */
const ORDER_IN_A_DAY: CommandName[] = [
  'sign',
  'confirm-chorus',
  'publish',
  'amend',
  'decide',
  'engage',
  'pay',
  'submit-report',
];

/** The lists of facts after the publication, each fact with the fields of its command. */
export const FACT_LISTS = {
  engagements: 'engage',
  payments: 'pay',
  amendments: 'amend',
  committees: 'decide',
  reports: 'submit-report',
} as const satisfies Partial<Record<keyof THistory, CommandName>>;
export type FactList = keyof typeof FACT_LISTS;

/** An item of a list of facts as the command that records it: an avenant's day is its signature's. */
export function factOf(list: FactList, item: Record<string, unknown>): Fact {
  const command = FACT_LISTS[list];
  if (command === 'amend') return { on: item.signedOn as LocalDate, command, fields: item };
  const { on, ...fields } = item as { on: LocalDate };
  switch (command) {
    case 'decide':
      return { on, command, fields: { heldOn: on, ...fields } };
    case 'submit-report':
      return {
        on,
        command,
        fields: { progress: REPORT_RECEIVED_BEFORE, forecast: REPORT_RECEIVED_BEFORE, ...fields },
      };
    default:
      return { on, command, fields };
  }
}

/** Every fact of the history, as the command that records it, in the order they happened. */
export function factsOf(history: THistory): Fact[] {
  const facts: Fact[] = [
    ...history.signatures.map(({ on, party, signatory }) => ({
      on,
      command: 'sign' as const,
      fields: { party },
      noted: { signatory },
    })),
    ...(history.chorus ? [{ on: history.chorus.on, command: 'confirm-chorus' as const, fields: {} }] : []),
    ...(history.publication
      ? [
          {
            on: history.publication.on,
            command: 'publish' as const,
            fields: {
              where: history.publication.where,
              publishedOn: history.publication.on,
              ...(history.publication.url ? { url: history.publication.url } : {}),
            },
          },
        ]
      : []),
    ...(Object.keys(FACT_LISTS) as FactList[]).flatMap((list) =>
      history[list].map((item) => factOf(list, item)),
    ),
  ];
  // Stable: facts of one day and kind keep the order of the file.
  return facts.sort(
    (a, b) =>
      a.on.localeCompare(b.on) || ORDER_IN_A_DAY.indexOf(a.command) - ORDER_IN_A_DAY.indexOf(b.command),
  );
}

/** The budget years that ended by `until` and were not stated yet, stated as the workflow would have. */
function yearsStated(record: ConventionRecord, until: number, entries: RegisterEntryDraft[]) {
  for (let statement = dueYearStatement(record, until); statement;) {
    record = statement.record;
    entries.push(statement.entry);
    statement = dueYearStatement(record, until);
  }
  return record;
}

/**
 * Emails the plan calls for before `now` are behind it without being sent (not counted as sent):
 * nobody is reminded of the past. The monthly reports already late are owed: their reminders
 * start on the day the convention is brought in (domain/reminders/reports.ts), the first at once.
 */
function pastEmailsBehind(record: ConventionRecord, now: number): ConventionRecord {
  const behind = (email: PlannedEmail) => email.at <= now && email.kind !== 'report-overdue';
  for (let due = plannedEmails(record, now).filter(behind); due.length;) {
    record = due.reduce(markWithdrawn, record);
    due = plannedEmails(record, now).filter(behind);
  }
  return record;
}

/**
 * The record a convention brought in with its past starts from, and the register entries of its
 * past: each fact applied on its day by the domain's rules, in date order, by the admin who brings
 * it in. A fact the rules refuse is named with the rule, in French. `now` is the instant it is
 * brought in (never read from a clock here).
 */
export function bringIn(convention: TConvention, history: THistory, by: string, now: number): BringIn {
  if (!isAdmin(convention, by)) return { ok: false, refusal: onlyAdminsBringIn(by) };
  const { timezone } = convention.schedule;
  const today = localDateOf(now, timezone);
  const facts = factsOf(history);
  // Noon of its day (a second apart within a day, in order), never after the moment it is brought in.
  const instants = facts.map(({ on }, i) => Math.min(instantAt(on, 12, timezone) + i * 1000, now));
  // Its signatures were given outside the tool, in their own order: without the document's circuit.
  let record = startRecord(convention, Math.min(now, ...instants), { documentCircuit: false });
  const entries: RegisterEntryDraft[] = [];
  for (const [i, fact] of facts.entries()) {
    const name = factName(fact.command, fact.fields, fact.on);
    if (fact.on > today) return { ok: false, refusal: factRefused(name, factInTheFuture(today)) };
    record = yearsStated(record, instants[i]!, entries);
    const outcome = applyCommand(record, fact.command, { ...fact.fields, as: by }, instants[i]!);
    if (!outcome.ok) return { ok: false, refusal: factRefused(name, broughtInRule(outcome.refusal)) };
    record = outcome.record;
    entries.push({ ...outcome.entry, payload: { ...outcome.entry.payload, ...fact.noted } });
  }
  const { document } = history;
  record = yearsStated(advance(record, now), now, entries);
  record = pastEmailsBehind({ ...record, broughtIn: { by, document, at: new Date(now).toISOString() } }, now);
  return {
    ok: true,
    record,
    // Budget years' statements too: the tool's own, computed from the facts, dated as they would have been.
    entries: entries.map((entry) => ({
      ...entry,
      payload: {
        ...entry.payload,
        broughtIn: { by, document, on: localDateOf(Date.parse(entry.at), timezone) },
      },
    })),
  };
}
