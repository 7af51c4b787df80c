import Decimal from 'decimal.js';
import { budgetSummary, unknownUo } from './budget';
import type { TMakeAvailableCommand, TRequestCreditsCommand } from './commands';
import { type LocalDate } from './dates';
import { parseMoney, sumMoney, toMoneyString, type MoneyString } from './money';
import {
  accept,
  effectiveDate,
  refuse,
  type Availability,
  type CommandOutcome,
  type ConventionRecord,
  type CreditRequest,
} from './record';
import { contactRefusal } from './roles';

// Mise à disposition (art. 2 of the seed, SPEC §4.10): for a UO whose budget lines carry an
// échéancier, the délégant makes the credits available step by step, on the délégataire's request;
// engagements are limited by what has been made available. A UO without one has its whole
// allocation available once Chorus is confirmed.

/** The échéancier of a UO, its lines' merged by date; empty when it has none. */
export function echeancierOf(
  record: ConventionRecord,
  uo: string,
): { date: LocalDate; ae: Decimal; cp: Decimal }[] {
  const byDate = new Map<LocalDate, { ae: Decimal; cp: Decimal }>();
  for (const line of record.convention.budget.filter((l) => l.uo === uo))
    for (const { date, ae, cp } of line.echeancier ?? []) {
      const seen = byDate.get(date) ?? { ae: new Decimal(0), cp: new Decimal(0) };
      byDate.set(date, { ae: seen.ae.plus(ae), cp: seen.cp.plus(cp) });
    }
  return [...byDate].sort(([a], [b]) => a.localeCompare(b)).map(([date, amounts]) => ({ date, ...amounts }));
}

export const hasEcheancier = (record: ConventionRecord, uo: string) => echeancierOf(record, uo).length > 0;

export const availabilitiesOf = (record: ConventionRecord, uo: string): Availability[] =>
  record.availabilities.filter((a) => a.uo === uo);

/** What the délégant has made available on a UO so far. */
export function madeAvailable(record: ConventionRecord, uo: string): { ae: Decimal; cp: Decimal } {
  const made = availabilitiesOf(record, uo);
  return { ae: sumMoney(made.map((a) => a.ae)), cp: sumMoney(made.map((a) => a.cp)) };
}

/** Requests still waiting for the délégant, oldest first. */
export const openCreditRequests = (record: ConventionRecord): CreditRequest[] =>
  record.creditRequests.filter((request) => !request.answeredAt);

/** Échéances passed (on or before `today`) while less than their cumulative AE has been made available. */
export function missedEcheances(
  record: ConventionRecord,
  uo: string,
  today: LocalDate,
): { date: LocalDate; dueAe: MoneyString; availableAe: MoneyString }[] {
  const available = madeAvailable(record, uo).ae;
  let due = new Decimal(0);
  const missed = [];
  for (const echeance of echeancierOf(record, uo)) {
    due = due.plus(echeance.ae);
    if (echeance.date <= today && available.lt(due))
      missed.push({ date: echeance.date, dueAe: toMoneyString(due), availableAe: toMoneyString(available) });
  }
  return missed;
}

/** The UO must exist and have an échéancier (without one, everything is available), in force. */
function checkUo(record: ConventionRecord, uo: string, name: 'request-credits' | 'make-available') {
  const lines = record.convention.budget.filter((line) => line.uo === uo);
  if (lines.length === 0) return unknownUo(record.convention, uo);
  if (!lines.some((line) => line.echeancier))
    return refuse('WrongState', 'no-echeancier', { uo, command: name });
  if (!effectiveDate(record)) return refuse('WrongState', 'not-in-force', { command: name });
  return undefined;
}

/** What is allocated on a UO, beyond what has been made available already. */
function notYetAvailable(record: ConventionRecord, uo: string) {
  const allocated = budgetSummary(record.convention).uos.find((u) => u.uo === uo)!;
  const made = madeAvailable(record, uo);
  return { ae: parseMoney(allocated.ae).minus(made.ae), cp: parseMoney(allocated.cp).minus(made.cp) };
}

/** Refuses amounts of nothing, or beyond what is left to make available. */
function checkAmounts(
  record: ConventionRecord,
  command: { uo: string; ae: MoneyString; cp: MoneyString },
  name: 'request-credits' | 'make-available',
): CommandOutcome | undefined {
  const ae = parseMoney(command.ae);
  const cp = parseMoney(command.cp);
  if (ae.isZero() && cp.isZero()) return refuse('InvalidCommand', 'zero-amount', { command: name });
  const left = notYetAvailable(record, command.uo);
  for (const [what, asked, remaining] of [
    ['AE', ae, left.ae],
    ['CP', cp, left.cp],
  ] as const)
    if (asked.gt(remaining))
      return refuse('InsufficientCredits', 'beyond-allocation', {
        uo: command.uo,
        what,
        asked: toMoneyString(asked),
        remaining: toMoneyString(remaining),
      });
  return undefined;
}

export function requestCredits(
  record: ConventionRecord,
  command: TRequestCreditsCommand,
  at: string,
): CommandOutcome {
  const notAllowed = contactRefusal(record.convention, 'delegataire', command.as, 'request-credits');
  if (notAllowed) return notAllowed;
  const refused =
    checkUo(record, command.uo, 'request-credits') ?? checkAmounts(record, command, 'request-credits');
  if (refused) return refused;
  const request: CreditRequest = {
    uo: command.uo,
    ae: command.ae,
    cp: command.cp,
    wantedBy: command.wantedBy,
    by: command.as,
    at,
  };
  return accept(record, 'request-credits', command, at, (r) => ({
    ...r,
    creditRequests: [...r.creditRequests, request],
  }));
}

export function makeAvailable(
  record: ConventionRecord,
  command: TMakeAvailableCommand,
  at: string,
): CommandOutcome {
  const notAllowed = contactRefusal(record.convention, 'delegant', command.as, 'make-available');
  if (notAllowed) return notAllowed;
  const refused =
    checkUo(record, command.uo, 'make-available') ?? checkAmounts(record, command, 'make-available');
  if (refused) return refused;
  const availability: Availability = { uo: command.uo, ae: command.ae, cp: command.cp, by: command.as, at };
  return accept(record, 'make-available', command, at, (r) => ({
    ...r,
    availabilities: [...r.availabilities, availability],
    // Credits made available on a UO answer every request waiting on it.
    creditRequests: r.creditRequests.map((request) =>
      request.uo === command.uo && !request.answeredAt ? { ...request, answeredAt: at } : request,
    ),
  }));
}
