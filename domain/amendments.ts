import type { TAmendCommand } from './commands';
import { budgetYears, lineYear } from './budget';
import { withoutControls } from './characters';
import { conventionSchema, type TBudgetLine, type TConvention } from './convention';
import { localDateOf } from './dates';
import { parseWith } from './fields';
import { currentSuspension, uoCredits, uoNames } from './ledger';
import { parseMoney, parseSignedMoney, toMoneyString } from './money';
import { accept, moveTo, refuse, type CommandOutcome, type ConventionRecord } from './record';
import { isAdmin } from './roles';
import { faultsOf } from './faults';

// Amendments (SPEC §4.7, art. 6 of the seed): an avenant changes the budget per UO — and may add
// a UO — or the schedule. It can give room to a UO short of credits, which ends its grace period,
// or the suspension it caused.

/**
 * The budget once the deltas are applied, or the reason they cannot be. Once the record keeps
 * budget years, a delta changes the line of its year (the year the avenant is signed in unless it
 * says), which it adds when the UO has none that year.
 */
function amendedBudget(
  record: ConventionRecord,
  command: TAmendCommand,
): { budget: TBudgetLine[] } | { refused: CommandOutcome } {
  const budget = record.convention.budget.map((line) => ({ ...line }));
  const signedIn = Number(command.signedOn.slice(0, 4));
  for (const [i, delta] of command.budget.entries()) {
    const year = delta.year ?? signedIn;
    const lines = budget.filter((line) => line.uo === delta.uo);
    const first = lines[0];
    const funder = delta.funder ?? first?.funder;
    if (!funder)
      return { refused: refuse('InvalidCommand', 'avenant-new-uo-funder', { line: i, uo: delta.uo }) };
    let line = lines.find((l) => l.funder === funder && lineYear(record, l) === year);
    if (!line) {
      const program = delta.program ?? first?.program;
      const imputation = delta.imputation ?? first?.imputation;
      if (!program || !imputation)
        return { refused: refuse('InvalidCommand', 'avenant-new-uo-imputation', { line: i, uo: delta.uo }) };
      line = {
        uo: delta.uo,
        program,
        funder,
        ae: '0.00',
        cp: '0.00',
        restoration: false,
        imputation,
        ...(year !== undefined ? { year } : {}),
      };
      budget.push(line);
    }
    for (const field of ['ae', 'cp'] as const) {
      const change = delta[field];
      if (change === undefined) continue;
      const amount = parseMoney(line[field]).plus(parseSignedMoney(change));
      if (amount.isNegative())
        return {
          refused: refuse('InvalidCommand', 'avenant-line-negative', {
            line: i,
            field,
            change,
            funder,
            uo: delta.uo,
            amount: amount.toFixed(2),
          }),
        };
      line[field] = toMoneyString(amount);
    }
    if (delta.imputation)
      for (const l of budget.filter((b) => b.uo === delta.uo)) l.imputation = delta.imputation;
  }
  return { budget };
}

/**
 * The convention as an avenant has it checked again. Its names and titles were checked when it
 * started, by the rules of that day: one may hold a character refused since (a control, issue 28),
 * which would refuse every avenant and make one already recorded replay otherwise. They are
 * checked made plain, and kept as they were: an avenant changes the budget and the schedule only.
 */
const plainForCheck = (convention: TConvention): TConvention =>
  JSON.parse(JSON.stringify(convention), (_key, value: unknown) =>
    typeof value === 'string' ? withoutControls(value, 'as-space') : value,
  ) as TConvention;

export function amend(record: ConventionRecord, command: TAmendCommand, at: string): CommandOutcome {
  const { convention } = record;
  if (!isAdmin(convention, command.as))
    return refuse('NotAllowed', 'not-admin', { actor: command.as, act: 'amend' });
  const previous = record.amendments.find((a) => a.number === command.number);
  if (previous)
    return refuse('AlreadyDone', 'avenant-number-used', { number: command.number, at: previous.at });
  const last = Math.max(0, ...record.amendments.map((a) => a.number));
  if (command.number < last) return refuse('WrongState', 'avenant-number-order', { last });
  const today = localDateOf(Date.parse(at), convention.schedule.timezone);
  if (command.signedOn > today)
    return refuse('InvalidCommand', 'avenant-in-future', { signedOn: command.signedOn });

  const amended = amendedBudget(record, command);
  if ('refused' in amended) return amended.refused;
  const parsed = parseWith(conventionSchema(), {
    ...plainForCheck(convention),
    budget: amended.budget,
    schedule: { ...convention.schedule, ...command.schedule },
  });
  if (!parsed.success)
    return refuse('InvalidCommand', 'avenant-invalid', { faults: faultsOf(parsed.error.issues) });
  const amendedConvention = { ...convention, budget: parsed.data.budget, schedule: parsed.data.schedule };
  const next = { ...record, convention: amendedConvention };
  // Never below what is already engaged or paid, in each budget year.
  for (const uo of uoNames(record)) {
    if (!uoCredits(next, uo)) return refuse('InvalidCommand', 'avenant-removes-uo', { uo });
    for (const year of budgetYears(next, uo)) {
      const before = uoCredits(record, uo, year);
      const after = uoCredits(next, uo, year)!;
      if (!before) continue;
      if (after.ae.lt(before.engaged))
        return refuse('InvalidCommand', 'avenant-below-engaged', {
          uo,
          ae: toMoneyString(after.ae),
          engaged: toMoneyString(before.engaged),
          year,
        });
      if (after.cp.lt(before.paid))
        return refuse('InvalidCommand', 'avenant-below-paid', {
          uo,
          cp: toMoneyString(after.cp),
          paid: toMoneyString(before.paid),
          year,
        });
    }
  }

  // An avenant that raises a UO's AE gives it room: its grace period, or the suspension, ends.
  const roomFor = new Set(
    command.budget.filter((d) => d.ae !== undefined && parseSignedMoney(d.ae).gt(0)).map((d) => d.uo),
  );
  const outcome = { by: 'amendment' as const, number: command.number, at };
  const suspension = currentSuspension(record);
  const resumes = suspension !== undefined && roomFor.has(suspension.uo);
  const { as: by, ...amendment } = command;
  return accept(record, 'amend', command, at, (accepted) => {
    const amended = {
      ...accepted,
      convention: amendedConvention,
      amendments: [...accepted.amendments, { ...amendment, by, at }],
      insufficiencies: accepted.insufficiencies.map((i) =>
        !i.outcome && roomFor.has(i.uo) ? { ...i, outcome } : i,
      ),
    };
    if (!resumes) return amended;
    const resumed = {
      ...amended,
      suspensions: amended.suspensions.map((s) =>
        s === suspension ? { ...s, resumed: { at, amendment: command.number } } : s,
      ),
    };
    // Under notice, the convention stays in notice; execution resumes all the same.
    return amended.state === 'suspended' ? moveTo(resumed, 'in-force', at) : resumed;
  });
}
