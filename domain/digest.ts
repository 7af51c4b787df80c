import {
  addCalendarDays,
  dayOfWeek,
  daysBetween,
  localDateOf,
  reminderInstant,
  type LocalDate,
} from './dates';
import type { ConventionData } from './emails/data';
import type { PendingAction } from './pending';
import { sameEmail } from './roles';

// The weekly digest (SPEC §10): a person may take one email a week listing everything that waits
// on them across their conventions, instead of the individual reminders. First requests,
// convocations and urgent matters still go at once. When it goes, which week it is, and what it
// holds back: pure, for the worker, the console and their tests.

/** When digests go: the first working day of each week, at this hour, on this clock. */
export const DIGEST_TIMING = { timezone: 'Europe/Paris', reminderHour: 9, workingDaysOnly: true } as const;

/** The Monday of the week a day falls in (weeks start on Monday, ISO 8601). */
export function mondayOf(date: LocalDate): LocalDate {
  return addCalendarDays(date, -((dayOfWeek(date) + 6) % 7));
}

/** The ISO 8601 week of a day, `2027-W01`: the week belongs to the year of its Thursday. */
export function isoWeekOf(date: LocalDate): string {
  const thursday = addCalendarDays(mondayOf(date), 3);
  const year = thursday.slice(0, 4);
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** A week's digest: when it goes (the week's first working day at the hour), and which week it is. */
export interface DigestSlot {
  at: number;
  week: string;
  monday: LocalDate;
}

/** The first digest strictly after `now`. */
export function nextDigest(now: number): DigestSlot {
  let monday = mondayOf(localDateOf(now, DIGEST_TIMING.timezone));
  for (;;) {
    const at = reminderInstant(monday, DIGEST_TIMING);
    if (at > now) return { at, week: isoWeekOf(monday), monday };
    monday = addCalendarDays(monday, 7);
  }
}

/**
 * Whether a digest reader gets this email in their digest rather than at once: the reminders of a
 * series (they are numbered), which repeat what the digest lists. A first request, a convocation
 * and its reminder before the committee, a notice, an insufficiency or a suspension are not.
 */
export const heldForDigest = (data: ConventionData) => data.reminderNumber !== undefined;

/**
 * Who still gets an email once digest readers are held back from it: those it is addressed to who
 * do not read a digest, and everyone in copy (an escalation's representative, whose digest does not
 * list the action). With no one left to address it to, those in copy are addressed.
 */
export function withoutDigestReaders(
  { to, cc }: { to: readonly string[]; cc: readonly string[] },
  readers: readonly string[],
): { to: string[]; cc: string[]; held: string[] } {
  const reads = (email: string) => readers.some((reader) => sameEmail(reader, email));
  const held = to.filter(reads);
  const kept = to.filter((email) => !reads(email));
  return kept.length ? { to: kept, cc: [...cc], held } : { to: [...cc], cc: [], held };
}

/** An action that waits on a person, in one of their conventions. */
export interface AwaitedAction {
  conventionId: string;
  /** The convention's title, as its people know it (its id is a reference, not a name). */
  title: string;
  startup: string;
  action: PendingAction;
}

/** Soonest deadline first; those without one after, oldest first. */
export function byUrgency(a: AwaitedAction, b: AwaitedAction): number {
  const due = (x: AwaitedAction) => x.action.deadline ?? '9999-12-31';
  return due(a).localeCompare(due(b)) || a.action.since.localeCompare(b.action.since);
}

/** The digest's `X-Convention-Kind`. */
export const DIGEST_KIND = 'weekly-digest';

/** The key of a person's digest of a week, in the sent-email log: one email per person and week. */
export const digestKey = (personHash: string, week: string) => `digest/${personHash}/${week}`;
