import { Client } from '@temporalio/client';
import proto from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conventionHistory } from '../../client/history';
import type { TConvention } from '../../domain/convention';
import { conventionWorkflow } from '../../workflows/convention';
import { executeCommand } from '../../client/temporal';
import type { CommandName } from '../../domain/commands';
import { statusQuery, workflowIdFor } from '../../workflows/messages';
import {
  conventionDataConverter,
  ENCRYPTED_ENCODING,
  parsePayloadKeys,
  type PayloadKey,
} from '../../crypto/codec';
import { startTimeSkippingServer } from '../../temporal/servers';
import { camino, PEOPLE, SIGNATORIES } from '../fixtures';
import { eventually, startHarness, type WorkflowHarness } from '../helpers/workflow-env';

// With PAYLOAD_KEYS set on the worker and the client, the history as Temporal stores it holds no
// name and no email address of the convention: inputs, Update payloads and results, activity
// arguments, refusal messages and the record carried over by continue-as-new are all ciphertext.

const { History } = proto.temporal.api.history.v1;
const keys = parsePayloadKeys(`test-key:${Buffer.alloc(32, 9).toString('base64')}`) as PayloadKey[];
const ID = 'personal-data-2021';

let env: TestWorkflowEnvironment;
let harness: WorkflowHarness;
let convention: TConvention;

/** Every string of the convention that names or reaches a person. */
function personalData(value: unknown, path = ''): string[] {
  if (typeof value === 'string')
    return value.includes('@') || /(representative|secretary|intrapreneur)\.name$/.test(path) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap((item) => personalData(item, path));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) => personalData(item, path ? `${path}.${key}` : key));
  return [];
}

/** The stored history of every run, newest first, as the server sends it: no data converter involved. */
async function storedRuns(): Promise<Buffer[]> {
  const runs: Buffer[] = [];
  let runId: string | undefined;
  do {
    const { history } = await env.client.workflowService.getWorkflowExecutionHistory({
      namespace: 'default',
      execution: { workflowId: workflowIdFor(ID), runId },
      maximumPageSize: 1000,
    });
    runs.push(Buffer.from(History.encode(history!).finish()));
    runId =
      history!.events![0]!.workflowExecutionStartedEventAttributes!.continuedExecutionRunId || undefined;
  } while (runId);
  return runs;
}

beforeAll(async () => {
  env = await startTimeSkippingServer({ dataConverter: conventionDataConverter(keys) });
  harness = await startHarness(env, 'personal-data', { payloadKeys: keys });
  convention = { ...camino(), id: ID };
  const handle = await env.client.workflow.start(conventionWorkflow, {
    taskQueue: harness.taskQueue,
    workflowId: workflowIdFor(ID),
    // Continues as new after the signatures: the record it carries names everyone.
    args: [{ convention, continueAsNewAfter: 8 }],
  });
  await eventually(() => harness.capture.emails.length === 4);
  const send = (name: CommandName, payload: Record<string, unknown>) => executeCommand(handle, name, payload);
  // Refused with a message naming the representative and their address.
  await expect(send('sign', { as: PEOPLE.dinumContact, party: 'DGPR' })).rejects.toThrow();
  for (const [party, as] of SIGNATORIES) await send('sign', { as, party });
  await send('confirm-chorus', { as: PEOPLE.dgalnContact });
  await send('publish', { as: PEOPLE.dinumContact, where: 'data.gouv.fr' });
  // Whether the Chorus and publication requests went before their commands came, or were
  // withdrawn, depends on timing: the email of the convention in force goes in any case.
  await eventually(() => harness.capture.emails.some((email) => email.kind === 'convention-in-force'));
}, 120_000);

afterAll(async () => {
  await harness?.close();
  await env?.teardown();
});

describe('personal data in Temporal', () => {
  it('is never stored in clear, across runs', async () => {
    const runs = await storedRuns();
    expect(runs.length).toBeGreaterThanOrEqual(2);
    const secrets = [...new Set(personalData(convention))];
    expect(secrets).toContain(PEOPLE.secretary);
    expect(secrets).toContain('Emilie Piette');
    for (const stored of runs) {
      expect(secrets.filter((secret) => stored.includes(secret))).toEqual([]);
      expect(stored.includes(ENCRYPTED_ENCODING)).toBe(true);
    }
  });

  it('is read back in clear by a client holding the keys', async () => {
    const { entries } = await conventionHistory(env.client, workflowIdFor(ID));
    const refusal = entries.find((entry) => entry.type === 'command' && !entry.ok);
    expect(refusal).toMatchObject({
      as: PEOPLE.dinumContact,
      error: { type: 'NotAllowed', message: expect.stringContaining(PEOPLE.dgprRepresentative) },
    });
    const status = await env.client.workflow.getHandle(workflowIdFor(ID)).query(statusQuery);
    expect(status.state).toBe('in-force');
  });

  it('stays unreadable to a client without them', async () => {
    const blind = new Client({ connection: env.connection });
    await expect(blind.workflow.getHandle(workflowIdFor(ID)).query(statusQuery)).rejects.toThrow(
      /binary\/encrypted/,
    );
  });
});
