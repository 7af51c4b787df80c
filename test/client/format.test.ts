import { describe, expect, it } from 'vitest';
import { fieldsText, listText, localInstants, refusalSentence, registerText } from '../../client/format';
import { buildProgram, readerZone } from '../../client/program';
import { refusal } from '../../domain/refusals';
import type { RegisterEntry } from '../../store/register';
import { listingAt } from '../helpers/listings';
import { marchReportIn } from '../helpers/records';
import { runCli } from './run-cli';

// What an admin reads at the terminal: refusals as sentences, the register without JSON, the
// reader's time zone, and `--help` grouped by who uses each command. Fixed instants: any date runs it.

const WINTER = '2026-12-07T18:33:00.314Z';
const SUMMER = '2027-07-01T06:05:00Z';

describe('refusals as sentences', () => {
  it.each([
    [
      'SG already signed on 2026-12-07T18:33:00.314Z (by admin@example.org)',
      'SG already signed on 2026-12-07 at 19:33 (by admin@example.org).',
    ],
    [
      'the convention was already published on 2026-12-05 (data.gouv.fr)',
      'The convention was already published on 2026-12-05 (data.gouv.fr).',
    ],
    ['no convention nope is running', 'No convention nope is running.'],
    ['engage: ae: must be more than 0', 'The engage command was refused: ae: must be more than 0.'],
    [
      'dinum.betagouv@example.org may not publish: only a contact of the délégataire (DINUM) or an admin may',
      'dinum.betagouv@example.org may not publish: only a contact of the délégataire (DINUM) or an admin may.',
    ],
    [
      'L’identifiant camino-2020 a déjà servi à une convention : choisissez-en un autre.',
      'L’identifiant camino-2020 a déjà servi à une convention : choisissez-en un autre.',
    ],
  ])('%s', (message, sentence) => {
    expect(refusalSentence(message)).toBe(sentence);
  });

  it('writes the instants of a domain refusal in the reader’s zone', () => {
    const { message } = refusal('AlreadyDone', 'already-signed', {
      party: 'SG',
      at: SUMMER,
      by: 'admin@example.org',
    });
    expect(refusalSentence(message, 'America/Cayenne')).toBe(
      'SG already signed on 2027-07-01 at 03:05 (by admin@example.org).',
    );
  });
});

describe('times in the reader’s zone', () => {
  it('takes --timezone, else TZ, else Europe/Paris', () => {
    expect(readerZone('America/Cayenne', 'Asia/Tokyo')).toBe('America/Cayenne');
    expect(readerZone(undefined, 'Asia/Tokyo')).toBe('Asia/Tokyo');
    expect(readerZone(undefined, undefined)).toBe('Europe/Paris');
    // A TZ that is no zone name (POSIX rules, a path) leaves the conventions' own zone.
    expect(readerZone(undefined, ':/etc/localtime')).toBe('Europe/Paris');
    expect(() => readerZone('Mars/Base', undefined)).toThrow(
      '--timezone Mars/Base: expected a time zone name such as Europe/Paris or America/Cayenne',
    );
  });

  it('writes each instant in that zone, summer time included', () => {
    expect(localInstants(`from ${WINTER} to ${SUMMER}`)).toBe(
      'from 2026-12-07 at 19:33 to 2027-07-01 at 08:05',
    );
    expect(localInstants(`from ${WINTER} to ${SUMMER}`, 'UTC')).toBe(
      'from 2026-12-07 at 18:33 to 2027-07-01 at 06:05',
    );
  });
});

