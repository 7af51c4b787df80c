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
