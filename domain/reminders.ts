import type { TSchedule } from './convention';
import { addCalendarDays, type LocalDate, localDateOf, reminderInstant } from './dates';
import type { ConventionData, EmailOf } from './emails';
import { pendingActions, type WaitingOn } from './pending';
import type { ConventionRecord } from './record';
import { budgetYearSeries } from './reminders/budget-year';
import { circuitSeries, versionSeries } from './reminders/circuit';
import { closingSeries } from './reminders/closing';
import { committeeSeries } from './reminders/committees';
import { availabilitySeries, creditSeries } from './reminders/credits';
import { commitmentSeries, noticeSeries } from './reminders/notice';
import { reportReceivedSeries, reportSeries } from './reminders/reports';
import type { Series } from './reminders/series';
import { inForceSeries, signingSeries } from './reminders/signing';
import { forgetTexts } from './reports';
import { sameEmail, uniqueEmails } from './roles';

// What to send, to whom, and when (SPEC §4). A pure function of the record and the time: the
// workflow sends what is due and sleeps until the next instant, and tests compute the same plan
// without Temporal. The series of each area are in reminders/ (as emails/ has their templates).

export type PlannedEmail = EmailOf & {
  /** A request and its reminders form a series, e.g. `signature-reminder:DGPR`. */
  series: string;
  /** 1 for the first email of the series, then 2, 3… (the n-th reminder). */
  occurrence: number;
  /** When it is due (epoch ms). */
  at: number;
  to: string[];
  cc: string[];
};

/** The key that identifies one email for good: a retry or a replay never sends it twice. */
export function emailKey(email: Pick<PlannedEmail, 'series' | 'occurrence'>): string {
  return `${email.series}#${email.occurrence}`;
}

/** The series of emails that the record calls for now, whether or not they were sent. */
function activeSeries(record: ConventionRecord, now: number): Series[] {
  const today = localDateOf(now, record.convention.schedule.timezone);
  // The pending actions' requests and reminders are built from the table of who acts next.
  const pending = pendingActions(record, now);
  // This order is the order of emails due at the same instant: keep it.
  return [
    ...versionSeries(record),
    ...circuitSeries(record, pending, today),
    ...signingSeries(record, pending, today),
    ...inForceSeries(record),
    ...creditSeries(record),
    ...availabilitySeries(record, pending, today),
    ...commitmentSeries(record, pending, today),
    ...noticeSeries(record),
    ...committeeSeries(record, today),
    ...reportSeries(record, today),
    ...closingSeries(record, pending, today),
    ...budgetYearSeries(record, now),
  ];
}

/**
 * Days from a series' first reminder to its n-th (SPEC §10): every `reminderEveryDays`, then each
 * one after the `escalateAfter`-th waits twice as long as the one before, up to
 * `reminderCeilingDays` (never less than the usual interval).
 */
export function reminderOffsetDays(n: number, schedule: TSchedule): number {
  const every = schedule.reminderEveryDays;
  const ceiling = Math.max(every, schedule.reminderCeilingDays);
  let days = 0;
  for (let k = 2; k <= n; k++)
    days +=
      k <= schedule.escalateAfter ? every : Math.min(every * 2 ** (k - schedule.escalateAfter), ceiling);
  return days;
}

/**
 * The n-th reminder of a series says so; past `escalateAfter` without action, it
 * copies the representatives of the parties that must act and says since when, and how many
 * reminders went before.
 */
function reminderOf<E extends { to: string[]; cc: string[]; data: ConventionData }>(
  email: E,
  escalateTo: readonly WaitingOn[] | undefined,
  record: ConventionRecord,
  n: number,
  since: LocalDate,
): E {
  const numbered = { ...email, data: { ...email.data, reminderNumber: n } };
  if (n <= record.convention.schedule.escalateAfter) return numbered;
  const representatives = (escalateTo ?? []).flatMap(({ party }) => {
    const acting = record.convention.parties.find((p) => p.id === party);
    return acting && !email.to.some((to) => sameEmail(to, acting.representative.email)) ? [acting] : [];
  });
  if (!representatives.length) return numbered;
  return {
    ...numbered,
    cc: uniqueEmails([...email.cc, ...representatives.map((p) => p.representative.email)]),
    data: {
      ...numbered.data,
      escalation: {
        since,
        remindersBefore: n - 1,
        copied: representatives.map(({ name, representative }) => ({
          name: representative.name,
          title: representative.title,
          party: name,
        })),
      },
    },
  };
}

/**
 * The next email of each series the record calls for. A reminder that was missed (the worker was
 * down past several due dates) is not sent in a burst: only the latest due occurrence goes out.
 */
export function plannedEmails(record: ConventionRecord, now: number): PlannedEmail[] {
  const schedule = record.convention.schedule;
  const planned: PlannedEmail[] = [];
  for (const { once, recurring, cc, escalateTo, ...email } of activeSeries(record, now)) {
    const last = record.lastSent[email.series] ?? 0;
    if (once !== undefined) {
      if (last === 0) planned.push({ ...email, cc: cc ?? [], occurrence: 1, at: once });
    } else if (recurring) {
      const { from, firstAfterDays } = recurring;
      const due = (n: number) =>
        reminderInstant(addCalendarDays(from, firstAfterDays + reminderOffsetDays(n, schedule)), schedule);
      let occurrence = last + 1;
      while (due(occurrence + 1) <= now) occurrence += 1;
      planned.push({
        ...reminderOf(
          { ...email, cc: cc ?? [] },
          escalateTo,
          record,
          occurrence,
          recurring.waitingSince ?? from,
        ),
        occurrence,
        at: due(occurrence),
      });
    }
  }
  // Stable: emails due at the same instant keep the order above (parties as listed in the file).
  return planned.sort((a, b) => a.at - b.at);
}

/**
 * The record once an email has been sent (the plan then moves to the series' next occurrence).
 * A monthly report forwarded to the délégant leaves only its digest behind.
 */
export function markSent(
  record: ConventionRecord,
  email: Pick<PlannedEmail, 'series' | 'occurrence'>,
): ConventionRecord {
  const lastSent = { ...record.lastSent, [email.series]: email.occurrence };
  return {
    ...record,
    lastSent,
    emailsSent: record.emailsSent + 1,
    reports: forgetTexts(record.reports, (report) => reportReceivedSeries(report) in lastSent),
  };
}

/**
 * The record once an email was withdrawn before it went (its action done meanwhile): its
 * occurrence is behind the plan as if sent, and it is not counted among the emails sent.
 */
export function markWithdrawn(
  record: ConventionRecord,
  email: Pick<PlannedEmail, 'series' | 'occurrence'>,
): ConventionRecord {
  return { ...markSent(record, email), emailsSent: record.emailsSent };
}