describe('the register, read at the terminal', () => {
  const entry = (
    seq: number,
    kind: string,
    actor: string,
    payload: Record<string, unknown>,
  ): RegisterEntry => ({
    conventionId: 'camino-2020',
    seq,
    kind,
    actor,
    payload,
    at: WINTER,
    recordedAt: WINTER,
    prevHash: '0',
    hash: '1',
  });

  it('gives each payload in words: amounts in euros, lists and objects without JSON', () => {
    expect(fieldsText({ uo: '0181-CPRI-ELAB', ae: '12000.00', ref: 'BC-2' })).toBe(
      'uo: 0181-CPRI-ELAB; ae: 12\u00a0000,00\u00a0€; ref: BC-2',
    );
    expect(
      fieldsText({
        number: 1,
        budget: [{ uo: '0113-PEBC-ELAB', ae: '+10000.00', cp: '-2500.50' }],
        conditions: ['un point d’étape', 'un budget'],
        replace: true,
        progress:
          'Une très longue phrase\nsur deux lignes, qui dit tout ce qui a été fait ce mois-ci, et bien plus encore.',
      }),
    ).toBe(
      'number: 1; budget: (uo 0113-PEBC-ELAB, ae +10\u00a0000,00\u00a0€, cp -2\u00a0500,50\u00a0€); ' +
        'conditions: un point d’étape, un budget; replace: yes; ' +
        'progress: Une très longue phrase sur deux lignes, qui dit tout ce qui a été fait ce…',
    );
  });

  it('heads its columns with the zone, one line per entry', () => {
    const text = registerText(
      [
        entry(1, 'sign', 'sg.representant@example.org', { party: 'SG' }),
        entry(2, 'confirm-chorus', 'sg.budget@example.org', {}),
        entry(3, 'year-end-statement', 'temporal', {
          year: 2026,
          lines: [{ uo: '0181-CPRI-ELAB', aeLeft: '1500.00' }],
        }),
      ],
      'America/Cayenne',
    );
    expect(text.split('\n')).toEqual([
      ' seq  America/Cayenne   what                by                           details',
      '   1  2026-12-07 15:33  sign                sg.representant@example.org  party: SG',
      '   2  2026-12-07 15:33  confirm-chorus      sg.budget@example.org',
      '   3  2026-12-07 15:33  year-end-statement  temporal                     year: 2026; lines: (uo 0181-CPRI-ELAB, aeLeft 1\u00a0500,00\u00a0€)',
    ]);
  });
});

describe('convention --help', () => {
  it('groups the commands by who uses them', () => {
    const help = runCli(['--help']).stdout;
    const groups = help.split('\n\n').filter((block) => /—.*:\n/.test(block));
    const names = (heading: string) =>
      groups
        .find((block) => block.startsWith(heading))!
        .split('\n')
        .slice(1)
        .map((line) => line.trim().split(' ')[0]);
    expect(names('Admins')).toEqual(
      expect.arrayContaining(['start', 'list', 'status', 'history', 'register']),
    );
    expect(names('The people of a convention')).toEqual(
      expect.arrayContaining(['sign', 'report', 'engage', 'decide']),
    );
    expect(names('Engineers')).toEqual(['old-branches', 'continue-as-new', 'simulate']);
    // Every command is in one of the three.
    const listed = groups.flatMap((block) => block.split('\n').slice(1));
    expect(listed).toHaveLength(buildProgram().commands.length);
  });

  it('refuses an unknown time zone in a sentence, before reading anything', () => {
    const run = runCli(['register', 'camino-2020', '--timezone', 'Mars/Base'], {
      ...process.env,
      REGISTER_PATH: '/nonexistent/register.sqlite',
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      '--timezone Mars/Base: expected a time zone name such as Europe/Paris or America/Cayenne',
    );
  });
});

describe('convention list', () => {
  const marchIn = marchReportIn();
  const older = { ...marchIn, convention: { ...marchIn.convention, id: 'older-2020' } };
  const FIFTH = Date.parse('2020-05-05T09:00:00Z');

  it('gives the day the monthly report is due (the 10th), not its reminder’s (the 7th)', () => {
    const listing = listingAt(marchIn, FIFTH);
    // `--json` keeps both: the next email and the next deadline.
    expect(listing).toMatchObject({ nextActionDue: '2020-05-10', keepsNextActionDue: true });
    expect(listing.nextDeadline).toMatch(/^2020-05-07T/);
    expect(
      listText([listing, listingAt(older, FIFTH, { patched: false })], 'Europe/Paris').split('\n'),
    ).toEqual([
      expect.stringMatching(/^id +startup +state +next deadline +waiting on$/),
      expect.stringMatching(/^camino-2020 +Camino +in-force +2020-05-10 +DINUM$/),
      // A run from before NEXT_ACTION_DUE only knows its next email, and says so.
      expect.stringMatching(/^older-2020 +Camino +in-force +2020-05-07 \d\d:\d\d \(next email\) +DINUM$/),
    ]);
  });

  it('keeps a report owed there, late, until it comes', () => {
    const later = Date.parse('2020-06-20T09:00:00Z');
    expect(listText([listingAt(marchIn, later)])).toMatch(
      /^camino-2020 +Camino +in-force +2020-05-10 +DINUM$/m,
    );
  });
});
