import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import proto from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteRegister } from '../../store/register-sqlite';
import { startMailCapture, type CapturedEmail, type MailCapture } from '../../client/mail-capture';
import { conventionWorkflow } from '../../workflows/convention';
import { commandUpdates, statusQuery, workflowIdFor } from '../../workflows/messages';
import { startDevServer } from '../../temporal/servers';
import { camino, SIGNATORIES } from '../fixtures';
import { freePort } from '../helpers/ports';
import { exited, lockRegister, startWorkerProcess } from '../helpers/worker-process';
import { eventually } from '../helpers/workflow-env';

// The real worker process (worker/main.ts) is killed with SIGKILL in the middle of an email (the
// SMTP server holds the message mid-transaction) and in the middle of an Update (its register
// entry is being written); a new worker takes over after the email activity's start-to-close
// timeout, or the workflow task's for the Update (its register entry is a local activity).
// Nothing is lost and nothing is done twice: counted at the SMTP listener and in the register.
// Then the register is locked by another process for longer than the worker waits for it.

const TASK_QUEUE = 'crash-test';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the worker, killed or kept from its register', () => {
  const dir = mkdtempSync(join(tmpdir(), 'convention-crash-'));
  const registerPath = join(dir, 'register.sqlite');
  let env: TestWorkflowEnvironment;
  let capture: MailCapture;
  let port: number;
  const held = deferred<CapturedEmail>();
  const release = deferred<void>();
  let holdNext = true;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    port = await freePort();
    env = await startDevServer({ port });
    capture = await startMailCapture({
      beforeAccept: async (email) => {
        if (!holdNext) return;
        holdNext = false;
        held.resolve(email);
        await release.promise;
      },
    });
  });
  afterAll(async () => {
    for (const worker of workers) worker.kill('SIGKILL');
    await Promise.all(workers.map(exited));
    await capture?.close();
    await env?.teardown();
    rmSync(dir, { recursive: true, force: true });
  });

  function startWorker(): ChildProcess {
    const worker = startWorkerProcess({
      temporalAddress: `127.0.0.1:${port}`,
      taskQueue: TASK_QUEUE,
      smtpUrl: capture.url,
      registerPath,
    });
    workers.push(worker);
    return worker;
  }

  async function kill(worker: ChildProcess): Promise<void> {
    worker.kill('SIGKILL');
    await exited(worker);
  }

  const emailsOf = (id: string) =>
    capture.emails.filter((email) => email.idempotencyKey.startsWith(`${workflowIdFor(id)}/`));

  async function startConvention(id: string) {
    return env.client.workflow.start(conventionWorkflow, {
      taskQueue: TASK_QUEUE,
      workflowId: workflowIdFor(id),
      args: [{ convention: { ...camino(), id } }],
    });
  }

  it('killed in the middle of an email: each email is delivered exactly once', async () => {
    const first = startWorker();
    await startConvention('crash-email');

    // The first signature request is inside the SMTP transaction: the worker dies there.
    const inFlight = await held.promise;
    await kill(first);
    // Let the listener see the connection close before it decides on the held message.
    await pause(500);
    release.resolve();

    const second = startWorker();
    await eventually(() => emailsOf('crash-email').length >= 4, 90_000);
    // Give a duplicate, if any, the time to arrive.
    await pause(3_000);

    const emails = emailsOf('crash-email');
    const keys = emails.map((email) => email.idempotencyKey);
    expect(emails.map((email) => email.kind)).toEqual(Array(4).fill('signature-request'));
    expect(new Set(keys).size).toBe(4);
    expect(keys.filter((key) => key === inFlight.idempotencyKey)).toHaveLength(1);

    const db = new Database(registerPath, { readonly: true });
    const log = db
      .prepare<[string], { state: string; attempts: number }>(
        'SELECT state, attempts FROM sent_emails WHERE idempotency_key = ?',
      )
      .get(inFlight.idempotencyKey);
    db.close();
    // Two attempts: the one killed mid-transaction, and the one that delivered.
    expect(log).toEqual({ state: 'sent', attempts: 2 });

    // SIGTERM drains the worker and ends the process cleanly.
    second.kill('SIGTERM');
    await exited(second);
    expect(second.exitCode).toBe(0);
  }, 120_000);

  it('killed in the middle of an Update: the command is recorded once and answered', async () => {
    const first = startWorker();
    const handle = await startConvention('crash-update');
    await eventually(() => emailsOf('crash-update').length === 4, 60_000);

    // The register is locked, so the Update's entry is being written when the worker dies.
    const lock = await lockRegister(registerPath);
    const [party, as] = SIGNATORIES[0];
    const answer = handle.executeUpdate(commandUpdates.sign, { args: [{ as, party }] });
    // The register entry is written by a local activity, inside the workflow task of the Update:
    // once that task has started, the worker is waiting on the lock.
    await eventually(async () => {
      const { raw } = await handle.describe();
      return (
        raw.pendingWorkflowTask?.state ===
        proto.temporal.api.enums.v1.PendingWorkflowTaskState.PENDING_WORKFLOW_TASK_STATE_STARTED
      );
    }, 30_000);
    await pause(1_000);
    await kill(first);
    await lock.release();

    const second = startWorker();
    expect(await answer).toEqual({ state: 'signing', registerSeq: 1 });
    for (const [party, as] of SIGNATORIES.slice(1))
      await handle.executeUpdate(commandUpdates.sign, { args: [{ as, party }] });
    // The convention is signed: its notices follow, once each.
    await eventually(() => emailsOf('crash-update').length >= 6, 60_000);
    await pause(3_000);
    const keys = emailsOf('crash-update').map((email) => email.idempotencyKey);
    expect(new Set(keys).size).toBe(keys.length);

    const register = new SqliteRegister(registerPath);
    try {
      const entries = await register.entries('crash-update');
      expect(entries.map((entry) => [entry.seq, entry.kind, entry.actor])).toEqual(
        SIGNATORIES.map(([, as], i) => [i + 1, 'sign', as]),
      );
      expect(await register.verify('crash-update')).toEqual({ ok: true, entries: 4 });
    } finally {
      await register.close();
    }
    await kill(second);
  }, 150_000);

  it('kept from a locked register: retries, and no entry or email is lost or doubled', async () => {
    const worker = startWorker();
    const handle = await startConvention('locked-register');
    await eventually(() => emailsOf('locked-register').length === 4, 60_000);
    // The last request's outcome written too (the listener has it before the register does): the
    // lock below meets the commands, not an email in flight.
    await eventually(async () => (await handle.query(statusQuery)).emailsSent === 4, 60_000);

    // Longer than the register's busy timeout (5 s): attempts fail and are retried.
    const lock = await lockRegister(registerPath);
    const answers = Promise.all(
      SIGNATORIES.map(([party, as]) => handle.executeUpdate(commandUpdates.sign, { args: [{ as, party }] })),
    );
    await pause(12_000);
    await lock.release();

    expect((await answers).map((answer) => answer.registerSeq).sort()).toEqual([1, 2, 3, 4]);
    await eventually(() => emailsOf('locked-register').length >= 6, 60_000);
    await pause(2_000);
    const keys = emailsOf('locked-register').map((email) => email.idempotencyKey);
    expect(new Set(keys).size).toBe(keys.length);

    // Written by local activities: their markers say how many attempts each took.
    const history = await handle.fetchHistory();
    const attempts = history.events!.flatMap((event) => {
      const marker = event.markerRecordedEventAttributes;
      const data = marker?.markerName === 'core_local_activity' && marker.details?.data?.payloads?.[0]?.data;
      return data ? [(JSON.parse(Buffer.from(data).toString()) as { attempt: number }).attempt] : [];
    });
    expect(Math.max(...attempts)).toBeGreaterThan(1);
    const register = new SqliteRegister(registerPath);
    try {
      expect((await register.entries('locked-register')).map((entry) => entry.kind)).toEqual(
        Array(4).fill('sign'),
      );
      expect(await register.verify('locked-register')).toEqual({ ok: true, entries: 4 });
    } finally {
      await register.close();
    }
    await kill(worker);
  }, 150_000);
});
