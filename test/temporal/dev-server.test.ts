import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarMonths, instantAt, localDateOf, nextWorkingDay } from '../../domain/dates';
import { startDevServer } from '../../temporal/servers';
import { sleepCalendarMonths } from '../sandbox/calendar-sleep';

const EventType = temporal.api.enums.v1.EventType;
const workflowsPath = fileURLToPath(new URL('../sandbox/calendar-sleep.ts', import.meta.url));
const timing = { timezone: 'Europe/Paris', reminderHour: 9, workingDaysOnly: true };

describe('the dev server (temporal server start-dev) on a SQLite file', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'convention-dev-server-'));
  const dbFilename = join(dataDir, 'temporal.sqlite');
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await startDevServer({ dbFilename });
  });
  afterAll(async () => {
    await env?.teardown();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs a workflow and reads its history back', async () => {
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: 'dev-server',
      workflowsPath,
    });
    const handle = await env.client.workflow.start(sleepCalendarMonths, {
      taskQueue: 'dev-server',
      workflowId: 'dev-server-calendar-sleep',
      args: [{ months: 6, timing }],
    });

    // The dev server does not skip time: wait for the workflow to start its six-month timer, then end it.
    const history = await worker.runUntil(async () => {
      for (;;) {
        const events = (await handle.fetchHistory()).events ?? [];
        if (events.some((event) => event.eventType === EventType.EVENT_TYPE_TIMER_STARTED)) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await handle.terminate('test over');
      return handle.fetchHistory();
    });

    const events = history.events ?? [];
    const types = events.map((event) => event.eventType);
    expect(types[0]).toBe(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED);
    expect(types.at(-1)).toBe(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED);

    const started = events.find((event) => event.eventType === EventType.EVENT_TYPE_TIMER_STARTED)!;
    const startedAt = Number(started.eventTime!.seconds) * 1000;
    const startToFire = Number(started.timerStartedEventAttributes!.startToFireTimeout!.seconds) * 1000;
    const expectedWake = instantAt(
      nextWorkingDay(addCalendarMonths(localDateOf(startedAt, 'Europe/Paris'), 6)),
      9,
      'Europe/Paris',
    );
    // The timer was set for 9:00 in Paris on the first working day six months on (to the second).
    expect(Math.abs(startedAt + startToFire - expectedWake)).toBeLessThan(2000);
    expect(statSync(dbFilename).size).toBeGreaterThan(0);
  });
});
