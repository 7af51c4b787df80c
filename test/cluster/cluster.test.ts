import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, type Connection } from '@temporalio/client';
// A CommonJS module whose named exports Node cannot see from ESM.
import proto from '@temporalio/proto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCommand, conventionStatus } from '../../client/temporal';
import { startMailCapture, type MailCapture } from '../../client/mail-capture';
import { conventionDataConverter, type PayloadKey } from '../../crypto/codec';
import type { CommandName } from '../../domain/commands';
import { PostgresRegister } from '../../store/register-postgres';
import { startDevServer } from '../../temporal/servers';
import { ensureSearchAttributes } from '../../temporal/search-attributes';
import { conventionWorkflow } from '../../workflows/convention';
import { commandUpdates, workflowIdFor } from '../../workflows/messages';
import { localDateOf } from '../../domain/dates';
import { demoOf } from '../../stack/stack';
import { camino, PEOPLE, SIGNATORIES } from '../fixtures';
import { freePort } from '../helpers/ports';
import { startPostgres, type PostgresServer } from '../helpers/postgres';
import { exited, startWorkerProcess } from '../helpers/worker-process';
import { eventually } from '../helpers/workflow-env';
import { startTemporalCluster, type TemporalCluster } from './temporal-cluster';

// Production's topology, run for real (`npm run test:cluster`): Temporal's own server, its four
// services as processes, on PostgreSQL with SQL visibility, mutual TLS; two worker processes and
// the console, our data on PostgreSQL too. 200 conventions go through signatures, Chorus,
// publication, a committee and a report while one worker is SIGKILLed in the middle of an email,
// Temporal's history service is killed and restarted, and PostgreSQL is restarted. Then nothing is
// lost, nothing is done twice, every register chain holds, and both workers did part of the work.
// The same drive on the dev server, without faults, gives the figures to compare.

const CONVENTIONS = 200;
const IN_FLIGHT = 10;
const TASK_QUEUE = 'conventions';
const CONSOLE_MAIN = fileURLToPath(new URL('../../client/web/main.ts', import.meta.url));
const CLI = fileURLToPath(new URL('../../bin/convention.js', import.meta.url));

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const keys: PayloadKey[] = [{ id: 'cluster', key: randomBytes(32) }];
const PAYLOAD_KEYS = keys.map(({ id, key }) => `${id}:${key.toString('base64')}`).join(',');
const period = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' }).slice(0, 7);
const admin = PEOPLE.admin;
/** The seed with monthly committees, as `npm start` runs it: committee 1 may be decided today. */
const convention = demoOf(camino(), localDateOf(Date.now(), camino().schedule.timezone));

/** Each convention's commands, in order: the lifecycle's first year in brief. */
const STEPS: [CommandName, Record<string, unknown>][] = [
  ...SIGNATORIES.map(([party, as]): [CommandName, Record<string, unknown>] => ['sign', { as, party }]),
  ['confirm-chorus', { as: admin }],
  ['publish', { as: admin, where: 'Bulletin officiel' }],
  // Before its day, a committee's decision says the day it met (COMMITTEE_DAY): today.
  [
    'decide',
    {
      as: PEOPLE.secretary,
      decision: 'continue',
      notes: 'Poursuite',
      heldOn: localDateOf(Date.now(), convention.schedule.timezone),
    },
  ],
  [
    'submit-report',
    { as: PEOPLE.dinumContact, period, spent: {}, progress: 'Avancement du mois', forecast: 'Prévisions' },
  ],
];

interface DriveFigures {
  seconds: number;
  /** Starts and commands sent again after an error (an outage). */
  retries: number;
  /** The longest time one start or command kept meeting errors before it went through. */
  longestOutageSeconds: number;
  conventionsPerSecond: number;
  updates: { p50: number; p95: number; p99: number; count: number };
}

