import Decimal from 'decimal.js';

// Money is decimal.js in memory and a decimal string ("140000.00") on the wire and on disk:
// a float would turn 0.1 + 0.2 into 0.30000000000000004 €.

/** Euros as written in a convention file or a command: digits, optionally a dot and one or two decimals. */
const MONEY_PATTERN = /^(0|[1-9]\d*)(\.\d{1,2})?$/;

/** A change of an amount (an amendment's delta): the same, optionally negative. */
const SIGNED_MONEY_PATTERN = /^-?(0|[1-9]\d*)(\.\d{1,2})?$/;

export type MoneyString = string;

export function isMoneyString(value: string): boolean {
  return MONEY_PATTERN.test(value);
}

export function isSignedMoneyString(value: string): boolean {
  return SIGNED_MONEY_PATTERN.test(value);
}

/** Parses a strict decimal string; throws a RangeError naming the bad value. */
export function parseMoney(value: string): Decimal {
  if (!isMoneyString(value)) {
    throw new RangeError(`expected a decimal string with at most 2 decimals, got ${JSON.stringify(value)}`);
  }
  return new Decimal(value);
}

/** Parses a delta, which may be negative. */
export function parseSignedMoney(value: string): Decimal {
  if (!isSignedMoneyString(value)) {
    throw new RangeError(`expected a decimal string with at most 2 decimals, got ${JSON.stringify(value)}`);
  }
  return new Decimal(value);
}

export function sumMoney(values: readonly MoneyString[]): Decimal {
  return values.reduce((total, value) => total.plus(parseMoney(value)), new Decimal(0));
}

/** The canonical wire form: always two decimals, never an exponent. */
export function toMoneyString(value: Decimal): MoneyString {
  return value.toFixed(2);
}

const NO_BREAK_SPACE = '\u00a0';

/** French style, `140 000,00 €`, with no-break spaces so that an amount never wraps in an email. */
export function formatEuros(value: Decimal | MoneyString): string {
  const amount = typeof value === 'string' ? parseMoney(value) : value;
  const [units = '0', cents = '00'] = amount.abs().toFixed(2).split('.');
  const grouped = units.replace(/\B(?=(\d{3})+(?!\d))/g, NO_BREAK_SPACE);
  const sign = amount.isNegative() && !amount.isZero() ? '-' : '';
  return `${sign}${grouped},${cents}${NO_BREAK_SPACE}€`;
}

// What a person types in a form: French first (`12 500,00`, `12500,00`, `12 500 €`, `12 500,5`),
// the machine's form too (`12500.00`). Thousands grouped by a space of any width, or not at all;
// a comma or a dot before one or two decimals; a euro sign after. `12.500` is refused, not read as
// twelve thousand five hundred nor as twelve and a half: it is both, depending on who wrote it.
const TYPED_AMOUNT =
  /^([-\u2212])?\s*(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[,.](\d{1,2}))?\s*(?:€|eur|euros?)?$/i;

/**
 * An amount as a person types it, in the wire's form (`12500.00`); undefined when it is not one,
 * or when it is negative and `signed` (an avenant's variation) was not asked for.
 */
export function readTypedAmount(text: string, { signed = false } = {}): MoneyString | undefined {
  const match = TYPED_AMOUNT.exec(text.trim());
  if (!match) return undefined;
  const [, minus, units = '', cents = ''] = match;
  if (minus && !signed) return undefined;
  const amount = new Decimal(`${units.replace(/\D/g, '')}.${cents.padEnd(2, '0')}`);
  return toMoneyString(minus && !amount.isZero() ? amount.negated() : amount);
}

/** An amount as a form shows it to be edited: `12 500,00`, no euro sign, ordinary spaces. */
export function typedAmount(value: MoneyString): string {
  return formatEuros(new Decimal(value))
    .replace(/\u00a0€$/, '')
    .replace(/\u00a0/g, ' ');
}
