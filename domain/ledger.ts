import Decimal from 'decimal.js';
import { budgetSummary, budgetYearOf, budgetYears, lineYear, unknownUo, yearEndDates } from './budget';
import type { TEngageCommand, TPayCommand } from './commands';
import { addCalendarDays, daysBetween, instantAt, localDateOf, type LocalDate } from './dates';
import { parseMoney, sumMoney, toMoneyString, type MoneyString } from './money';
import {
  accept,
  effectiveDate,
  moveTo,
  nextEntry,
  refuse,
  type CommandOutcome,
  type ConventionRecord,
  type Insufficiency,
} from './record';
import { hasEcheancier, madeAvailable, missedEcheances } from './availability';
import { refusal } from './refusals';
import { contactRefusal } from './roles';

// The credits (SPEC §4.6, art. 2 and 5 of the seed): the délégataire engages AE and pays CP on each
// UO, never beyond what the délégant allocated. Running short warns the délégant at once and opens
// a grace period; without an amendment in time, execution is suspended.

export interface UoCredits {
  uo: string;
  program: string;
  ae: Decimal;
  cp: Decimal;
  engaged: Decimal;
  paid: Decimal;
}

/**
 * A UO's credits: allocated, engaged, paid — over every year, or those of one budget year (its
 * lines of that year; the engagements and payments made that year). Undefined for a UO the
 * convention does not have, or has no line of that year for.
 */
export function uoCredits(record: ConventionRecord, uo: string, year?: number): UoCredits | undefined {
  const ofYear = (at: string) => year === undefined || budgetYearOf(record, Date.parse(at)) === year;
  const lines = record.convention.budget.filter(
    (line) => line.uo === uo && (year === undefined || lineYear(record, line) === year),
  );
  if (!lines.length) return undefined;
  return {
    uo,
    program: lines[0]!.program,
    ae: sumMoney(lines.map((line) => line.ae)),
    cp: sumMoney(lines.map((line) => line.cp)),
    engaged: sumMoney(record.engagements.filter((e) => e.uo === uo && ofYear(e.at)).map((e) => e.ae)),
    paid: sumMoney(record.payments.filter((p) => p.uo === uo && ofYear(p.at)).map((p) => p.cp)),
  };
}

export const uoNames = (record: ConventionRecord) => budgetSummary(record.convention).uos.map((u) => u.uo);

export const openInsufficiency = (record: ConventionRecord, uo?: string): Insufficiency | undefined =>
  record.insufficiencies.find((i) => !i.outcome && (uo === undefined || i.uo === uo));

export const currentSuspension = (record: ConventionRecord) => record.suspensions.find((s) => !s.resumed);

/** Who may act on credits, and when: the checks engagements and payments share. */
function checkCreditCommand(
  record: ConventionRecord,
  command: { as: string; uo: string },
  name: 'engage' | 'pay',
): CommandOutcome | undefined {
  const { convention } = record;
  const notAllowed = contactRefusal(convention, 'delegataire', command.as, name);
  if (notAllowed) return notAllowed;
  if (!uoCredits(record, command.uo)) return unknownUo(convention, command.uo);
  if (!record.chorus) return refuse('WrongState', 'before-chorus', { command: name });
  if (!effectiveDate(record)) return refuse('WrongState', 'not-in-force', { command: name });
  const suspension = currentSuspension(record);
  if (suspension) return refuse('WrongState', 'suspended', { since: suspension.since, uo: suspension.uo });
  return undefined;
}

/**
 * The credits a command draws on: the UO's; or, once the record keeps budget years (SPEC §11),
 * those of the year of `at`, which Chorus takes until that year's last day for the command.
 */
