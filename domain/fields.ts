import Decimal from 'decimal.js';
import { z } from 'zod';
import { isLocalDate } from './dates';
import { MONEY_PATTERN, SIGNED_MONEY_PATTERN } from './money';

// Field schemas shared by the convention file and the commands. Each refusal says what was
// expected and what was given; a missing value falls through to the parse's "required".

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
export const requiredWhenMissing = (issue: IssueInput & { code?: string }): string | undefined =>
  issue.code === 'invalid_type' && issue.input === undefined ? 'required' : undefined;

const nonEmptyText = z.string().trim().min(1, 'must not be empty');

/**
 * Text with a ceiling: every field has one, so that no input can grow a workflow's payloads
 * toward Temporal's limits (2 MB per payload, 50 MB per history).
 */
export const textUpTo = (max: number) => nonEmptyText.max(max, `at most ${max} characters`);

/** A name, a title, a place: one line. */
export const shortText = textUpTo(300);

/** A list with a ceiling, saying what it holds. */
export const listUpTo = <T extends z.ZodType>(item: T, max: number, what: string) =>
  z.array(item).max(max, `at most ${max} ${what}`);

export const moneyString = z
  .string({ error: expected('a decimal string in quotes') })
  .regex(MONEY_PATTERN, { error: expected('a decimal string with at most 2 decimals') });

/** A change of an amount, which may be negative: `-15000.00`. */
export const signedMoneyString = z
  .string({ error: expected('a decimal string in quotes') })
  .regex(SIGNED_MONEY_PATTERN, {
    error: expected('a decimal string with at most 2 decimals, optionally negative'),
  });

export const email = z
  .email({ error: expected('an email address') })
  .max(254, 'an email address has at most 254 characters');

export const localDate = z.string().refine(isLocalDate, { error: expected('a calendar date YYYY-MM-DD') });

const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

export const timeZone = z
  .string()
  .refine(isTimeZone, { error: expected('an IANA time zone such as "Europe/Paris"') });

/** A share of an allocation, strictly between 0 and 1, as a decimal string ("0.80"). */
export const isShare = (value: string) => /^0\.\d+$/.test(value) && new Decimal(value).gt(0);

export const share = z.string().refine(isShare, {
  error: expected('a share strictly between 0 and 1 written as a decimal string like "0.80"'),
});

/** A whole number in a range; the message says what it stands for. */
export function intBetween(min: number, max: number, what: string) {
  const error = expected(`${what}, a whole number from ${min} to ${max}`);
  return z.int({ error }).min(min, { error }).max(max, { error });
}
