import { fileURLToPath } from 'node:url';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarMonths, localDateOf, nextWorkingDay } from '../../domain/dates';
import { startTimeSkippingServer } from '../../temporal/servers';
import { sleepCalendarMonths } from '../sandbox/calendar-sleep';

const workflowsPath = fileURLToPath(new URL('../sandbox/calendar-sleep.ts', import.meta.url));
const timing = { timezone: 'Europe/Paris', reminderHour: 9, workingDaysOnly: true };

describe('the time-skipping test server', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await startTimeSkippingServer();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('runs a workflow that sleeps six calendar months, skipping the wait', async () => {
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: 'calendar-sleep',
      workflowsPath,
    });
    const result = await worker.runUntil(
      env.client.workflow.execute(sleepCalendarMonths, {
        taskQueue: 'calendar-sleep',
        workflowId: 'calendar-sleep-six-months',
        args: [{ months: 6, timing }],
      }),
    );

    // The workflow woke on the first working day on or after the date six months on, at 9:00 in Paris.
    expect(result.wokeOn).toBe(nextWorkingDay(addCalendarMonths(result.startedOn, 6)));
    const parisHour = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Paris',
      hour: '2-digit',
      hourCycle: 'h23',
    });
    expect(parisHour.format(new Date(result.wokeAt))).toBe('09');
    expect(localDateOf(Date.parse(result.wokeAt), 'Europe/Paris')).toBe(result.wokeOn);
  });
});
