import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexKeysOf, memoFold, parseQuery, phoneQueryDigits } from '../../../src-main/contacts/search-text';
import { foldText } from '../../../src-shared/domain/text';

describe('search text and queries', () => {
  it('turns a number typed in any form into the digits stored with the country code', () => {
    expect(phoneQueryDigits('532 123')).toBe('532123');
    expect(phoneQueryDigits('0532')).toBe('532');
    expect(phoneQueryDigits('+90532')).toBe('90532');
    expect(phoneQueryDigits('+90 (532) 123-45')).toBe('9053212345');
    expect(phoneQueryDigits('0090 532')).toBe('90532');
    expect(phoneQueryDigits('(0532) 123 45 67')).toBe('5321234567');
  });

  it('plans a query: trigrams that must all occur, prefix for short input, every word longer than a trigram checked on candidates', () => {
    expect(parseQuery('   ')).toEqual({ kind: 'all' });
    // A word of letters: trigrams that cover it; the index keeps no positions, so the word itself is checked.
    expect(parseQuery('İSTANBUL')).toEqual({ kind: 'fts', match: '"ist" AND "anb" AND "bul"', rest: ['istanbul'] });
    expect(parseQuery('Ayşe  YILMAZ')).toEqual({ kind: 'fts', match: '"ays" AND "yse" AND "yil" AND "maz"', rest: ['ayse', 'yilmaz'] });
    // A three-letter word is its own trigram and needs no check; a shorter one is only checked.
    expect(parseQuery('ali k')).toEqual({ kind: 'fts', match: '"ali"', rest: ['k'] });
    expect(parseQuery('Şu')).toEqual({ kind: 'prefix', column: 'sort_name', prefix: 'su' });
    // A number: all its trigrams (numbers share digits, so a cover would let through thousands).
    expect(parseQuery('0532 123')).toEqual({ kind: 'fts', match: '"532" AND "321" AND "212" AND "123"', rest: ['532123'] });
    expect(parseQuery('05')).toEqual({ kind: 'prefix', column: 'phone', prefix: '+5' });
    // A long number: its leading digits (country code, operator), shared by most of the directory, are left to the check.
    expect(parseQuery('+90 532 123 45')).toEqual({ kind: 'fts', match: '"321" AND "212" AND "123" AND "234" AND "345"', rest: ['9053212345'] });
    expect(parseQuery('ayşe 0532')).toEqual({ kind: 'fts', match: '"ays" AND "yse" AND "532"', rest: ['ayse'] });
    // A long address: only its part up to the @ goes to the index.
    expect(parseQuery('ebru.tas3@hotmail.com')).toEqual({ kind: 'fts', match: '"ebr" AND "u.t" AND "as3"', rest: ['ebru.tas3@hotmail.com'] });
    expect(parseQuery('@hotmail.com')).toEqual({ kind: 'fts', match: '"@ho" AND "tma" AND "il." AND "com"', rest: ['@hotmail.com'] });
    const long = parseQuery('a.very.long.local.part@x.io');
    expect(long.kind === 'fts' && long.match.split(' AND ').every((t) => [...t].length === 5)).toBe(true);
    expect(long.kind === 'fts' && long.match).not.toContain('x.io');
    expect(parseQuery('say "hi"')).toEqual({ kind: 'fts', match: '"say" AND """hi" AND "hi"""', rest: ['"hi"'] });
  });

  it('indexes folded names, phone digits, email and searchable attributes, one per line', () => {
    const keys = indexKeysOf(
      {
        name: 'Işıl Şahin',
        pushName: 'IŞIL',
        phone: '+905321234567',
        email: 'Isil@Example.com',
        attributes: { city: 'İSTANBUL', age: 30, alt: '+905339998877', born: '2000-01-01', tier: 'Altın' },
      },
      new Map([
        ['city', 'text'],
        ['age', 'number'],
        ['alt', 'phone'],
        ['born', 'date'],
        ['tier', 'choice'],
      ] as const),
    );
    expect(keys.sortName).toBe('isil sahin');
    expect(keys.search.split('\n')).toEqual(['905321234567', 'isil sahin', 'isil', 'isil@example.com', 'istanbul', '905339998877', 'altin']);
    expect(indexKeysOf({ name: null, pushName: null, phone: '+905321234567', email: null, attributes: {} }, new Map()).sortName).toBe(
      '+905321234567',
    );
  });

  it('memoised folding gives exactly foldText', () => {
    const fold = memoFold(50);
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'İ', 'ı', 'I', 'ş', ' ', '\u00a0', '\t', 'Ö', '¨', 'é', 'ǅ', 'x') }), (s) => {
        expect(fold(s)).toBe(foldText(s));
      }),
      { numRuns: 2000 },
    );
  });
});
