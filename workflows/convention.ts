import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  log,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { Activities } from '../activities';
import type { CommandName, Refusal } from '../domain/commands';
import { decide, startRecord, type ConventionRecord } from '../domain/lifecycle';
import { emailKey, markSent, plannedEmails, type PlannedEmail } from '../domain/reminders';
import { describeStatus } from '../domain/status';
import { commandUpdates, statusQuery, type CommandResult, type ConventionWorkflowInput } from './messages';

// One durable workflow per convention (SPEC §4). It holds the record, applies commands through
// the domain's `decide`, and sends each email the domain's plan says is due, then sleeps until
// the next one or until a command changes the plan.

const { sendEmail } = proxyActivities<Activities>({
  // An SMTP exchange takes seconds; past this the attempt is presumed lost and retried.
  startToCloseTimeout: '15 seconds',
  // SMTP down for a day: retried with backoff, delivered once it is back.
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes' },
});

const { recordDecision } = proxyActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

const refusalFailure = ({ type, message }: Refusal) =>
  ApplicationFailure.create({ type, message, nonRetryable: true });

export async function conventionWorkflow({
  convention,
  record: carried,
}: ConventionWorkflowInput): Promise<never> {
  let record: ConventionRecord = carried ?? startRecord(convention, Date.now());
  // Bumped by every accepted command: the main loop wakes up and plans again.
  let changes = 0;
  const { workflowId, firstExecutionRunId } = workflowInfo();
  // Stable across continue-as-new, distinct if the same convention is ever started afresh.
  const keyPrefix = `${workflowId}/${firstExecutionRunId}`;

  setHandler(statusQuery, () => describeStatus(record, Date.now()));

  // Payloads arrive untyped from outside: `decide` checks them against the command's schema.
  const handleCommand = (name: CommandName) =>
    setHandler(
      commandUpdates[name] as UpdateDefinition<CommandResult, [unknown]>,
      async (payload) => {
        // Decided again here: another update may have been applied since the validator ran.
        const decision = decide(record, name, payload, Date.now());
        if (!decision.ok) throw refusalFailure(decision.refusal);
        record = decision.record;
        changes += 1;
        const { seq, ...entry } = decision.entry;
        await recordDecision({
          idempotencyKey: `${keyPrefix}/register/${seq}`,
          conventionId: convention.id,
          ...entry,
        });
        return { state: record.state, registerSeq: seq };
      },
      {
        validator: (payload) => {
          const decision = decide(record, name, payload, Date.now());
          if (!decision.ok) throw refusalFailure(decision.refusal);
        },
      },
    );
  handleCommand('sign');
  handleCommand('publish');
  handleCommand('confirm-chorus');

  async function deliver(email: PlannedEmail): Promise<void> {
    try {
      await sendEmail({
        idempotencyKey: `${keyPrefix}/${emailKey(email)}`,
        conventionId: convention.id,
        kind: email.kind,
        to: email.to,
        cc: email.cc,
        data: email.data,
      });
    } catch (error) {
      // A rejected address must not hold up every later email of the convention.
      if (!(error instanceof ActivityFailure && error.cause instanceof ApplicationFailure)) throw error;
      log.warn('email rejected by the SMTP server', {
        kind: email.kind,
        to: email.to,
        reason: error.cause.message,
      });
    }
    record = markSent(record, email);
  }

  for (;;) {
    const [next] = plannedEmails(record, Date.now());
    if (next && next.at <= Date.now()) {
      await deliver(next);
      continue;
    }
    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      return continueAsNew<typeof conventionWorkflow>({ convention, record });
    }
    const seen = changes;
    if (next) await condition(() => changes !== seen, next.at - Date.now());
    else await condition(() => changes !== seen);
  }
}
