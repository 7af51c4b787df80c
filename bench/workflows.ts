import {
  condition,
  defineUpdate,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  sleep,
} from '@temporalio/workflow';
import type { BareActivities } from './bare';

// The floor of the benchmark: a workflow with the same number of timers, activities and updates
// as a convention, doing nothing else. What the convention workflow costs beyond it is ours.

export interface BareInput {
  /** Activities run as soon as it starts (a convention sends its signature requests). */
  activitiesAtStart: number;
  /** Timers, one after the other, each `timerEveryMs` long; then it ends. Never ends when 0. */
  timers: number;
  timerEveryMs: number;
  /** Activities spread over the timers. */
  activitiesOverTimers: number;
}

/** Answered after one local activity, as a convention's command is after its register entry. */
export const bareUpdate = defineUpdate<number, [unknown]>('bare');

/** Answered at once: the second floor, what an Update costs with no activity at all. */
export const bareUpdateWithoutActivity = defineUpdate<number, [unknown]>('bare-without-activity');

const { nothing } = proxyActivities<BareActivities>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes' },
});
const local = proxyLocalActivities<BareActivities>({ startToCloseTimeout: '10 seconds' });

export async function bareWorkflow(input: BareInput): Promise<number> {
  let updates = 0;
  setHandler(bareUpdate, async () => {
    await local.nothing();
    updates += 1;
    return updates;
  });
  setHandler(bareUpdateWithoutActivity, () => {
    updates += 1;
    return updates;
  });
  for (let i = 0; i < input.activitiesAtStart; i++) await nothing();
  if (input.timers === 0) await condition(() => false);
  let done = 0;
  for (let timer = 1; timer <= input.timers; timer++) {
    await sleep(input.timerEveryMs);
    const due = Math.round((input.activitiesOverTimers * timer) / input.timers);
    for (; done < due; done++) await nothing();
  }
  return updates;
}
