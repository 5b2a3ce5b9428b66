import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexKeysOf, MAX_PHRASE, memoFold, parseQuery, phoneQueryDigits } from '../../../src-main/contacts/search-text';
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

  it('plans a query: trigram phrases, prefix for short input, long and short words checked on candidates', () => {
    expect(parseQuery('   ')).toEqual({ kind: 'all' });
    expect(parseQuery('İSTANBUL')).toEqual({ kind: 'fts', match: '"istanbul"', rest: [] });
    expect(parseQuery('Ayşe  YILMAZ')).toEqual({ kind: 'fts', match: '"ayse" AND "yilmaz"', rest: [] });
    expect(parseQuery('ali k')).toEqual({ kind: 'fts', match: '"ali"', rest: ['k'] });
    expect(parseQuery('Şu')).toEqual({ kind: 'prefix', column: 'sort_name', prefix: 'su' });
    expect(parseQuery('0532 123')).toEqual({ kind: 'fts', match: '"532123"', rest: [] });
    expect(parseQuery('05')).toEqual({ kind: 'prefix', column: 'phone', prefix: '+5' });
    // A long number: its leading digits (country code, operator), shared by most of the directory, are checked on the candidates.
    expect(parseQuery('+90 532 123 45')).toEqual({ kind: 'fts', match: '"3212345"', rest: ['9053212345'] });
    expect(parseQuery('ayşe 0532')).toEqual({ kind: 'fts', match: '"ayse" AND "532"', rest: [] });
    // A long word: phrases that cover it (an email only up to the @), and the whole word checked on the candidates.
    expect(parseQuery('ebru.tas3@hotmail.com')).toEqual({ kind: 'fts', match: '"ebru.tas3"', rest: ['ebru.tas3@hotmail.com'] });
    expect(parseQuery('mehmet.erdogan9@outlook.com')).toEqual({
      kind: 'fts',
      match: '"mehmet.erd" AND "t.erdogan9"',
      rest: ['mehmet.erdogan9@outlook.com'],
    });
    expect(parseQuery('Abdurrahmangazi')).toEqual({ kind: 'fts', match: '"abdurrahma" AND "rahmangazi"', rest: ['abdurrahmangazi'] });
    expect(parseQuery('@hotmail.com')).toEqual({ kind: 'fts', match: '"@hotmail.c" AND "otmail.com"', rest: ['@hotmail.com'] });
    const long = parseQuery('a.very.long.local.part@x.io');
    expect(long.kind === 'fts' && long.match.split(' AND ').every((p) => p.length - 2 <= MAX_PHRASE)).toBe(true);
    expect(parseQuery('say "hi"')).toEqual({ kind: 'fts', match: '"say" AND """hi"""', rest: [] });
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
