import { sleep } from '@temporalio/workflow';
import { untilWokenOr } from '../../workflows/waiting';

// The convention's way to sleep, woken `times` by its timer while nothing changes, as a quiet
// convention is for months. Returns how many of the conditions it waited on are still evaluated at
// the activation after: each one left behind is evaluated again at every activation.
export async function wakeUpsWorkflow(times: number): Promise<number> {
  let evaluations = 0;
  const nothingChanged = () => {
    evaluations += 1;
    return false;
  };
  for (let i = 0; i < times; i++) await untilWokenOr(sleep('1 day'), nothingChanged);
  const before = evaluations;
  await sleep('1 day');
  return evaluations - before;
}
