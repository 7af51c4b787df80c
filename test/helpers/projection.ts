import type { CommandName } from '../../domain/commands';
import type { TConvention } from '../../domain/convention';
import {
  advance,
  applyCommand,
  nextTransitionAt,
  startRecord,
  type ConventionRecord,
} from '../../domain/lifecycle';
import { markSent, plannedEmails, type PlannedEmail } from '../../domain/reminders';
import { dueYearStatement, nextBudgetInstant } from '../../domain/budget-year';

// What the domain alone says a convention sends, played without Temporal: tests compare it with
// what the real workflow actually sent.

export interface ProjectedEmail {
  kind: string;
  series: string;
  at: number;
  to: string[];
  cc: string[];
  reminder?: number;
  data: PlannedEmail['data'];
}

/**
 * Plays the clock from `from` to `until` as the workflow does: let time change the record, send
 * what is due, else sleep to the next email or change of state.
 */
export function playClock(record: ConventionRecord, from: number, until: number) {
  const sent: ProjectedEmail[] = [];
  let now = from;
  for (;;) {
    record = advance(record, now);
    const statement = dueYearStatement(record, now);
    if (statement) {
      record = statement.record;
      continue;
    }
    const [next] = plannedEmails(record, now);
    if (next && next.at <= now) {
      sent.push({
        kind: next.kind,
        series: next.series,
        at: now,
        to: next.to,
        cc: next.cc,
        reminder: next.data.reminderNumber,
        data: next.data,
      });
      record = markSent(record, next);
      continue;
    }
    const wake = Math.min(
      next?.at ?? Infinity,
      nextTransitionAt(record) ?? Infinity,
      nextBudgetInstant(record, now) ?? Infinity,
    );
    if (wake > until) return { record, sent };
    now = wake;
  }
}

export interface TimedCommand {
  at: number;
  name: CommandName;
  payload: unknown;
}

/** Every email from the start to `until`, with the commands applied at their instants (as the workflow does: a refusal changes nothing unless it has a consequence). */
export function project(
  convention: TConvention,
  startedAt: number,
  commands: readonly TimedCommand[],
  until: number,
) {
  let record: ConventionRecord = startRecord(convention, startedAt);
  let now = startedAt;
  const sent: ProjectedEmail[] = [];
  for (const command of [...commands].sort((a, b) => a.at - b.at)) {
    const before = playClock(record, now, command.at);
    sent.push(...before.sent);
    const decision = applyCommand(before.record, command.name, command.payload, command.at);
    record = decision.ok ? decision.record : (decision.consequence?.record ?? before.record);
    now = command.at;
  }
  const rest = playClock(record, now, until);
  return { record: rest.record, sent: [...sent, ...rest.sent] };
}
