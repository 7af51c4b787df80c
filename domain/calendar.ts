import { withoutControls } from './characters';
import type { LocalDate } from './dates';

// iCalendar (RFC 5545) as the project writes it: committee invitations, and later the people's
// feeds. Small enough to write by hand, so that every line is one the RFC's grammar allows (tests
// read each object with a strict parser): CRLF line ends, lines folded at 75 octets without
// splitting a character, text escaped, parameter values quoted, URIs percent-encoded. The fields
// refuse controls (domain/fields.ts), but a value stored before they did may hold some: each value
// is made safe here on its own, so that none can end a line and begin another (issue 28).

export interface CalendarPerson {
  email: string;
  /** The common name, when the convention gives one. */
  name?: string;
}

export interface CalendarEvent {
  /** Stable for the life of the event: a calendar updates the event it already has. */
  uid: string;
  /** 0 when first issued, higher with each change (RFC 5545 §3.8.7.4). */
  sequence: number;
  /** DTSTAMP: when this version was issued (epoch ms). */
  issuedAt: number;
  /** A whole day (DTSTART and DTEND, the day after, as dates), or two instants (epoch ms, written in UTC). */
  when: { day: LocalDate } | { start: number; end: number };
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  organizer?: CalendarPerson;
  attendees?: readonly CalendarPerson[];
}

const PRODUCT_ID = '-//beta.gouv.fr//Conventions de délégation de gestion//FR';

const utf8 = new TextEncoder();

/** TEXT values (§3.3.11): controls dropped, then backslash, semicolon, comma and line breaks (a lone CR too) escaped. */
const text = (value: string) =>
  withoutControls(value, 'keep')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\n/g, '\\n');

/**
 * A parameter value (§3.2): on one line, controls dropped, and quoted, which lets it hold `:;,`;
 * a double quote, the one character a quoted value cannot hold, becomes a single one.
 */
const param = (value: string) => `"${withoutControls(value, 'as-space').replace(/"/g, "'")}"`;

/**
 * A URI value (§3.3.13): what RFC 3986 does not let a URI hold as it is — a space, `"<>`, a
 * control, a letter beyond ASCII — percent-encoded as UTF-8; an escape already made is kept.
 */
const uri = (value: string) =>
  value.replace(/%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/gu, (character) =>
    Array.from(
      utf8.encode(character),
      (octet) => `%${octet.toString(16).toUpperCase().padStart(2, '0')}`,
    ).join(''),
  );

const basicDate = (day: LocalDate) => day.replaceAll('-', '');

function nextDay(day: LocalDate): LocalDate {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date + 1)).toISOString().slice(0, 10);
}

/** UTC date-time (§3.3.5, form 2): 20261201T093000Z. */
const utc = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** Folds a content line at 75 octets (§3.1), never inside a UTF-8 sequence. */
function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const character of line) {
    const size = utf8.encode(character).length;
    // The first line holds 75 octets; the next ones 74 after their leading space.
    if (octets + size > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += character;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const person = (property: 'ORGANIZER' | 'ATTENDEE', who: CalendarPerson, extra = '') =>
  `${property}${who.name ? `;CN=${param(who.name)}` : ''}${extra}:mailto:${uri(who.email)}`;

function eventLines(event: CalendarEvent): string[] {
  return [
    'BEGIN:VEVENT',
    `UID:${text(event.uid)}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${utc(event.issuedAt)}`,
    ...('day' in event.when
      ? [
          `DTSTART;VALUE=DATE:${basicDate(event.when.day)}`,
          `DTEND;VALUE=DATE:${basicDate(nextDay(event.when.day))}`,
        ]
      : [`DTSTART:${utc(event.when.start)}`, `DTEND:${utc(event.when.end)}`]),
    `SUMMARY:${text(event.summary)}`,
    ...(event.description ? [`DESCRIPTION:${text(event.description)}`] : []),
    ...(event.location ? [`LOCATION:${text(event.location)}`] : []),
    ...(event.url ? [`URL:${uri(event.url)}`] : []),
    ...(event.organizer ? [person('ORGANIZER', event.organizer)] : []),
    // No reply is asked: the invitation comes from an address nobody reads.
    ...(event.attendees ?? []).map((who) =>
      person('ATTENDEE', who, ';CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;RSVP=FALSE'),
    ),
    // A whole day: the hours are not known, the event does not mark the day as busy.
    `TRANSP:${'day' in event.when ? 'TRANSPARENT' : 'OPAQUE'}`,
    'END:VEVENT',
  ];
}

/**
 * A VCALENDAR of `events`: `method: 'REQUEST'` for an invitation sent by email (RFC 5546); none
 * for a feed a calendar subscribes to (no scheduling, so no organizer is needed).
 */
export function calendarText({
  events,
  method,
  name,
  timezone,
}: {
  events: readonly CalendarEvent[];
  method?: 'REQUEST';
  /** A feed's name in the calendars that subscribe to it (X-WR-CALNAME, read by most of them). */
  name?: string;
  /** The zone its times are shown in (X-WR-TIMEZONE); the times themselves stay in UTC. */
  timezone?: string;
}): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODUCT_ID}`,
    'CALSCALE:GREGORIAN',
    ...(method ? [`METHOD:${method}`] : []),
    ...(name ? [`X-WR-CALNAME:${text(name)}`] : []),
    ...(timezone ? [`X-WR-TIMEZONE:${text(timezone)}`] : []),
    ...events.flatMap(eventLines),
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}
