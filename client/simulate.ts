import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkflowUpdateFailedError, type Client, type WorkflowHandle } from '@temporalio/client';
import proto, { type temporal } from '@temporalio/proto';
import { createActivities } from '../activities';
import type { Register } from '../store/register';
import { SqliteRegister } from '../store/register-sqlite';
import type { ConventionSummary } from '../domain/closing';
import type { TConvention, TSchedule } from '../domain/convention';
import { addPeriods, firstDayOfNextMonth, instantAt, localDateOf, periodOf } from '../domain/dates';
import { eventPayload, type TScenario, type TScenarioEvent, type TScenarioStart } from '../domain/scenario';
import type { ConventionStatus } from '../domain/status';
import { statusQuery, uncheckedCommandUpdate } from '../workflows/messages';
import { createMailer } from '../mail/mailer';
import { startTimeSkippingServer } from '../temporal/servers';
import { bundleConventionWorkflows, createConventionWorker } from '../worker/worker';
import { startMailCapture, type CapturedEmail } from './mail-capture';
import { startConvention } from './start';
import { conventionStatus } from './temporal';

// `convention simulate` (SPEC §7): the convention runs on Temporal's time-skipping test server with
// an in-process worker; its emails go through a real SMTP listener on loopback; the scenario's
// commands are sent as Updates at their day offsets. The result is the timeline of what happened.

const DAY_MS = 86_400_000;
const TASK_QUEUE = 'simulation';
const MAIL_FROM = 'Conventions beta.gouv.fr <conventions@example.org>';

interface Stamp {
  /** Days since the start, decimal. */
  day: number;
  at: string;
}
export type TimelineEntry = Stamp &
  (
    | { type: 'email'; kind: string; to: string[]; cc: string[]; subject: string }
    | { type: 'state'; from: string | null; to: string }
    | { type: 'command'; command: string; as: string; ok: boolean; error?: string }
    | {
        type: 'decision';
        committee: number;
        scheduledOn: string;
        decision: string;
        phase?: string;
        by: string;
      }
  );

export interface Simulation {
  timeline: TimelineEntry[];
  final: ConventionStatus;
  /** Workflow runs the convention went through (continue-as-new starts a new one). */
  runs: number;
  /** The size in bytes of what each run carried into the next (its continue-as-new input, as stored). */
  carriedBytes: number[];
  /** What the workflow returned, when the convention closed within the scenario. */
  summary?: ConventionSummary;
  /** The last run's event history, when asked for (to record replay fixtures). */
  history?: temporal.api.history.v1.IHistory;
  /** Wall-clock time of the simulated run itself, from the start to the last email (no server start, no bundling). */
  wallMs: number;
  /** How many emails each address received (in To or Cc), per month in the convention's time zone. */
  emailsPerPerson: EmailsPerPerson;
}

/** Address → month (`2027-03`) → emails received. */
export type EmailsPerPerson = Record<string, Record<string, number>>;

/** Each address's emails per month, the addresses and months in order. */
export function emailsPerPerson(
  emails: readonly Pick<CapturedEmail, 'date' | 'to' | 'cc'>[],
  timezone: string,
): EmailsPerPerson {
  const counts: EmailsPerPerson = {};
  for (const email of emails) {
    const month = periodOf(localDateOf(email.date, timezone));
    for (const address of new Set([...email.to, ...email.cc])) {
      const months = (counts[address] ??= {});
      months[month] = (months[month] ?? 0) + 1;
    }
  }
  const sorted = <T>(record: Record<string, T>) =>
    Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
  return sorted(
    Object.fromEntries(Object.entries(counts).map(([address, months]) => [address, sorted(months)])),
  );
}

export interface SimulationOptions {
  /** Receives each email as it arrives (tests use it to inspect bodies). */
  emails?: CapturedEmail[];
  /** Passed to the workflow: emails and commands per run before it continues as new. */
  continueAsNewAfter?: number;
  /** Keep the event history of the last run in the result. */
  keepHistory?: boolean;
  /**
   * Called once the scenario has run, while its server, worker and register are still up (a test
   * reads the web console there), with the simulated instant.
   */
  inspect?: (run: { client: Client; register: Register; now: number }) => Promise<void>;
}

