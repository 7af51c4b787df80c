import type { Client } from '@temporalio/client';
import { ApplicationFailure, defaultPayloadConverter, type LoadedDataConverter } from '@temporalio/common';
import type { google, temporal } from '@temporalio/proto';
// A CommonJS module whose named exports Node cannot see from ESM.
import proto from '@temporalio/proto';
import type { SendEmailInput, SendEmailResult } from '../activities';
import type { RegisterEntryDraft } from '../domain/record';
import type { Refusal } from '../domain/refusals';
import { SEARCH_ATTRIBUTES, type CommandResult, type ConventionWorkflowInput } from '../workflows/messages';

// `convention history ID`: a readable timeline rebuilt from Temporal's own event history (not from
// the register), following continue-as-new back to the first run. Commands refused by the update
// handler are in it with their reason; payloads that did not even parse were turned away by the
// validator and never reached the history.

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
const { EventType, WorkflowTaskFailedCause } = proto.temporal.api.enums.v1;

interface EntryBase {
  at: string;
  /** 1 for the first run of the workflow, then one more after each continue-as-new. */
  run: number;
}

export type HistoryEntry = EntryBase &
  (
    | {
        type: 'run-started';
        runId: string;
        continuedFrom?: string;
        startedBy?: string;
        /** A convention brought in with its past: the register entries of that past, which the run wrote first. */
        broughtIn?: RegisterEntryDraft[];
      }
    | {
        type: 'command';
        command: string;
        as?: string;
        ok: boolean;
        /** The command's fields, without `as`. */
        fields: Record<string, unknown>;
        state?: string;
        registerSeq?: number;
        /** Why it was refused: the domain's refusal (code and figures) when the failure carries it. */
        error?: { type?: string; message: string; refusal?: Refusal };
      }
    | {
        type: 'email';
        kind: string;
        to: string[];
        cc: string[];
        outcome: SendEmailResult['outcome'] | 'failed' | 'pending';
        /** Those it was held back from: they take the weekly digest, which lists its action. */
        heldFor?: string[];
        attempts: number;
        error?: string;
      }
    | { type: 'state'; from: string | null; to: string }
    | { type: 'timer-started'; timerId: string; firesAt: string }
    | { type: 'timer-fired'; timerId: string }
    | { type: 'timer-canceled'; timerId: string }
    | { type: 'continued-as-new'; nextRunId: string }
    /** An admin reset the workflow here: what followed in the run it reset is no longer its history. */
    | { type: 'reset'; reason: string; fromRunId: string }
    | {
        type: 'closed';
        status: 'completed' | 'failed' | 'terminated' | 'canceled' | 'timed-out';
        reason?: string;
      }
  );

/** An entry without the time and run its event gives it. */
type EntryBody = HistoryEntry extends infer E ? (E extends unknown ? Omit<E, 'at' | 'run'> : never) : never;

export interface ConventionHistory {
  workflowId: string;
  runs: string[];
  entries: HistoryEntry[];
}