function creditsFor(
  record: ConventionRecord,
  uo: string,
  name: 'engage' | 'pay',
  at: string,
): { credits: UoCredits; year?: number } | { refused: CommandOutcome } {
  const instant = Date.parse(at);
  const year = budgetYearOf(record, instant);
  const { schedule } = record.convention;
  const dates = yearEndDates(schedule.yearEnd, year);
  const closedOn = name === 'engage' ? dates.engagements : dates.payments;
  if (localDateOf(instant, schedule.timezone) > closedOn)
    return { refused: refuse('WrongState', 'year-closed', { command: name, year, closedOn }) };
  const credits = uoCredits(record, uo, year);
  if (!credits)
    return {
      refused: refuse('InsufficientCredits', 'no-credits-for-year', {
        uo,
        year,
        years: budgetYears(record, uo),
      }),
    };
  return { credits, year };
}

/** The end of the grace period opened at `at`: midnight after its last day, in the convention's time zone. */
function graceEnd(record: ConventionRecord, at: string): string {
  const { timezone, creditGraceDays } = record.convention.schedule;
  const openedOn = localDateOf(Date.parse(at), timezone);
  return new Date(instantAt(addCalendarDays(openedOn, creditGraceDays + 1), 0, timezone)).toISOString();
}

export function engage(record: ConventionRecord, command: TEngageCommand, at: string): CommandOutcome {
  const refused = checkCreditCommand(record, command, 'engage');
  if (refused) return refused;
  const drawn = creditsFor(record, command.uo, 'engage', at);
  if ('refused' in drawn) return drawn.refused;
  const { credits, year } = drawn;
  const previous = record.engagements.find((e) => e.ref === command.ref);
  if (previous)
    return refuse('AlreadyDone', 'reference-used', {
      command: 'engage',
      ref: command.ref,
      at: previous.at,
      uo: previous.uo,
      amount: previous.ae,
    });
  const requested = parseMoney(command.ae);
  if (requested.isZero()) return refuse('InvalidCommand', 'zero-amount', { command: 'engage' });

  const left = credits.ae.minus(credits.engaged);
  if (requested.gt(left)) {
    const figures = {
      uo: command.uo,
      requested: toMoneyString(requested),
      left: toMoneyString(left),
      ...(year ? { year } : {}),
    };
    const open = openInsufficiency(record, command.uo);
    if (open)
      return refuse('InsufficientCredits', 'beyond-ae', {
        ...figures,
        told: { at: open.at, graceUntil: open.graceUntil },
      });
    const refused = refusal('InsufficientCredits', 'beyond-ae', figures);
    // Art. 5: "En cas d'insuffisance des crédits, le délégataire informe le délégant sans délai."
    const insufficiency: Insufficiency = {
      uo: command.uo,
      requested: toMoneyString(requested),
      left: toMoneyString(left),
      at,
      graceUntil: graceEnd(record, at),
    };
    const next = nextEntry(
      record,
      'credit-insufficiency',
      command.as,
      { uo: command.uo, requested: insufficiency.requested, left: insufficiency.left, ref: command.ref },
      at,
    );
    return {
      ok: false,
      refusal: refused,
      consequence: {
        record: { ...next.record, insufficiencies: [...record.insufficiencies, insufficiency] },
        entry: next.entry,
      },
    };
  }

  // Within the allocation, yet maybe beyond what the délégant has made available (art. 2).
  if (hasEcheancier(record, command.uo)) {
    const available = madeAvailable(record, command.uo).ae.minus(uoCredits(record, command.uo)!.engaged);
    if (requested.gt(available))
      return refuse('InsufficientCredits', 'beyond-available', {
        uo: command.uo,
        requested: toMoneyString(requested),
        left: toMoneyString(left),
        available: toMoneyString(available),
      });
  }

  const engagement = {
    ref: command.ref,
    uo: command.uo,
    ae: toMoneyString(requested),
    ...(command.label ? { label: command.label } : {}),
    by: command.as,
    at,
  };
  const engaged = credits.engaged.plus(requested);
  const crossed = record.convention.schedule.creditAlertThresholds
    .filter((threshold) => credits.ae.gt(0) && engaged.div(credits.ae).gte(threshold))
    .filter(
      (threshold) =>
        !record.thresholdsCrossed.some(
          (t) => t.uo === command.uo && t.threshold === threshold && t.year === year,
        ),
    )
    .map((threshold) => ({
      uo: command.uo,
      threshold,
      at,
      engaged: toMoneyString(engaged),
      ae: toMoneyString(credits.ae),
      ...(year ? { year } : {}),
    }));
  return accept(record, 'engage', command, at, (accepted) => ({
    ...accepted,
    engagements: [...accepted.engagements, engagement],
    thresholdsCrossed: [...accepted.thresholdsCrossed, ...crossed],
  }));
}

