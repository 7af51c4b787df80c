import { fileURLToPath } from 'node:url';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { continueAsNewNow, conventionsOnOldBranch } from '../../client/releases';
import { conventionStatus, executeCommand } from '../../client/temporal';
import { conventionWorkflow } from '../../workflows/convention';
import { workflowIdFor } from '../../workflows/messages';
import { startDevServer } from '../../temporal/servers';
import { camino, PEOPLE } from '../fixtures';
import { freePort } from '../helpers/ports';
import { eventually, startHarness, type WorkflowHarness } from '../helpers/workflow-env';
import { EXAMPLE_PATCH } from '../sandbox/patched-convention';

// The procedure of the README's "Changing workflow code", on the dev server: a convention started
// on the released code goes on under a patched worker on the patch's old branch, is listed as such,
// and leaves it when an admin makes it continue as new (anyone else is refused).

const ID = 'patch-2021';
const PATCHED = fileURLToPath(new URL('../sandbox/patched-convention.ts', import.meta.url));

let env: TestWorkflowEnvironment;
let harness: WorkflowHarness;
beforeAll(async () => {
  env = await startDevServer({ port: await freePort() });
  harness = await startHarness(env, 'patch-release');
}, 120_000);

afterAll(async () => {
  await harness?.close();
  await env?.teardown();
});

const handle = () => env.client.workflow.getHandle(workflowIdFor(ID));
const onOldBranch = () => conventionsOnOldBranch(env.client, EXAMPLE_PATCH);

describe('a patch retired', () => {
  it('leaves a convention started before it on its old branch, listed as such', async () => {
    await env.client.workflow.start(conventionWorkflow, {
      taskQueue: harness.taskQueue,
      workflowId: workflowIdFor(ID),
      args: [{ convention: { ...camino(), id: ID } }],
    });
    await eventually(() => harness.capture.emails.length === 4);
    // The next release's worker takes over the same task queue.
    await harness.close();
    harness = await startHarness(env, 'patch-release', { workflowsPath: PATCHED });
    await executeCommand(handle(), 'sign', { as: PEOPLE.sgRepresentative, party: 'SG' });
    expect(await eventually(async () => (await onOldBranch()).includes(ID) && onOldBranch())).toEqual([ID]);
  }, 60_000);

  it('refuses to continue as new for anyone but an admin', async () => {
    const refused = await continueAsNewNow(env.client, ID, PEOPLE.sgRepresentative).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((refused as WorkflowUpdateFailedError).cause?.message).toBe(
      `${PEOPLE.sgRepresentative} may not make the convention continue as new: only an admin may`,
    );
  });

  it('moves it onto the new branch when an admin asks, its record carried over', async () => {
    const { from, to } = await continueAsNewNow(env.client, ID, PEOPLE.admin);
    expect(to).toBeDefined();
    expect(to).not.toBe(from);
    await eventually(async () => (await onOldBranch()).length === 0, 20_000);
    const signed = (await conventionStatus(handle())).signatures.filter((s) => s.signed);
    expect(signed.map((s) => s.party)).toEqual(['SG']);
  }, 60_000);
});
