import type { TestWorkflowEnvironment } from '@temporalio/testing';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailCapture, type MailCapture } from '../../client/mail-capture';
import { conventionWorkflow } from '../../workflows/convention';
import { statusQuery, uncheckedCommandUpdate, workflowIdFor } from '../../workflows/messages';
import { WITHDRAWN_EMAILS } from '../../workflows/patches';
import { startTimeSkippingServer } from '../../temporal/servers';
import { camino } from '../fixtures';
import { freePort } from '../helpers/ports';
import { eventually, startHarness, type WorkflowHarness } from '../helpers/workflow-env';

// Issue 29: `npm start`'s demo is signed by its admin for every party and published at once, and
// its SG representative still got « Signature attendue ». The first signature request had been
// given to its activity before the admin's commands came, and nothing took it back: it went out
// after the convention was in force. Here the SMTP server is down when the convention starts, so
// that the request waits for its next attempt while the admin signs for everyone and publishes.

const ID = 'withdrawn-2026';
let env: TestWorkflowEnvironment;
let harness: WorkflowHarness;
let back: MailCapture | undefined;
let smtpPort: number;

beforeAll(async () => {
  env = await startTimeSkippingServer();
  smtpPort = await freePort();
  harness = await startHarness(env, 'withdrawn-emails', { smtpPort });
  await harness.capture.close();
}, 60_000);

afterAll(async () => {
  await back?.close();
  await harness?.close();
  await env?.teardown();
});

describe('an email whose action is done before it goes', () => {
  it('is withdrawn: nobody is asked to sign a convention already signed and in force', async () => {
    const convention = { ...camino(), id: ID };
    const handle = await env.client.workflow.start(conventionWorkflow, {
      taskQueue: harness.taskQueue,
      workflowId: workflowIdFor(ID),
      args: [{ convention }],
    });
    // SG's request is being sent: its first attempt refused, it waits for the next.
    await eventually(async () => {
      const { pendingActivities } = (await handle.describe()).raw;
      return pendingActivities?.some((activity) => activity.lastFailure);
    }, 20_000);

    const admin = convention.roles.admins[0]!;
    const send = (name: 'sign' | 'confirm-chorus' | 'publish', payload: Record<string, unknown>) =>
      handle.executeUpdate(uncheckedCommandUpdate(name), { args: [{ ...payload, as: admin }] });
    for (const party of ['SG', 'DGALN', 'DGPR', 'DINUM']) await send('sign', { party });
    await send('confirm-chorus', {});
    await send('publish', { where: 'démonstration' });

    back = await startMailCapture({ port: smtpPort });
    await env.sleep('1 minute');
    const kinds = await eventually(() => {
      const found = back!.emails.map((email) => email.kind);
      return found.includes('convention-in-force') && found;
    }, 30_000);
    expect(kinds).not.toContain('signature-request');
    expect(kinds).not.toContain('chorus-habilitation-request');
    expect(kinds).not.toContain('publication-request');
    expect((await handle.query(statusQuery)).state).toBe('in-force');

    // Its key marked withdrawn in the sent-email log, not counted as sent; the patch's marker.
    const status = await handle.query(statusQuery);
    expect(status.emailsSent).toBe(back!.emails.length);
    const log = new Database(harness.registerPath, { readonly: true });
    const withdrawn = log.prepare("SELECT kind, attempts FROM sent_emails WHERE state = 'withdrawn'").all();
    log.close();
    // SG's request, after its one refused attempt; no other was begun.
    expect(withdrawn).toEqual([{ kind: 'signature-request', attempts: 1 }]);
    const { events } = await handle.fetchHistory();
    const markers = (events ?? []).flatMap((e) =>
      Object.values(e.markerRecordedEventAttributes?.details ?? {}).flatMap((details) =>
        (details.payloads ?? []).map((payload) => Buffer.from(payload.data ?? []).toString()),
      ),
    );
    expect(markers).toContain(JSON.stringify({ id: WITHDRAWN_EMAILS, deprecated: false }));
  });
});