/** The histories of every run of `workflowId`, oldest first, by following `continuedExecutionRunId`. */
async function fetchRuns(
  client: Client,
  workflowId: string,
): Promise<{ runId: string; events: HistoryEvent[] }[]> {
  const runs: { runId: string; events: HistoryEvent[] }[] = [];
  let runId: string | undefined = (await client.workflow.getHandle(workflowId).describe()).runId;
  while (runId) {
    const history: temporal.api.history.v1.IHistory = await client.workflow
      .getHandle(workflowId, runId)
      .fetchHistory();
    const events: HistoryEvent[] = history.events ?? [];
    runs.unshift({ runId, events });
    runId = events[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
  }
  return runs;
}

type Payload = temporal.api.common.v1.IPayload;
type Failure = temporal.api.failure.v1.IFailure;

const msOf = (time: google.protobuf.ITimestamp | google.protobuf.IDuration | null | undefined) =>
  Number(time?.seconds ?? 0) * 1000 + Math.floor((time?.nanos ?? 0) / 1e6);
const isoOf = (event: HistoryEvent) => new Date(msOf(event.eventTime)).toISOString();

/** Payloads as stored, through the codecs (decryption) in the reverse order of their encoding. */
async function decodedPayloads(converter: LoadedDataConverter, payloads: Payload[]): Promise<Payload[]> {
  let decoded = payloads;
  for (const codec of [...converter.payloadCodecs].reverse()) decoded = await codec.decode(decoded);
  return decoded;
}

/** A failure with its payloads decoded, its causes too, for the failure converter to read. */
async function decodedFailure(converter: LoadedDataConverter, failure: Failure): Promise<Failure> {
  const { encodedAttributes, applicationFailureInfo, cause } = failure;
  const details = applicationFailureInfo?.details?.payloads;
  return {
    ...failure,
    encodedAttributes: encodedAttributes && (await decodedPayloads(converter, [encodedAttributes]))[0],
    applicationFailureInfo: details
      ? { ...applicationFailureInfo, details: { payloads: await decodedPayloads(converter, details) } }
      : applicationFailureInfo,
    cause: cause && (await decodedFailure(converter, cause)),
  };
}

/** Turns one run's events into entries; `state` is the state known so far, carried from run to run. */
async function runEntries(
  converter: LoadedDataConverter,
  run: number,
  runId: string,
  events: HistoryEvent[],
  state: { current: string | null },
): Promise<HistoryEntry[]> {
  const entries: HistoryEntry[] = [];
  const add = (at: string, body: EntryBody) => entries.push({ at, run, ...body } as HistoryEntry);
  const decode = async <T>(payloads: temporal.api.common.v1.IPayloads | null | undefined) => {
    const [first] = await decodedPayloads(converter, payloads?.payloads ?? []);
    return (first && converter.payloadConverter.fromPayload<T>(first)) as T;
  };
  const failureMessage = async (failure: Failure | null | undefined) => {
    const error =
      failure &&
      converter.failureConverter.failureToError(
        await decodedFailure(converter, failure),
        converter.payloadConverter,
      );
    const type = (error as { type?: string } | undefined)?.type;
    const message = error?.message ?? 'unknown failure';
    // A business refusal carries its code and figures in its details (client/temporal.ts, refusalOf).
    const [details] = error instanceof ApplicationFailure ? (error.details ?? []) : [];
    const { code, figures } = (details ?? {}) as { code?: string; figures?: unknown };
    return {
      type,
      message,
      ...(type && code ? { refusal: { type, code, figures, message } as Refusal } : {}),
    };
  };
  const stateSeen = (at: string, to: string | undefined | null) => {
    if (!to || to === state.current) return;
    add(at, { type: 'state', from: state.current, to });
    state.current = to;
  };
  // Events that complete what an earlier one began, found by its id.
  const commands = new Map<string, { command: string; as?: string; fields: Record<string, unknown> }>();
  const emails = new Map<string, { input: SendEmailInput; attempts: number }>();

  for (const event of events) {
    const at = isoOf(event);
    switch (event.eventType) {
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED: {
        const started = event.workflowExecutionStartedEventAttributes!;
        const { broughtIn } = (await decode<ConventionWorkflowInput>(started.input)) ?? {};
        add(at, {
          type: 'run-started',
          runId,
          ...(started.continuedExecutionRunId ? { continuedFrom: started.continuedExecutionRunId } : {}),
          ...(started.identity ? { startedBy: started.identity } : {}),
          ...(broughtIn?.length ? { broughtIn } : {}),
        });
        break;
      }
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED: {
        const { acceptedRequest } = event.workflowExecutionUpdateAcceptedEventAttributes!;
        const { as, ...fields } = await decode<Record<string, unknown>>(acceptedRequest?.input?.args);
        commands.set(acceptedRequest!.meta!.updateId!, {
          command: acceptedRequest!.input!.name!,
          as: typeof as === 'string' ? as : undefined,
          fields,
        });
        break;
      }
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED: {
        const { meta, outcome } = event.workflowExecutionUpdateCompletedEventAttributes!;
        const command = commands.get(meta!.updateId!);
        if (!command) break;
        if (outcome?.failure) {
          add(at, {
            type: 'command',
            ...command,
            ok: false,
            error: await failureMessage(outcome.failure),
          });
          break;
        }
        const result = await decode<CommandResult>(outcome?.success);
        add(at, {
          type: 'command',
          ...command,
          ok: true,
          state: result.state,
          registerSeq: result.registerSeq,
        });
        stateSeen(at, result.state);
        break;
      }
      case EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES: {
        const fields = event.upsertWorkflowSearchAttributesEventAttributes!.searchAttributes?.indexedFields;
        // Search attributes are never encrypted: the default converter reads them.
        const state = fields?.[SEARCH_ATTRIBUTES.state.name];
        stateSeen(at, state && defaultPayloadConverter.fromPayload<string>(state));
        break;
      }
      case EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED: {
        const scheduled = event.activityTaskScheduledEventAttributes!;
        if (scheduled.activityType?.name !== 'sendEmail') break;
        emails.set(String(event.eventId), {
          input: await decode<SendEmailInput>(scheduled.input),
          attempts: 0,
        });
        break;
      }
      case EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED: {
        const email = emails.get(String(event.activityTaskStartedEventAttributes!.scheduledEventId));
        if (email) email.attempts = event.activityTaskStartedEventAttributes!.attempt ?? 1;
        break;
      }
      case EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED:
      case EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED:
      case EventType.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT: {
        const attributes =
          event.activityTaskCompletedEventAttributes ??
          event.activityTaskFailedEventAttributes ??
          event.activityTaskTimedOutEventAttributes!;
        const key = String(attributes.scheduledEventId);
        const email = emails.get(key);
        if (!email) break;
        emails.delete(key);
        const { kind, to, cc } = email.input;
        const base = { type: 'email' as const, kind, to, cc, attempts: email.attempts };
        if (event.activityTaskCompletedEventAttributes) {
          const result = await decode<SendEmailResult>(event.activityTaskCompletedEventAttributes.result);
          add(at, {
            ...base,
            outcome: result.outcome,
            ...(result.heldFor ? { heldFor: result.heldFor } : {}),
          });
        } else {
          const failure =
            event.activityTaskFailedEventAttributes?.failure ??
            event.activityTaskTimedOutEventAttributes?.failure;
          add(at, { ...base, outcome: 'failed', error: (await failureMessage(failure)).message });
        }
        break;
      }
      case EventType.EVENT_TYPE_TIMER_STARTED: {
        const { timerId, startToFireTimeout } = event.timerStartedEventAttributes!;
        const firesAt = new Date(msOf(event.eventTime) + msOf(startToFireTimeout)).toISOString();
        add(at, { type: 'timer-started', timerId: timerId!, firesAt });
        break;
      }
      case EventType.EVENT_TYPE_TIMER_FIRED:
        add(at, { type: 'timer-fired', timerId: event.timerFiredEventAttributes!.timerId! });
        break;
      case EventType.EVENT_TYPE_TIMER_CANCELED:
        add(at, {
          type: 'timer-canceled',
          timerId: event.timerCanceledEventAttributes!.timerId!,
        });
        break;
      case EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED: {
        const failed = event.workflowTaskFailedEventAttributes!;
        if (failed.cause === WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_RESET_WORKFLOW)
          add(at, {
            type: 'reset',
            reason: failed.failure?.message ?? '',
            fromRunId: failed.baseRunId ?? '',
          });
        break;
      }
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW:
        add(at, {
          type: 'continued-as-new',
          nextRunId: event.workflowExecutionContinuedAsNewEventAttributes!.newExecutionRunId!,
        });
        break;
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED:
        add(at, { type: 'closed', status: 'completed' });
        break;
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED:
        add(at, {
          type: 'closed',
          status: 'failed',
          reason: (await failureMessage(event.workflowExecutionFailedEventAttributes!.failure)).message,
        });
        break;
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED:
        add(at, {
          type: 'closed',
          status: 'terminated',
          reason: event.workflowExecutionTerminatedEventAttributes!.reason ?? undefined,
        });
        break;
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED:
        add(at, { type: 'closed', status: 'canceled' });
        break;
      case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT:
        add(at, { type: 'closed', status: 'timed-out' });
        break;
    }
  }
  // Emails the worker is still trying to send (the SMTP server down, say).
  for (const { input, attempts } of emails.values()) {
    const { kind, to, cc } = input;
    add(isoOf(events.at(-1)!), { type: 'email', kind, to, cc, outcome: 'pending', attempts });
  }
  return entries;
}

/** The timeline of a convention's workflow across all its runs; works on closed workflows too. */
export async function conventionHistory(client: Client, workflowId: string): Promise<ConventionHistory> {
  const runs = await fetchRuns(client, workflowId);
  const state = { current: null as string | null };
  const entries: HistoryEntry[] = [];
  for (const [index, { runId, events }] of runs.entries())
    entries.push(...(await runEntries(client.options.loadedDataConverter, index + 1, runId, events, state)));
  return { workflowId, runs: runs.map((run) => run.runId), entries };
}
