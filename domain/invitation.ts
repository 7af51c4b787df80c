import { calendarText, type CalendarPerson } from './calendar';
import { instantAt } from './dates';
import type { CommitteeNoticeData } from './emails';

// The calendar invitation (.ics) attached to a committee's convocation, its reminders and its
// changes. Its UID is the same for all, so that a calendar updates one event rather than adding
// another; its SEQUENCE grows with each change the secretary makes.

/** A committee lasts two hours unless its secretary says otherwise. */
const DEFAULT_MINUTES = 120;

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
        sequence: committee.sequence ?? 0,
        issuedAt,
        // The day is the convention's; until the secretary sets a time, a whole day.
        when: committee.time
          ? meeting(committee.date, committee.time, committee.durationMinutes, committee.timezone)
          : { day: committee.date },
        summary: `Comité d’investissement n° ${committee.number} — ${data.startup}`,
        description: [
          `Comité d’investissement de la startup d’État ${data.startup} (convention ${data.conventionId}).`,
          ...(committee.visio ? [`Visioconférence : ${committee.visio}`] : []),
        ].join('\n'),
        ...(committee.place
          ? { location: committee.place }
          : committee.visio
            ? { location: 'Visioconférence' }
            : {}),
        ...(committee.visio ? { url: committee.visio } : {}),
        organizer: committee.organizer ?? unnamed.organizer,
        attendees: committee.attendees ?? unnamed.attendees.map((email) => ({ email })),
      },
    ],
  });
  return { filename: `comite-investissement-${committee.number}.ics`, content };
}

/** From `time` on `date` in the convention's time zone, for `minutes`. */
function meeting(date: string, time: string, minutes = DEFAULT_MINUTES, timezone = 'Europe/Paris') {
  const [hours, mins] = time.split(':').map(Number) as [number, number];
  const start = instantAt(date, hours, timezone) + mins * 60_000;
  return { start, end: start + minutes * 60_000 };
}
