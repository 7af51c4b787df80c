import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  formatEuros,
  isMoneyString,
  parseMoney,
  readTypedAmount,
  sumMoney,
  toMoneyString,
  typedAmount,
} from '../../domain/money';

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

describe('amounts as a person types them', () => {
  it.each([
    ['12 500,00', '12500.00'],
    ['12500,00', '12500.00'],
    ['12 500 €', '12500.00'],
    ['12 500,5', '12500.50'],
    ['12500.00', '12500.00'],
    ['12500', '12500.00'],
    [`12${NBSP}500,00${NBSP}€`, '12500.00'],
    ['12\u202f500,00 €', '12500.00'],
    ['1 234 567,89', '1234567.89'],
    ['  0,5  ', '0.50'],
    ['0', '0.00'],
    ['999,99€', '999.99'],
    ['12 500 EUR', '12500.00'],
    ['12 500 euros', '12500.00'],
  ])('reads %j as %s', (text, wire) => {
    expect(readTypedAmount(text)).toBe(wire);
  });

  it.each([
    '',
    'douze mille',
    '12.500',
    '12,500.00',
    '12 50',
    '1 2500',
    '12 500,005',
    '12,',
    ',5',
    '-5',
    '1e3',
    '€ 12',
    '12 500 $',
    '12..5',
  ])('refuses %j', (text) => {
    expect(readTypedAmount(text)).toBeUndefined();
  });

  it('reads a variation with its sign when asked to', () => {
    expect(readTypedAmount('-5 000,00', { signed: true })).toBe('-5000.00');
    expect(readTypedAmount('\u22125 000 €', { signed: true })).toBe('-5000.00');
    expect(readTypedAmount('30 000', { signed: true })).toBe('30000.00');
    expect(readTypedAmount('-0', { signed: true })).toBe('0.00');
  });

  it('gives what it reads in the form the commands take', () => {
    for (const text of ['12 500,5', '1 234 567,89', '0,01'])
      expect(isMoneyString(readTypedAmount(text)!)).toBe(true);
  });

  it.each([
    ['12500.00', '12 500,00'],
    ['50000', '50 000,00'],
    ['0.5', '0,50'],
    ['-5000', '-5 000,00'],
  ])('shows %s to be edited as %s, which reads back', (wire, text) => {
    expect(typedAmount(wire)).toBe(text);
    expect(readTypedAmount(text, { signed: true })).toBe(new Decimal(wire).toFixed(2));
  });
});
