import { describe, expect, it } from 'vitest';
import { currencyForLocale, formatMoney, parseMoney, toMajorString } from '../../../src-shared/domain/money';

describe('money helpers', () => {
  it('picks the currency from the locale, TRY for Turkish, USD when unknown', () => {
    expect(currencyForLocale('tr-TR')).toBe('TRY');
    expect(currencyForLocale('tr')).toBe('TRY');
    expect(currencyForLocale('en-TR')).toBe('TRY');
    expect(currencyForLocale('en-US')).toBe('USD');
    expect(currencyForLocale('en_GB')).toBe('GBP');
    expect(currencyForLocale('de-DE')).toBe('EUR');
    expect(currencyForLocale('en')).toBe('USD');
    expect(currencyForLocale('')).toBe('USD');
  });

  it('writes minor units as exact decimal text', () => {
    expect(toMajorString(0, 'TRY')).toBe('0.00');
    expect(toMajorString(5, 'TRY')).toBe('0.05');
    expect(toMajorString(-1234, 'USD')).toBe('-12.34');
    expect(toMajorString(9_007_199_254_740_991, 'USD')).toBe('90071992547409.91');
  });

  it('formats for the screen in the UI language', () => {
    expect(formatMoney(123456, 'USD', 'en-US')).toBe('$1,234.56');
    expect(formatMoney(123456, 'TRY', 'tr-TR').replace(/\s/g, ' ')).toBe('₺1.234,56');
    expect(formatMoney(-5, 'EUR', 'en-US')).toBe('-€0.05');
  });

  it('reads amounts as people type them and refuses what is not one', () => {
    const cases: [string, number | null][] = [
      ['12', 1200],
      ['12.5', 1250],
      ['12,50', 1250],
      ['1.234,56', 123456],
      ['1,234.56', 123456],
      ['1 234,56', 123456],
      ['₺1.000', 100000],
      ['1.000.000', 100000000],
      ['0,05', 5],
      [',5', 50],
      ['-3', -300],
      ['12.345', 1234500],
      ['1.2.3', null],
      ['12,345,6', null],
      ['12.555,1', 1255510],
      ['1.23.456', null],
      ['0.001', null],
      ['abc', null],
      ['', null],
      ['.', null],
      ['99999999999999999999', null],
    ];
    for (const [text, minor] of cases) expect(parseMoney(text, 'TRY'), text).toBe(minor);
  });
});
