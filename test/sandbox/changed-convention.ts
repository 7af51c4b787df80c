import { proxyActivities, sleep } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { ConventionWorkflowInput } from '../../workflows/messages';

// A convention workflow as a careless change would make it: it now waits a minute before its
// first email. Replaying any recorded history against it must fail — the proof that the replay
// suite catches such a change before it reaches running conventions.

const { sendEmail } = proxyActivities<Activities>({ startToCloseTimeout: '15 seconds' });

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
