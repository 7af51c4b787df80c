import { Client, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS, REFUSAL_TYPES } from '../../domain/commands';
import { conventionWorkflow } from '../../workflows/convention';
import { commandUpdates, statusQuery, uncheckedCommandUpdate, workflowIdFor } from '../../workflows/messages';
import { startTimeSkippingServer } from '../../temporal/servers';
import { camino, PEOPLE, SIGNATORIES } from '../fixtures';
import { eventually, startHarness, type WorkflowHarness } from '../helpers/workflow-env';

// Generated payloads sent straight to a running convention as Updates, past the clients' own
// checks: the workflow refuses each bad one with a typed failure, never fails its task, and a
// refused command changes neither its state nor its register.

const ID = 'fuzzed-2021';
let env: TestWorkflowEnvironment;
let harness: WorkflowHarness;
/** No time skipping: the clock stays put between two payloads, so a status can be compared. */
let client: Client;

const names = COMMANDS;
const people = Object.values(PEOPLE);
const payloads = fc.record({
  name: fc.constantFrom(...names),
  payload: fc.oneof(
    fc.anything(),
    fc.dictionary(
      fc.constantFrom(
        'as',
        'party',
        'decision',
        'uo',
        'ae',
        'cp',
        'ref',
        'period',
        'progress',
        'where',
        'extra',
      ),
      fc.oneof(
        fc.jsonValue(),
        fc.constantFrom(...people, 'DGALN', '0113-PEBC-ELAB', '10.00', 'continue', 'x'.repeat(30_000)),
      ),
    ),
  ),
});

beforeAll(async () => {
  env = await startTimeSkippingServer();
  harness = await startHarness(env, 'fuzzed');
  const handle = await env.client.workflow.start(conventionWorkflow, {
    taskQueue: harness.taskQueue,
    workflowId: workflowIdFor(ID),
    args: [{ convention: { ...camino(), id: ID } }],
  });
  await eventually(() => harness.capture.emails.length === 4);
  for (const [party, as] of SIGNATORIES)
    await handle.executeUpdate(commandUpdates.sign, { args: [{ as, party }] });
  // The emails of the signature go out before the payloads come in.
  await eventually(() => harness.capture.emails.length === 6);
  await eventually(async () => (await handle.query(statusQuery)).emailsSent === 6);
  client = new Client({ connection: env.connection });
}, 120_000);

afterAll(async () => {
  await harness?.close();
  await env?.teardown();
});

describe('a running convention fed generated payloads', () => {
  it('refuses each bad one cleanly, and stays as it was', async () => {
    const handle = client.workflow.getHandle(workflowIdFor(ID));
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(payloads, async ({ name, payload }) => {
        const before = await handle.query(statusQuery);
        const entries = (await harness.register.entries(ID)).length;
        const outcome = await handle.executeUpdate(uncheckedCommandUpdate(name), { args: [payload] }).then(
          () => 'accepted' as const,
          (error: unknown) => error,
        );
        if (outcome === 'accepted') return;
        refused += 1;
        expect(outcome).toBeInstanceOf(WorkflowUpdateFailedError);
        const cause = (outcome as WorkflowUpdateFailedError).cause;
        expect(cause).toBeInstanceOf(ApplicationFailure);
        expect(REFUSAL_TYPES).toContain((cause as ApplicationFailure).type);
        expect(await handle.query(statusQuery)).toEqual(before);
        expect(await harness.register.entries(ID)).toHaveLength(entries);
      }),
      { numRuns: 300 },
    );
    expect(refused).toBeGreaterThan(250);

    const { status } = await handle.describe();
    expect(status.name).toBe('RUNNING');
    const history = await handle.fetchHistory();
    expect(history.events!.filter((event) => event.workflowTaskFailedEventAttributes)).toEqual([]);
    // Still serving: a real command gets its answer (a generated payload may have been a valid
    // command, so the answer to a signature, long given, is the one that cannot vary).
    const [party, as] = SIGNATORIES[0];
    const again = await handle
      .executeUpdate(commandUpdates.sign, { args: [{ as, party }] })
      .catch((error: unknown) => error);
    expect((again as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'AlreadyDone' });
  }, 240_000);
});
