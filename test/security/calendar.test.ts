import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { calendarText } from '../../domain/calendar';
import { firstBidiControl, firstControl, withoutControls } from '../../domain/characters';
import { parseCommand, type CommandName, type TScheduleCommitteeCommand } from '../../domain/commands';
import { scheduleCommittee } from '../../domain/committees';
import type { TConvention, TConventionInput } from '../../domain/convention';
import type { CommitteeNoticeData } from '../../domain/emails';
import { obligationsOf } from '../../domain/feed';
import { frenchRefusal } from '../../domain/french/refusals';
import { committeeInvitation } from '../../domain/invitation';
import { applyCommand, type ConventionRecord } from '../../domain/lifecycle';
import { plannedEmails } from '../../domain/reminders';
import { describeStatus } from '../../domain/status';
import { parseConvention } from '../../domain/validation';
import { runCli } from '../client/run-cli';
import { camino, caminoInput, PEOPLE } from '../fixtures';
import { strictlyReadEvents, type ReadProperty } from '../helpers/ics';
import { inForce } from '../helpers/records';

// Issue 28, items 5 and 6: a carriage return, a line break, another control or a bidirectional
// control in a name, a title or a committee's place, and `"<>` in a visio link, reached the .ics
// of the committee invitations and of the people's calendar feeds, where a strict parser read an
// ATTENDEE of the sender's choosing. Each is refused at input, from a command as from a
// convention file; and the writer makes safe the values a run accepted before the rule.

/** The probe's findings and their variants, each inside a name. */
const HOSTILE: [string, string][] = [
  ['a lone CR', 'Nadi\rBou Hanna'],
  ['a CRLF, a space and an ATTENDEE', 'Nadi\r\n ATTENDEE:mailto:evil@x.example'],
  ['a CRLF and an ATTENDEE', 'Nadi\r\nATTENDEE;CN=Evil:mailto:evil@x.example'],
  ['a LF and an ATTENDEE', 'Nadi\nATTENDEE:mailto:evil@x.example'],
  ['a CR and an ATTENDEE', 'Nadi\rATTENDEE:mailto:evil@x.example'],
  ['a right-to-left override', 'Nadi \u202Egpj.exe'],
  ['a left-to-right isolate', 'Nadi \u2066Bou\u2069'],
  ['a right-to-left mark', 'Nadi\u200FBou'],
  ['a tab', 'Nadi\tBou Hanna'],
  ['a NUL', 'Nadi\u0000Bou Hanna'],
  ['an escape sequence', 'Nadi\u001b[2JBou'],
  ['DEL', 'Nadi\u007fBou'],
  ['a C1 control (NEL)', 'Nadi\u0085ATTENDEE:mailto:evil@x.example'],
];

/** Which rule each one breaks, at input. */
const ruleOf = (value: string) => (firstControl(value, 'one') ? 'control-character' : 'bidi-control');

const START = Date.parse('2020-03-02T09:00:00Z');
const PUBLISHED = Date.parse('2020-03-26T09:00:00Z');
const SET_ON = Date.parse('2020-06-02T10:00:00Z');
const ISSUED = Date.parse('2020-08-31T07:00:00Z');
const SENDER = { name: 'Conventions beta.gouv.fr', email: 'no-reply@conventions.beta.gouv.fr' };

