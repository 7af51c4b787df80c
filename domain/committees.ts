import type { TDecideCommand } from './commands';
import { addCalendarDays, addCalendarMonths, localDateOf, nextWorkingDay, type LocalDate } from './dates';
import {
  accept,
  effectiveDate,
  refuse,
  type CommandOutcome,
  type CommitteeRecord,
  type ConventionRecord,
} from './record';
import { noticeOnBehalf } from './notice';
import { isAdmin } from './roles';

// The six-monthly comité d'investissement (SPEC §4.4, art. 2 of the seed): committee n meets
// n × committeeEveryMonths after the effective date, on a working day. Its decision, recorded by
// the secretary or an admin, drives the phase of the startup and may stop the délégation.

export interface CommitteeSlot {
  number: number;
  date: LocalDate;
  decided?: CommitteeRecord;
}

/** The date of committee n (1, 2…), once the convention is in force. */
export function committeeDate(record: ConventionRecord, number: number): LocalDate | undefined {
  const effective = effectiveDate(record);
  if (!effective) return undefined;
  return nextWorkingDay(
    addCalendarMonths(effective, number * record.convention.schedule.committeeEveryMonths),
  );
}

/** The day the convention ends with respect to committees: none meets after it. */
function lastDay(record: ConventionRecord): LocalDate | undefined {
  const { timezone, endsOn } = record.convention.schedule;
  if (record.end) return localDateOf(Date.parse(record.end.at) - 1, timezone);
  return endsOn;
}

/**
 * Every committee from the first to the first one still to come after `today` (or the last before
 * the end), with its decision when recorded.
 */
export function committeeSlots(record: ConventionRecord, today: LocalDate): CommitteeSlot[] {
  const slots: CommitteeSlot[] = [];
  const end = lastDay(record);
  for (let number = 1; ; number += 1) {
    const date = committeeDate(record, number);
    if (!date || (end && date > end)) break;
    slots.push({ number, date, decided: record.committees.find((c) => c.number === number) });
    if (date > today) break;
  }
  return slots;
}

/** From the convocation on, a committee's decision can be recorded. */
function openFrom(record: ConventionRecord, slot: CommitteeSlot): LocalDate {
  return addCalendarDays(slot.date, -Math.max(...record.convention.schedule.committeeNoticeDays));
}

export function decideCommittee(
  record: ConventionRecord,
  command: TDecideCommand,
  at: string,
): CommandOutcome {
  const { convention } = record;
  const secretary = convention.roles.committeeSecretary;
  if (command.as.toLowerCase() !== secretary.email.toLowerCase() && !isAdmin(convention, command.as))
    return refuse('NotAllowed', 'not-secretary', { actor: command.as, secretary });
  if (!effectiveDate(record)) return refuse('WrongState', 'not-in-force', { command: 'decide' });

  const today = localDateOf(Date.parse(at), convention.schedule.timezone);
  const slots = committeeSlots(record, today);
  const open = slots.filter((slot) => openFrom(record, slot) <= today);
  let slot: CommitteeSlot | undefined;
  if (command.committee !== undefined) {
    slot = slots.find((s) => s.number === command.committee);
    if (!slot || !open.includes(slot)) {
      const date = committeeDate(record, command.committee);
      return refuse('WrongState', 'decide-before-convocation', {
        committee: command.committee,
        ...(date ? { date } : {}),
      });
    }
    if (slot.decided)
      return refuse('AlreadyDone', 'already-decided', {
        committee: slot.number,
        date: slot.date,
        decision: slot.decided.decision,
        at: slot.decided.at,
      });
  } else {
    slot = open.find((s) => !s.decided);
    if (!slot) {
      const next = slots.find((s) => !s.decided);
      return refuse(
        'WrongState',
        'no-committee-awaits',
        next ? { next: { committee: next.number, date: next.date, from: openFrom(record, next) } } : {},
      );
    }
  }

  const decided: CommitteeRecord = {
    number: slot.number,
    scheduledOn: slot.date,
    decision: command.decision,
    ...(command.phase ? { phase: command.phase } : {}),
    ...(command.notes ? { notes: command.notes } : {}),
    conditions: command.conditions,
    by: command.as,
    at,
  };
  // Stopping abandons the startup unless the committee says otherwise.
  const phase = command.phase ?? (command.decision === 'stop' ? 'abandon' : undefined);
  return accept(record, 'decide', { ...command, committee: slot.number }, at, (accepted) => {
    const next = {
      ...accepted,
      committees: [...accepted.committees, decided].sort((a, b) => a.number - b.number),
      phases: phase ? [...accepted.phases, { phase, since: at, committee: slot.number }] : accepted.phases,
    };
    // Art. 7: stopping the startup ends the délégation, with notice given on the délégant's behalf.
    return command.decision === 'stop'
      ? noticeOnBehalf(
          next,
          'delegant',
          command.as,
          `committee ${slot.number} decided to stop`,
          at,
          slot.number,
        )
      : next;
  });
}
