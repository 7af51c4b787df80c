import { describe, expect, it } from 'vitest';
import { firstBidiControl, firstControl, withoutControls } from '../../domain/characters';
import { faultsOf } from '../../domain/faults';
import { freeTextUpTo, parseWith, textUpTo, webAddress } from '../../domain/fields';
import { frenchRule } from '../../domain/french/faults';
import { camino, PEOPLE } from '../fixtures';
import { apply, inForce } from '../helpers/records';

// The one rule on the characters of a text (issue 28): no control in a line, none but line
// breaks and tabs in free text, no bidirectional control in a line; letters of every script kept.

const faultOf = (schema: Parameters<typeof parseWith>[0], value: string) => {
  const parsed = parseWith(schema, value);
  return parsed.success ? undefined : faultsOf(parsed.error.issues)[0];
};

describe('a text of one line', () => {
  it.each([
    ['a carriage return alone', 'Alice\rBob', 'U+000D'],
    ['a line feed', 'Alice\nBob', 'U+000A'],
    ['a CRLF and an attendee', 'Alice\r\nATTENDEE:mailto:evil@x', 'U+000D'],
    ['a tab', 'Alice\tBob', 'U+0009'],
    ['a NUL', 'Alice\u0000', 'U+0000'],
    ['an escape', 'Alice\u001b[31m', 'U+001B'],
    ['DEL', 'Alice\u007f', 'U+007F'],
    ['a C1 control (NEL)', 'Alice\u0085Bob', 'U+0085'],
  ])('refuses %s, naming it', (_what, value, character) => {
    expect(faultOf(textUpTo(300), value)).toMatchObject({
      rule: 'control-character',
      figures: { character, lines: 'one' },
    });
  });

  it.each([
    ['U+202E, right-to-left override', 'Alice\u202Egpj.exe', 'U+202E'],
    ['U+202A, left-to-right embedding', '\u202AAlice', 'U+202A'],
    ['U+2066, left-to-right isolate', 'Alice\u2066', 'U+2066'],
    ['U+2069, pop directional isolate', 'Alice\u2069', 'U+2069'],
    ['U+200E, left-to-right mark', 'Alice\u200E', 'U+200E'],
    ['U+200F, right-to-left mark', 'Alice\u200F', 'U+200F'],
    ['U+061C, Arabic letter mark', 'Alice\u061C', 'U+061C'],
  ])('refuses a bidirectional control: %s', (_what, value, character) => {
    expect(faultOf(textUpTo(300), value)).toMatchObject({ rule: 'bidi-control', figures: { character } });
  });

  it.each([
    'Société d’État « Économie », n° 3',
    'محمد بن علي',
    '李小龙',
    'Zoë Ñúñez-Łukasiewicz',
    'Salle 1; étage 2, bât. \\B',
  ])('keeps letters of every script and punctuation: %s', (value) => {
    expect(parseWith(textUpTo(300), value)).toMatchObject({ success: true, data: value });
  });

  it('takes a line break at either end away with the spaces, as it takes spaces', () => {
    expect(parseWith(textUpTo(300), '\r\nAlice \n')).toMatchObject({ success: true, data: 'Alice' });
  });

  it('is refused in French, the character named', () => {
    const control = faultOf(textUpTo(300), 'Alice\rBob')!;
    expect(frenchRule(control)).toBe(
      'tient sur une ligne, sans retour à la ligne, tabulation ni autre caractère de contrôle (trouvé : U+000D).',
    );
    expect(frenchRule(faultOf(textUpTo(300), 'Alice\u202E')!)).toBe(
      'ne doit contenir aucun caractère de contrôle du sens d’écriture (trouvé : U+202E).',
    );
  });
});

describe('a free text of several lines', () => {
  it('keeps line breaks, CRLF as a form sends them, and tabs', () => {
    const minutes = 'Décisions :\r\n\t- poursuivre\n\t- revoir le budget\rFin';
    expect(parseWith(freeTextUpTo(20_000), minutes)).toMatchObject({ success: true, data: minutes });
  });

  it('refuses any other control, in French', () => {
    const fault = faultOf(freeTextUpTo(20_000), 'Relevé\u0000')!;
    expect(fault).toMatchObject({
      rule: 'control-character',
      figures: { character: 'U+0000', lines: 'several' },
    });
    expect(frenchRule(fault)).toBe(
      'ne doit contenir aucun caractère de contrôle hormis les retours à la ligne et les tabulations (trouvé : U+0000).',
    );
  });
});

describe('a web address', () => {
  const visio = () => webAddress(/^https$/, 'expected an https address');

  it.each([
    ['a NUL', 'https://x.example/a\u0000b', 'control-character'],
    ['a C1 control', 'https://x.example/a\u0085b', 'control-character'],
    ['a right-to-left override', 'https://x.example/\u202Eabc', 'bidi-control'],
  ])('refuses %s', (_what, value, rule) => {
    expect(faultOf(visio(), value)).toMatchObject({ rule });
  });

  it('drops line breaks and tabs as a browser does (WHATWG URL), before the rule reads it', () => {
    expect(parseWith(visio(), 'https://x.example/"<>\r\nATTENDEE:mailto:evil@x')).toMatchObject({
      success: true,
      data: 'https://x.example/"<>ATTENDEE:mailto:evil@x',
    });
  });
});

describe('the characters', () => {
  it('finds the first control, line breaks and tabs allowed in several lines', () => {
    expect(firstControl('a\tb\u0001', 'one')).toBe('\t');
    expect(firstControl('a\tb\r\n\u0001', 'several')).toBe('\u0001');
    expect(firstControl('محمد', 'one')).toBeUndefined();
    expect(firstBidiControl('a\u2067b')).toBe('\u2067');
  });

  it('are made plain for a writer: line breaks kept or made spaces, the other controls dropped', () => {
    const hostile = 'A\r\nB\rC\nD\tE\u0000F\u202EG\u0085H';
    expect(withoutControls(hostile, 'keep')).toBe('A\nB\nC\nD\tEFGH');
    expect(withoutControls(hostile, 'as-space')).toBe('A B C D EFGH');
  });
});

describe('a convention started before the rule', () => {
  const START = Date.parse('2020-03-02T09:00:00Z');
  const PUBLISHED = Date.parse('2020-03-26T09:00:00Z');

  it('is amended all the same, its names kept as they were (a recorded avenant replays alike)', () => {
    const seed = camino();
    const older = {
      ...seed,
      title: 'Camino\tconvention \u202E2020',
      startup: { ...seed.startup, name: 'Camino\r' },
    };
    const amended = apply(
      inForce(START, PUBLISHED, older),
      'amend',
      {
        as: PEOPLE.admin,
        number: 1,
        summary: 'Prolongation',
        signedOn: '2020-06-01',
        schedule: { endsOn: '2022-06-30' },
      },
      Date.parse('2020-06-02T10:00:00Z'),
    );
    expect(amended.convention).toEqual({ ...older, schedule: { ...older.schedule, endsOn: '2022-06-30' } });
  });
});
