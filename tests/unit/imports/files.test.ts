import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../../src-shared/api/imports';
import type { TestCore } from '../../helpers/core';
import { channelCore } from '../contacts/harness';
import { Fixtures } from './fixtures';

/** Every kind of file an office sends, each with its documented outcome. */
describe('import files', { timeout: 120_000 }, () => {
  let t: TestCore;
  let channelId: number;
  const fx = new Fixtures();
  beforeAll(async () => {
    ({ t, channelId } = await channelCore());
    await t.ok('attributes.create', { key: 'note', label: 'Not', type: 'text' });
  });
  afterAll(() => t.close());

  const preview = (file: string, extra: Record<string, unknown> = {}) =>
    t.ok('imports.preview', { channelId, path: file, hasHeader: true, ...extra } as never) as Promise<ImportPreview>;
  const previewErr = (file: string, extra: Record<string, unknown> = {}) => t.err('imports.preview', { channelId, path: file, hasHeader: true, ...extra });
  const contactsNamed = async (query: string) => (await t.ok('contacts.search', { channelId, query, limit: 50 })).items;

  it('UTF-8 with BOM and CRLF line ends: the BOM is not part of the first header', async () => {
    const file = fx.file('bom-crlf.csv', '\uFEFFAd Soyad,Telefon\r\nAyşe Yılmaz,0532 100 00 01\r\nŞule Işık,0532 100 00 02\r\n');
    const p = await preview(file);
    expect(p).toMatchObject({ detectedEncoding: 'utf-8-sig', detectedSeparator: ',', mapping: { 'Ad Soyad': 'name', Telefon: 'phone' } });
    expect(p.columns.map((c) => c.name)).toEqual(['Ad Soyad', 'Telefon']);
    expect(p.rows.map((r) => [r.row, r.contact.name, r.contact.phone])).toEqual([
      [2, 'Ayşe Yılmaz', '+905321000001'],
      [3, 'Şule Işık', '+905321000002'],
    ]);
    expect(p.counts).toEqual({ total: 2, created: 2, updated: 0, skipped: 0, rejected: 0 });
  });

  it('quoted fields keep their commas, quotes and line breaks; a multi-line record is one row', async () => {
    const file = fx.file(
      'quoted.csv',
      'Ad Soyad,Telefon,Not\n"Yılmaz, Ayşe",0532 100 00 03,"ilk satır\nikinci satır"\n"Ali ""Usta"" Kaya",0532 100 00 04,"a, b, c"\n',
    );
    const p = await preview(file, { mapping: { 'Ad Soyad': 'name', Telefon: 'phone', Not: 'attr:note' } });
    expect(p.rows.map((r) => [r.row, r.contact.name, r.contact.attributes.note])).toEqual([
      [2, 'Yılmaz, Ayşe', 'ilk satır\nikinci satır'],
      [3, 'Ali "Usta" Kaya', 'a, b, c'],
    ]);
  });

  it('empty lines are skipped but counted in row numbers, as a spreadsheet shows them', async () => {
    const file = fx.file('empty-lines.csv', 'Ad Soyad;Telefon\n\n;\nAyşe;0532 100 00 05\n   \n\nAli;0532 100 00 06\n\n\n');
    const p = await preview(file);
    expect(p.detectedSeparator).toBe(';');
    expect(p.rows.map((r) => r.row)).toEqual([4, 7]);
    expect(p.counts.total).toBe(2);
  });

  it('ragged rows: missing cells are blank; extra cells get their own columns, or a note past the first 1000 rows', async () => {
    const file = fx.file('ragged.csv', 'Ad Soyad,Telefon,Not\nAyşe,0532 100 00 07\nAli,0532 100 00 08,not,fazla\nVeli\n');
    const p = await preview(file);
    expect(p.columns.map((c) => c.name)).toEqual(['Ad Soyad', 'Telefon', 'Not', 'Column 4']);
    expect(p.rows.map((r) => [r.row, r.action, r.problems.map((x) => x.code)])).toEqual([
      [2, 'create', []],
      [3, 'create', []],
      [4, 'reject', ['phone_empty']],
    ]);
    const filler = Array.from({ length: 1000 }, (_, i) => `K${i},+90534${String(1_000_000 + i)}`).join('\n');
    const late = await preview(fx.file('ragged-late.csv', `Ad Soyad,Telefon\n${filler}\nAli,0532 100 00 08,fazla,hücre\n`), { previewRows: 1 });
    expect(late.columns.map((c) => c.name)).toEqual(['Ad Soyad', 'Telefon']);
    expect(late.problemCounts).toEqual({ ragged_row: 1 });
    expect(late.counts).toMatchObject({ total: 1001, created: 1001, rejected: 0 });
  });

  it('a file without a header: columns are named Column 1..N and the phone column is found by its values', async () => {
    const file = fx.file('no-header.csv', 'Ayşe Yılmaz,0532 100 00 09,ayse@example.com\nAli Kaya,0532 100 00 10,\n');
    const p = await preview(file, { hasHeader: false });
    expect(p.columns.map((c) => c.name)).toEqual(['Column 1', 'Column 2', 'Column 3']);
    expect(p.guessedMapping).toEqual({ 'Column 1': 'ignore', 'Column 2': 'phone', 'Column 3': 'ignore' });
    expect(p.rows.map((r) => r.row)).toEqual([1, 2]);
    const asHeader = await preview(file, { hasHeader: true });
    expect(asHeader.columns[0]!.name).toBe('Ayşe Yılmaz');
    expect(asHeader.counts.total).toBe(1);
    const r = await t.ok('contacts.import', {
      channelId,
      path: file,
      hasHeader: false,
      mapping: { 'Column 1': 'name', 'Column 2': 'phone', 'Column 3': 'email' },
      defaultCountry: 'TR',
      duplicatePolicy: 'skip',
    });
    expect(r.counts).toMatchObject({ total: 2, created: 2 });
    expect((await contactsNamed('100 00 09'))[0]).toMatchObject({ name: 'Ayşe Yılmaz', email: 'ayse@example.com', source: 'import' });
  });

  it('Windows-1254 with ; and Turkish names is detected and read right; the wrong encoding is visible', async () => {
    const file = fx.cp1254('turkish.csv', 'Adı Soyadı;Cep;Şehir\r\nŞule Çağlayan;0532 100 00 11;İĞDIR\r\nIşıl Göğüş;0532 100 00 12;Muğla\r\n');
    const p = await preview(file);
    expect(p).toMatchObject({ detectedEncoding: 'windows-1254', detectedSeparator: ';' });
    expect(p.columns.map((c) => c.name)).toEqual(['Adı Soyadı', 'Cep', 'Şehir']);
    expect(p.rows.map((r) => r.contact.name)).toEqual(['Şule Çağlayan', 'Işıl Göğüş']);
    const wrong = await preview(file, { encoding: 'utf-8' });
    expect(wrong.encoding).toBe('utf-8');
    expect(wrong.rows[0]!.cells[0]).toContain('\uFFFD');
    expect(wrong.rows[0]!.problems.map((x) => x.code)).toContain('encoding_suspect');
  });

  it('UTF-16 tab-separated text (Excel "Unicode Text") is read', async () => {
    const p = await preview(fx.utf16('unicode.txt', 'İsim\tTelefon\r\nÖmer Ünal\t0532 100 00 13\r\n'));
    expect(p).toMatchObject({ detectedEncoding: 'utf-16le', detectedSeparator: '\t' });
    expect(p.rows[0]!.contact).toMatchObject({ name: 'Ömer Ünal', phone: '+905321000013' });
  });

  it('the separator can be overridden: the wrong one gives one column and no phone', async () => {
    const file = fx.file('semi.csv', 'Ad;Telefon\nAyşe;0532 100 00 14\n');
    const p = await preview(file, { separator: ',' });
    expect(p).toMatchObject({ detectedSeparator: ';', separator: ',' });
    expect(p.columns.map((c) => c.name)).toEqual(['Ad;Telefon']);
    expect(p.mappingProblems.map((m) => m.code)).toEqual(['mapping_phone_required']);
    expect(p.rows[0]!.problems.map((x) => x.code)).toEqual(['phone_not_mapped']);
  });

  it('characters split across read chunks stay whole (multi-byte UTF-8 at the 1 MB boundary)', async () => {
    const head = 'Ad Soyad;Telefon;Not\n';
    const rows: string[] = [];
    let size = Buffer.byteLength(head);
    let i = 0;
    while (size < (1 << 20) + 4096) {
      const row = `Şğüİıöç ${i};+90532${String(2_000_000 + i)};${'ş'.repeat(1 + (i % 7))}\n`;
      rows.push(row);
      size += Buffer.byteLength(row);
      i++;
    }
    const file = fx.file('boundary.csv', head + rows.join(''));
    const p = await preview(file, { previewRows: 1 });
    expect(p.problemCounts.encoding_suspect).toBeUndefined();
    expect(p.counts).toMatchObject({ total: i, created: i, rejected: 0 });
  });

  it('an .xlsx with numeric phones and a second sheet: numbers kept exact, lost digits flagged, sheets selectable', async () => {
    const file = fx.workbook('phones.xlsx', {
      Kişiler: [
        ['Ad Soyad', 'Telefon', 'Doğum'],
        ['Ayşe', 905321000015, 'x'],
        ['Ali', 5321000016, 'x'],
        ['Veli', '9.05321E+11', 'x'],
        ['Can', 905321000000, 'x'],
      ],
      Diğer: [
        ['İsim', 'GSM'],
        ['Zeynep', '0532 100 00 17'],
      ],
    });
    const p = await preview(file);
    expect(p).toMatchObject({ sheets: ['Kişiler', 'Diğer'], sheet: 'Kişiler', detectedSeparator: null, detectedEncoding: null, file: { kind: 'xlsx' } });
    expect(p.rows.map((r) => [r.contact.phone, r.problems.map((x) => x.code)])).toEqual([
      ['+905321000015', []],
      ['+905321000016', []],
      [null, ['phone_precision_lost']],
      [null, ['phone_precision_lost']],
    ]);
    const second = await preview(file, { sheet: 'Diğer' });
    expect(second.rows.map((r) => [r.contact.name, r.contact.phone])).toEqual([['Zeynep', '+905321000017']]);
    const e = await previewErr(file, { sheet: 'Yok' });
    expect(e).toMatchObject({ code: 'sheet_not_found', field: 'sheet' });
    expect(e.message).toContain('Kişiler, Diğer');
  });

  it('an Excel 97-2003 .xls is read the same way', async () => {
    const file = fx.workbook('old.xls', { Sayfa1: [['Ad', 'Tel'], ['Hüseyin', 5321000018], ['Gül', '0532 100 00 19']] }, 'biff8');
    const p = await preview(file);
    expect(p.file.kind).toBe('xls');
    expect(p.rows.map((r) => [r.contact.name, r.contact.phone])).toEqual([
      ['Hüseyin', '+905321000018'],
      ['Gül', '+905321000019'],
    ]);
  });

  it('files that are not spreadsheets, empty, missing or unreadable give a clear error and import nothing', { timeout: 180_000 }, async () => {
    const before = (await t.ok('contacts.count', { channelId })).total;
    const png = fx.file('image.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
    const pdf = fx.file('doc.xlsx', Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(64, 1)]));
    const zip = fx.file('notes.xlsx', (await import('node:zlib')).gzipSync('x'));
    const cases: [string, string][] = [
      [png, 'file_not_spreadsheet'],
      [pdf, 'file_not_spreadsheet'],
      [zip, 'file_not_spreadsheet'],
      [fx.file('empty.csv', ''), 'file_empty'],
      [path.join(fx.dir, 'missing.csv'), 'file_not_found'],
      [fx.dir, 'file_not_found'],
      ['relative.csv', 'file_not_found'],
      [fx.file('header-only.csv', 'Ad;Telefon\n'), 'file_no_rows'],
      [fx.file('blank.csv', '\n\n  \n'), 'file_no_rows'],
      [fx.file('broken.xlsx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)])), 'file_corrupt'],
      [fx.file('cut.xlsx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(50, 1), Buffer.from([0x50, 0x4b, 0x05, 0x06, 1])])), 'file_corrupt'],
    ];
    for (const [file, code] of cases) {
      const e = await previewErr(file);
      expect(e.code, file).toBe(code);
      expect(e.messageTr.length, file).toBeGreaterThan(10);
      const imp = await t.err('contacts.import', { channelId, path: file, hasHeader: true, mapping: {}, defaultCountry: 'TR', duplicatePolicy: 'skip' });
      expect(imp.code, file).toBe(code);
    }
    expect((await t.ok('contacts.count', { channelId })).total).toBe(before);
  });

  it('a 50 MB CSV streams through; 50 MB of random bytes is refused at once', { timeout: 180_000 }, async () => {
    const note = 'x'.repeat(10_000);
    const lines = ['Ad Soyad;Telefon;Not'];
    for (let i = 0; i < 5_300; i++) lines.push(`Kişi ${i};+90533${String(3_000_000 + i)};${note}`);
    const big = fx.file('big.csv', lines.join('\n'));
    expect(fs.statSync(big).size).toBeGreaterThan(50 * 1024 * 1024);
    const r = await t.ok('contacts.import', {
      channelId,
      path: big,
      hasHeader: true,
      mapping: { 'Ad Soyad': 'name', Telefon: 'phone', Not: 'ignore' },
      defaultCountry: 'TR',
      duplicatePolicy: 'skip',
    });
    expect(r).toMatchObject({ status: 'completed', counts: { total: 5_300, created: 5_300, rejected: 0 }, reportPath: null });
    const noise = Buffer.alloc(50 * 1024 * 1024);
    for (let i = 0; i < noise.length; i += 4) noise.writeUInt32LE((Math.imul(i, 2654435761) ^ (i >>> 7)) >>> 0, i);
    const started = Date.now();
    expect((await previewErr(fx.file('noise.csv', noise))).code).toBe('file_not_spreadsheet');
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