/** How long one start or command may keep meeting errors before the drive gives up. */
const OUTAGE_LIMIT_MS = 300_000;
/** How long the whole drive may take: beyond it, what is still in flight is named. */
const DRIVE_LIMIT_MS = 780_000;
/** How long what Temporal writes after the fact may lag behind the drive's end (see `caughtUp`). */
const CATCH_UP_MS = 180_000;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

/**
 * Starts `count` conventions and sends each its commands, `IN_FLIGHT` conventions at a time. A
 * command that meets an outage is sent again with the same Update id: Temporal answers a retry of
 * one it has applied with its first outcome, so no command is applied twice. `during` runs after
 * each convention done (the faults). When one call gives up, or the drive runs out of time, every
 * call in flight is cancelled before the drive fails with what was pending and the errors met: no
 * call outlives it.
 */
async function drive(
  client: Client,
  prefix: string,
  during: (done: number) => Promise<void> = async () => {},
) {
  const latencies: number[] = [];
  const started = Date.now();
  let next = 0;
  let done = 0;
  let retries = 0;
  let longestOutage = 0;
  const errorsMet = new Map<string, number>();
  /** What each convention in flight is waiting for. */
  const pending = new Map<string, string>();
  const cancel = new AbortController();
  // Every call of the drive listens to it (the SDK adds a listener per call and keeps it).
  setMaxListeners(Infinity, cancel.signal);
  let failure: Error | undefined;
  const fail = (error: Error) => {
    failure ??= new Error(
      `${error.message}\nin flight: ${[...pending].map(([id, what]) => `${id} ${what}`).join(', ')}` +
        `\nerrors met: ${[...errorsMet].map(([message, count]) => `${count} × ${message}`).join('; ')}`,
      { cause: error },
    );
    cancel.abort();
  };
  const retrying = async <T>(id: string, what: string, action: () => Promise<T>): Promise<T> => {
    pending.set(id, what);
    let failingSince: number | undefined;
    for (;;) {
      if (failure) throw failure;
      try {
        const result = await action();
        if (failingSince) longestOutage = Math.max(longestOutage, Date.now() - failingSince);
        pending.delete(id);
        return result;
      } catch (error) {
        const message = (error as Error).message.split('\n')[0]!;
        failingSince ??= Date.now();
        if (Date.now() - failingSince > OUTAGE_LIMIT_MS)
          throw new Error(`${id} ${what}: still failing after ${OUTAGE_LIMIT_MS / 1000} s: ${message}`, {
            cause: error,
          });
        errorsMet.set(message, (errorsMet.get(message) ?? 0) + 1);
        retries++;
        await pause(1_000);
      }
    }
  };
  const one = async (i: number) => {
    const id = `${prefix}-${i}`;
    await retrying(id, 'start', () =>
      client.workflow
        .start(conventionWorkflow, {
          taskQueue: TASK_QUEUE,
          workflowId: workflowIdFor(id),
          args: [{ convention: { ...convention, id } }],
        })
        .catch((error: Error) => {
          if (error.name !== 'WorkflowExecutionAlreadyStartedError') throw error;
        }),
    );
    const handle = client.workflow.getHandle(workflowIdFor(id));
    for (const [step, [name, payload]] of STEPS.entries()) {
      checkCommand(name, payload);
      const sent = Date.now();
      await retrying(id, name, () =>
        handle.executeUpdate(commandUpdates[name], { args: [payload], updateId: `${id}/${step}` }),
      );
      latencies.push(Date.now() - sent);
    }
    done++;
    await during(done);
  };
  const outOfTime = setTimeout(
    () => fail(new Error(`the drive did not end in ${DRIVE_LIMIT_MS / 1000} s (${done} conventions done)`)),
    DRIVE_LIMIT_MS,
  );
  await client.connection.withAbortSignal(cancel.signal, () =>
    Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < CONVENTIONS && !failure) await one(next++).catch(fail);
      }),
    ),
  );
  clearTimeout(outOfTime);
  if (failure) throw failure;
  const seconds = (Date.now() - started) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    seconds: Math.round(seconds * 10) / 10,
    retries,
    longestOutageSeconds: Math.round(longestOutage / 100) / 10,
    conventionsPerSecond: Math.round((CONVENTIONS / seconds) * 100) / 100,
    updates: {
      p50: percentile(sorted, 0.5),
      p95: percentile(sorted, 0.95),
      p99: percentile(sorted, 0.99),
      count: sorted.length,
    },
  } satisfies DriveFigures;
}

