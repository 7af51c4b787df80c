import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandSchema, COMMANDS, REFUSAL_TYPES } from '../../domain/commands';
import { applyCommand, type ConventionRecord } from '../../domain/lifecycle';
import { parseConvention } from '../../domain/validation';
import { caminoInput, PEOPLE } from '../fixtures';
import { inForce } from '../helpers/records';

// Thousands of generated inputs, of every shape: the convention file and each command's payload
// are either accepted or refused with the field named, never with an exception, and a refused
// command leaves the record exactly as it was.

/** `budget[1].ae: …`, `(root): …`, `spent["a b"]: …`. */
const QUOTED = String.raw`\["(?:[^"\\]|\\.)*"\]`;
const NAMED_FAULT = new RegExp(
  String.raw`^(\(root\)|\(file\)|([\w-]+|${QUOTED})(\.[\w-]+|\[\d+\]|${QUOTED})*): \S`,
);

const deepFreeze = <T>(value: T): T => {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
};

/** Every path into a JSON value, for mutations. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return [prefix, ...value.flatMap((item, i) => pathsOf(item, [...prefix, i]))];
  if (value && typeof value === 'object')
    return [prefix, ...Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...prefix, key]))];
  return [prefix];
}

function setAt(root: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  if (value === undefined) delete node[path.at(-1)!];
  else node[path.at(-1)!] = value;
  return copy;
}

/** Values that look like the real thing, or are just off, or far too big. */
const fieldValue = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(
    ...Object.values(PEOPLE),
    'DGALN',
    'DINUM',
    '0113-PEBC-ELAB',
    '40000.00',
    '-15000.00',
    '12.345',
    '2020-05',
    '2021-02-30',
    'continue',
    'continue-with-conditions',
    'BC-2021-014',
    '',
    '   ',
    'x'.repeat(25_000),
    Array.from({ length: 10_000 }, (_, i) => `condition ${i}`),
  ),
);

const convention = caminoInput();
const conventionPaths = pathsOf(convention);

describe('the convention file, whatever it holds', () => {
  it('is accepted or refused with every fault named, never thrown', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          fc
            .record({
              path: fc.constantFrom(...conventionPaths),
              value: fc.oneof(fieldValue, fc.constant(undefined)),
            })
            .map(({ path, value }) => setAt(convention, path, value)),
        ),
        (document) => {
          const result = parseConvention(JSON.stringify(document) ?? 'null', 'json');
          if (result.ok) return;
          expect(result.errors.length).toBeGreaterThan(0);
          for (const error of result.errors) expect(error).toMatch(NAMED_FAULT);
        },
      ),
      { numRuns: 3_000 },
    );
  });

  it('refuses 10 000 parties and a 10 MB name by their fields, before anything is sent', () => {
    const parties = Array.from({ length: 10_000 }, () => convention.parties[0]);
    const many = parseConvention(JSON.stringify({ ...convention, parties }), 'json');
    expect(many).toMatchObject({
      ok: false,
      errors: expect.arrayContaining(['parties: at most 30 parties']),
    });
    const huge = parseConvention(
      JSON.stringify({ ...convention, startup: { ...convention.startup, name: 'x'.repeat(10_000_000) } }),
      'json',
    );
    expect(huge).toMatchObject({ ok: false, errors: ['startup.name: at most 300 characters'] });
    expect(huge.ok || huge.faults).toEqual([
      {
        path: 'startup.name',
        segments: ['startup', 'name'],
        rule: 'too-long',
        figures: { max: 300 },
        message: 'at most 300 characters',
      },
    ]);
  });
});

describe('every command, whatever its payload', () => {
  const now = Date.parse('2020-09-15T10:00:00Z');
  const record: ConventionRecord = deepFreeze(
    inForce(Date.parse('2020-03-02T09:00:00Z'), Date.parse('2020-03-20T09:00:00Z')),
  );
  const snapshot = structuredClone(record);

  it.each(COMMANDS)('%s', (name) => {
    const fields = [...Object.keys((commandSchema(name) as unknown as { shape: object }).shape), 'extra'];
    const payload = fc.oneof(
      { weight: 1, arbitrary: fc.anything() },
      { weight: 4, arbitrary: fc.dictionary(fc.constantFrom(...fields), fieldValue) },
    );
    fc.assert(
      fc.property(payload, (value) => {
        // The record is frozen: a rule that tried to change it in place would throw here.
        const outcome = applyCommand(record, name, value, now);
        if (outcome.ok) return;
        expect(REFUSAL_TYPES).toContain(outcome.refusal.type);
        if (outcome.refusal.type === 'InvalidCommand')
          expect(outcome.refusal.message.slice(`${name}: `.length)).toMatch(NAMED_FAULT);
        else expect(outcome.refusal.message.length).toBeGreaterThan(10);
      }),
      { numRuns: 500 },
    );
    expect(record).toEqual(snapshot);
  });

  it('refuses a 10 MB report by its field', () => {
    const outcome = applyCommand(
      record,
      'submit-report',
      { as: PEOPLE.dinumContact, period: '2020-08', progress: 'x'.repeat(10_000_000), forecast: 'stable' },
      now,
    );
    expect(outcome).toMatchObject({
      ok: false,
      refusal: { type: 'InvalidCommand', message: 'submit-report: progress: at most 20000 characters' },
    });
  });
});
