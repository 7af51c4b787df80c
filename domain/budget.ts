import { refuse, type CommandOutcome, type ConventionRecord } from './record';
import type { TBudgetLine, TConvention, TYearEnd } from './convention';
import { localDateOf, type LocalDate } from './dates';
import { sumMoney, toMoneyString, type MoneyString } from './money';

export interface UoSummary {
  uo: string;
  program: string;
  ae: MoneyString;
  cp: MoneyString;
  /** Of which "à rétablir" (refunded by a co-funder through a separate convention). */
  aeToRestore: MoneyString;
  funders: { funder: string; ae: MoneyString; cp: MoneyString; restoration: boolean }[];
}

export interface BudgetSummary {
  uos: UoSummary[];
  total: { ae: MoneyString; cp: MoneyString };
}

/** The refusal of a UO the convention does not have, naming those it has. */
export function unknownUo(convention: TConvention, uo: string): CommandOutcome {
  return refuse('UnknownUo', 'unknown-uo', { uo, uos: budgetSummary(convention).uos.map((u) => u.uo) });
}

/** Allocations per UO and in total, in the order the UOs first appear in the file. */
export function budgetSummary(convention: TConvention): BudgetSummary {
  const uoNames = [...new Set(convention.budget.map((line) => line.uo))];
  const uos = uoNames.map((uo): UoSummary => {
    const lines = convention.budget.filter((line) => line.uo === uo);
    return {
      uo,
      program: lines[0]!.program,
      ae: toMoneyString(sumMoney(lines.map((line) => line.ae))),
      cp: toMoneyString(sumMoney(lines.map((line) => line.cp))),
      aeToRestore: toMoneyString(sumMoney(lines.filter((line) => line.restoration).map((line) => line.ae))),
      funders: lines.map(({ funder, ae, cp, restoration }) => ({ funder, ae, cp, restoration })),
    };
  });
  return {
    uos,
    total: {
      ae: toMoneyString(sumMoney(convention.budget.map((line) => line.ae))),
      cp: toMoneyString(sumMoney(convention.budget.map((line) => line.cp))),
    },
  };
}

// --- The budget year (SPEC §11): the State's credits are annual.

/** The budget year of an instant: its calendar year on the convention's clock. */
export function budgetYearOf(record: ConventionRecord, instant: number): number {
  return Number(localDateOf(instant, record.convention.schedule.timezone).slice(0, 4));
}

/** The year whose credits a line gives: its own, or the year the convention took effect (started, before). */
export function lineYear(record: ConventionRecord, line: Pick<TBudgetLine, 'year'>): number {
  if (line.year !== undefined) return line.year;
  const effective = record.publication?.effectiveDate;
  return effective ? Number(effective.slice(0, 4)) : budgetYearOf(record, Date.parse(record.startedAt));
}

/** The budget years the convention has lines for, in order. */
export function budgetYears(record: ConventionRecord, uo?: string): number[] {
  const lines = record.convention.budget.filter((line) => uo === undefined || line.uo === uo);
  return [...new Set(lines.map((line) => lineYear(record, line)))].sort((a, b) => a - b);
}

/** A year's last days for engagements and for payments in Chorus (the fin de gestion). */
export function yearEndDates(
  yearEnd: TYearEnd,
  year: number,
): { engagements: LocalDate; payments: LocalDate } {
  return {
    engagements: `${year}-${yearEnd.lastEngagementDay}`,
    payments: `${year}-${yearEnd.lastPaymentDay}`,
  };
}
