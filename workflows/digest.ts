import {
  allHandlersFinished,
  condition,
  continueAsNew,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  sleep,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import { EMAIL_ACTIVITY, SHORT_ACTIVITIES } from './activity-options';
import { nextDigest } from '../domain/digest';
import { digestChoiceUpdate, type DigestWorkflowInput } from './messages';

// A person's weekly digest (SPEC §10), one workflow per person who chose it in the console: it
// keeps their choice (written to the database the worker's reminders read, before the console is
// answered) and, on the first working day of each week at 9:00 in Paris, sends them one email
// listing everything that waits on them. A person who no longer takes it is let go at that hour.

const { sendDigest } = proxyActivities<Activities>({
  ...EMAIL_ACTIVITY,
  // The conventions' status read through visibility and queries before the SMTP exchange.
  startToCloseTimeout: '1 minute',
});
const { keepDigestChoice } = proxyLocalActivities<Activities>(SHORT_ACTIVITIES);

/** A year of digests per run: its history stays a few hundred events. */
export const DIGESTS_PER_RUN = 52;

export async function digestWorkflow({ email, weekly: carried = false }: DigestWorkflowInput): Promise<void> {
  let weekly = carried;
  setHandler(digestChoiceUpdate, async (choice) => {
    await keepDigestChoice({ email, weekly: choice.weekly, at: new Date().toISOString() });
    weekly = choice.weekly;
    return { weekly };
  });

  for (let sent = 0; sent < DIGESTS_PER_RUN;) {
    const { at, week, monday } = nextDigest(Date.now());
    await sleep(at - Date.now());
    // A choice being written now is taken before deciding.
    await condition(allHandlersFinished);
    if (!weekly) return;
    await sendDigest({ email, week, monday });
    sent += 1;
  }
  await condition(allHandlersFinished);
  await continueAsNew<typeof digestWorkflow>({ email, weekly });
}
