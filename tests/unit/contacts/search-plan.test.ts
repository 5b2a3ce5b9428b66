import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContactQueries } from '../../../src-main/contacts/queries';
import { parseQuery, planFts, type TrigramFrequencies } from '../../../src-main/contacts/search-text';
import { TrigramStats } from '../../../src-main/contacts/trigram-stats';
import type { TestCore } from '../../helpers/core';
import { channelCore } from './harness';

/** What a plan accepts: every trigram of the FTS5 expression and every `rest` word occurs in the text. */
function accepts(plan: { match: string; rest: string[] }, text: string): boolean {
  const phrases = [...plan.match.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1]!.replace(/""/g, '"'));
  return [...phrases, ...plan.rest].every((p) => text.includes(p));
}

const counts = (docs: Record<string, number>, total = 1_000_000): TrigramFrequencies => ({ total, docs: (g) => docs[g] ?? total / 2 });

describe('the frequency-driven trigram plan', () => {
  it('asks the index for rare trigrams and leaves common ones (905, mai, com) to the candidate check', () => {
    const phone = planFts(['90548053'], counts({ '905': 980_000, '054': 140_000, '548': 43_000, '480': 9_000, '805': 9_000, '053': 340_000 }));
    expect(phone.match).not.toContain('905');
    expect(phone.rest).toEqual(['90548053']);
    const email = planFts(
      ['ismail.ozdemir46@gmail.com'],
      counts({ r46: 527, 'l.o': 3_267, 'ir4': 3_798, '46@': 6_115, mai: 213_668, com: 600_000, '@gm': 300_000 }),
    );
    expect(email).toEqual({ match: '"r46" AND "l.o"', rest: ['ismail.ozdemir46@gmail.com'] });
  });

  it('asks for chosen trigrams one by one (the index has no positions), and only a word of one trigram needs no check', () => {
    expect(planFts(['ali'], counts({ ali: 20_000 }))).toEqual({ match: '"ali"', rest: [] });
    expect(planFts(['oztu'], counts({ ozt: 28_000, ztu: 28_000 }))).toEqual({ match: '"ozt" AND "ztu"', rest: ['oztu'] });
    expect(planFts(['5573'], counts({ '557': 9_500, '573': 6_200 }))).toEqual({ match: '"573" AND "557"', rest: ['5573'] });
    expect(planFts(['ayse', 'yilmaz'], counts({ ays: 40_000, yil: 90_000 })).match).toContain('"ays"');
  });

  it('gives every word its rarest trigram before a second one of the same word', () => {
    const plan = planFts(['mustafa', 'dogan'], counts({ mus: 22_000, ust: 22_000, taf: 22_000, afa: 22_000, sta: 100_000, dog: 68_000, oga: 51_000, gan: 51_000 }));
    expect(plan.match).toContain('oga');
    expect(plan.rest).toEqual(['mustafa', 'dogan']);
  });

  it('accepts exactly the texts that hold every word, whatever the frequencies', () => {
    const char = fc.constantFrom('a', 'b', 'c', '5', '.', '@', '"', 'ş');
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: char, minLength: 1, maxLength: 9 }), { minLength: 1, maxLength: 3 }),
        fc.string({ unit: fc.constantFrom('a', 'b', 'c', '5', '.', '@', '"', 'ş', '\n'), maxLength: 40 }),
        fc.integer({ min: 0, max: 1000 }),
        (words, text, seed) => {
          fc.pre(words.some((w) => [...w].length >= 3));
          const freq: TrigramFrequencies = { total: 1000, docs: (g) => ([...g].reduce((h, c) => h * 31 + c.charCodeAt(0), seed) >>> 0) % 1000 };
          const plan = planFts(words, freq);
          expect(plan.match).not.toBe('');
          expect(accepts(plan, text)).toBe(words.every((w) => text.includes(w)));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('plans addresses and long words by frequency, keeps the fixed plan for names, numbers and a small directory', () => {
    const freq = counts({ 's3@': 900, 'u.t': 4_000, ays: 5_000, yse: 900_000, '532': 50_000 });
    expect(parseQuery('ebru.tas3@hotmail.com', undefined)).toEqual({ kind: 'fts', match: '"ebr" AND "u.t" AND "as3"', rest: ['ebru.tas3@hotmail.com'] });
    expect(parseQuery('ebru.tas3@hotmail.com', freq)).toEqual({ kind: 'fts', match: '"s3@" AND "u.t"', rest: ['ebru.tas3@hotmail.com'] });
    expect(parseQuery('Ayşe  YILMAZ', freq)).toEqual(parseQuery('Ayşe  YILMAZ'));
    expect(parseQuery('0532 123', freq)).toEqual(parseQuery('0532 123'));
    expect(parseQuery('+90 532 123 45', freq)).toMatchObject({ kind: 'fts', rest: ['9053212345'] });
    expect(parseQuery('+90 532 123 45', freq)).not.toEqual(parseQuery('+90 532 123 45'));
    expect(parseQuery('ayşe 0532', freq)).toEqual({ kind: 'fts', match: '"ays" AND "532"', rest: ['ayse'] });
  });
});