describe('a command holding a control character', () => {
  const place = (value: string) => ({ as: PEOPLE.secretary, committee: 1, place: value });
  const cases: [string, CommandName, (value: string) => Record<string, unknown>, string, string][] = [
    ['a committee’s place', 'schedule-committee', place, 'place', 'Lieu'],
    [
      'an intrapreneur’s name',
      'designate-intrapreneur',
      (name) => ({ as: PEOPLE.dgalnContact, name, email: 'nouvel.intrapreneur@example.org' }),
      'name',
      'Nom',
    ],
    [
      'where it is published',
      'publish',
      (where) => ({ as: PEOPLE.dinumContact, where }),
      'where',
      'Lieu de publication',
    ],
    [
      'an engagement’s label',
      'engage',
      (label) => ({ as: PEOPLE.dinumContact, uo: '0113-PEBC-ELAB', ae: '10.00', ref: 'BC-1', label }),
      'label',
      'Libellé',
    ],
    ['a party', 'sign', (party) => ({ as: PEOPLE.sgRepresentative, party: `SG${party}` }), 'party', 'Partie'],
  ];

  describe.each(cases)('in %s', (_where, command, payload, field, french) => {
    it.each(HOSTILE)('is refused with %s, the field and the rule named in French', (_what, value) => {
      const parsed = parseCommand(command, payload(value));
      expect(parsed.ok).toBe(false);
      if (parsed.ok) return;
      expect(parsed.refusal).toMatchObject({
        figures: {
          faults: expect.arrayContaining([expect.objectContaining({ path: field, rule: ruleOf(value) })]),
        },
      });
      expect(frenchRefusal(parsed.refusal)).toMatch(
        new RegExp(`^${french} : .*\\(trouvé : U\\+[0-9A-F]{4}\\)\\.$`),
      );
    });
  });

  it('leaves the record as it was when the workflow decides on it', () => {
    const record = inForce(START, PUBLISHED);
    const outcome = applyCommand(record, 'schedule-committee', place(HOSTILE[1]![1]), SET_ON);
    expect(outcome).toMatchObject({ ok: false, refusal: { type: 'InvalidCommand', code: 'invalid' } });
  });

  it('is refused in a UO of a report’s spending too', () => {
    const parsed = parseCommand('submit-report', {
      as: PEOPLE.dinumContact,
      period: '2020-05',
      spent: { '0113-PEBC-ELAB\r\nX': '10.00' },
      progress: 'Avancement',
      forecast: 'Prévisions',
    });
    expect(parsed.ok || parsed.refusal.figures).toMatchObject({
      faults: [{ path: 'spent["0113-PEBC-ELAB\\r\\nX"]' }],
    });
  });

  it('in a visio link: NUL, C1 and bidirectional controls refused, line breaks dropped as a browser drops them', () => {
    for (const [visio, rule] of [
      ['https://visio.example/a\u0000b', 'control-character'],
      ['https://visio.example/a\u0085b', 'control-character'],
      ['https://visio.example/\u202Eabc', 'bidi-control'],
    ])
      expect(parseCommand('schedule-committee', { as: PEOPLE.secretary, visio })).toMatchObject({
        ok: false,
        refusal: { figures: { faults: [{ path: 'visio', rule }] } },
      });
    expect(
      parseCommand('schedule-committee', {
        as: PEOPLE.secretary,
        visio: 'https://x.example/"<>\r\nATTENDEE:mailto:evil@x.example',
      }),
    ).toMatchObject({ ok: true, command: { visio: 'https://x.example/"<>ATTENDEE:mailto:evil@x.example' } });
  });

  it('keeps line breaks and tabs in free text, but no other control', () => {
    const minutes = (notes: string) =>
      parseCommand('decide', { as: PEOPLE.secretary, decision: 'continue', notes });
    expect(minutes('Relevé :\r\n\t- poursuivre\r\n\t- revoir le budget')).toMatchObject({ ok: true });
    expect(minutes('Relevé\u0000')).toMatchObject({
      ok: false,
      refusal: { figures: { faults: [{ path: 'notes', rule: 'control-character' }] } },
    });
  });

  it('in other scripts is no control: accents, Arabic, CJK are accepted', () => {
    for (const name of ['Zoë Ñúñez-Łukasiewicz', 'محمد بن علي', '李小龙'])
      expect(
        parseCommand('designate-intrapreneur', { as: PEOPLE.dgalnContact, name, email: 'i@example.org' }),
      ).toMatchObject({ ok: true, command: { name } });
  });
});

