import { describe, expect, it } from 'vitest';
import { formatPhone, parsePhone, phoneDigits } from '../../../src-shared/domain/phone';
import { cleanName, foldText } from '../../../src-shared/domain/text';

describe('parsePhone', () => {
  it.each([
    ['+90 532 123 45 67', 'TR'],
    ['0532 123 45 67', 'TR'],
    ['(0532) 123-4567', 'TR'],
    ['905321234567', 'TR'],
    ['00905321234567', 'TR'],
    ['5321234567', 'TR'],
    ['+90 (532) 123-4567', 'US'],
  ])('%s -> +905321234567', (raw, country) => {
    const r = parsePhone(raw, country);
    expect(r.ok && r.e164).toBe('+905321234567');
  });

  it('uses the default country for national numbers', () => {
    const r = parsePhone('(201) 555-0123', 'US');
    expect(r.ok && r.e164).toBe('+12015550123');
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['0532 12', 'too_short'],
    ['+90 532 123 45 67 89012', 'too_long'],
    ['+999 12345678', 'unknown_country'],
    ['call me', 'invalid'],
    ['9.05321E+11', 'invalid'],
  ])('%j is refused as %s', (raw, problem) => {
    const r = parsePhone(raw, 'TR');
    expect(r.ok ? 'ok' : r.problem).toBe(problem);
  });

  it('flags landlines only when a mobile number is required', () => {
    expect(parsePhone('0212 123 45 67', 'TR').ok).toBe(true);
    const r = parsePhone('0212 123 45 67', 'TR', { requireMobile: true });
    expect(r.ok ? 'ok' : r.problem).toBe('not_mobile');
  });

  it('formats and extracts digits', () => {
    expect(formatPhone('+905321234567')).toBe('+90 532 123 45 67');
    expect(formatPhone('not a number')).toBe('not a number');
    expect(phoneDigits('+90 (532) 123-45')).toBe('9053212345');
  });
});

describe('foldText', () => {
  it.each([
    ['İSTANBUL', 'istanbul'],
    ['Isparta', 'isparta'],
    ['ısparta', 'isparta'],
    ['Şule', 'sule'],
    ['IŞIL', 'isil'],
    ['Işıl', 'isil'],
    ['ışıl', 'isil'],
    ['Çağrı Öztürk', 'cagri ozturk'],
    ['  Gül   Ünal ', 'gul unal'],
    ['José', 'jose'],
  ])('%s -> %s', (input, folded) => {
    expect(foldText(input)).toBe(folded);
  });

  it('cleans names', () => {
    expect(cleanName('  A   b\tc ')).toBe('A b c');
  });
});
