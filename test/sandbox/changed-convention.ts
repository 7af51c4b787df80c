import { proxyActivities, sleep } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { ConventionWorkflowInput, DigestWorkflowInput } from '../../workflows/messages';

// The workflows as a careless change would make them: the convention now waits a minute before its
// first email. Replaying any recorded history against them must fail — the proof that the replay
// suite catches such a change before it reaches running workflows.

const { sendEmail, sendDigest } = proxyActivities<Activities>({ startToCloseTimeout: '15 seconds' });

export async function conventionWorkflow({ convention }: ConventionWorkflowInput): Promise<void> {
  await sleep('1 minute');
  await sendEmail({
    idempotencyKey: 'changed',
    conventionId: convention.id,
    kind: 'signature-request',
    to: [],
    cc: [],
    data: {
      conventionId: convention.id,
      title: convention.title,
      startup: convention.startup.name,
      party: { id: 'SG', name: 'SG', representative: 'SG' },
      since: '2020-01-01',
    },
  });
}

/** The weekly digest as a careless change would make it: it sends at once, without waiting for Monday. */
export async function digestWorkflow({ email }: DigestWorkflowInput): Promise<void> {
  await sendDigest({ email, week: 'changed', monday: '2020-01-06' });
}
