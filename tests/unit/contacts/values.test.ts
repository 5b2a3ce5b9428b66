import { describe, expect, it } from 'vitest';
import type { AttributeDef } from '../../../src-shared/api/contacts';
import {
  excelSerialToIso,
  normaliseAttributeValue,
  normaliseEmail,
  normaliseName,
  parseDate,
  parseLooseNumber,
} from '../../../src-main/contacts/values';

const def = (type: AttributeDef['type'], options: string[] | null = null) => ({ label: 'Field', type, options });
const ctx = { defaultCountry: 'TR' };
const value = (d: ReturnType<typeof def>, raw: string | number | null, fromSpreadsheet = false) => {
  const r = normaliseAttributeValue(d, raw, { ...ctx, fromSpreadsheet });
  return r.ok ? r.value : `!${r.code}`;
};

describe('attribute values', () => {
  it('reads numbers written the Turkish or the English way, and refuses what is not a number', () => {
    expect(parseLooseNumber('1.234,5')).toBe(1234.5);
    expect(parseLooseNumber('1,234.5')).toBe(1234.5);
    expect(parseLooseNumber('12,5')).toBe(12.5);
    expect(parseLooseNumber('-12.5')).toBe(-12.5);
    expect(parseLooseNumber('1.234.567')).toBe(1234567);
    expect(parseLooseNumber("1'000")).toBe(1000);
    expect(parseLooseNumber('9.05321E+11')).toBe(905321000000);
    for (const bad of ['', 'abc', '1,2,3', '12a', '--1', '.', '1e999']) expect(parseLooseNumber(bad), bad).toBeNull();
    expect(value(def('number'), ' 42 ')).toBe(42);
    expect(value(def('number'), 7.25)).toBe(7.25);
    expect(value(def('number'), 'on iki')).toBe('!number_invalid');
  });

  it('stores dates as yyyy-mm-dd from ISO, day-first and Excel serial forms, and refuses impossible dates', () => {
    expect(parseDate('2026-01-15')).toBe('2026-01-15');
    expect(parseDate('2026-1-5T10:30:00Z')).toBe('2026-01-05');
    expect(parseDate('15.01.2026')).toBe('2026-01-15');
    expect(parseDate('5/1/2026')).toBe('2026-01-05');
    expect(parseDate('29.02.2024')).toBe('2024-02-29');
    for (const bad of ['29.02.2025', '31.04.2026', '2026-13-01', '00.01.2026', 'yesterday', '15.01.26']) {
      expect(parseDate(bad), bad).toBeNull();
    }
    expect(excelSerialToIso(46037)).toBe('2026-01-15');
    expect(excelSerialToIso(46037.75)).toBe('2026-01-15');
    expect(value(def('date'), '46037', true)).toBe('2026-01-15');
    expect(value(def('date'), '46037', false)).toBe('!date_invalid');
    expect(value(def('date'), 46037)).toBe('2026-01-15');
  });

  it('checks emails, phones (to E.164) and choices (Turkish-folded match, stored as the option)', () => {
    expect(value(def('email'), ' Ali@Example.COM ')).toBe('ali@example.com');
    for (const bad of ['ali', 'ali@', '@x.com', 'a b@c.com', 'ali@x', 'a@b.c']) expect(value(def('email'), bad), bad).toBe('!email_invalid');
    expect(value(def('phone'), '0532 123 45 67')).toBe('+905321234567');
    expect(value(def('phone'), '123')).toBe('!phone_invalid');
    const city = def('choice', ['İstanbul', 'Isparta', 'Şanlıurfa']);
    expect(value(city, 'istanbul')).toBe('İstanbul');
    expect(value(city, 'ISPARTA')).toBe('Isparta');
    expect(value(city, 'sanliurfa')).toBe('Şanlıurfa');
    expect(value(city, 'Ankara')).toBe('!choice_invalid');
  });

  it('treats blanks as no value, keeps text up to 1000 characters', () => {
    for (const type of ['text', 'number', 'date', 'email', 'phone', 'choice'] as const) {
      expect(value(def(type, ['a']), '   ')).toBeNull();
      expect(value(def(type, ['a']), null)).toBeNull();
    }
    expect(value(def('text'), 'a\r\nb')).toBe('a\nb');
    expect(value(def('text'), 'x'.repeat(1000))).toHaveLength(1000);
    expect(value(def('text'), 'x'.repeat(1001))).toBe('!too_long');
  });

  it('normalises names and emails of the card itself', () => {
    expect(normaliseName('  Ayşe \n Yılmaz ')).toEqual({ ok: true, value: 'Ayşe Yılmaz' });
    expect(normaliseName('   ')).toEqual({ ok: true, value: null });
    expect(normaliseName('x'.repeat(201)).ok).toBe(false);
    expect(normaliseEmail('')).toEqual({ ok: true, value: null });
    const bad = normaliseEmail('nope');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.text.tr).toContain('e-posta');
  });
});
