import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPayloadKeys } from '../../crypto/codec';
import { startMailCapture, type MailCapture } from '../../client/mail-capture';
import { conventionWorkflow } from '../../workflows/convention';
import { workflowIdFor } from '../../workflows/messages';
import { startDevServer } from '../../temporal/servers';
import { camino } from '../fixtures';
import { freePort } from '../helpers/ports';
import { eventually } from '../helpers/workflow-env';

// The worker process as it runs in production: Temporal's Prometheus metrics on METRICS_PORT, and
// one JSON object per log line, with the convention id on every line about a convention.

const WORKER_MAIN = fileURLToPath(new URL('../../worker/main.ts', import.meta.url));
const TASK_QUEUE = 'observability';

let env: TestWorkflowEnvironment;
let capture: MailCapture;
let worker: ChildProcess;
let metricsPort: number;
let stdout = '';
const dir = mkdtempSync(join(tmpdir(), 'convention-observability-'));

beforeAll(async () => {
  const port = await freePort();
  metricsPort = await freePort();
  env = await startDevServer({ port });
  capture = await startMailCapture();
  worker = spawn(process.execPath, ['--import', 'tsx', WORKER_MAIN], {
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: `127.0.0.1:${port}`,
      TEMPORAL_TASK_QUEUE: TASK_QUEUE,
      SMTP_URL: capture.url,
      REGISTER_PATH: join(dir, 'register.sqlite'),
      METRICS_PORT: String(metricsPort),
      LOG_LEVEL: 'INFO',
      // As in production (the client below writes in clear; the worker reads both).
      PAYLOAD_KEYS: newPayloadKeys('observed'),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  worker.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  await eventually(() => stdout.includes('worker polling'), 60_000);
  const convention = camino();
  await env.client.workflow.start(conventionWorkflow, {
    taskQueue: TASK_QUEUE,
    workflowId: workflowIdFor(convention.id),
    args: [{ convention }],
  });
  await eventually(() => capture.emails.length === 4, 30_000);
}, 120_000);

afterAll(async () => {
  if (worker && worker.exitCode === null) {
    worker.kill('SIGKILL');
    await new Promise((resolve) => worker.once('exit', resolve));
  }
  await capture?.close();
  await env?.teardown();
  rmSync(dir, { recursive: true, force: true });
});

describe('the worker process, observed', () => {
  it("serves Temporal's Prometheus metrics on METRICS_PORT", async () => {
    const response = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(response.status).toBe(200);
    const metrics = await response.text();
    // Counted by the SDK's core: the four signature requests went through activities.
    const completed = metrics.match(
      new RegExp(
        `^temporal_activity_execution_latency_count\\{[^}]*activity_type="sendEmail"[^}]*task_queue="${TASK_QUEUE}"[^}]*\\} (\\d+)`,
        'm',
      ),
    );
    expect(completed?.[1]).toBe('4');
    expect(metrics).toMatch(/^temporal_workflow_task_execution_latency_count\{/m);
  });

  it('logs one JSON object per line, with the convention id on every line about a convention', async () => {
    worker.kill('SIGTERM');
    await new Promise((resolve) => worker.once('exit', resolve));
    expect(worker.exitCode).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ level: 'INFO', message: expect.any(String) });
    expect(lines.find((line) => line.message === 'worker polling')).toMatchObject({
      payloadKeyId: 'observed',
    });
    expect(lines.filter((line) => line.level === 'WARN')).toEqual([]);
    expect(lines.every((line) => typeof line.time === 'string' && !Number.isNaN(Date.parse(line.time)))).toBe(
      true,
    );
    const sent = lines.filter((line) => line.message === 'email sent');
    expect(sent).toHaveLength(4);
    const aboutConvention = lines.filter((line) => line.workflowId === 'convention-camino-2020');
    expect(aboutConvention.length).toBeGreaterThanOrEqual(4);
    expect(aboutConvention.every((line) => line.conventionId === 'camino-2020')).toBe(true);
    expect(sent[0]).toMatchObject({
      conventionId: 'camino-2020',
      activityType: 'sendEmail',
      kind: 'signature-request',
    });
  });
});