describe('a convention file holding a control character', () => {
  const dir = mkdtempSync(join(tmpdir(), 'security-calendar-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Where a name, a title or a party's funder is written in the file. */
  const FIELDS: [string, (c: TConventionInput, value: string) => void][] = [
    ['title', (c, v) => (c.title = v)],
    ['startup.name', (c, v) => (c.startup.name = v)],
    ['startup.incubator', (c, v) => (c.startup.incubator = v)],
    ['parties[3].name', (c, v) => (c.parties[3]!.name = v)],
    ['parties[3].representative.name', (c, v) => (c.parties[3]!.representative.name = v)],
    ['parties[3].representative.title', (c, v) => (c.parties[3]!.representative.title = v)],
    ['roles.committeeSecretary.name', (c, v) => (c.roles.committeeSecretary.name = v)],
    ['roles.intrapreneur.name', (c, v) => (c.roles.intrapreneur!.name = v)],
    ['budget[0].funder', (c, v) => (c.budget[0]!.funder = `DGALN${v}`)],
  ];

  describe.each(FIELDS)('in %s', (path, set) => {
    it.each(HOSTILE)('is refused with %s, naming the field', (_what, value) => {
      const convention = caminoInput();
      set(convention, value);
      const parsed = parseConvention(JSON.stringify(convention), 'json');
      expect(parsed.ok || parsed.faults).toEqual(
        expect.arrayContaining([expect.objectContaining({ path, rule: ruleOf(value) })]),
      );
    });
  });

  it('is refused by `convention validate`, every fault named', () => {
    const convention = caminoInput();
    convention.title = 'Camino\r\n ATTENDEE:mailto:evil@x.example';
    convention.parties[3]!.representative.name = 'Nadi \u202Egpj.exe';
    convention.roles.committeeSecretary.name = 'Secrétariat\u0000';
    const path = join(dir, 'hostile.yaml');
    writeFileSync(path, stringify(convention));
    const run = runCli(['validate', path]);
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      `${path}: 3 faults`,
      '  title: must hold no control character, found U+000D',
      '  parties[3].representative.name: must hold no bidirectional control, found U+202E',
      '  roles.committeeSecretary.name: must hold no control character, found U+0000',
    ]);
  });
});

// What a run accepted before the rule: a convention started with hostile names, a committee set
// with a hostile place and visio link by the command's handler as it decided then.

/** The convention with `name` everywhere a name reaches a calendar; the DINUM representative, a contact, attends by name. */
function hostileConvention(name: string): TConvention {
  const seed = camino();
  return {
    ...seed,
    title: `Camino ${name}`,
    startup: { ...seed.startup, name: `Camino ${name}` },
    parties: seed.parties.map((party) =>
      party.id === 'DINUM'
        ? {
            ...party,
            representative: { ...party.representative, name },
            contacts: [...party.contacts, party.representative.email],
          }
        : party,
    ),
    roles: { ...seed.roles, committeeSecretary: { ...seed.roles.committeeSecretary, name } },
  };
}

const PROBE_VISIO = 'https://x.example/"<>\r\nATTENDEE:mailto:evil@x.example';
const PROBE_PLACE = 'Salle 1; étage 2, bât. \\B\r\nATTENDEE:mailto:evil@x.example';

function setEarlier(record: ConventionRecord, setting: Partial<TScheduleCommitteeCommand>): ConventionRecord {
  const command = {
    as: PEOPLE.secretary,
    committee: 1,
    time: '14:30',
    ...setting,
  } as TScheduleCommitteeCommand;
  const outcome = scheduleCommittee(record, command, new Date(SET_ON).toISOString());
  if (!outcome.ok) throw new Error(outcome.refusal.message);
  return outcome.record;
}

function invitationOf(record: ConventionRecord) {
  const email = plannedEmails(record, ISSUED).find((planned) => planned.kind === 'committee-convocation')!;
  const { content } = committeeInvitation(
    email.data as CommitteeNoticeData,
    { organizer: SENDER, attendees: email.to },
    ISSUED,
  );
  return { content, to: email.to };
}

const values = (event: ReadProperty[], name: string) =>
  event.filter((property) => property.name === name).map((property) => property.value);

/** No property beyond what the writer writes, and no control left in any value or parameter. */
function expectNothingInjected(event: ReadProperty[]) {
  const written = ['UID', 'SEQUENCE', 'DTSTAMP', 'DTSTART', 'DTEND', 'SUMMARY', 'DESCRIPTION'];
  const optional = ['LOCATION', 'URL', 'ORGANIZER', 'ATTENDEE', 'TRANSP'];
  for (const property of event) {
    expect([...written, ...optional]).toContain(property.name);
    // A TEXT value reads its escaped line breaks back; nothing else.
    expect(firstControl(property.value, 'several')).toBeUndefined();
    expect(firstBidiControl(property.value)).toBeUndefined();
    for (const parameter of Object.values(property.parameters)) {
      expect(firstControl(parameter, 'one')).toBeUndefined();
      expect(firstBidiControl(parameter)).toBeUndefined();
    }
  }
}

