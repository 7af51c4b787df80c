import type { ActivityOptions } from '@temporalio/workflow';

// How the workflows run their activities: the same for a convention's emails and a digest, and for
// the short writes to our database.

/** An email: an SMTP exchange takes seconds, and a server down for a day is waited for. */
export const EMAIL_ACTIVITY = {
  // Past this the attempt is presumed lost and retried.
  startToCloseTimeout: '15 seconds',
  // SMTP down for a day: retried with backoff, delivered once it is back.
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes' },
} as const satisfies ActivityOptions;

/** A write to our database (register, statistics, choices), retried while it is away. */
export const SHORT_ACTIVITIES = {
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
} as const satisfies ActivityOptions;
