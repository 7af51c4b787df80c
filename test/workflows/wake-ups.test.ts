import { fileURLToPath } from 'node:url';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTimeSkippingServer } from '../../temporal/servers';
import { quietBundlerLogger } from '../../temporal/runtime';
import type { wakeUpsWorkflow } from '../sandbox/wake-ups';

// The loop's sleep (workflows/waiting.ts) races the wake-up timer against the next command. What
// loses the race must not stay behind: a convention nobody answers for months would pile up
// conditions, each evaluated again at every activation.

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await startTimeSkippingServer();
}, 60_000);
afterAll(async () => {
  await env?.teardown();
});

describe('the loop’s sleep', () => {
  it('leaves no condition pending after a hundred wake-ups by its timer', async () => {
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: 'wake-ups',
      workflowBundle: await bundleWorkflowCode({
        workflowsPath: fileURLToPath(new URL('../sandbox/wake-ups.ts', import.meta.url)),
        logger: quietBundlerLogger,
      }),
    });
    const stillEvaluated = await worker.runUntil(
      env.client.workflow.execute<typeof wakeUpsWorkflow>('wakeUpsWorkflow', {
        taskQueue: 'wake-ups',
        workflowId: 'wake-ups',
        args: [100],
      }),
    );
    expect(stillEvaluated).toBe(0);
  }, 120_000);
});