/** A convention of each hostile name, its committee set with a hostile place and the probe's visio link. */
const hostileRecords = () =>
  HOSTILE.map(([, name]) =>
    setEarlier(inForce(START, PUBLISHED, hostileConvention(name)), {
      place: `${PROBE_PLACE} ${name}`,
      visio: PROBE_VISIO,
    }),
  );

const PROBE_URL = 'https://x.example/%22%3C%3E%0D%0AATTENDEE:mailto:evil@x.example';

// Each hostile case's calendars, read by one run of the strict parser (Java starts slowly).
let invitations: { content: string; to: string[] }[] = [];
let feeds: string[] = [];
let read: ReturnType<typeof strictlyReadEvents> = [];
beforeAll(() => {
  const records = hostileRecords();
  invitations = records.map(invitationOf);
  feeds = records.map((record) =>
    calendarText({ events: obligationsOf(describeStatus(record, SET_ON), record.convention, SET_ON) }),
  );
  read = strictlyReadEvents([...invitations.map(({ content }) => content), ...feeds]);
});
const cases = HOSTILE.map(([what, name], i) => ({ what, name, i }));

describe('an invitation written from values a run accepted before the rule', () => {
  it.each(cases)(
    'with $what in the names, place and visio link: read strictly, with exactly its attendees and its link intact',
    ({ name, i }) => {
      const { verdict, events } = read[i]!;
      expect(verdict).toBe('ok');
      expect(events).toHaveLength(1);
      const event = events[0]!;
      expectNothingInjected(event);
      expect(values(event, 'ATTENDEE').sort()).toEqual(
        invitations[i]!.to.map((email) => `mailto:${email}`).sort(),
      );
      expect(values(event, 'ORGANIZER')).toEqual([`mailto:${PEOPLE.secretary}`]);
      expect(values(event, 'URL')).toEqual([PROBE_URL]);
      expect(values(event, 'LOCATION')).toEqual([withoutControls(`${PROBE_PLACE} ${name}`, 'keep')]);
      const named = event.find(
        (property) =>
          property.name === 'ATTENDEE' && property.value === `mailto:${PEOPLE.dinumRepresentative}`,
      )!;
      expect(named.parameters.CN).toBe(withoutControls(name, 'as-space'));
    },
  );

  it('keeps the place’s `;,\\` and a quote of a name as the strict parser reads them', () => {
    const record = setEarlier(inForce(START, PUBLISHED, hostileConvention('Nadi "Bou": Hanna; a, b')), {
      place: 'Salle 1; étage 2, bât. \\B',
      visio: 'https://visio.example/salle%20A/réunion?a=1;b=2,3',
    });
    const [{ verdict, events }] = strictlyReadEvents([invitationOf(record).content]) as [
      (typeof read)[number],
    ];
    expect(verdict).toBe('ok');
    const event = events[0]!;
    expect(values(event, 'LOCATION')).toEqual(['Salle 1; étage 2, bât. \\B']);
    expect(values(event, 'URL')).toEqual(['https://visio.example/salle%20A/r%C3%A9union?a=1;b=2,3']);
    expect(event.find((property) => property.name === 'ORGANIZER')!.parameters.CN).toBe(
      "Nadi 'Bou': Hanna; a, b",
    );
  });
});

describe('a calendar feed written from values a run accepted before the rule', () => {
  it.each(cases)(
    'with $what: every event read strictly, none with a property it was not given',
    ({ name, i }) => {
      const { verdict, events } = read[HOSTILE.length + i]!;
      expect(verdict).toBe('ok');
      expect(events.map((event) => values(event, 'UID')[0])).toEqual(
        feeds[i]!.match(/^UID:.*$/gm)!.map((line) => line.slice('UID:'.length).trim()),
      );
      for (const event of events) {
        expectNothingInjected(event);
        expect(values(event, 'ATTENDEE')).toEqual([]);
      }
      const committee = events[0]!;
      expect(values(committee, 'URL')).toEqual([PROBE_URL]);
      expect(values(committee, 'SUMMARY')).toEqual([
        `Comité d’investissement n° 1 — ${withoutControls(`Camino ${name}`, 'keep')}`,
      ]);
    },
  );
});
