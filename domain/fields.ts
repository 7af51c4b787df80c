import Decimal from 'decimal.js';
import { z } from 'zod';
import { regexes } from 'zod/v4/core';
import { codePoint, firstBidiControl, firstControl } from './characters';
import { isLocalDate } from './dates';
import { isMoneyString, isSignedMoneyString } from './money';

// Field schemas shared by the convention file and the commands. Each refusal says what was
// expected and what was given; a missing value falls through to the parse's "required".
//
// Every field is built by a function and no schema is exported as a value: the worker shares these
// modules between workflows deep-frozen (worker/worker.ts), and zod rewrites a schema's internals
// at its first parse, which a frozen schema refuses. Schemas built at import and kept unexported
// are out of the freeze's reach; see test/workflows/preloaded.test.ts.

type IssueInput = { input?: unknown };

function describe(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

/** An error message builder for zod: `expected <what>, got <value>`. */
export const expected =
  (what: string) =>
  (issue: IssueInput): string | undefined =>
    issue.input === undefined ? undefined : `expected ${what}, got ${describe(issue.input)}`;

/** Applied to a whole parse: a missing field is "required", not zod's "expected string, received undefined". */
const requiredWhenMissing = (issue: IssueInput & { code?: string }): string | undefined =>
  issue.code === 'invalid_type' && issue.input === undefined ? 'required' : undefined;

/**
 * Parses with our messages. The function form, not `schema.safeParse`: the worker shares the
 * schemas between workflows deep-frozen (worker/worker.ts), and zod materializes a schema's
 * methods on the schema at their first read, which a frozen schema refuses.
 */
export function parseWith<T extends z.ZodType>(schema: T, value: unknown) {
  return z.safeParse(schema, value, { error: requiredWhenMissing });
}

/**
 * Refuses the characters that break what we write and hide in what a person reads
 * (domain/characters.ts): every control — in a text of several lines, all but line breaks and
 * tabs — and, in one line, the bidirectional controls too (a text of several lines is a person's
 * prose, in whichever direction it runs). Checked after any trim, on what is kept.
 */
export function plainCharacters<T extends z.ZodType<string>>(schema: T, lines: 'one' | 'several' = 'one'): T {
  return schema.superRefine((value, ctx) => {
    const control = firstControl(value, lines);
    if (control !== undefined)
      ctx.addIssue({
        code: 'custom',
        message: `must hold no control character${lines === 'several' ? ' other than line breaks and tabs' : ''}, found ${codePoint(control)}`,
        params: { rule: 'control-character', character: codePoint(control), lines },
      });
    const bidi = lines === 'one' ? firstBidiControl(value) : undefined;
    if (bidi !== undefined)
      ctx.addIssue({
        code: 'custom',
        message: `must hold no bidirectional control, found ${codePoint(bidi)}`,
        params: { rule: 'bidi-control', character: codePoint(bidi) },
      });
  });
}

const nonEmptyText = () => z.string().trim().min(1, 'must not be empty');

/**
 * Text on one line with a ceiling: every field has one, so that no input can grow a workflow's
 * payloads toward Temporal's limits (2 MB per payload, 50 MB per history).
 */
export const textUpTo = (max: number) =>
  plainCharacters(nonEmptyText().max(max, `at most ${max} characters`));

/** Minutes, reports, reasons: free text of several lines, with a ceiling. */
export const freeTextUpTo = (max: number) =>
  plainCharacters(nonEmptyText().max(max, `at most ${max} characters`), 'several');

/** A name, a title, a place: one line. */
export const shortText = () => textUpTo(300);

/**
 * A web address whose scheme `protocol` matches. Its characters are checked as a line's are, once zod's URL
 * parser has dropped its line breaks and tabs as a browser does (WHATWG URL); what stays of `"<>`
 * is a writer's to encode (domain/calendar.ts).
 */
export const webAddress = (protocol: RegExp, error: string) =>
  plainCharacters(z.url({ protocol, error }).max(2000));

/** A list with a ceiling, saying what it holds. */
export const listUpTo = <T extends z.ZodType>(item: T, max: number, what: string) =>
  z.array(item).max(max, `at most ${max} ${what}`);

export const moneyString = () =>
  z
    .string({ error: expected('a decimal string in quotes') })
    .refine(isMoneyString, { error: expected('a decimal string with at most 2 decimals') });

/** A change of an amount, which may be negative: `-15000.00`. */
export const signedMoneyString = () =>
  z.string({ error: expected('a decimal string in quotes') }).refine(isSignedMoneyString, {
    error: expected('a decimal string with at most 2 decimals, optionally negative'),
  });

// zod's own pattern, copied: zod resets a pattern's lastIndex before each test, and the one it
// exports is frozen with the rest of zod in the worker. (Imported from zod/v4/core: the workflow
// bundler turns `z.regexes.email` into `z.email`.)
const EMAIL_PATTERN = new RegExp(regexes.email);

export const email = () =>
  z
    .email({ pattern: EMAIL_PATTERN, error: expected('an email address') })
    .max(254, 'an email address has at most 254 characters');

export const localDate = () =>
  z.string().refine(isLocalDate, { error: expected('a calendar date YYYY-MM-DD') });

/** `12-15`: a day of the year, as a yearly circular gives it; a day every year has (no 29 February). */
export const isMonthDay = (value: string) => /^\d{2}-\d{2}$/.test(value) && isLocalDate(`2023-${value}`);

export const monthDay = () =>
  z.string().refine(isMonthDay, { error: expected('a day of the year MM-DD, such as "12-15"') });

const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

export const timeZone = () =>
  z.string().refine(isTimeZone, { error: expected('an IANA time zone such as "Europe/Paris"') });

/** A share of an allocation, strictly between 0 and 1, as a decimal string ("0.80"). */
export const isShare = (value: string) => /^0\.\d+$/.test(value) && new Decimal(value).gt(0);

export const share = () =>
  z.string().refine(isShare, {
    error: expected('a share strictly between 0 and 1 written as a decimal string like "0.80"'),
  });

/** A whole number in a range; the message says what it stands for. */
export function intBetween(min: number, max: number, what: string) {
  const error = expected(`${what}, a whole number from ${min} to ${max}`);
  return z.int({ error }).min(min, { error }).max(max, { error });
}
