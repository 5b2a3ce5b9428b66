import { describe, expect, it } from 'vitest';
import { packRows, RowPack, rowNumbers, unpackRows } from '../../../src-main/imports/packed-rows';
import type { IncomingRow } from '../../../src-main/imports/writer';

const row = (n: number, phone: string, over: Partial<IncomingRow> = {}): IncomingRow => ({
  row: n,
  phone,
  name: 'Işıl Şahin',
  email: 'isil@firma.com.tr',
  attributesJson: '{"note":"Aradı, \\"tekrar\\"\\narayacak"}',
  sortName: 'isil sahin',
  search: '905321234567\nisil sahin',
  ...over,
});

describe('packed rows', () => {
  it('give back every field as it was: nulls, empty text, Turkish letters, emoji, newlines and NUL', () => {
    const rows = [
      row(2, '+905321234567'),
      row(3, '+905059999999', { name: null, email: null, sortName: '+905059999999', search: '' }),
      row(4_000_000_000, '+905321234568', { name: '😀 Ayşe\u0000\r\n', email: '', attributesJson: '{}', sortName: 'ğüşiöç İI', search: '\u{1F600}\n' }),
    ];
    const packed = packRows(rows);
    expect(unpackRows(packed)).toEqual([rows[1], rows[0], rows[2]]);
    expect(rowNumbers(packed)).toEqual([3, 2, 4_000_000_000]);
  });

  it('sorts by number the way the phone index does, and a pack starts over empty after each take', () => {
    const pack = new RowPack();
    const phones = ['+905321234567', '+12025550100', '+4915112345678', '+905059999999', '+90532123456'];
    phones.forEach((p, i) => pack.add(row(i + 2, p)));
    expect(pack.length).toBe(5);
    const taken = pack.take();
    expect(taken.count).toBe(5);
    expect(unpackRows(taken).map((r) => r.phone)).toEqual([...phones].sort());
    expect(pack.length).toBe(0);
    expect(unpackRows(pack.take())).toEqual([]);
  });

  it('grows past its first buffer without losing a row, and each batch owns its bytes (so it can be transferred)', () => {
    const pack = new RowPack();
    const long = 'ş'.repeat(40_000);
    const rows = Array.from({ length: 50 }, (_, i) => row(i + 2, `+9053212${String(10_000 + i)}`, { search: `${i}\n${long}` }));
    for (const r of rows) pack.add(r);
    const taken = pack.take();
    expect(taken.bytes.byteOffset).toBe(0);
    expect(taken.bytes.buffer.byteLength).toBe(taken.bytes.byteLength);
    expect(unpackRows(taken)).toEqual(rows);
  });
});
