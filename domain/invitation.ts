import { calendarText, type CalendarEvent, type CalendarPerson } from './calendar';
import { instantAt, type LocalDate } from './dates';
import type { CommitteeNoticeData, CommitteeRef, CommitteeSettingData } from './emails';
import { conventionName } from './french/words';

// A committee as a calendar event, and the invitation (.ics) attached to its convocation, its
// reminders and its changes. Its UID is the same for all, and in the people's feeds (domain/feed.ts),
// so that a calendar updates one event rather than adding another; its SEQUENCE grows with each
// change the secretary makes.

export interface Invitation {
  filename: string;
  content: string;
}

/** A committee lasts two hours unless its secretary says otherwise. */
const DEFAULT_MINUTES = 120;

/** What a committee's event is made of: the convention, the committee, and when and where it meets. */
export interface CommitteeEventData {
  conventionId: string;
  /** The convention's title: the event's name says which convention, two of one startup told apart. */
  title: string;
  startup: string;
  committee: Pick<CommitteeRef, 'number' | 'date'> & CommitteeSettingData;
}

export function committeeEvent(
  { conventionId, title, startup, committee }: CommitteeEventData,
  issuedAt: number,
): CalendarEvent {
  return {
    uid: `${conventionId}.committee-${committee.number}@conventions.beta.gouv.fr`,
    sequence: committee.sequence ?? 0,
    issuedAt,
    // The day is the convention's; until the secretary sets a time, a whole day.
    when: committee.time
      ? meeting(committee.date, committee.time, committee.durationMinutes, committee.timezone)
      : { day: committee.date },
    summary: `Comité d’investissement n° ${committee.number} — ${conventionName(title, startup)}`,
    description: [
      `Comité d’investissement de la startup d’État ${startup} (convention ${conventionId}).`,
      ...(committee.visio ? [`Visioconférence : ${committee.visio}`] : []),
    ].join('\n'),
    ...(committee.place
      ? { location: committee.place }
      : committee.visio
        ? { location: 'Visioconférence' }
        : {}),
    ...(committee.visio ? { url: committee.visio } : {}),
  };
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
        ...committeeEvent(data, issuedAt),
        organizer: committee.organizer ?? unnamed.organizer,
        attendees: committee.attendees ?? unnamed.attendees.map((email) => ({ email })),
      },
    ],
  });
  return { filename: `comite-investissement-${committee.number}.ics`, content };
}

/** From `time` on `date` in the convention's time zone, for `minutes`. */
function meeting(date: LocalDate, time: string, minutes = DEFAULT_MINUTES, timezone = 'Europe/Paris') {
  const [hours, mins] = time.split(':').map(Number) as [number, number];
  const start = instantAt(date, hours, timezone) + mins * 60_000;
  return { start, end: start + minutes * 60_000 };
}
