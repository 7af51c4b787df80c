import Decimal from 'decimal.js';
import type { CreditYear } from './budget-year';
import type { LocalDate } from './dates';
import type { CreditLine } from './ledger';
import { toMoneyString, type MoneyString } from './money';

// What the délégataire can engage or pay today, per UO (SPEC §11): the credits of today's budget
// year, until that year's fin de gestion — not what is left over all years, which a December engagement
// cannot draw on. When it cannot, when it can again and on which year's credits. What the console
// offers and says; the ledger (domain/ledger.ts) decides, on the same rules.

export type CreditCommandName = 'engage' | 'pay';

export type CreditsWindow =
  | {
      open: true;
      /** The budget year drawn on, and its last day for this command. */
      year: number;
      until: LocalDate;
      /**
       * What the command can take today: the year's AE left, within what the délégant made available
       * on a UO with an échéancier (`available`); the year's CP left, within what was engaged and not paid.
       */
      left: MoneyString;
      available?: true;
    }
  | {
      open: false;
      /** Today's budget year, and the day it closed for this command, when it has credits. */
      year: number;
      closedOn?: LocalDate;
      /** The next year the UO has credits for: engagements (payments) reopen on its 1 January. */
      reopens?: { on: LocalDate; year: number; amount: MoneyString };
    };

type UoCredits = CreditLine & { years: CreditYear[] };

/** Whether `command` can draw on a UO's credits on `today`, and how much; else why not and until when. */
export function creditsWindow(line: UoCredits, command: CreditCommandName, today: LocalDate): CreditsWindow {
  const year = Number(today.slice(0, 4));
  const current = line.years.find((y) => y.year === year);
  const until = current && (command === 'engage' ? current.engagementsUntil : current.paymentsUntil);
  if (current && until && today <= until) {
    if (command === 'pay') {
      const unpaid = new Decimal(line.engaged).minus(line.paid);
      return { open: true, year, until, left: toMoneyString(Decimal.min(current.cpLeft, unpaid)) };
    }
    // Art. 2: on a UO with an échéancier, engagements stay within what was made available.
    if (!line.availability) return { open: true, year, until, left: current.aeLeft };
    const available = new Decimal(line.availability.ae).minus(line.engaged);
    const left = Decimal.max(0, Decimal.min(current.aeLeft, available));
    return { open: true, year, until, left: toMoneyString(left), available: true };
  }
  const next = line.years.find((y) => y.year > year);
  return {
    open: false,
    year,
    ...(until ? { closedOn: until } : {}),
    ...(next
      ? {
          reopens: {
            on: `${next.year}-01-01`,
            year: next.year,
            amount: command === 'engage' ? next.aeLeft : next.cpLeft,
          },
        }
      : {}),
  };
}

/** Each UO's window for `command` on `today`, in the status's order. */
export const creditsWindows = (lines: readonly UoCredits[], command: CreditCommandName, today: LocalDate) =>
  lines.map((line) => ({ uo: line.uo, window: creditsWindow(line, command, today) }));
