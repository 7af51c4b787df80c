import { refuse, type CommandOutcome } from './record';
import type { TConvention } from './convention';
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
