import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { commandFields, type FieldKind } from '../../domain/command-fields';
import { commandSchema, COMMANDS } from '../../domain/commands';

// How each field of a command is written (COMMAND_FIELDS) against what its schema takes: a value
// of the kind said passes the field's schema, a value of another type does not.

/** A value of each kind; numbers in the ranges of committees, minutes and avenants, and of years. */
const SAMPLES: Record<Exclude<FieldKind, 'choice' | 'structured' | 'integer' | 'text'>, unknown> = {
  'long-text': 'Une ligne.\nUne autre.',
  email: 'sg.budget@example.org',
  url: 'https://data.gouv.fr/convention',
  date: '2027-01-04',
  time: '14:30',
  month: '2027-01',
  money: '12500.00',
  flag: true,
  texts: ['une condition'],
  'amounts-per-uo': { '0113-PEBC-ELAB': '12500.00' },
};

const INTEGERS = [100, 2027];
/** A reference, and a file's SHA-256 (a version of the document). */
const TEXTS = ['BC-2021-014', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'];

const fields = COMMANDS.flatMap((command) =>
  commandFields(command)
    .filter((field) => field.kind !== 'structured')
    .map((field) => ({ command, ...field })),
);

describe('each field is written as its schema takes it', () => {
  it.each(fields)('$command $name: $kind', ({ command, name, kind, choices }) => {
    const schema = (commandSchema(command).shape as Record<string, z.ZodType>)[name]!;
    const sample =
      kind === 'choice'
        ? choices?.[0]
        : kind === 'integer' || kind === 'text'
          ? [...INTEGERS, ...TEXTS].find(
              (value) =>
                typeof value === (kind === 'text' ? 'string' : 'number') &&
                z.safeParse(schema, value).success,
            )
          : SAMPLES[kind as keyof typeof SAMPLES];
    expect(sample, 'a value of its kind').toBeDefined();
    expect(z.safeParse(schema, sample).error?.issues ?? []).toEqual([]);
    // Of another type: a number for what is written as text, text for the rest.
    const other = typeof sample === 'string' ? 7 : 'seven';
    expect(z.safeParse(schema, other).success).toBe(false);
  });
});
