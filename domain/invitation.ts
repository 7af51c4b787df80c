import { createEvent, type EventAttributes } from 'ics';
import type { CommitteeNoticeData } from './emails';

// The calendar invitation (.ics) attached to a committee's convocation and reminders. Its UID is
// the same for both, so that a calendar updates one event rather than adding another.

export interface Invitation {
  filename: string;
  content: string;
}

export function committeeInvitation(
  data: CommitteeNoticeData,
  organizer: { name: string; email: string },
  attendees: readonly string[],
  /** DTSTAMP: when the invitation is issued (the email's date). */
  issuedAt: number,
): Invitation {
  const committee = data.committee;
  const [year, month, day] = committee.date.split('-').map(Number) as [number, number, number];
  // DTSTAMP comes from `timestamp`, which the library reads but its typings omit.
  const attributes: EventAttributes & { timestamp: number } = {
    uid: `${data.conventionId}.committee-${committee.number}@conventions.beta.gouv.fr`,
    productId: 'conventions-beta-gouv/ics',
    method: 'REQUEST',
    title: `Comité d’investissement n° ${committee.number} — ${data.startup}`,
    description: `Comité d’investissement de la startup d’État ${data.startup} (convention ${data.conventionId}).`,
    // The day is set by the convention; the time is the délégant's to fix: an all-day event.
    start: [year, month, day],
    duration: { days: 1 },
    organizer,
    attendees: attendees.map((email) => ({ email, rsvp: true, role: 'REQ-PARTICIPANT' })),
    timestamp: issuedAt,
  };
  const { error, value } = createEvent(attributes);
  if (error || !value)
    throw new Error(`cannot build the invitation for committee ${committee.number}: ${error?.message}`);
  return { filename: `comite-investissement-${committee.number}.ics`, content: value };
}
