import type { TestWorkflowEnvironment } from '@temporalio/testing';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailCapture, type MailCapture } from '../../client/mail-capture';
import { conventionWorkflow } from '../../workflows/convention';
import { statusQuery, workflowIdFor } from '../../workflows/messages';
import { startTimeSkippingServer } from '../../temporal/servers';
import { camino } from '../fixtures';
import { freePort } from '../helpers/ports';
import { eventually, startHarness, type WorkflowHarness } from '../helpers/workflow-env';

// The SMTP server is unreachable (connection refused) from the day the first signature reminders
// fall due until a simulated day later. They are retried with a growing backoff all that time, and
// delivered once each when it comes back, on the time-skipping server.

const ID = 'smtp-down-2021';
const DAY = 86_400_000;
let env: TestWorkflowEnvironment;
let harness: WorkflowHarness;
let back: MailCapture | undefined;
let smtpPort: number;

beforeAll(async () => {
  env = await startTimeSkippingServer();
  smtpPort = await freePort();
  harness = await startHarness(env, 'smtp-down', { smtpPort });
}, 60_000);

afterAll(async () => {
  await back?.close();
  await harness?.close();
  await env?.teardown();
});

describe('SMTP unreachable for a day', () => {
  it('retries the reminders with backoff and delivers each once when it is back', async () => {
    const handle = await env.client.workflow.start(conventionWorkflow, {
      taskQueue: harness.taskQueue,
      workflowId: workflowIdFor(ID),
      args: [{ convention: { ...camino(), id: ID } }],
    });
    await eventually(() => harness.capture.emails.length === 4);
    await harness.capture.close();

    const [reminder] = (await handle.query(statusQuery)).nextDeadlines;
    expect(reminder?.kind).toBe('signature-reminder');
    const dueAt = Date.parse(reminder!.at);
    // To a day after the reminders fell due, SMTP down all along.
    await env.sleep(dueAt + DAY - (await env.currentTimeMs()));

    const db = new Database(harness.registerPath, { readonly: true });
    const log = () =>
      db
        .prepare<[], { key: string; state: string; attempts: number }>(
          "SELECT idempotency_key AS key, state, attempts FROM sent_emails WHERE kind = 'signature-reminder'",
        )
        .all();
    try {
      // Only the first reminder is being tried: the others wait behind it, in order.
      const [tried] = log();
      expect(tried?.state).toBe('sending');
      // 10 s, 20 s, 40 s … up to every 30 minutes: about fifty attempts in a day.
      expect(tried!.attempts).toBeGreaterThan(40);
      expect(tried!.attempts).toBeLessThan(70);

      back = await startMailCapture({ port: smtpPort });
      await env.sleep('2 hours');
      await eventually(() => back!.emails.length >= 4, 30_000);
      const keys = back.emails.map((email) => email.idempotencyKey);
      expect(back.emails.map((email) => email.kind)).toEqual(Array(4).fill('signature-reminder'));
      expect(new Set(keys).size).toBe(4);
      // Dated by its last attempt, scheduled at most one backoff (30 minutes) before SMTP came back.
      expect(back.emails[0]!.date).toBeGreaterThan(dueAt + DAY - 30 * 60_000);
      expect(log().map((row) => row.state)).toEqual(Array(4).fill('sent'));

      // No copy comes later.
      await env.sleep('1 day');
      expect(back.emails.filter((email) => keys.includes(email.idempotencyKey))).toHaveLength(4);
    } finally {
      db.close();
    }
  }, 120_000);
});