function refusalOf(error: unknown): string {
  if (error instanceof WorkflowUpdateFailedError) return error.cause?.message ?? error.message;
  throw error;
}

export async function simulate(
  convention: TConvention,
  scenario: TScenario,
  options: SimulationOptions = {},
): Promise<Simulation> {
  const workDir = mkdtempSync(join(tmpdir(), 'convention-simulation-'));
  const env = await startTimeSkippingServer();
  const capture = await startMailCapture();
  const register = new SqliteRegister(join(workDir, 'register.sqlite'));
  const mailer = createMailer(capture.url);
  try {
    const worker = await createConventionWorker({
      connection: env.nativeConnection,
      taskQueue: TASK_QUEUE,
      activities: createActivities({ mailer, mailFrom: MAIL_FROM, register }),
      workflowBundle: await bundleConventionWorkflows(),
    });
    return await worker.runUntil(async () => {
      const startedAt = performance.now();
      const now = await env.currentTimeMs();
      const wait = startOf(scenario.start, now, convention.schedule) - now;
      if (wait > 0) await env.sleep(wait);
      const handle = await startConvention(
        { client: env.client, taskQueue: TASK_QUEUE, register },
        {
          convention,
          ...(options.continueAsNewAfter ? { continueAsNewAfter: options.continueAsNewAfter } : {}),
        },
      );
      const start = Date.parse((await handle.query(statusQuery)).startedAt);
      const stamp = (at: number): Stamp => ({
        day: round((at - start) / DAY_MS),
        at: new Date(at).toISOString(),
      });
      const skipTo = async (day: number) => {
        const wait = start + day * DAY_MS - (await env.currentTimeMs());
        if (wait > 0) await env.sleep(wait);
      };

      const commands: TimelineEntry[] = [];
      for (const event of [...scenario.events].sort((a, b) => a.day - b.day)) {
        await skipTo(event.day);
        // What falls due at the command's instant goes first, as the domain's projection has it: a
        // query is answered once the workflow task of the timers that just fired is done. Without
        // it, a busy worker could take the timer and the Update in one activation, Update first.
        await handle.query(statusQuery);
        const at = await env.currentTimeMs();
        // Not checked here: a bad field reaches the workflow, as it would from any caller.
        const result = await handle
          .executeUpdate(uncheckedCommandUpdate(event.command), {
            args: [scenarioPayload(event, at, convention)],
          })
          .then(
            () => ({ ok: true }),
            (error: unknown) => ({ ok: false, error: refusalOf(error) }),
          );
        commands.push({ ...stamp(at), type: 'command', command: event.command, as: event.as, ...result });
      }
      await skipTo(scenario.until);
      // As of the scenario's last instant, not of the workflow's last wake-up.
      const final = await settled(handle, capture.emails, await env.currentTimeMs());
      await options.inspect?.({ client: env.client, register, now: await env.currentTimeMs() });
      // A convention closed within the scenario has completed with its summary; one still running is stopped.
      const history = options.keepHistory ? await handle.fetchHistory() : undefined;
      const completed = (await handle.describe()).status.name === 'COMPLETED';
      const summary = completed ? await handle.result() : undefined;
      if (!completed) await handle.terminate('simulation over');
      const { runs, carriedBytes } = await runsOf(env.client, handle.workflowId, handle.firstExecutionRunId);

      options.emails?.push(...capture.emails);
      const emails = capture.emails.map((email): TimelineEntry => ({
        ...stamp(email.date),
        type: 'email',
        kind: email.kind,
        to: email.to,
        cc: email.cc,
        subject: email.subject,
      }));
      const states = final.stateChanges.map((change): TimelineEntry => ({
        ...stamp(Date.parse(change.at)),
        type: 'state',
        from: change.from,
        to: change.to,
      }));
      const decisions = final.committees.flatMap(({ decided }): TimelineEntry[] =>
        decided
          ? [
              {
                ...stamp(Date.parse(decided.at)),
                type: 'decision',
                committee: decided.number,
                scheduledOn: decided.scheduledOn,
                decision: decided.decision,
                ...(decided.phase ? { phase: decided.phase } : {}),
                by: decided.by,
              },
            ]
          : [],
      );
      const timeline = [...states, ...commands, ...decisions, ...emails].sort(chronologically);
      const wallMs = performance.now() - startedAt;
      return {
        timeline,
        final,
        runs,
        carriedBytes,
        wallMs,
        emailsPerPerson: emailsPerPerson(capture.emails, convention.schedule.timezone),
        ...(summary ? { summary } : {}),
        ...(history ? { history } : {}),
      };
    });
  } finally {
    await env.teardown();
    mailer.close();
    await capture.close();
    await register.close();
    rmSync(workDir, { recursive: true, force: true });
  }
}

