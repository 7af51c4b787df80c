import { calendarText, type CalendarPerson } from './calendar';
import type { CommitteeNoticeData } from './emails';

// The calendar invitation (.ics) attached to a committee's convocation and reminders. Its UID is
// the same for both, so that a calendar updates one event rather than adding another.

export interface Invitation {
  filename: string;
  content: string;
}

export function committeeInvitation(
  data: CommitteeNoticeData,
  /** Emails planned before invitations named their people: the sender organizes, the recipients attend. */
  unnamed: { organizer: CalendarPerson; attendees: readonly string[] },
  /** DTSTAMP: when the invitation is issued (the email's date). */
  issuedAt: number,
): Invitation {
  const { committee } = data;
  const content = calendarText({
    method: 'REQUEST',
    events: [
      {
        uid: `${data.conventionId}.committee-${committee.number}@conventions.beta.gouv.fr`,
        sequence: 0,
        issuedAt,
        // The day is set by the convention; the time is the délégant's to fix: an all-day event.
        day: committee.date,
        summary: `Comité d’investissement n° ${committee.number} — ${data.startup}`,
        description: `Comité d’investissement de la startup d’État ${data.startup} (convention ${data.conventionId}).`,
        organizer: committee.organizer ?? unnamed.organizer,
        attendees: committee.attendees ?? unnamed.attendees.map((email) => ({ email })),
      },
    ],
  });
  return { filename: `comite-investissement-${committee.number}.ics`, content };
}
