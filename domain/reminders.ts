import type { TConvention, TParty } from './convention';
import { addCalendarDays, localDateOf, reminderInstant, type LocalDate } from './dates';
import type { EmailData, EmailKind } from './emails';
import type { ConventionRecord } from './lifecycle';
import { delegataire, partiesWithRole, uniqueEmails } from './roles';

// What to send, to whom, and when (SPEC §4.1–§4.3). A pure function of the record and the time:
// the workflow sends what is due and sleeps until the next instant, and tests compute the same
// plan without Temporal.

export interface PlannedEmail {
  /** A request and its reminders form a series, e.g. `signature-reminder:DGPR`. */
  series: string;
  /** 1 for the first email of the series, then 2, 3… (the n-th reminder). */
  occurrence: number;
  kind: EmailKind;
  /** When it is due (epoch ms). */
  at: number;
  to: string[];
  cc: string[];
  data: EmailData;
}

/** The key that identifies one email for good: a retry or a replay never sends it twice. */
export function emailKey(email: Pick<PlannedEmail, 'series' | 'occurrence'>): string {
  return `${email.series}#${email.occurrence}`;
}

interface Series {
  series: string;
  kind: EmailKind;
  to: string[];
  cc?: string[];
  data: EmailData;
  /** Sent once, at this instant. */
  once?: number;
  /** Sent every `reminderEveryDays` after this day, at the reminder hour (working days if so set). */
  everyFrom?: LocalDate;
}

const signatureRecipients = (party: TParty) => uniqueEmails([party.representative.email, ...party.contacts]);
const contactsOf = (parties: readonly TParty[]) => uniqueEmails(parties.flatMap((party) => party.contacts));

function baseData(convention: TConvention): EmailData {
  return { conventionId: convention.id, title: convention.title, startup: convention.startup.name };
}

/** The series of emails that the record calls for now, whether or not they were sent. */
function activeSeries(record: ConventionRecord): Series[] {
  const { convention } = record;
  const tz = convention.schedule.timezone;
  const base = baseData(convention);
  const series: Series[] = [];
  const startedOn = localDateOf(Date.parse(record.startedAt), tz);

  for (const party of convention.parties) {
    if (party.role === 'cofunder' || record.signatures.some((s) => s.party === party.id)) continue;
    const data = {
      ...base,
      party: { id: party.id, name: party.name, representative: party.representative.name },
      since: startedOn,
    };
    const to = signatureRecipients(party);
    series.push({
      series: `signature-request:${party.id}`,
      kind: 'signature-request',
      to,
      data,
      once: Date.parse(record.startedAt),
    });
    series.push({
      series: `signature-reminder:${party.id}`,
      kind: 'signature-reminder',
      to,
      data,
      everyFrom: startedOn,
    });
  }

  if (record.allSignedAt) {
    const signedAt = Date.parse(record.allSignedAt);
    const signedOn = localDateOf(signedAt, tz);
    const data = { ...base, since: signedOn };
    if (!record.chorus) {
      const to = contactsOf(partiesWithRole(convention, 'delegant'));
      series.push({
        series: 'chorus-habilitation-request',
        kind: 'chorus-habilitation-request',
        to,
        data,
        once: signedAt,
      });
      series.push({
        series: 'chorus-habilitation-reminder',
        kind: 'chorus-habilitation-reminder',
        to,
        data,
        everyFrom: signedOn,
      });
    }
    if (!record.publication) {
      const to = contactsOf([delegataire(convention)]);
      series.push({ series: 'publication-request', kind: 'publication-request', to, data, once: signedAt });
      series.push({
        series: 'publication-reminder',
        kind: 'publication-reminder',
        to,
        data,
        everyFrom: signedOn,
      });
    }
  }

  if (record.publication) {
    const { effectiveDate, where, url } = record.publication;
    series.push({
      series: 'convention-in-force',
      kind: 'convention-in-force',
      to: contactsOf(convention.parties),
      cc: convention.roles.cbcm,
      data: { ...base, since: effectiveDate, publication: { where, ...(url ? { url } : {}) } },
      once: Date.parse(record.publication.publishedAt),
    });
  }
  return series;
}

/**
 * The next email of each series the record calls for. A reminder that was missed (the worker was
 * down past several due dates) is not sent in a burst: only the latest due occurrence goes out.
 */
export function plannedEmails(record: ConventionRecord, now: number): PlannedEmail[] {
  const schedule = record.convention.schedule;
  const planned: PlannedEmail[] = [];
  for (const s of activeSeries(record)) {
    const last = record.lastSent[s.series] ?? 0;
    const email = { series: s.series, kind: s.kind, to: s.to, cc: s.cc ?? [], data: s.data };
    if (s.once !== undefined) {
      if (last === 0) planned.push({ ...email, occurrence: 1, at: s.once });
    } else if (s.everyFrom !== undefined) {
      const from = s.everyFrom;
      const due = (n: number) =>
        reminderInstant(addCalendarDays(from, n * schedule.reminderEveryDays), schedule);
      let occurrence = last + 1;
      while (due(occurrence + 1) <= now) occurrence += 1;
      planned.push({
        ...email,
        occurrence,
        at: due(occurrence),
        data: { ...s.data, reminderNumber: occurrence },
      });
    }
  }
  // Stable: emails due at the same instant keep the order of the file (parties as listed).
  return planned.sort((a, b) => a.at - b.at);
}

/** The record once an email has been sent (the plan then moves to the series' next occurrence). */
export function markSent(
  record: ConventionRecord,
  email: Pick<PlannedEmail, 'series' | 'occurrence'>,
): ConventionRecord {
  return {
    ...record,
    lastSent: { ...record.lastSent, [email.series]: email.occurrence },
    emailsSent: record.emailsSent + 1,
  };
}
