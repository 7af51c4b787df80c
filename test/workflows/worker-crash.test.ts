import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailCapture, type CapturedEmail, type MailCapture } from '../../client/mail-capture';
import { conventionWorkflow } from '../../workflows/convention';
import { workflowIdFor } from '../../workflows/messages';
import { startDevServer } from '../../worker/temporal-servers';
import { camino } from '../fixtures';
import { freePort } from '../helpers/ports';
import { eventually } from '../helpers/workflow-env';

// The real worker process (worker/main.ts) is killed with SIGKILL while the SMTP server holds an
// email mid-transaction; a new worker picks the activity up after its start-to-close timeout.
// Exactly one copy of each email must reach the listener.

const WORKER_MAIN = fileURLToPath(new URL('../../worker/main.ts', import.meta.url));
const TASK_QUEUE = 'crash-test';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()),
  );

describe('a worker killed while an email is being sent', () => {
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
    const worker = spawn(process.execPath, ['--import', 'tsx', WORKER_MAIN], {
      env: {
        ...process.env,
        TEMPORAL_ADDRESS: `127.0.0.1:${port}`,
        TEMPORAL_TASK_QUEUE: TASK_QUEUE,
        SMTP_URL: capture.url,
        REGISTER_PATH: registerPath,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    workers.push(worker);
    return worker;
  }

  it('delivers each email exactly once after a new worker takes over', async () => {
    const first = startWorker();
    const convention = camino();
    await env.client.workflow.start(conventionWorkflow, {
      taskQueue: TASK_QUEUE,
      workflowId: workflowIdFor(convention.id),
      args: [{ convention }],
    });

    // The first signature request is inside the SMTP transaction: the worker dies there.
    const inFlight = await held.promise;
    first.kill('SIGKILL');
    await exited(first);
    // Let the listener see the connection close before it decides on the held message.
    await new Promise((resolve) => setTimeout(resolve, 500));
    release.resolve();

    const second = startWorker();
    await eventually(() => capture.emails.length >= 4, 90_000);
    // Give a duplicate, if any, the time to arrive.
    await new Promise((resolve) => setTimeout(resolve, 3_000));

    const keys = capture.emails.map((email) => email.idempotencyKey);
    expect(capture.emails.map((email) => email.kind)).toEqual(Array(4).fill('signature-request'));
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
});