export function pay(record: ConventionRecord, command: TPayCommand, at: string): CommandOutcome {
  const refused = checkCreditCommand(record, command, 'pay');
  if (refused) return refused;
  const drawn = creditsFor(record, command.uo, 'pay', at);
  if ('refused' in drawn) return drawn.refused;
  const { credits } = drawn;
  const previous = record.payments.find((p) => p.ref === command.ref);
  if (previous)
    return refuse('AlreadyDone', 'reference-used', {
      command: 'pay',
      ref: command.ref,
      at: previous.at,
      uo: previous.uo,
      amount: previous.cp,
    });
  const amount = parseMoney(command.cp);
  if (amount.isZero()) return refuse('InvalidCommand', 'zero-amount', { command: 'pay' });

  const cp = toMoneyString(amount);
  const cpLeft = credits.cp.minus(credits.paid);
  if (amount.gt(cpLeft))
    return refuse('InsufficientCredits', 'beyond-cp', {
      uo: command.uo,
      amount: cp,
      left: toMoneyString(cpLeft),
    });
  // What was engaged, in any year, and not paid yet.
  const all = uoCredits(record, command.uo)!;
  const unpaid = all.engaged.minus(all.paid);
  if (amount.gt(unpaid))
    return refuse('InsufficientCredits', 'beyond-engaged', {
      uo: command.uo,
      amount: cp,
      unpaid: toMoneyString(unpaid),
    });
  if (command.engagement !== undefined) {
    const engagement = record.engagements.find((e) => e.ref === command.engagement);
    if (!engagement || engagement.uo !== command.uo)
      return refuse('InvalidCommand', 'unknown-engagement', {
        engagement: command.engagement,
        uo: command.uo,
      });
    const paidOnIt = sumMoney(
      record.payments.filter((p) => p.engagement === engagement.ref).map((p) => p.cp),
    );
    const rest = parseMoney(engagement.ae).minus(paidOnIt);
    if (amount.gt(rest))
      return refuse('InsufficientCredits', 'beyond-engagement', {
        engagement: command.engagement,
        amount: cp,
        rest: toMoneyString(rest),
      });
  }
  const payment = {
    ref: command.ref,
    uo: command.uo,
    cp: toMoneyString(amount),
    ...(command.engagement ? { engagement: command.engagement } : {}),
    by: command.as,
    at,
  };
  return accept(record, 'pay', command, at, (accepted) => ({
    ...accepted,
    payments: [...accepted.payments, payment],
  }));
}

/** When an open grace period next runs out (epoch ms). */
export function graceRunsOutAt(record: ConventionRecord): number | undefined {
  const ends = record.insufficiencies.filter((i) => !i.outcome).map((i) => Date.parse(i.graceUntil));
  return ends.length ? Math.min(...ends) : undefined;
}

/** The grace period of the earliest open insufficiency has run out: execution is suspended. */
export function suspendAtGraceEnd(record: ConventionRecord): ConventionRecord {
  const due = [...record.insufficiencies]
    .filter((i) => !i.outcome)
    .sort((a, b) => a.graceUntil.localeCompare(b.graceUntil))[0];
  if (!due) return record;
  const at = due.graceUntil;
  const insufficiencies = record.insufficiencies.map((i) =>
    i === due ? { ...i, outcome: { by: 'suspension' as const, at } } : i,
  );
  if (currentSuspension(record)) return { ...record, insufficiencies };
  const suspended = {
    ...record,
    insufficiencies,
    suspensions: [...record.suspensions, { since: at, uo: due.uo }],
  };
  // Under notice the convention stays in notice; execution is suspended all the same.
  return record.state === 'in-force' ? moveTo(suspended, 'suspended', at) : suspended;
}

