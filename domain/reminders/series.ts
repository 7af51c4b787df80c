import type { TConvention, TParty } from '../convention';
import type { LocalDate } from '../dates';
import type { ConventionData, EmailOf } from '../emails';
import { chaseOf, type PendingAction, recipientsOf, type WaitingOn } from '../pending';
import type { ConventionRecord } from '../record';
import { uniqueEmails } from '../roles';

// A series: a request and its reminders, or one email, as the record calls for it; what the
// areas' series share.

export type Series = EmailOf & {
  series: string;
  to: string[];
  cc?: string[];
  /** Sent once, at this instant. */
  once?: number;
  /**
   * Sent `firstAfterDays` after this day, then every `reminderEveryDays`, at the reminder hour;
   * spaced out after `escalateAfter` (`reminderOffsetDays`).
   */
  recurring?: {
    from: LocalDate;
    firstAfterDays: number;
    /** Since when the action has been awaited, when not since `from`. */
    waitingSince?: LocalDate;
  };
  /** Whom a recurring series copies once it escalates: the representatives of the parties that must act. */
  escalateTo?: WaitingOn[];
};

export const contactsOf = (parties: readonly TParty[]) =>
  uniqueEmails(parties.flatMap((party) => party.contacts));

export function baseData(convention: TConvention): ConventionData {
  return { conventionId: convention.id, title: convention.title, startup: convention.startup.name };
}

/**
 * The emails that chase a pending action, to those it waits on, as its rule says (domain/pending.ts):
 * its request, unless the day it reminds of has passed, then its reminders. The monthly reports'
 * shared reminders are `reportSeries`'s.
 */
export function chaseSeries(
  action: PendingAction,
  record: ConventionRecord,
  today: LocalDate,
  { data, cc }: { data: EmailOf['data']; cc?: string[] },
): Series[] {
  const chase = chaseOf(action, record);
  if ('notChased' in chase || 'together' in chase.reminders) return [];
  const { request, reminders, escalateTo } = chase;
  const to = recipientsOf(action.waitingOn);
  // The rule names the kind; the caller gives the data of that kind.
  const email = ({ kind, series }: { kind: EmailOf['kind']; series: string }) =>
    ({ series, kind, to, ...(cc ? { cc } : {}), data }) as Series;
  const { from, firstAfterDays } = reminders;
  return [
    ...(request && !(request.until && request.until < today)
      ? [{ ...email(request), once: request.at }]
      : []),
    { ...email(reminders), recurring: { from, firstAfterDays }, escalateTo },
  ];
}
