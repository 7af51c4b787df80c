import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailCapture, type MailCapture } from '../../client/mail-capture';
import type { ConventionStatus } from '../../domain/status';
import { conventionWorkflow } from '../../workflows/convention';
import { executeCommand } from '../../client/temporal';
import { statusQuery, workflowIdFor } from '../../workflows/messages';
import { ensureSearchAttributes } from '../../temporal/search-attributes';
import { devServerArgs, temporalCliPath } from '../../temporal/servers';
import { caminoYearRound, PEOPLE, SIGNATORIES } from '../fixtures';
import { freePort } from '../helpers/ports';
import { exited, startWorkerProcess } from '../helpers/worker-process';
import { eventually } from '../helpers/workflow-env';

// The dev server is killed (SIGKILL) and started again on its SQLite file while the worker keeps
// running. Conventions at three stages resume where they were; an email whose retry fell due while
// the server was down goes out once it is back; each convention takes its next command.
//
// Reminders are due at the convention's reminder hour, days ahead: none can fall due within a
// test on a real clock. What fires here is the email's retry timer; the reminders' timers are
// shown intact (same next deadlines), and their firing after faults is the time-skipping tests'.

const dir = mkdtempSync(join(tmpdir(), 'convention-restart-'));
const dbFilename = join(dir, 'temporal.sqlite');
const TASK_QUEUE = 'restart';
const IDS = ['restart-signing', 'restart-half-signed', 'restart-in-force'] as const;

let port: number;
let server: ChildProcess;
let worker: ChildProcess;
let connection: Connection;
let client: Client;
let capture: MailCapture;
/** The first signature request of the first convention is turned away once (451), to be retried. */
let refusedOnce: string | undefined;

function startServer(): ChildProcess {
  return spawn(temporalCliPath(), devServerArgs({ port, dbFilename }), { stdio: 'ignore' });
}

async function serverAnswers(): Promise<void> {
  await eventually(async () => {
    try {
      await client.workflowService.getSystemInfo({});
      return true;
    } catch {
      return false;
    }
  }, 60_000);
}

const emailsOf = (id: string) =>
  capture.emails.filter((email) => email.idempotencyKey.startsWith(`${workflowIdFor(id)}/`));

const send = (id: string, name: 'sign' | 'confirm-chorus' | 'publish' | 'engage', payload: object) =>
  executeCommand(client.workflow.getHandle(workflowIdFor(id)), name, payload);

beforeAll(async () => {
  port = await freePort();
  server = startServer();
  connection = await Connection.lazy({ address: `127.0.0.1:${port}` });
  client = new Client({ connection });
  await serverAnswers();
  await ensureSearchAttributes(connection.operatorService, 'default');
  capture = await startMailCapture({
    beforeAccept: async (email) => {
      if (refusedOnce || !email.idempotencyKey.startsWith(`${workflowIdFor(IDS[0])}/`)) return;
      refusedOnce = email.idempotencyKey;
      throw Object.assign(new Error('try again later'), { responseCode: 451 });
    },
  });
  worker = startWorkerProcess({
    temporalAddress: `127.0.0.1:${port}`,
    taskQueue: TASK_QUEUE,
    smtpUrl: capture.url,
    registerPath: join(dir, 'register.sqlite'),
  });
}, 90_000);

afterAll(async () => {
  worker?.kill('SIGKILL');
  server?.kill('SIGKILL');
  await Promise.all([worker, server].filter(Boolean).map(exited));
  await connection?.close();
  await capture?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the dev server killed and restarted on its SQLite file', () => {
  it('resumes every convention, fires what fell due while it was down, and takes the next commands', async () => {
    for (const id of IDS)
      await client.workflow.start(conventionWorkflow, {
        taskQueue: TASK_QUEUE,
        workflowId: workflowIdFor(id),
        args: [{ convention: { ...caminoYearRound(), id } }],
      });
    for (const [party, as] of SIGNATORIES.slice(0, 2)) await send(IDS[1], 'sign', { as, party });
    for (const [party, as] of SIGNATORIES) await send(IDS[2], 'sign', { as, party });
    await send(IDS[2], 'confirm-chorus', { as: PEOPLE.dgalnContact });
    await send(IDS[2], 'publish', { as: PEOPLE.dinumContact, where: 'data.gouv.fr' });
    // The refused email waits for its retry, 10 s after the refusal, and the others behind it.
    await eventually(() => refusedOnce, 30_000);
    await eventually(() => emailsOf(IDS[2]).some((email) => email.kind === 'convention-in-force'), 60_000);
    expect(emailsOf(IDS[0])).toHaveLength(0);

    const statusOf = (id: string) => client.workflow.getHandle(workflowIdFor(id)).query(statusQuery);
    // No email in flight: each one the listener took is counted by its workflow, twice, a second
    // apart (an email still being sent would be counted after the restart, not before).
    const counted = async () => {
      for (const id of IDS.slice(1))
        if ((await statusOf(id)).emailsSent !== emailsOf(id).length) return false;
      return true;
    };
    await eventually(async () => {
      if (!(await counted())) return false;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      return counted();
    }, 30_000);
    const before = new Map<string, ConventionStatus>();
    for (const id of IDS.slice(1)) before.set(id, await statusOf(id));

    server.kill('SIGKILL');
    await exited(server);
    // Down past the retry's due time.
    await new Promise((resolve) => setTimeout(resolve, 15_000));
    server = startServer();
    await serverAnswers();

    // The retry fires on the restarted server, and the email goes out once.
    await eventually(() => emailsOf(IDS[0]).length === 4, 60_000);
    expect(emailsOf(IDS[0]).filter((email) => email.idempotencyKey === refusedOnce)).toHaveLength(1);

    for (const id of IDS.slice(1)) {
      const after = await statusOf(id);
      expect(after.state, id).toBe(before.get(id)!.state);
      expect(after.emailsSent, id).toBe(before.get(id)!.emailsSent);
      // The timers of the next reminders survived with their instants.
      expect(after.nextDeadlines, id).toEqual(before.get(id)!.nextDeadlines);
    }

    for (const [party, as] of SIGNATORIES.slice(2)) await send(IDS[1], 'sign', { as, party });
    expect(
      await send(IDS[2], 'engage', {
        as: PEOPLE.dinumContact,
        uo: '0113-PEBC-ELAB',
        ae: '1000.00',
        ref: 'BC-1',
      }),
    ).toMatchObject({ state: 'in-force' });
    expect((await statusOf(IDS[1])).state).toBe('awaiting-publication');
    // Signed by all: the publication is asked for.
    await eventually(() => emailsOf(IDS[1]).some((email) => email.kind === 'publication-request'), 60_000);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const keys = capture.emails.map((email) => email.idempotencyKey);
    expect(new Set(keys).size).toBe(keys.length);
  }, 180_000);
});
