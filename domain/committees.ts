import type { TDecideCommand, TScheduleCommitteeCommand } from './commands';
import { addCalendarDays, addCalendarMonths, localDateOf, nextWorkingDay, type LocalDate } from './dates';
import {
  accept,
  effectiveDate,
  refuse,
  type CommandOutcome,
  type CommitteePlan,
  type CommitteeRecord,
  type CommitteeSetting,
  type ConventionRecord,
  type CommandRules,
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

/** How committee n was set by its secretary, if it was. */
export const committeePlan = (record: ConventionRecord, number: number): CommitteePlan | undefined =>
  record.committeePlans?.find((plan) => plan.number === number);

/** The date of committee n (1, 2…), once the convention is in force: the schedule's, or the secretary's. */
export function committeeDate(record: ConventionRecord, number: number): LocalDate | undefined {
  const effective = effectiveDate(record);
  if (!effective) return undefined;
  return (
    committeePlan(record, number)?.date ??
    nextWorkingDay(addCalendarMonths(effective, number * record.convention.schedule.committeeEveryMonths))
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

/** A committee's commands are its secretary's (or an admin's), once the convention is in force. */
function secretaryOnly(
  record: ConventionRecord,
  actor: string,
  command: 'decide' | 'schedule-committee',
): CommandOutcome | undefined {
  const { convention } = record;
  const secretary = convention.roles.committeeSecretary;
  if (actor.toLowerCase() !== secretary.email.toLowerCase() && !isAdmin(convention, actor))
    return refuse('NotAllowed', 'not-secretary', { actor, secretary, command });
  if (!effectiveDate(record)) return refuse('WrongState', 'not-in-force', { command });
  return undefined;
}

/** From the convocation on, a committee's decision can be recorded (on its day, or as an early meeting). */
function openFrom(record: ConventionRecord, slot: CommitteeSlot): LocalDate {
  return addCalendarDays(slot.date, -Math.max(...record.convention.schedule.committeeNoticeDays));
}

/**
 * Since COMMITTEE_DAY (`rules.committeeDay`), a decision is taken from the committee's day, or
 * before it only when the secretary says on which day it met (`heldOn`, not after today, after the
 * committee before it): minutes of a meeting yet to come are not sent.
 */
function beforeItsDay(
  record: ConventionRecord,
  slot: CommitteeSlot,
  heldOn: LocalDate | undefined,
  today: LocalDate,
): CommandOutcome | undefined {
  if (heldOn === undefined)
    return slot.date > today
      ? refuse('WrongState', 'decide-before-committee', { committee: slot.number, date: slot.date, today })
      : undefined;
  const after =
    slot.number > 1 ? committeeDate(record, slot.number - 1)! : addCalendarDays(effectiveDate(record)!, -1);
  if (heldOn > today || heldOn <= after)
    return refuse('WrongState', 'committee-held-on', { committee: slot.number, heldOn, today, after });
  return undefined;
}

export function decideCommittee(
  record: ConventionRecord,
  command: TDecideCommand,
  at: string,
  rules: CommandRules,
): CommandOutcome {
  const { convention } = record;
  const refused = secretaryOnly(record, command.as, 'decide');
  if (refused) return refused;

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

  if (rules.committeeDay) {
    const early = beforeItsDay(record, slot, command.heldOn, today);
    if (early) return early;
  }

  const decided: CommitteeRecord = {
    number: slot.number,
    scheduledOn: slot.date,
    ...(command.heldOn ? { heldOn: command.heldOn } : {}),
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

const SETTING_FIELDS = ['date', 'time', 'durationMinutes', 'place', 'visio'] as const;

/**
 * The secretary (or an admin) sets or moves a committee still to decide: its day, between the
 * committees around it and not in the past nor after the end, its time, length, place or visio
 * link. Its calendar invitation takes the next SEQUENCE; once convened, everyone is told what
 * changed (`committee-rescheduled`).
 */
export function scheduleCommittee(
  record: ConventionRecord,
  command: TScheduleCommitteeCommand,
  at: string,
): CommandOutcome {
  const { convention } = record;
  const refused = secretaryOnly(record, command.as, 'schedule-committee');
  if (refused) return refused;
  const today = localDateOf(Date.parse(at), convention.schedule.timezone);
  const end = lastDay(record);
  const number =
    command.committee ??
    committeeSlots(record, today).find((slot) => !slot.decided && slot.date >= today)?.number;
  const current = number === undefined ? undefined : committeeDate(record, number);
  if (number === undefined || !current || (end && current > end))
    return refuse('WrongState', 'no-committee-to-schedule', {
      ...(command.committee ? { committee: command.committee } : {}),
    });
  const decided = record.committees.find((c) => c.number === number);
  if (decided)
    return refuse('AlreadyDone', 'already-decided', {
      committee: number,
      date: decided.scheduledOn,
      decision: decided.decision,
      at: decided.at,
    });
  const date = command.date ?? current;
  if (date < today) return refuse('WrongState', 'committee-date-past', { committee: number, date, today });
  if (end && date > end)
    return refuse('WrongState', 'committee-date-after-end', { committee: number, date, end });
  const previous = number > 1 ? committeeDate(record, number - 1) : undefined;
  const next = committeeDate(record, number + 1);
  if ((previous && date <= previous) || (next && date >= next))
    return refuse('WrongState', 'committee-date-order', {
      committee: number,
      date,
      ...(previous ? { previous } : {}),
      ...(next && (!end || next <= end) ? { next } : {}),
    });

  const plan = committeePlan(record, number);
  // Kept: what the secretary chose, the day only when moved (a later avenant may change the schedule's).
  const setting = { ...settingOf(plan ?? {}), ...settingOf(command) };
  const before: CommitteeSetting = { ...settingOf(plan ?? {}), date: current };
  const after: CommitteeSetting = { ...setting, date };
  const changes = SETTING_FIELDS.filter((field) => before[field] !== after[field]).map((field) => ({
    field,
    ...(before[field] !== undefined ? { before: String(before[field]) } : {}),
    ...(after[field] !== undefined ? { after: String(after[field]) } : {}),
  }));
  if (!changes.length) return refuse('AlreadyDone', 'committee-unchanged', { committee: number });
  const settled: CommitteePlan = {
    ...setting,
    number,
    sequence: (plan?.sequence ?? 0) + 1,
    changes,
    afterConvocation: (record.lastSent[`committee-convocation:${number}`] ?? 0) > 0,
    by: command.as,
    at,
  };
  return accept(record, 'schedule-committee', { ...command, committee: number }, at, (accepted) => ({
    ...accepted,
    committeePlans: [...(accepted.committeePlans ?? []).filter((p) => p.number !== number), settled].sort(
      (a, b) => a.number - b.number,
    ),
  }));
}

/** The fields of a committee's setting that `source` gives. */
export const settingOf = (source: CommitteeSetting): CommitteeSetting =>
  Object.fromEntries(
    SETTING_FIELDS.flatMap((field) => (source[field] === undefined ? [] : [[field, source[field]]])),
  );