export interface CreditLine {
  uo: string;
  program: string;
  ae: MoneyString;
  cp: MoneyString;
  engaged: MoneyString;
  paid: MoneyString;
  aeLeft: MoneyString;
  cpLeft: MoneyString;
  /** Engaged AE as a share of the allocation, in percent with one decimal: "63.6". */
  consumption: string;
  /** When the AE left runs out at the pace of engagements since the effective date. */
  exhaustsOn?: LocalDate;
  /** For a UO with an échéancier: what the délégant has made available so far, and the échéances passed without it. */
  availability?: {
    ae: MoneyString;
    cp: MoneyString;
    missed: { date: LocalDate; dueAe: MoneyString; availableAe: MoneyString }[];
  };
}

const PROJECTION_HORIZON_DAYS = 36_500;

function availabilityOf(record: ConventionRecord, uo: string, today: LocalDate): CreditLine['availability'] {
  const made = madeAvailable(record, uo);
  return {
    ae: toMoneyString(made.ae),
    cp: toMoneyString(made.cp),
    missed: missedEcheances(record, uo, today),
  };
}

/** Per UO: allocated, engaged, paid, left, consumption and the projected exhaustion date. */
export function creditLines(record: ConventionRecord, today: LocalDate): CreditLine[] {
  const effective = effectiveDate(record);
  return uoNames(record).map((uo) => {
    const c = uoCredits(record, uo)!;
    const aeLeft = c.ae.minus(c.engaged);
    const elapsed = effective ? Math.max(daysBetween(effective, today), 1) : 0;
    const pace = elapsed ? c.engaged.div(elapsed) : new Decimal(0);
    const daysLeft = pace.gt(0) ? aeLeft.div(pace).ceil() : undefined;
    // Beyond a century, a projection says nothing (and no calendar goes that far).
    const exhaustsOn = daysLeft?.lte(PROJECTION_HORIZON_DAYS)
      ? addCalendarDays(today, daysLeft.toNumber())
      : undefined;
    return {
      uo,
      program: c.program,
      ae: toMoneyString(c.ae),
      cp: toMoneyString(c.cp),
      engaged: toMoneyString(c.engaged),
      paid: toMoneyString(c.paid),
      aeLeft: toMoneyString(aeLeft),
      cpLeft: toMoneyString(c.cp.minus(c.paid)),
      consumption: c.ae.gt(0) ? c.engaged.div(c.ae).times(100).toFixed(1) : '0.0',
      ...(exhaustsOn ? { exhaustsOn } : {}),
      ...(hasEcheancier(record, uo) ? { availability: availabilityOf(record, uo, today) } : {}),
    };
  });
}

/**
 * The committee should meet 30 to 45 days before credits run out (SPEC §4.6): a warning for each
 * UO projected to run out before the next committee.
 */
export function creditWarnings(
  lines: readonly CreditLine[],
  nextCommittee: { number: number; date: LocalDate } | undefined,
  today: LocalDate,
): string[] {
  if (!nextCommittee) return [];
  return lines
    .filter((line) => line.exhaustsOn && line.exhaustsOn < nextCommittee.date)
    .map((line) => {
      const [from, to] = [addCalendarDays(line.exhaustsOn!, -45), addCalendarDays(line.exhaustsOn!, -30)];
      const when = to < today ? 'as soon as possible' : `between ${from > today ? from : today} and ${to}`;
      return (
        `${line.uo}: credits projected to run out around ${line.exhaustsOn}, before committee ${nextCommittee.number} ` +
        `on ${nextCommittee.date}; it should meet 30 to 45 days before they run out: ${when}`
      );
    });
}
