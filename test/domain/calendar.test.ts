import { describe, expect, it } from 'vitest';
import { calendarText } from '../../domain/calendar';
import type { CommitteeNoticeData } from '../../domain/emails';
import { committeeInvitation } from '../../domain/invitation';
import { plannedEmails } from '../../domain/reminders';
import { camino, PEOPLE } from '../fixtures';
import { expectStrictlyValidCalendars, strictCalendarVerdicts } from '../helpers/ics';
import { inForce } from '../helpers/records';

// Committee invitations are valid RFC 5545 (SPEC §10), read by a strict parser (ical4j): an
// all-day event with DTEND, the secretary as organizer, the attendees named where the convention
// names them, and no reply asked of anyone.

const START = Date.parse('2020-03-02T09:00:00Z');
const PUBLISHED = Date.parse('2020-03-26T09:00:00Z');
const SENDER = { name: 'Conventions beta.gouv.fr', email: 'no-reply@conventions.beta.gouv.fr' };
const ISSUED = Date.parse('2020-08-31T07:00:00Z');

/** The convocation of committee 1 as the domain plans it (30 days before 28 September 2020). */
function convocation(): CommitteeNoticeData & { to: string[] } {
  const email = plannedEmails(inForce(START, PUBLISHED), ISSUED).find(
    (planned) => planned.kind === 'committee-convocation',
  )!;
  return { ...(email.data as CommitteeNoticeData), to: email.to };
}

/** The content lines, unfolded (RFC 5545 §3.1). */
const lines = (content: string) => content.replace(/\r\n[ \t]/g, '').split('\r\n');

describe('a committee invitation', () => {
  const { to, ...data } = convocation();
  const { content, filename } = committeeInvitation(data, { organizer: SENDER, attendees: to }, ISSUED);

  it('is a whole day, the secretary organizing, every recipient attending, no reply asked', () => {
    expect(filename).toBe('comite-investissement-1.ics');
    expect(lines(content)).toEqual(
      expect.arrayContaining([
        'METHOD:REQUEST',
        'UID:camino-2020.committee-1@conventions.beta.gouv.fr',
        'SEQUENCE:0',
        'DTSTAMP:20200831T070000Z',
        'DTSTART;VALUE=DATE:20200928',
        'DTEND;VALUE=DATE:20200929',
        'ORGANIZER;CN="Secrétariat du comité d’investissement Camino":mailto:comite.camino@example.org',
        `ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:${PEOPLE.dinumContact}`,
        'ATTENDEE;CN="Secrétariat du comité d’investissement Camino";CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:comite.camino@example.org',
      ]),
    );
    expect(lines(content).filter((line) => line.startsWith('ATTENDEE'))).toHaveLength(to.length);
    expect(content).not.toMatch(/DURATION|RSVP=TRUE|Unnamed/);
  });

  it('is read by the strict parser, as is one planned before invitations named their people', () => {
    const before = {
      ...data,
      committee: { number: 1, date: '2020-09-28', secretary: 'Secrétariat', daysBefore: 30 },
    };
    const old = committeeInvitation(before, { organizer: SENDER, attendees: to }, ISSUED).content;
    expect(lines(old)).toContain(`ORGANIZER;CN="${SENDER.name}":mailto:${SENDER.email}`);
    expectStrictlyValidCalendars([content, old]);
  });

  it('names attendees from the convention: a representative who receives it by name', () => {
    const seed = camino();
    const named = {
      ...seed,
      parties: seed.parties.map((party) =>
        party.id === 'DINUM'
          ? { ...party, contacts: [...party.contacts, party.representative.email] }
          : party,
      ),
    };
    const email = plannedEmails(inForce(START, PUBLISHED, named), ISSUED).find(
      (planned) => planned.kind === 'committee-convocation',
    )!;
    const invitation = committeeInvitation(
      email.data as CommitteeNoticeData,
      { organizer: SENDER, attendees: email.to },
      ISSUED,
    );
    expect(lines(invitation.content)).toContain(
      'ATTENDEE;CN="Nadi Bou Hanna";CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:dinum.representant@example.org',
    );
  });
});

describe('calendar text', () => {
  it('folds long lines at 75 octets without splitting a character, and escapes text', () => {
    const summary = `Comité d’investissement n° 12 — ${'Société d’État, « économie »; '.repeat(6)}`;
    const content = calendarText({
      events: [
        {
          uid: 'long@conventions.beta.gouv.fr',
          sequence: 3,
          issuedAt: ISSUED,
          when: { day: '2020-12-31' },
          summary,
          description: 'Première ligne\nseconde ligne',
        },
      ],
    });
    for (const line of content.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(content).not.toContain('\uFFFD');
    const unfolded = lines(content);
    expect(unfolded).toContain(`SUMMARY:${summary.replace(/,/g, '\\,').replace(/;/g, '\\;')}`);
    expect(unfolded).toContain('DESCRIPTION:Première ligne\\nseconde ligne');
    // The last day of the year ends on the first of the next.
    expect(unfolded).toContain('DTEND;VALUE=DATE:20210101');
    expectStrictlyValidCalendars([content]);
  });

  it('is checked by a parser that refuses what the RFC refuses', () => {
    const valid = calendarText({
      events: [
        {
          uid: 'x@example.org',
          sequence: 0,
          issuedAt: ISSUED,
          when: { day: '2020-09-28' },
          summary: 'Comité',
        },
      ],
    });
    const verdicts = strictCalendarVerdicts([
      // What the invitation used to carry: a `T` not followed by a time.
      valid.replace('DTEND;VALUE=DATE:20200929', 'DURATION:P1DT'),
      // An invitation (METHOD:REQUEST) must have an organizer.
      valid.replace('CALSCALE:GREGORIAN', 'CALSCALE:GREGORIAN\r\nMETHOD:REQUEST'),
      valid.replace(/DTSTAMP:.*\r\n/, ''),
    ]);
    expect(verdicts[0]).toMatch(/Duration/);
    expect(verdicts[1]).toMatch(/ORGANIZER/);
    expect(verdicts[2]).toMatch(/DTSTAMP/);
  });
});