/**
 * When a scenario starts, from `now`: now, the first day of next month, or the next occurrence of
 * a day of the year (strictly after today), at the reminder hour in the convention's time zone.
 */
export function startOf(start: TScenarioStart, now: number, schedule: TSchedule): number {
  const { timezone, reminderHour } = schedule;
  if (start === 'now') return now;
  if (start === 'next-month') return instantAt(firstDayOfNextMonth(now, timezone), reminderHour, timezone);
  const today = localDateOf(now, timezone);
  const thisYear = `${today.slice(0, 4)}-${start.next}`;
  const day = thisYear > today ? thisYear : `${Number(today.slice(0, 4)) + 1}-${start.next}`;
  return instantAt(day, reminderHour, timezone);
}

/**
 * The command an event sends at `at`, with `period: previous | current` and `signedOn`, `heldOn`
 * or `publishedOn: today` made real dates.
 */
export function scenarioPayload(
  event: TScenarioEvent,
  at: number,
  convention: TConvention,
): Record<string, unknown> {
  const payload = eventPayload(event);
  const today = localDateOf(at, convention.schedule.timezone);
  const month = periodOf(today);
  const period = { current: month, previous: addPeriods(month, -1) }[String(payload.period)];
  return {
    ...payload,
    ...(period ? { period } : {}),
    ...Object.fromEntries(
      (['signedOn', 'heldOn', 'publishedOn'] as const).flatMap((field) =>
        payload[field] === 'today' ? [[field, today]] : [],
      ),
    ),
  };
}

/** Follows the chain of continue-as-new from the first run. */
async function runsOf(
  client: Client,
  workflowId: string,
  firstRunId: string,
): Promise<{ runs: number; carriedBytes: number[] }> {
  const carriedBytes: number[] = [];
  for (let runId = firstRunId; ;) {
    // Only each run's last event: a history with long reports in it may be larger than one message.
    const { history } = await client.workflowService.getWorkflowExecutionHistory({
      namespace: client.options.namespace,
      execution: { workflowId, runId },
      historyEventFilterType:
        proto.temporal.api.enums.v1.HistoryEventFilterType.HISTORY_EVENT_FILTER_TYPE_CLOSE_EVENT,
    });
    const continued = history?.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes;
    if (!continued?.newExecutionRunId) return { runs: carriedBytes.length + 1, carriedBytes };
    const payloads = continued.input?.payloads ?? [];
    carriedBytes.push(payloads.reduce((bytes, payload) => bytes + (payload.data?.length ?? 0), 0));
    runId = continued.newExecutionRunId;
  }
}

/** The status once every email the workflow has sent has reached the listener. */
async function settled(handle: WorkflowHandle, emails: readonly CapturedEmail[], at: number) {
  for (;;) {
    const status = await conventionStatus(handle, at);
    if (status.emailsSent <= emails.length) return status;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Emails are dated to the second (their Date header), commands and state changes to the
 * millisecond: within one second, a command, the decision and the state change it caused come
 * before the emails that follow from them.
 */
function chronologically(a: TimelineEntry, b: TimelineEntry): number {
  const second = (entry: TimelineEntry) => Math.floor(Date.parse(entry.at) / 1000);
  const order = { command: 0, decision: 1, state: 2, email: 3 } as const;
  return second(a) - second(b) || order[a.type] - order[b.type] || a.at.localeCompare(b.at);
}

const round = (days: number) => Math.round(days * 1000) / 1000;
