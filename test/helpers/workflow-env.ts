import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../../activities';
import type { Register } from '../../store/register';
import { SqliteRegister } from '../../store/register-sqlite';
import { startMailCapture, type MailCapture } from '../../client/mail-capture';
import { createMailer } from '../../mail/mailer';
import { participantHasher } from '../../crypto/participants';
import type { PayloadKey } from '../../crypto/codec';
import { bundleConventionWorkflows, createConventionWorker } from '../../worker/worker';

/** Everything a workflow test needs around a Temporal server: a running worker, real SMTP, a register file. */
export interface WorkflowHarness {
  worker: Worker;
  capture: MailCapture;
  register: Register;
  registerPath: string;
  taskQueue: string;
  close(): Promise<void>;
}

export async function startHarness(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  options: {
    consoleUrl?: string;
    payloadKeys?: readonly PayloadKey[];
    /** The SMTP listener's port, for a test that stops it and starts it again there. */
    smtpPort?: number;
    /** How emails are written (a test makes one fail). */
    render?: ActivityDeps['render'];
    /** What waits on a person, for their digest (the time-skipping server has no visibility to list). */
    awaitedActions?: ActivityDeps['awaitedActions'];
    /** The workflow code to run, when a test runs another version of it (test/sandbox/). */
    workflowsPath?: string;
  } = {},
): Promise<WorkflowHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'convention-workflow-test-'));
  const capture = await startMailCapture({ port: options.smtpPort });
  const registerPath = join(dir, 'register.sqlite');
  const register = new SqliteRegister(registerPath);
  const mailer = createMailer(capture.url);
  const worker = await createConventionWorker({
    connection: env.nativeConnection,
    taskQueue,
    payloadKeys: options.payloadKeys,
    activities: createActivities({
      mailer,
      mailFrom: 'Conventions <conventions@example.org>',
      register,
      consoleUrl: options.consoleUrl,
      render: options.render,
      awaitedActions: options.awaitedActions,
      hashParticipant: participantHasher(options.payloadKeys),
    }),
    workflowBundle: await bundleConventionWorkflows(options.workflowsPath),
  });
  // Runs for the whole file; `close` drains it.
  const running = worker.run();
  return {
    worker,
    capture,
    register,
    registerPath,
    taskQueue,
    async close() {
      worker.shutdown();
      await running;
      mailer.close();
      await capture.close();
      await register.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` holds (for effects that arrive asynchronously, like emails), or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
