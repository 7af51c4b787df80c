import { COMMAND_SCHEMAS, type CommandName, type CommandPayload } from './commands';
import { amend } from './amendments';
import { expire, expiryInstant, submitFinalReport } from './closing';
import { decideCommittee } from './committees';
import { requiredWhenMissing } from './fields';
import { refuse, type CommandOutcome, type ConventionRecord } from './record';
import { submitReport } from './reports';
import { confirmChorus, publish, sign } from './signing';
import { engage, graceRunsOutAt, pay, suspendAtGraceEnd } from './ledger';
import { describeIssues } from './validation';

// The life of one convention as pure transitions over its record: `applyCommand` for what people
// do, `advance` for what time does. The workflow holds the record and calls both.

export { startRecord, type ConventionRecord, type LifecycleState, type StateChange } from './record';
export { unsignedParties } from './signing';

type Handler<C extends CommandName> = (
  record: ConventionRecord,
  command: CommandPayload<C>,
  at: string,
) => CommandOutcome;

const HANDLERS: { [C in CommandName]: Handler<C> } = {
  sign,
  publish,
  'confirm-chorus': confirmChorus,
  decide: decideCommittee,
  'submit-report': (record, command, at) =>
    command.final ? submitFinalReport(record, command, at) : submitReport(record, command, at),
  engage,
  pay,
  amend,
};

/** Once the convention has ended, committee decisions and reports are still recorded; nothing else is. */
const AFTER_THE_END: readonly CommandName[] = ['decide', 'submit-report'];

/**
 * What a command does to a convention at an instant: the new record and its register entry, or
 * a refusal that names the field or the rule. The record given is never modified.
 */
export function applyCommand(
  record: ConventionRecord,
  name: CommandName,
  payload: unknown,
  now: number,
): CommandOutcome {
  const schema = COMMAND_SCHEMAS[name];
  if (!schema) return refuse('InvalidCommand', `unknown command "${String(name)}"`);
  const parsed = schema.safeParse(payload, { error: requiredWhenMissing });
  if (!parsed.success)
    return refuse('InvalidCommand', `${name}: ${describeIssues(parsed.error.issues).join('; ')}`);
  const current = advance(record, now);
  if (current.state === 'closed')
    return refuse('WrongState', `the convention is closed since ${current.closedAt}`);
  if (current.state === 'ended' && !AFTER_THE_END.includes(name))
    return refuse(
      'WrongState',
      `the convention ended on ${current.end?.at}: only committee decisions and reports are recorded now`,
    );
  const handler = HANDLERS[name] as Handler<CommandName>;
  return handler(current, parsed.data as CommandPayload<CommandName>, new Date(now).toISOString());
}

/** When time alone next changes the record: the expiry, or the end of a grace period. */
export function nextTransitionAt(record: ConventionRecord): number | undefined {
  if (record.end) return undefined;
  const instants = [expiryInstant(record), graceRunsOutAt(record)].filter(
    (at): at is number => at !== undefined,
  );
  return instants.length ? Math.min(...instants) : undefined;
}

/** The record once time has reached `now`: grace periods run out, the convention expires. */
export function advance(record: ConventionRecord, now: number): ConventionRecord {
  for (;;) {
    const at = nextTransitionAt(record);
    if (at === undefined || at > now) return record;
    record = at === expiryInstant(record) ? expire(record, at) : suspendAtGraceEnd(record);
  }
}
