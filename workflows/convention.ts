import type { SearchAttributeUpdatePair, UpdateDefinition } from '@temporalio/common';
import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  log,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import { EMAIL_ACTIVITY, SHORT_ACTIVITIES } from './activity-options';
import { dueYearStatement, nextBudgetInstant } from '../domain/budget-year';
import { closingSummary, type ConventionSummary } from '../domain/closing';
import { COMMANDS, type Refusal } from '../domain/commands';
import {
  advance,
  applyCommand,
  applyCommandAsBeforePlainCharacters,
  nextTransitionAt,
  startRecord,
  type ConventionRecord,
} from '../domain/lifecycle';
import { emailKey, markSent, markWithdrawn, plannedEmails, type PlannedEmail } from '../domain/reminders';
import { chainOf, registerKey, resetKey } from '../domain/keys';
import type { RegisterEntryDraft } from '../domain/record';
import { nextActionDueChangeAt, searchPeopleOf, searchValuesOf } from '../domain/search';
import { retakeStats, statsFactsOf, type TakenStats } from '../domain/stats';
import { continueAsNewRefusal } from '../domain/operations';
import { describeStatus } from '../domain/status';
import {
  commandUpdates,
  continueAsNewUpdate,
  conventionQuery,
  peopleSearchPairs,
  searchAttributePairs,
  statsQuery,
  statusQuery,
  type CommandResult,
  type ConventionWorkflowInput,
} from './messages';
import {
  COMMITTEE_DAY,
  DOCUMENT_CIRCUIT,
  NEXT_ACTION_DUE,
  PLAIN_CHARACTERS,
  WITHDRAWN_EMAILS,
} from './patches';
import { onReset } from './reset';
import { untilWokenOr, WakeTimer } from './waiting';

// One durable workflow per convention (SPEC §4). It holds the record, applies commands through
// the domain's `applyCommand`, sends each email the domain's plan says is due, and sleeps until the
// next email, the next change of state (expiry) or the next command. Closed, it returns a summary.

const { sendEmail } = proxyActivities<Activities>(EMAIL_ACTIVITY);
// Register entries, statistics and hashes are written in the workflow task that takes the decision, on the worker that takes it: no round trip
// through the server's matching, which was most of a command's latency. Retried as an activity
// is, and idempotent by its key as well: a worker lost mid-write leaves no second entry.
const inWorkflowTask = proxyLocalActivities<Activities>(SHORT_ACTIVITIES);

/** Emails sent and commands accepted in one run before it continues as new, history staying small. */
export const DEFAULT_CONTINUE_AS_NEW_AFTER = 500;

/** A refusal as its caller gets it: the kind as the failure's type, the code and figures in its details. */
const refusalFailure = ({ type, message, code, figures }: Refusal) =>
  ApplicationFailure.create({ type, message, nonRetryable: true, details: [{ code, figures }] });