/** What the workers logged as warnings and errors: printed when an email went twice. */
const workerWarnings: string[] = [];

/** A worker process whose log lines we read (LOG_LEVEL=INFO): resolves once it polls. */
async function startWorker(temporalAddress: string, smtpUrl: string, env: Record<string, string>) {
  const worker = startWorkerProcess({
    temporalAddress,
    taskQueue: TASK_QUEUE,
    smtpUrl,
    env: { LOG_LEVEL: 'INFO', PAYLOAD_KEYS, ...env },
    readLogs: true,
  });
  worker.stdout!.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n'))
      if (line.includes('"level":"WARN"') || line.includes('"level":"ERROR"')) workerWarnings.push(line);
  });
  let stderr = '';
  worker.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4_000)));
  await new Promise<void>((resolve, reject) => {
    worker.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('worker polling')) resolve();
    });
    worker.once('exit', (code) => reject(new Error(`the worker exited with ${code}: ${stderr}`)));
  });
  return worker;
}

describe('a self-hosted cluster on PostgreSQL, with mTLS and two workers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'convention-cluster-'));
  let postgres: PostgresServer;
  let cluster: TemporalCluster;
  let connection: Connection;
  let client: Client;
  let register: PostgresRegister;
  let databaseUrl: string;
  const captures: MailCapture[] = [];
  const workers: ChildProcess[] = [];
  let consoleProcess: ChildProcess | undefined;
  let tlsEnv: Record<string, string>;
  const figures: Record<'dev server' | 'cluster', DriveFigures> = {} as never;
  const killedOnPurpose = new WeakSet<ChildProcess>();
  const unplannedWorkerExits: string[] = [];
  let tearingDown = false;

  /** The sent-email log as the workers wrote it in PostgreSQL. */
  const emailLog = async () => {
    const db = new pg.Client(databaseUrl);
    await db.connect();
    try {
      return (
        await db.query<{ key: string; state: string; attempts: number }>(
          'SELECT idempotency_key AS key, state, attempts FROM sent_emails',
        )
      ).rows;
    } finally {
      await db.end();
    }
  };

  /**
   * What a failed check prints about a convention, to be understood without running it again: its
   * history's events in brief (what was scheduled, what failed and why), its sent-email log, and the
   * workers' last warnings. Payloads stay sealed by the codec; event types and failures say enough.
   */
  const explain = async (id: string) => {
    const history = await client.workflow.getHandle(workflowIdFor(id)).fetchHistory();
    const events = (history.events ?? []).map((event) => {
      const type = proto.temporal.api.enums.v1.EventType[event.eventType ?? 0]!.replace('EVENT_TYPE_', '');
      const activity = event.activityTaskScheduledEventAttributes?.activityType?.name;
      const failure =
        event.activityTaskFailedEventAttributes?.failure ?? event.workflowTaskFailedEventAttributes?.failure;
      const at = new Date(Number(event.eventTime?.seconds ?? 0) * 1000).toISOString().slice(11, 19);
      return `  ${event.eventId} ${at} ${type}${activity ? ` ${activity}` : ''}${failure ? ` — ${failure.message}` : ''}`;
    });
    const emails = (await emailLog()).filter((row) => row.key.startsWith(`${workflowIdFor(id)}/`));
    return [
      `--- history of ${id} (${events.length} events)`,
      ...events,
      `--- its sent-email log`,
      ...emails.map((row) => `  ${row.key} ${row.state} after ${row.attempts} attempt(s)`),
      `--- the workers' last warnings`,
      ...workerWarnings.slice(-20),
    ].join('\n');
  };
  /**
   * Asks `astray` (what has not caught up yet) until it is empty, CATCH_UP_MS at most, and prints
   * how many askings and how long `what` took: what Temporal does after the fact (a completion
   * handed to its workflow, a visibility record) may lag behind a fault. Returns what is still astray.
   */
  const caughtUp = async <T>(what: string, astray: () => Promise<T[]>) => {
    const since = Date.now();
    let left = await astray();
    let askings = 1;
    while (left.length && Date.now() - since < CATCH_UP_MS) {
      await pause(2_000);
      left = await astray();
      askings++;
    }
    const took = `${((Date.now() - since) / 1000).toFixed(1)} s`;
    console.log(
      left.length
        ? `${what}: ${left.length} not after ${took}`
        : askings === 1
          ? `${what} at the first asking`
          : `${what} at asking ${askings}, ${took} after the first`,
    );
    return left;
  };
  /** Prints what `explain` says of the first conventions among `ids` (the check then fails on its own). */
  const explainSome = async (ids: string[]) => {
    for (const id of ids.slice(0, 3)) console.log(await explain(id));
  };

  beforeAll(async () => {
    postgres = await startPostgres();
    databaseUrl = await postgres.createDatabase('conventions');
  }, 120_000);

  /**
   * Starts worker `slot` (0 or 1) on the cluster; as compose's restart policy does, one that exits
   * on its own is started again, and the run says so.
   */
  async function superviseWorker(slot: number, smtpUrl: string, env: Record<string, string>) {
    const worker = await startWorker(cluster.address, smtpUrl, env);
    workers[slot] = worker;
    let stderr = '';
    worker.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2_000)));
    worker.once('exit', (code, signal) => {
      if (tearingDown || killedOnPurpose.has(worker)) return;
      unplannedWorkerExits.push(`worker ${slot + 1} exited on its own (${code ?? signal}): ${stderr}`);
      superviseWorker(slot, smtpUrl, env).catch((error: Error) => unplannedWorkerExits.push(error.message));
    });
  }

  afterAll(async () => {
    tearingDown = true;
    consoleProcess?.kill('SIGKILL');
    for (const worker of workers) worker.kill('SIGKILL');
    await Promise.all(workers.map(exited));
    await register?.close();
    await connection?.close();
    await cluster?.stop();
    await Promise.all(captures.map((capture) => capture.close()));
    await postgres?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it(
    'drives 200 conventions on the dev server first, for the figures to compare',
    async () => {
      const port = await freePort();
      const env = await startDevServer({ port });
      const capture = await startMailCapture();
      const url = await postgres.createDatabase('dev_server_run');
      const worker = await startWorker(`127.0.0.1:${port}`, capture.url, { DATABASE_URL: url });
      try {
        await ensureSearchAttributes(env.connection.operatorService, 'default');
        const devClient = new Client({
          connection: env.connection,
          dataConverter: conventionDataConverter(keys),
        });
        figures['dev server'] = await drive(devClient, 'dev');
      } finally {
        worker.kill('SIGKILL');
        await exited(worker);
        await capture.close();
        await env.teardown();
      }
    },
    DRIVE_LIMIT_MS + 60_000,
  );

  it('starts: Temporal built from its module, four services, mTLS, two workers and the console', async () => {
    cluster = await startTemporalCluster(postgres, join(dir, 'temporal'));
    connection = await cluster.connect();
    client = new Client({ connection, dataConverter: conventionDataConverter(keys) });
    const { ca, clientCert, clientKey } = cluster.certificates;
    tlsEnv = { TEMPORAL_TLS_CA: ca, TEMPORAL_TLS_CERT: clientCert, TEMPORAL_TLS_KEY: clientKey };
    // Without a client certificate, the frontend does not answer.
    const refused = spawnSync(process.execPath, [CLI, 'list'], {
      env: { ...process.env, TEMPORAL_ADDRESS: cluster.address, TEMPORAL_TLS_CA: ca, PAYLOAD_KEYS },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(refused.status).not.toBe(0);

    // One SMTP listener per worker: what each delivered is counted apart, and their union is the inbox.
    // From the 50th email the first worker sends, its listener answers none once a convention's
    // in-force email comes (one no later command withdraws, WITHDRAWN_EMAILS): they stay inside
    // their SMTP transactions, and the worker is killed there. (Killed in the milliseconds between the
    // server's acceptance of an email and the write of its outcome, a worker would have that one
    // sent again by the next attempt: SMTP itself cannot tell a retry.)
    let resolveHeld!: () => void;
    const held = new Promise<void>((resolve) => (resolveHeld = resolve));
    let releaseHeld!: () => void;
    const released = new Promise<void>((resolve) => (releaseHeld = resolve));
    let holding = false;
    captures.push(
      await startMailCapture({
        beforeAccept: async (email) => {
          if (!holding && (captures[0]!.emails.length < 49 || email.kind !== 'convention-in-force')) return;
          if (!holding) {
            holding = true;
            heldKey = email.idempotencyKey;
            resolveHeld();
          }
          await released;
        },
      }),
      await startMailCapture(),
    );
    const env = { ...tlsEnv, DATABASE_URL: databaseUrl };
    // One after the other: the first registers the search attributes.
    await superviseWorker(0, captures[0]!.url, env);
    await superviseWorker(1, captures[1]!.url, env);
    killMidEmail = held.then(async () => {
      // The emails the listener accepted before the hold must have their outcome written first: a
      // worker killed between the acceptance and that write has the email sent again, as SMTP
      // cannot tell a retry (the window the README admits). A fixed second of pause left that
      // window open on a loaded machine. Asked again each time: an email accepted just before the
      // hold may join the inbox a moment later; those held never do until released.
      await eventually(async () => {
        const accepted = new Set(captures[0]!.emails.map((email) => email.idempotencyKey));
        const written = (await emailLog()).filter((row) => accepted.has(row.key) && row.state === 'sent');
        return written.length === accepted.size;
      }, 60_000);
      const first = workers[0]!;
      killedOnPurpose.add(first);
      first.kill('SIGKILL');
      await exited(first);
      await pause(500);
      releaseHeld();
      // Its replacement, as an orchestrator would start one, on the same listener.
      await superviseWorker(0, captures[0]!.url, env);
    });

    const consolePort = await freePort();
    consoleProcess = spawn(process.execPath, ['--import', 'tsx', CONSOLE_MAIN], {
      env: {
        ...process.env,
        ...env,
        TEMPORAL_ADDRESS: cluster.address,
        PAYLOAD_KEYS,
        SMTP_URL: captures[1]!.url,
        CONSOLE_PORT: String(consolePort),
        CONSOLE_URL: `http://127.0.0.1:${consolePort}`,
        SESSION_SECRET: randomBytes(24).toString('base64'),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve) =>
      consoleProcess!.stdout!.on(
        'data',
        (chunk: Buffer) => chunk.toString().includes('listening') && resolve(),
      ),
    );
    consoleUrl = `http://127.0.0.1:${consolePort}`;
    register = await PostgresRegister.open(databaseUrl);
  }, 600_000);

  /** The checks that follow the drive say nothing once it failed: its own error says what. */
  const DRIVE_FAILED = 'the drive failed: its error says why';
  let killMidEmail: Promise<void>;
  /** The email the first worker was sending when it was killed. */
  let heldKey: string;
  let consoleUrl: string;

  it(
    'drives 200 conventions while a worker dies mid-email, the history service and PostgreSQL restart',
    async () => {
      const faults: string[] = [];
      figures.cluster = await drive(client, 'cluster', async (done) => {
        if (done === Math.round(CONVENTIONS / 3)) {
          faults.push(`history service killed and restarted after ${done} conventions`);
          await cluster.restart('history');
        }
        if (done === Math.round((2 * CONVENTIONS) / 3)) {
          faults.push(`PostgreSQL restarted after ${done} conventions`);
          await postgres.restart();
        }
      }).catch((error: Error) => {
        // What Temporal's services and the workers said last: why the drive could not go on.
        throw new Error(
          `${error.message}\nfaults so far: ${faults.join('; ') || 'none'}\nunplanned exits: ${[...cluster.unplannedExits(), ...unplannedWorkerExits].join('; ') || 'none'}\n${cluster.logs()}\n--- workers\n${workerWarnings.slice(-20).join('\n')}`,
          { cause: error },
        );
      });
      await killMidEmail;
      console.log(
        [
          `faults: a worker SIGKILLed mid-email; ${faults.join('; ')}`,
          `exited on their own and started again: ${[...cluster.unplannedExits(), ...unplannedWorkerExits].join('; ') || 'none'}`,
          `${CONVENTIONS} conventions × ${STEPS.length} commands, ${IN_FLIGHT} at a time`,
          ...Object.entries(figures).map(
            ([where, { seconds, retries, longestOutageSeconds, conventionsPerSecond, updates }]) =>
              `${where.padEnd(10)}  ${conventionsPerSecond} conventions/s (${seconds} s)  Update p50 ${updates.p50} ms  p95 ${updates.p95} ms  p99 ${updates.p99} ms  sent again after an error: ${retries} (longest outage ${longestOutageSeconds} s)`,
          ),
        ].join('\n'),
      );
      expect(faults).toHaveLength(2);
      // Temporal's services may be started again, as compose would; our workers must ride out the faults.
      expect(unplannedWorkerExits).toEqual([]);
    },
    DRIVE_LIMIT_MS + 120_000,
  );

  it('leaves every convention in its expected state', async ({ skip }) => {
    skip(!figures.cluster, DRIVE_FAILED);
    const expected = {
      state: 'in-force',
      signed: 4,
      chorus: true,
      published: true,
      committee: 'continue',
      report: true,
    };
    const found = new Map<string, unknown>();
    for (let i = 0; i < CONVENTIONS; i++) {
      const id = `cluster-${i}`;
      const status = await conventionStatus(client.workflow.getHandle(workflowIdFor(id)));
      found.set(id, {
        state: status.state,
        signed: status.signatures.filter((s) => s.signed).length,
        chorus: status.chorus.confirmed,
        published: status.publication !== null,
        committee: status.committees[0]?.decided?.decision,
        report: status.reports.find((report) => report.period === period)?.receivedAt !== undefined,
      });
    }
    const astray = [...found].filter(([, state]) => JSON.stringify(state) !== JSON.stringify(expected));
    await explainSome(astray.map(([id]) => id));
    expect(astray).toEqual([]);
  }, 300_000);

  it('sent every email exactly once, and both workers did part of the work', async ({ skip }) => {
    skip(!figures.cluster, DRIVE_FAILED);
    // An email whose action was done before it went is withdrawn (WITHDRAWN_EMAILS): never sent.
    const ended = (row: { state: string }) => row.state === 'sent' || row.state === 'withdrawn';
    // Settled: nothing left mid-send, and the count has stopped moving.
    let last = -1;
    await eventually(async () => {
      const rows = await emailLog();
      const settled = rows.length === last && rows.every(ended);
      last = rows.length;
      return settled;
    }, 120_000).catch(() => undefined);
    await pause(3_000);
    const received = captures.flatMap((capture) => capture.emails.map((email) => email.idempotencyKey));
    const rows = await emailLog();
    expect(rows.filter((row) => !ended(row))).toEqual([]);
    const conventionOf = (key: string) => key.split('/')[0]!.replace(/^convention-/, '');
    // The email the killed worker was sending went out once, by a second attempt.
    const heldSent = received.filter((key) => key === heldKey).length;
    const heldAttempts = rows.find((row) => row.key === heldKey)?.attempts ?? 0;
    if (heldSent !== 1 || heldAttempts < 2) await explainSome([conventionOf(heldKey)]);
    expect(heldSent).toBe(1);
    expect(heldAttempts).toBeGreaterThanOrEqual(2);
    const twice = received.filter((key, index) => received.indexOf(key) !== index);
    await explainSome([...new Set(twice.map(conventionOf))]);
    expect(twice).toEqual([]);
    expect(new Set(received)).toEqual(
      new Set(rows.filter((row) => row.state === 'sent').map((row) => row.key)),
    );
    // Each convention's emails are those its workflow counts as sent: none lost, none twice. A
    // workflow counts an email once it has processed its activity's completion, which the history
    // service may hand over late after PostgreSQL's restart (seen once, under a load of 17:
    // cluster-138 counting 1 of its emails 8 s after the log had settled): waited for, and said.
    const receivedBy = new Map<string, number>();
    for (const key of received) {
      const workflowId = key.split('/')[0]!;
      receivedBy.set(workflowId, (receivedBy.get(workflowId) ?? 0) + 1);
    }
    const emailsCounted = new Map<string, number>();
    const countedApart = async () => {
      for (let i = 0; i < CONVENTIONS; i++) {
        const status = await conventionStatus(client.workflow.getHandle(workflowIdFor(`cluster-${i}`)));
        emailsCounted.set(`cluster-${i}`, status.emailsSent);
      }
      return [...emailsCounted].filter(([id, count]) => receivedBy.get(workflowIdFor(id)) !== count);
    };
    const mismatched = await caughtUp('the workflows counted their emails', countedApart);
    await explainSome(mismatched.map(([id]) => id));
    expect(mismatched).toEqual([]);
    // At least the in-force email, the minutes and the report's: requests whose action came while
    // they waited are withdrawn.
    expect(Math.min(...emailsCounted.values())).toBeGreaterThanOrEqual(3);
    const [byFirst, bySecond] = captures.map((capture) => capture.emails.length);
    console.log(
      `emails: ${received.length} in all, ${byFirst} by the first worker (and its replacement), ${bySecond} by the second`,
    );
    expect(byFirst).toBeGreaterThan(0);
    expect(bySecond).toBeGreaterThan(0);
  }, 300_000);

  it('keeps every register chain intact on PostgreSQL', async ({ skip }) => {
    skip(!figures.cluster, DRIVE_FAILED);
    for (let i = 0; i < CONVENTIONS; i++) {
      const id = `cluster-${i}`;
      expect(await register.verify(id)).toEqual({ ok: true, entries: STEPS.length });
      expect((await register.decisions(id)).map((entry) => entry.kind)).toEqual(STEPS.map(([name]) => name));
    }
  }, 300_000);

  it('answers `convention list` from SQL visibility, `register --verify` and the console from PostgreSQL', async ({
    skip,
  }) => {
    skip(!figures.cluster, DRIVE_FAILED);
    // SQL visibility is written by the history service's visibility tasks, after the fact.
    const notListed = await caughtUp('SQL visibility listed every convention in force', async () => {
      const listed = spawnSync(process.execPath, [CLI, 'list', '--state', 'in-force', '--json'], {
        env: { ...process.env, ...tlsEnv, TEMPORAL_ADDRESS: cluster.address, PAYLOAD_KEYS },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(listed.stderr).toBe('');
      const inForce = new Set((JSON.parse(listed.stdout) as { id: string }[]).map((c) => c.id));
      return Array.from({ length: CONVENTIONS }, (_, i) => `cluster-${i}`).filter((id) => !inForce.has(id));
    });
    await explainSome(notListed);
    expect(notListed).toEqual([]);

    // `register --verify` reads the register where the workers wrote it.
    const verified = spawnSync(process.execPath, [CLI, 'register', 'cluster-0', '--verify'], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(verified.stdout.trim()).toBe(`register of cluster-0: chain intact, ${STEPS.length} entries`);

    const stats = (await (await fetch(`${consoleUrl}/stats.json`)).json()) as { conventions: number };
    expect(stats.conventions).toBe(CONVENTIONS);
  }, 300_000);
});
