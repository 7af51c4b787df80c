import { parseCommand, type CommandName, type CommandPayload } from './commands';
import { designateIntrapreneur, endAccompaniment } from './accompaniment';
import { amend } from './amendments';
import { recordYearForecast } from './budget-year';
import { makeAvailable, requestCredits } from './availability';
import { expire, expiryInstant, submitFinalReport } from './closing';
import { decideCommittee, scheduleCommittee } from './committees';
import {
  CURRENT_RULES,
  refuse,
  type CommandOutcome,
  type CommandRules,
  type ConventionRecord,
} from './record';
import { addVersion, approve, requestChanges } from './circuit';
import { submitReport } from './reports';
import { confirmChorus, publish, sign } from './signing';
import { engage, graceRunsOutAt, pay, suspendAtGraceEnd } from './ledger';
import { giveNotice, noticeTakesEffectAt, runningNotice, terminate, withdrawNotice } from './notice';
import { isAdmin } from './roles';
import { withoutControls } from './characters';

// The life of one convention as pure transitions over its record: `applyCommand` for what people
// do, `advance` for what time does. The workflow holds the record and calls both.

export {
  CURRENT_RULES,
  startRecord,
  type CommandRules,
  type ConventionRecord,
  type LifecycleState,
  type StateChange,
} from './record';
export { unsignedParties } from './signing';

type Handler<C extends CommandName> = (
  record: ConventionRecord,
  command: CommandPayload<C>,
  at: string,
  rules: CommandRules,
) => CommandOutcome;

const HANDLERS: { [C in CommandName]: Handler<C> } = {
  sign,
  publish,
  'confirm-chorus': confirmChorus,
  decide: decideCommittee,
  'schedule-committee': scheduleCommittee,
  'submit-report': (record, command, at) =>
    command.final ? submitFinalReport(record, command, at) : submitReport(record, command, at),
  engage,
  pay,
  amend,
  'give-notice': giveNotice,
  'withdraw-notice': withdrawNotice,
  'request-credits': requestCredits,
  'make-available': makeAvailable,
  'end-accompaniment': endAccompaniment,
  'designate-intrapreneur': designateIntrapreneur,
  'year-end-forecast': recordYearForecast,
  'add-version': addVersion,
  approve,
  'request-changes': requestChanges,
};

/** Once the convention has ended, reports are still received, and admins may still correct the record. */
const AFTER_THE_END: { [C in CommandName]?: 'anyone' | 'admin' } = {
  'submit-report': 'anyone',
  decide: 'admin',
  amend: 'admin',
};

/**
 * What a command does to a convention at an instant: the new record and its register entry, or
 * a refusal that names the field or the rule. The record given is never modified.
 */
export function applyCommand(
  record: ConventionRecord,
  name: CommandName,
  payload: unknown,
  now: number,
  rules: CommandRules = CURRENT_RULES,
): CommandOutcome {
  const parsed = parseCommand(name, payload);
  if (!parsed.ok) return { ok: false, refusal: parsed.refusal };
  const current = advance(record, now);
  if (current.state === 'closed') return refuse('WrongState', 'closed', { closedAt: current.closedAt! });
  const afterTheEnd = AFTER_THE_END[name];
  const asAdmin = isAdmin(current.convention, parsed.command.as);
  if (current.state === 'ended' && !(afterTheEnd === 'anyone' || (afterTheEnd === 'admin' && asAdmin)))
    return refuse('WrongState', 'ended', { endedAt: current.end!.at, reason: current.end!.reason });
  const handler = HANDLERS[name] as Handler<CommandName>;
  return handler(current, parsed.command, new Date(now).toISOString(), rules);
}

/** Refused only because of control or bidirectional characters (domain/characters.ts). */
const refusedForCharactersOnly = (outcome: CommandOutcome) =>
  !outcome.ok &&
  outcome.refusal.code === 'invalid' &&
  outcome.refusal.figures.faults.every(
    (fault) => fault.rule === 'control-character' || fault.rule === 'bidi-control',
  );

/** Every text of a payload made plain (`withoutControls`), whatever its depth. */
function madePlain(payload: unknown, lineBreaks: 'keep' | 'as-space'): unknown {
  if (typeof payload === 'string') return withoutControls(payload, lineBreaks);
  if (Array.isArray(payload)) return payload.map((item) => madePlain(item, lineBreaks));
  if (payload && typeof payload === 'object')
    return Object.fromEntries(
      Object.entries(payload).map(([key, value]) => [
        withoutControls(key, 'keep'),
        madePlain(value, lineBreaks),
      ]),
    );
  return payload;
}

/**
 * `applyCommand` as commands were decided before PLAIN_CHARACTERS (workflows/patches.ts), when
 * control and bidirectional characters were taken: a command refused for them alone is decided
 * made plain — those characters dropped, then line breaks and tabs as spaces if a line refuses
 * them — so that a history recorded then replays as it was decided, with the same outcome.
 */
export function applyCommandAsBeforePlainCharacters(
  record: ConventionRecord,
  name: CommandName,
  payload: unknown,
  now: number,
  rules: CommandRules = CURRENT_RULES,
): CommandOutcome {
  let outcome = applyCommand(record, name, payload, now, rules);
  for (const lineBreaks of ['keep', 'as-space'] as const)
    if (refusedForCharactersOnly(outcome))
      outcome = applyCommand(record, name, madePlain(payload, lineBreaks), now, rules);
  return outcome;
}

/** What time alone does next to the record: the expiry, a grace period running out, a notice taking effect. */
function nextTransition(
  record: ConventionRecord,
): { at: number; apply: (record: ConventionRecord, at: number) => ConventionRecord } | undefined {
  if (record.end) return undefined;
  const notice = runningNotice(record);
  const candidates = [
    { at: expiryInstant(record), apply: expire },
    { at: graceRunsOutAt(record), apply: (r: ConventionRecord) => suspendAtGraceEnd(r) },
    { at: notice && noticeTakesEffectAt(record, notice), apply: terminate },
  ].filter(
    (t): t is { at: number; apply: (record: ConventionRecord, at: number) => ConventionRecord } =>
      t.at !== undefined,
  );
  return candidates.sort((a, b) => a.at - b.at)[0];
}

export function nextTransitionAt(record: ConventionRecord): number | undefined {
  return nextTransition(record)?.at;
}

/** The record once time has reached `now`: grace periods run out, notices take effect, the convention expires. */
export function advance(record: ConventionRecord, now: number): ConventionRecord {
  for (;;) {
    const transition = nextTransition(record);
    if (!transition || transition.at > now) return record;
    record = transition.apply(record, transition.at);
  }
}