describe('search through the frequency-driven plan', () => {
  let t: TestCore;
  let channelId: number;
  beforeEach(async () => {
    ({ t, channelId } = await channelCore());
    await t.ok('attributes.create', { key: 'city', label: 'Şehir', type: 'text' });
    const cities = ['İSTANBUL', 'Isparta', 'Ağrı', 'İzmir'];
    const first = ['Işıl', 'Şule', 'Ali', 'Ayşe', 'Gökhan', 'Mustafa'];
    const last = ['Öztürk', 'Çelik', 'Kaya', 'Doğan', 'Yıldız'];
    for (let i = 0; i < 240; i++) {
      const name = `${first[i % first.length]} ${last[(i * 7) % last.length]}`;
      await t.ok('contacts.create', {
        channelId,
        phone: `+90 53${i % 10} ${String(10_000_000 + i * 3_917).slice(1)}`,
        name,
        email: i % 3 === 0 ? `${name.toLocaleLowerCase('tr').replace(' ', '.')}${i % 50}@${i % 2 ? 'gmail.com' : 'firma.com.tr'}` : undefined,
        attributes: { city: cities[i % cities.length]! },
      });
    }
  });
  afterEach(() => t.close());

  const ids = (q: ContactQueries, query: string, limit: number) => {
    const out: number[] = [];
    let cursor: string | undefined;
    do {
      const page = q.search({ channelId, query, limit, cursor });
      out.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return out;
  };

  it('finds exactly what the fixed plan finds, newest first, over every page', () => {
    const sqlite = t.core.database.sqlite;
    const types = () => new Map([['city', 'text']] as const);
    const planned = new ContactQueries(sqlite, types, new TrigramStats(sqlite, 0));
    const fixed = new ContactQueries(sqlite, types, new TrigramStats(sqlite, Number.MAX_SAFE_INTEGER));
    const queries = ['isil', 'IŞIL öztürk', 'ozturk', 'sule', 'istanbul', 'ısparta', 'agri', 'mustafa doğan', 'gökhan yıl', 'ali k',
      '530 100', '0530', '+90530', '+90 531 000 39 17', '3917', 'isil.ozturk', '@gmail.com', 'firma.com.tr', 'ayse.kaya12@gm', 'nobody', 'kaya 0532'];
    for (const query of queries) {
      const want = ids(fixed, query, 500);
      expect(ids(planned, query, 7), query).toEqual(want);
      expect(want, query).toEqual([...want].sort((a, b) => b - a));
    }
    expect(ids(planned, 'isil', 500).length).toBe(40);
  });

  it('counts a rare trigram exactly, estimates a common one from its newest entries, and recounts after growth', () => {
    const sqlite = t.core.database.sqlite;
    const stats = new TrigramStats(sqlite, 0);
    const freq = stats.frequencies()!;
    const exact = (g: string) => (sqlite.prepare('SELECT count(*) AS n FROM contacts_fts WHERE contacts_fts MATCH ?').get(`"${g}"`) as { n: number }).n;
    expect(freq.docs('isi')).toBe(exact('isi'));
    expect(freq.docs('zzz')).toBe(0);
    expect(freq.total).toBe(240);
    t.core.contacts.ensure(channelId, Array.from({ length: 60 }, (_, i) => ({ phone: `+90555${String(1_000_000 + i).slice(1)}1`, name: 'Zzz Yeni' })));
    expect(stats.frequencies()!.docs('zzz')).toBe(60);
    expect(new TrigramStats(sqlite).frequencies()).toBeUndefined();
  });
});
