import type { TAmendCommand } from './commands';
import { ZConventionSchema, type TBudgetLine, type TConvention } from './convention';
import { localDateOf } from './dates';
import { requiredWhenMissing } from './fields';
import { currentSuspension, uoCredits, uoNames } from './ledger';
import { formatEuros, parseMoney, parseSignedMoney, toMoneyString } from './money';
import { accept, moveTo, refuse, type CommandOutcome, type ConventionRecord } from './record';
import { isAdmin } from './roles';
import { describeIssues } from './validation';

// Amendments (SPEC §4.7, art. 6 of the seed): an avenant changes the budget per UO — and may add
// a UO — or the schedule. It can give room to a UO short of credits, which ends its grace period,
// or the suspension it caused.

/** The budget once the deltas are applied, or the reason they cannot be. */
function amendedBudget(
  convention: TConvention,
  command: TAmendCommand,
): { budget: TBudgetLine[] } | { error: string } {
  const budget = convention.budget.map((line) => ({ ...line }));
  for (const [i, delta] of command.budget.entries()) {
    const lines = budget.filter((line) => line.uo === delta.uo);
    const first = lines[0];
    const funder = delta.funder ?? first?.funder;
    if (!funder) return { error: `budget[${i}].funder: required for a new UO (${delta.uo})` };
    let line = lines.find((l) => l.funder === funder);
    if (!line) {
      const program = delta.program ?? first?.program;
      const imputation = delta.imputation ?? first?.imputation;
      if (!program || !imputation)
        return { error: `budget[${i}]: a new UO (${delta.uo}) needs its program and imputation` };
      line = { uo: delta.uo, program, funder, ae: '0.00', cp: '0.00', restoration: false, imputation };
      budget.push(line);
    }
    for (const field of ['ae', 'cp'] as const) {
      const change = delta[field];
      if (change === undefined) continue;
      const amount = parseMoney(line[field]).plus(parseSignedMoney(change));
      if (amount.isNegative())
        return {
          error: `budget[${i}].${field}: ${change} would leave the ${funder} line of ${delta.uo} at ${formatEuros(amount)}`,
        };
      line[field] = toMoneyString(amount);
    }
    if (delta.imputation)
      for (const l of budget.filter((b) => b.uo === delta.uo)) l.imputation = delta.imputation;
  }
  return { budget };
}

export function amend(record: ConventionRecord, command: TAmendCommand, at: string): CommandOutcome {
  const { convention } = record;
  if (!isAdmin(convention, command.as))
    return refuse('NotAllowed', `${command.as} may not record an amendment: only an admin may`);
  const previous = record.amendments.find((a) => a.number === command.number);
  if (previous)
    return refuse('AlreadyDone', `avenant ${command.number} was already recorded on ${previous.at}`);
  const last = Math.max(0, ...record.amendments.map((a) => a.number));
  if (command.number < last)
    return refuse('WrongState', `avenant numbers increase: the last one recorded is avenant ${last}`);
  const today = localDateOf(Date.parse(at), convention.schedule.timezone);
  if (command.signedOn > today)
    return refuse('InvalidCommand', `amend: signedOn: ${command.signedOn} is in the future`);

  const amended = amendedBudget(convention, command);
  if ('error' in amended) return refuse('InvalidCommand', `amend: ${amended.error}`);
  const parsed = ZConventionSchema.safeParse(
    { ...convention, budget: amended.budget, schedule: { ...convention.schedule, ...command.schedule } },
    { error: requiredWhenMissing },
  );
  if (!parsed.success)
    return refuse(
      'InvalidCommand',
      `amend: the amended convention would be invalid: ${describeIssues(parsed.error.issues).join('; ')}`,
    );
  const next = { ...record, convention: parsed.data };
  // Never below what is already engaged or paid.
  for (const uo of uoNames(record)) {
    const before = uoCredits(record, uo)!;
    const after = uoCredits(next, uo);
    if (!after) return refuse('InvalidCommand', `amend: UO ${uo} cannot be removed`);
    if (after.ae.lt(before.engaged))
      return refuse(
        'InvalidCommand',
        `amend: ${uo}: AE would be ${formatEuros(after.ae)}, below the ${formatEuros(before.engaged)} already engaged`,
      );
    if (after.cp.lt(before.paid))
      return refuse(
        'InvalidCommand',
        `amend: ${uo}: CP would be ${formatEuros(after.cp)}, below the ${formatEuros(before.paid)} already paid`,
      );
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
      convention: parsed.data,
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