export async function conventionWorkflow({
  convention,
  record: carried,
  broughtIn,
  continueAsNewAfter = DEFAULT_CONTINUE_AS_NEW_AFTER,
}: ConventionWorkflowInput): Promise<ConventionSummary> {
  // A history from before DOCUMENT_CIRCUIT replays its start as it was: without the circuit.
  let record: ConventionRecord =
    carried ?? startRecord(convention, Date.now(), { documentCircuit: patched(DOCUMENT_CIRCUIT) });
  // Bumped by every accepted command: the main loop wakes up and plans again.
  let changes = 0;
  let actionsThisRun = 0;
  /** An admin asked for a new run (a patch's old branch to leave behind). */
  let continueAsNewAsked = false;
  /** The statistics facts last taken in this run: written again only when they change. */
  let statsTaken: TakenStats | undefined;
  /**
   * The email being sent, withdrawn if a command makes it pointless before it goes. Declared before
   * any handler: an Update that comes with the start is decided before the body reaches the loop.
   */
  let sending: { email: PlannedEmail; idempotencyKey: string; withdrawn: boolean } | undefined;
  const { workflowId, firstExecutionRunId } = workflowInfo();
  // Stable across continue-as-new and resets, distinct if the same convention is ever started afresh.
  const chain = chainOf(workflowId, firstExecutionRunId);

  // A convention brought in with its past: its past's entries go to the register first, in their
  // order, keyed as any decision (a retry finds them written); decisions taken meanwhile wait for them.
  const broughtInRecorded = broughtIn?.length
    ? (async () => {
        for (const { seq, ...entry } of broughtIn)
          await inWorkflowTask.recordDecision({
            idempotencyKey: registerKey(chain, seq),
            conventionId: convention.id,
            ...entry,
          });
      })()
    : undefined;

  /** The register entry of the latest reset while it is written: decisions taken after it wait for it. */
  let resetRecorded: Promise<unknown> | undefined;
  // Before any handler: an Update in the activation of the reset point is decided after the reset.
  onReset((resetId) => {
    const after = record.registerSeq;
    // Later decisions carry the reset's id: their keys never meet those of the decisions taken back
    // (keys are activity arguments, which replay does not compare: no patch needed for them).
    record = { ...record, resetId };
    resetRecorded = inWorkflowTask.recordReset({
      idempotencyKey: resetKey(chain, resetId),
      conventionId: convention.id,
      chain,
      after,
      run: workflowInfo().runId,
      at: new Date().toISOString(),
    });
  });

  const askedAt = (request?: { at: number }) => Math.max(Date.now(), request?.at ?? 0);
  setHandler(statusQuery, (request) => describeStatus(record, askedAt(request)));
  setHandler(statsQuery, (request) => {
    const at = askedAt(request);
    return statsFactsOf(advance(record, at), at);
  });
  // Queries leave no trace in the history: adding one needs no patch.
  setHandler(conventionQuery, () => record.convention);

  // Payloads arrive untyped from outside: `applyCommand` checks them against the command's schema.
  for (const name of COMMANDS) {
    setHandler(
      commandUpdates[name] as UpdateDefinition<CommandResult, [unknown]>,
      async (payload) => {
        // Decided again here: another update may have been applied since the validator ran.
        // A decision before its committee's day is refused since COMMITTEE_DAY (asked per decision).
        const rules = { committeeDay: name === 'decide' && patched(COMMITTEE_DAY) };
        const outcome = (patched(PLAIN_CHARACTERS) ? applyCommand : applyCommandAsBeforePlainCharacters)(
          record,
          name,
          payload,
          Date.now(),
          rules,
        );
        if (outcome.ok)
          return { state: outcome.record.state, registerSeq: await accepted(outcome.record, outcome.entry) };
        // Refused with a consequence (credits ran short: the délégant is told at once).
        if (outcome.consequence) await accepted(outcome.consequence.record, outcome.consequence.entry);
        else actionsThisRun += 1;
        throw refusalFailure(outcome.refusal);
      },
      {
        // Validators do not run on replay: what they let through can change without patched().
        validator: (payload) => {
          const outcome = applyCommand(record, name, payload, Date.now());
          if (!outcome.ok && outcome.refusal.type === 'InvalidCommand') throw refusalFailure(outcome.refusal);
        },
      },
    );
  }

  setHandler(continueAsNewUpdate, (request) => {
    const refused = continueAsNewRefusal(record.convention, request);
    if (refused) throw refusalFailure(refused);
    continueAsNewAsked = true;
    changes += 1;
    return { runId: workflowInfo().runId };
  });

  /**
   * Since WITHDRAWN_EMAILS: once a command took the email being sent out of the plan (its action is
   * done: signed, published, decided…), its key is marked withdrawn in the sent-email log. An
   * attempt yet to come finds the mark and sends nothing; one already talking to the SMTP server
   * finishes, and the email counts as sent. (Not an activity cancellation: the time-skipping test
   * server fails a workflow task that cancels an activity completed meanwhile, sdk-java#2391.)
   */
  async function withdrawIfDone(): Promise<void> {
    if (!sending || sending.withdrawn) return;
    const now = Date.now();
    const { email, idempotencyKey } = sending;
    if (plannedEmails(advance(record, now), now).some((planned) => planned.series === email.series)) return;
    if (!patched(WITHDRAWN_EMAILS)) return;
    sending.withdrawn = true;
    await inWorkflowTask.withdrawEmail({
      idempotencyKey,
      conventionId: convention.id,
      kind: email.kind,
      to: email.to,
      cc: email.cc,
    });
  }

  /** Takes the record a command led to, and writes its register entry: its place in the register. */
  async function accepted(next: ConventionRecord, { seq, ...entry }: RegisterEntryDraft): Promise<number> {
    record = next;
    changes += 1;
    actionsThisRun += 1;
    if (broughtInRecorded) await broughtInRecorded;
    if (resetRecorded) await resetRecorded;
    const stats = statsToKeep(next);
    const written = await inWorkflowTask.recordDecision({
      idempotencyKey: registerKey(chain, seq, next.resetId),
      conventionId: convention.id,
      ...entry,
      ...(stats ? { stats } : {}),
    });
    await withdrawIfDone();
    return written.seq;
  }

  /** The facts of `next` to write, if they changed since the last write. */
  function statsToKeep(next: ConventionRecord) {
    const taken = retakeStats(statsTaken, next, Date.now());
    const changed = taken.json !== statsTaken?.json;
    statsTaken = taken;
    if (!changed) return undefined;
    return {
      conventionId: convention.id,
      facts: taken.facts,
      at: new Date().toISOString(),
      registerSeq: next.registerSeq,
    };
  }

  const wakeTimer = new WakeTimer();

  /** Hashes of the addresses met in this run, made by the worker: the key never enters the workflow. */
  const hashes = new Map<string, string>();

  /** Participants and AwaitedPeople: the hashes of `searchPeopleOf`'s addresses. */
  async function peoplePairs(): Promise<SearchAttributeUpdatePair[]> {
    const people = searchPeopleOf(record, Date.now());
    const unknown = [...new Set([...people.participants, ...people.awaited])].filter((a) => !hashes.has(a));
    if (unknown.length) {
      const made = await inWorkflowTask.participantHashes(unknown);
      unknown.forEach((address, i) => hashes.set(address, made[i]!));
    }
    const hashed = (addresses: string[]) => [...new Set(addresses.map((a) => hashes.get(a)!))].sort();
    return peopleSearchPairs({ participants: hashed(people.participants), awaited: hashed(people.awaited) });
  }

  /** Upserts the search attributes whose value changed (at the start of a run: against those carried over). */
  async function publishSearchAttributes(planned: readonly PlannedEmail[]): Promise<void> {
    const pairs = searchAttributePairs(searchValuesOf(record, Date.now(), planned), {
      // A run replaying a history from before NEXT_ACTION_DUE upserts as it did then.
      nextActionDue: patched(NEXT_ACTION_DUE),
    });
    pairs.push(...(await peoplePairs()));
    const current = workflowInfo().typedSearchAttributes;
    const changed = pairs.filter(
      ({ key, value }) => JSON.stringify(current.get(key) ?? null) !== JSON.stringify(value),
    );
    if (changed.length) upsertSearchAttributes(changed);
  }

  async function deliver(email: PlannedEmail): Promise<void> {
    const { series, occurrence, at, ...message } = email;
    const idempotencyKey = `${chain}/${emailKey(email)}`;
    sending = { email, idempotencyKey, withdrawn: false };
    try {
      const { outcome } = await sendEmail({ idempotencyKey, conventionId: convention.id, ...message });
      if (outcome === 'withdrawn') {
        log.info('email withdrawn: its action was done meanwhile', { kind: email.kind });
        record = markWithdrawn(record, email);
        return;
      }
    } catch (error) {
      // Refused for good (a rejected address, a template that fails): later emails must still go.
      if (!(error instanceof ActivityFailure && error.cause instanceof ApplicationFailure)) throw error;
      log.warn('email not sent', {
        kind: email.kind,
        to: email.to,
        why: error.cause.type,
        reason: error.cause.message,
      });
    } finally {
      sending = undefined;
    }
    record = markSent(record, email);
    actionsThisRun += 1;
  }

  if (broughtInRecorded) await broughtInRecorded;
  for (;;) {
    // Not while a command is being decided: its register entry (a local activity) and the loop's
    // own (hashes, statistics) would resolve in an order a replay may not see again. The command
    // is answered first, then the loop plans from what it changed.
    await condition(allHandlersFinished);
    record = advance(record, Date.now());
    // A budget year ended: its statement is recorded before anything is planned from it.
    const statement = dueYearStatement(record, Date.now());
    if (statement) {
      await accepted(statement.record, statement.entry);
      continue;
    }
    const planned = plannedEmails(record, Date.now());
    const [next] = planned;
    if (next && next.at <= Date.now()) {
      await deliver(next);
      continue;
    }
    // The same record and instant as the plan: nothing was awaited since.
    await publishSearchAttributes(planned);
    const stats = statsToKeep(record);
    if (stats) await inWorkflowTask.keepStats(stats);
    if (resetRecorded) await resetRecorded;
    if (record.state === 'closed') {
      await condition(allHandlersFinished);
      return closingSummary(record);
    }
    if (continueAsNewAsked || workflowInfo().continueAsNewSuggested || actionsThisRun >= continueAsNewAfter) {
      await condition(allHandlersFinished);
      return continueAsNew<typeof conventionWorkflow>({ convention, record, continueAsNewAfter });
    }
    const wakeAt = Math.min(
      next?.at ?? Infinity,
      nextTransitionAt(record) ?? Infinity,
      nextBudgetInstant(record, Date.now()) ?? Infinity,
      // Since NEXT_ACTION_DUE (asked already when the attributes were published): NextActionDue
      // moves on the day a report falls owed, not only when the next reminder goes.
      (patched(NEXT_ACTION_DUE) && nextActionDueChangeAt(record, Date.now())) || Infinity,
    );
    const seen = changes;
    await untilWokenOr(wakeTimer.at(wakeAt), () => changes !== seen);
  }
}
