import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { formatEuros, isMoneyString, parseMoney, sumMoney, toMoneyString } from '../../domain/money';

const NBSP = '\u00a0';

describe('money on decimal.js', () => {
  it('adds 0.1 and 0.2 exactly', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(toMoneyString(sumMoney(['0.1', '0.2']))).toBe('0.30');
    expect(parseMoney('0.1').plus(parseMoney('0.2')).eq(parseMoney('0.3'))).toBe(true);
  });

  it('keeps large sums exact to the cent', () => {
    // 2^53 cents would already lose a cent as a float.
    const lines = Array.from({ length: 1000 }, () => '90071992547409.93');
    expect(toMoneyString(sumMoney(lines))).toBe('90071992547409930.00');
    expect(toMoneyString(sumMoney(['9007199254740993.01', '0.01']))).toBe('9007199254740993.02');
  });

  it('sums the seed budget', () => {
    expect(toMoneyString(sumMoney(['140000.00', '80000.00', '100000.00']))).toBe('320000.00');
  });

  it.each(['0', '12', '12.5', '12.50', '140000.00', '0.01'])('accepts %s', (value) => {
    expect(isMoneyString(value)).toBe(true);
  });

  it.each(['12,5', '1.005', '-5', '+5', '1e3', '.5', '5.', '012', ' 5', '5 000', '', 'NaN', 'Infinity'])(
    'refuses %j with the rule and the value',
    (value) => {
      expect(isMoneyString(value)).toBe(false);
      expect(() => parseMoney(value)).toThrow(
        `expected a decimal string with at most 2 decimals, got ${JSON.stringify(value)}`,
      );
    },
  );

  it.each([
    ['140000', `140${NBSP}000,00${NBSP}€`],
    ['12000.5', `12${NBSP}000,50${NBSP}€`],
    ['8500', `8${NBSP}500,00${NBSP}€`],
    ['999.99', `999,99${NBSP}€`],
    ['0', `0,00${NBSP}€`],
    ['1234567890.12', `1${NBSP}234${NBSP}567${NBSP}890,12${NBSP}€`],
  ])('formats %s French style as %s', (value, expectedText) => {
    expect(formatEuros(value)).toBe(expectedText);
  });

  it('formats a negative amount with its sign, and zero without one', () => {
    expect(formatEuros(new Decimal('-1500.5'))).toBe(`-1${NBSP}500,50${NBSP}€`);
    expect(formatEuros(new Decimal('-0'))).toBe(`0,00${NBSP}€`);
  });
});
