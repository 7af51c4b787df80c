import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeCommand } from '../../client/temporal';
import { renderEmail } from '../../domain/emails';
import { conventionWorkflow } from '../../workflows/convention';
import { workflowIdFor } from '../../workflows/messages';
import { startTimeSkippingServer } from '../../temporal/servers';
import { camino, PEOPLE, SIGNATORIES } from '../fixtures';
import { eventually, startHarness, type WorkflowHarness } from '../helpers/workflow-env';

// An email whose template throws must not hold up the convention: it is skipped at once (no
// retry), and every later email goes out — here DGALN's signature request cannot be written.

let env: TestWorkflowEnvironment;
let harness: WorkflowHarness;
beforeAll(async () => {
  env = await startTimeSkippingServer();
  harness = await startHarness(env, 'unrenderable', {
    render: (email, consoleUrl) => {
      if (email.kind === 'signature-request' && email.data.party.id === 'DGALN')
        throw new RangeError('Invalid time value');
      return renderEmail(email, consoleUrl);
    },
  });
}, 120_000);

afterAll(async () => {
  await harness?.close();
  await env?.teardown();
});

describe('an email that cannot be written', () => {
  it('is skipped, and the emails after it go out', async () => {
    const handle = await env.client.workflow.start(conventionWorkflow, {
      taskQueue: harness.taskQueue,
      workflowId: workflowIdFor('unrenderable'),
      args: [{ convention: { ...camino(), id: 'unrenderable' } }],
    });
    const requests = await eventually(() => {
      const sent = harness.capture.emails.filter((email) => email.kind === 'signature-request');
      return sent.length === 3 && sent;
    });
    expect(requests.map((email) => email.to[0])).toEqual([
      PEOPLE.sgRepresentative,
      PEOPLE.dgprRepresentative,
      PEOPLE.dinumRepresentative,
    ]);
    for (const [party, as] of SIGNATORIES) await executeCommand(handle, 'sign', { as, party });
    await eventually(() =>
      ['chorus-habilitation-request', 'publication-request'].every((kind) =>
        harness.capture.emails.some((email) => email.kind === kind),
      ),
    );

    const events = (await handle.fetchHistory()).events ?? [];
    const failed = events.flatMap((event) => event.activityTaskFailedEventAttributes ?? []);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.failure?.applicationFailureInfo).toMatchObject({
      type: 'EmailUnrenderable',
      nonRetryable: true,
    });
    expect(failed[0]?.retryState).toBe(2); // RETRY_STATE_NON_RETRYABLE_FAILURE: one attempt, no retry.
    expect((await handle.describe()).status.name).toBe('RUNNING');
  });
});
