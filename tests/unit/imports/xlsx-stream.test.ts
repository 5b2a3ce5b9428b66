import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import fc from 'fast-check';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src-shared/errors';
import type { FileRecord, RecordSource } from '../../../src-main/imports/records';
import { sniffFile } from '../../../src-main/imports/sniff';
import { openSource } from '../../../src-main/imports/source';
import { builtinNumberFormats, openXlsxStream } from '../../../src-main/imports/xlsx-stream';
import { tempDir } from '../../helpers/core';
import { channelCore } from '../contacts/harness';

const dir = tempDir('wa-desk-xlsx-stream-');
let seq = 0;
const save = (bytes: Buffer | Uint8Array, name = `book${seq++}.xlsx`) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
};

async function drain(source: RecordSource): Promise<FileRecord[]> {
  const out: FileRecord[] = [];
  for await (const batch of source.batches()) {
    expect(batch.length).toBeGreaterThan(0);
    out.push(...batch);
  }
  return out;
}

/** What a reader gives: sheet names, the chosen sheet, every record; or the error code it raised. */
async function read(file: string, streamed: boolean, sheet?: string) {
  try {
    const sniffed = sniffFile(file);
    const opts = sheet === undefined ? {} : { sheet };
    const source = streamed ? openXlsxStream(sniffed, opts) : openSource({ ...sniffed, streamed: false }, opts);
    if (source === null) return { fallback: true };
    return { sheets: source.sheets, sheet: source.sheet, records: await drain(source) };
  } catch (err) {
    if (err instanceof AppError) return { error: err.code };
    throw err;
  }
}

/** The differential: the streaming reader gives exactly what the SheetJS path gives. */
async function expectSame(file: string, sheet?: string) {
  const [expected, actual] = [await read(file, false, sheet), await read(file, true, sheet)];
  expect(actual).toEqual(expected);
  return actual;
}

type Cell = XLSX.CellObject | string | number | boolean | Date | null | undefined;

function sheetJsBook(sheets: Record<string, Cell[][]>, hidden: string[] = []): XLSX.WorkBook {
  const book = XLSX.utils.book_new();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = XLSX.utils.aoa_to_sheet(rows as unknown[][]);
    XLSX.utils.book_append_sheet(book, ws, name);
  }
  book.Workbook = { Sheets: book.SheetNames.map((name) => ({ name, Hidden: hidden.includes(name) ? 1 : 0 })) } as XLSX.WorkBook['Workbook'];
  return book;
}

const written = (book: XLSX.WorkBook, opts: XLSX.WritingOptions = {}) =>
  save(XLSX.write(book, { type: 'buffer', bookType: 'xlsx', ...opts }) as Buffer);

const PHONES: Cell[][] = [
  ['Ad Soyad', 'Telefon', 'Not', 'Tarih'],
  ['Ayşe Yılmaz', 905321234567, 'İstanbul, Şişli', { t: 'n', v: 46037, z: 'dd.mm.yyyy' }],
  ['Ali', 5321234567, '', { t: 'n', v: 46037, z: 'm/d/yy' }],
  ['Veli', 905321000000, 'lost digits', { t: 'n', v: 0.5, z: 'hh:mm' }],
  ['Can', '9.05321E+11', 'text that looks like a number', { t: 'n', v: 46037.75, z: 'yyyy-mm-dd hh:mm' }],
  [],
  ['Işıl 😀', 12.5, 'A & B <c> "q" \'a\'', -3.25],
  [null, null, 'sparse'],
  ['Şule', '0532 123 45 67', 'line1\nline2', true],
  ['Gül', '+90 532 123 45 67', 'carriage\r\nreturn', false],
  ['   ', '', '  '],
  ['Ümit', 1e21, 'control \u0001 char', { t: 'e', v: 0x07 }],
  ['Özge', { t: 'n', v: 3, f: 'B2+1' }, { t: 's', v: 'formula text', f: '"formula "&"text"' }, { t: 'n', f: 'SUM(B2:B3)' } as XLSX.CellObject],
  ['Çağlar', 0, 'literal _x000D_ escape', 123456789012345],
  ['Ağaoğlu', 0.1 + 0.2, 'tab\there', 1.5e-7],
];

describe('streaming .xlsx reader: same records as SheetJS', { timeout: 60_000 }, () => {
  it('uses SheetJS built-in number formats', () => {
    // A fresh read resets SheetJS's table to its built-ins; the reader starts from the same ones.
    XLSX.read(XLSX.write(sheetJsBook({ S: [['x']] }), { type: 'buffer', bookType: 'xlsx' }), { type: 'buffer' });
    expect(Object.fromEntries(builtinNumberFormats())).toEqual({ ...XLSX.SSF.get_table() });
  });

  for (const bookSST of [false, true]) {
    it(`numbers, phones, dates, booleans, errors, formulas, text, blank and sparse rows (bookSST ${bookSST})`, async () => {
      const file = written(sheetJsBook({ Kişiler: PHONES, 'Diğer & <Co>': [['İsim', 'GSM'], ['Zeynep', '0532 100 00 17']], Gizli: [['h'], [1]] }, ['Gizli']), { bookSST });
      const first = await expectSame(file);
      expect(first).toMatchObject({ sheets: ['Kişiler', 'Diğer & <Co>', 'Gizli'], sheet: 'Kişiler' });
      const rows = (first as { records: FileRecord[] }).records;
      expect(rows[0]).toEqual({ row: 1, cells: ['Ad Soyad', 'Telefon', 'Not', 'Tarih'] });
      expect(rows[1]!.cells).toEqual(['Ayşe Yılmaz', '905321234567', 'İstanbul, Şişli', '2026-01-15']);
      expect(rows[3]!.cells.slice(0, 2)).toEqual(['Veli', '9.05321E+11']);
      expect(rows.map((r) => r.row)).not.toContain(6);
      expect(await expectSame(file, 'Diğer & <Co>')).toMatchObject({ records: [{ row: 1 }, { row: 2, cells: ['Zeynep', '0532 100 00 17'] }] });
      expect(await expectSame(file, 'Gizli')).toMatchObject({ records: [{ row: 1, cells: ['h'] }, { row: 2, cells: ['1'] }] });
      expect(await expectSame(file, 'Yok')).toEqual({ error: 'sheet_not_found' });
    });
  }

  it('dates written as ISO text (t="d"), with and without the 1904 date system', async () => {
    const rows: Cell[][] = [['d'], [new Date(Date.UTC(2026, 0, 15))], [new Date(Date.UTC(1900, 0, 2, 12))], [{ t: 'd', v: '2026-01-15T10:30:00' } as XLSX.CellObject]];
    await expectSame(written(sheetJsBook({ S: rows }), { cellDates: true }));
    const book = sheetJsBook({ S: rows });
    book.Workbook = { ...book.Workbook, WBProps: { date1904: true } };
    await expectSame(written(book, { cellDates: true }));
  });

  it('random workbooks, shared strings or not', async () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'ş', 'İ', 'ı', '&', '<', '>', '"', "'", ' ', '\n', '\r', '_', 'x', '0', 'D', '😀', '\u0001', '9'), maxLength: 12 });
    const cell = fc.oneof(
      text,
      fc.integer({ min: -1e12, max: 1e13 }),
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 }),
      fc.boolean(),
      fc.constant(null),
      fc.record({ t: fc.constant('n' as const), v: fc.integer({ min: 1, max: 60000 }), z: fc.constantFrom('dd.mm.yyyy', 'm/d/yy', '0.00', '@', 'General', 'yyyy"年"m"月"d"日"', '[h]:mm') }),
    );
    const rows = fc.array(fc.array(cell, { maxLength: 7 }), { maxLength: 25 });
    await fc.assert(
      fc.asyncProperty(rows, rows, fc.boolean(), async (a, b, bookSST) => {
        const file = written(sheetJsBook({ A: a.length ? a : [['x']], B: b.length ? b : [['y']] }), { bookSST });
        await expectSame(file);
        await expectSame(file, 'B');
      }),
      { numRuns: 40, seed: 20260115 },
    );
  });
});

/* A zip written by hand, for the shapes SheetJS does not write: every part given as text. */
function zip(parts: Record<string, string | Buffer>, stored: string[] = []): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(parts)) {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const method = stored.includes(name) ? 0 : 8;
    const packed = method === 8 ? zlib.deflateRawSync(data) : data;
    const nameBuf = Buffer.from(name, 'utf8');
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, packed);
    centrals.push(central, nameBuf);
    offset += 30 + nameBuf.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(Object.keys(parts).length, 8);
  eocd.writeUInt16LE(Object.keys(parts).length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const WS_REL = `${REL_NS}/worksheet`;

interface HandBook {
  sheets?: { name: string; xml: string; state?: string; type?: string; target?: string }[];
  strings?: string;
  styles?: string;
  workbookPr?: string;
  /** Leave the workbook's relationships out (SheetJS then assumes xl/worksheets/sheetN.xml). */
  noRels?: boolean;
  /** More parts, by path. */
  extra?: Record<string, string>;
}

function handBook(book: HandBook): string {
  const sheets = book.sheets ?? [];
  const overrides = [
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>',
    ...(book.strings !== undefined ? ['<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'] : []),
    ...(book.styles !== undefined ? ['<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'] : []),
  ];
  const parts: Record<string, string> = {
    '[Content_Types].xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>${overrides.join('')}</Types>`,
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="${NS}" xmlns:r="${REL_NS}">${book.workbookPr ?? ''}<sheets>${sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
  };
  if (!book.noRels) {
    parts['xl/_rels/workbook.xml.rels'] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((s, i) => `<Relationship Id="rId${i + 1}" Type="${s.type ?? WS_REL}" Target="${s.target ?? `worksheets/sheet${i + 1}.xml`}"/>`).join('')}</Relationships>`;
  }
  sheets.forEach((s, i) => (parts[`xl/worksheets/sheet${i + 1}.xml`] = s.xml));
  if (book.strings !== undefined) parts['xl/sharedStrings.xml'] = book.strings;
  if (book.styles !== undefined) parts['xl/styles.xml'] = book.styles;
  return save(zip({ ...parts, ...book.extra }));
}

const sheetXml = (data: string, prefix = '') =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<${prefix}worksheet xmlns${prefix ? `:${prefix.slice(0, -1)}` : ''}="${NS}"><${prefix}dimension ref="A1:C3"/><${prefix}sheetData>${data}</${prefix}sheetData><${prefix}pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></${prefix}worksheet>`;
const sst = (items: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${NS}" count="9" uniqueCount="9">${items}</sst>`;
const STYLES = `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${NS}"><numFmts count="3"><numFmt numFmtId="164" formatCode="dd\\.mm\\.yyyy;@"/><numFmt numFmtId="165" formatCode="0.000"/><numFmt numFmtId="500" formatCode="yyyy&quot;-&quot;mm"/></numFmts><fonts count="1"><font><sz val="11"/></font></fonts><cellXfs count="7"><xf numFmtId="0" fontId="0"/><xf numFmtId="14" fontId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" applyNumberFormat="1"/><xf numFmtId="165"/><xf/><xf numFmtId="500"/><xf numFmtId="22"/></cellXfs></styleSheet>`;

describe('streaming .xlsx reader: hand-made shapes', { timeout: 60_000 }, () => {
  it('rows and cells without r follow the previous ones; empty and self-closing cells and rows', async () => {
    const data =
      '<row><c t="inlineStr"><is><t>a</t></is></c><c><v>1</v></c><c r="E1"><v>5</v></c><c><v>6</v></c></row>' +
      '<row r="4"/><row spans="1:3"><c t="inlineStr"><is><t>b</t></is></c><c r="C5" s="1"/><c r="D5"/></row>' +
      '<row r="9" spans="1:2"><c r="B9" t="inlineStr"><is><t>after a gap</t></is></c></row><row><c t="b"><v>1</v></c><c t="b"/></row>' +
      '<row r="12"><c r="A12" t="n"><v></v></c><c r="B12" t="s"/><c r="C12"><f>SUM(A1)</f></c></row>' +
      '<row r="13"><x14:ext><v>5</v></x14:ext><c r="B13"><v>1</v></c></row><row r="14"><extLst/><c><v>9</v></c><c r="C14"><v>10</v></c><c><v>11</v></c></row>';
    const file = handBook({ sheets: [{ name: 'S', xml: sheetXml(data) }] });
    expect(await expectSame(file)).toEqual({
      sheets: ['S'],
      sheet: 'S',
      records: [
        { row: 1, cells: ['a', '1', '', '', '5', '6'] },
        { row: 2, cells: ['b'] },
        { row: 9, cells: ['', 'after a gap'] },
        { row: 10, cells: ['TRUE', 'FALSE'] },
        { row: 13, cells: ['', '1'] },
        { row: 14, cells: ['', '', '10', '11'] },
      ],
    });
  });

  it('shared strings: rich text runs, phonetic readings, entities, escapes, CDATA, empty items', async () => {
    const items = [
      '<si><t>plain</t></si>',
      '<si><r><rPr><b/><sz val="11"/><color rgb="FFFF0000"/></rPr><t>Ri</t></r><r><t xml:space="preserve">ch </t></r><r><t>text</t></r></si>',
      '<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>',
      '<si><r><t>漢</t></r><rPh sb="0" eb="1"><t>カン</t></rPh></si>',
      '<si><t>&amp;lt; &#351;&#x15F; &#x1F600; &AMP; x&gt;y _x000D__x000a_ &quot;</t></si>',
      '<si><t xml:space="preserve">  spaced  </t></si>',
      '<si><t/></si>',
      '<si></si>',
      '<si><t><![CDATA[<b>&amp;</b>]]></t></si>',
      '<si><t>line\r\nbreak</t></si>',
    ];
    const data = `<row r="1">${items.map((_, i) => `<c r="${String.fromCharCode(65 + i)}1" t="s"><v>${i}</v></c>`).join('')}</row>`;
    const file = handBook({ sheets: [{ name: 'S', xml: sheetXml(data) }], strings: sst(items.join('')) });
    const out = await expectSame(file);
    expect((out as { records: FileRecord[] }).records[0]!.cells.slice(0, 4)).toEqual(['plain', 'Rich text', '東京', '漢']);
  });

  it('inline strings, t="str" with entities, errors, unknown types, dates as text, number formats by style', async () => {
    const data =
      '<row r="1"><c r="A1" t="inlineStr"><is><r><t>in</t></r><r><t>line</t></r></is></c><c r="B1" t="str"><f>A1</f><v>&amp;amp; &#231; _x0041_</v></c><c r="C1" t="e"><v>#N/A</v></c><c r="D1" t="x"><v>1</v></c><c r="E1" t="d"><v>2026-01-15</v></c><c r="F1" t="d" s="2"><v>2026-01-15T12:00:00</v></c></row>' +
      '<row r="2"><c r="A2" s="1"><v>46037</v></c><c r="B2" s="2"><v>46037</v></c><c r="C2" s="3"><v>46037</v></c><c r="D2" s="4"><v>46037</v></c><c r="E2" s="5"><v>46037</v></c><c r="F2" s="6"><v>46037.5</v></c><c r="G2" s="99"><v>46037</v></c><c r="H2" s="02"><v>46037</v></c></row>' +
      '<row r="3"><c r="A3" s="1"><v>-5</v></c><c r="B3" s="2"><v>3000000</v></c><c r="C3"><v>1E+3</v></c><c r="D3"><v> 12 </v></c><c r="E3"><v>abc</v></c><c r="F3" t="inlineStr"><is> <t>spaced is</t> </is></c><c r="G3" t="inlineStr"/><c r="H3" t="inlineStr"><is><t xml:space="preserve">  padded  </t></is></c></row>';
    await expectSame(handBook({ sheets: [{ name: 'S', xml: sheetXml(data) }], styles: STYLES }));
  });

  it('namespace prefixes, a chart sheet, a hidden sheet, sheets found without relationships', async () => {
    const prefixed = sheetXml('<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>pre</x:t></x:is></x:c><x:c r="B1"><x:v>7</x:v></x:c></x:row>', 'x:');
    const plain = sheetXml('<row r="2"><c r="A2"><v>2</v></c></row>');
    const chart = `<?xml version="1.0"?><chartsheet xmlns="${NS}"><drawing r:id="rId1"/></chartsheet>`;
    const file = handBook({
      sheets: [
        { name: 'Grafik', xml: chart, type: `${REL_NS}/chartsheet`, target: 'chartsheets/sheet1.xml' },
        { name: 'Önek', xml: prefixed },
        { name: 'Saklı', xml: plain, state: 'hidden' },
      ],
    });
    await expectSame(file);
    await expectSame(file, 'Önek');
    await expectSame(file, 'Saklı');
    const norels = handBook({ sheets: [{ name: 'A', xml: plain }, { name: 'B', xml: prefixed }], noRels: true });
    await expectSame(norels, 'B');
  });

  it('a comment on an empty cell gives that row an empty cell there, as SheetJS does', async () => {
    const data = '<row r="1"><c r="A1" t="inlineStr"><is><t>Ad</t></is></c><c r="B1" t="inlineStr"><is><t>Tel</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>Ali</t></is></c></row>';
    const comments = `<?xml version="1.0"?><comments xmlns="${NS}"><authors><author>me</author></authors><commentList><comment ref="D1" authorId="0"><text><t>fill in 05xx</t></text></comment><comment ref="A9" authorId="0"><text><t>alone</t></text></comment></commentList></comments>`;
    const threaded = `<?xml version="1.0"?><ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"><threadedComment ref="C2" id="{1}" personId="{2}"><text>check</text></threadedComment><threadedComment ref="F2" id="{3}"/></ThreadedComments>`;
    const file = handBook({
      sheets: [{ name: 'S', xml: sheetXml(data) }],
      extra: {
        'xl/worksheets/_rels/sheet1.xml.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_NS}/comments" Target="../comments1.xml"/><Relationship Id="rId2" Type="http://schemas.microsoft.com/office/2017/10/relationships/threadedComment" Target="../threadedComments/threadedComment1.xml"/></Relationships>`,
        'xl/comments1.xml': comments,
        'xl/threadedComments/threadedComment1.xml': threaded,
      },
    });
    expect(await expectSame(file)).toMatchObject({
      records: [
        { row: 1, cells: ['Ad', 'Tel', '', ''] },
        { row: 2, cells: ['Ali', '', ''] },
      ],
    });
  });

  it('a workbook with no sheets, an empty sheet, <sheetData/>', async () => {
    expect(await expectSame(handBook({ sheets: [] }))).toEqual({ error: 'file_no_rows' });
    expect(await expectSame(handBook({ sheets: [{ name: 'S', xml: sheetXml('') }] }))).toMatchObject({ records: [] });
    const selfClosed = `<?xml version="1.0"?><worksheet xmlns="${NS}"><sheetData/></worksheet>`;
    expect(await expectSame(handBook({ sheets: [{ name: 'S', xml: selfClosed }] }))).toMatchObject({ records: [] });
  });

  it('stored (not deflated) parts and UTF-16 parts read the same', async () => {
    const xml = sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>Işık</t></is></c></row>');
    const parts = {
      '[Content_Types].xml': `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
      'xl/workbook.xml': `<?xml version="1.0"?><workbook xmlns="${NS}"><sheets><sheet name="S" sheetId="1"/></sheets></workbook>`,
      'xl/worksheets/sheet1.xml': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]),
    };
    const file = save(zip(parts, ['xl/worksheets/sheet1.xml']));
    expect(await expectSame(file)).toMatchObject({ records: [{ row: 1, cells: ['Işık'] }] });
  });
});

describe('streaming .xlsx reader: damaged files', { timeout: 60_000 }, () => {
  const rows = (n: number) => Array.from({ length: n }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>Kişi ${i}</t></is></c><c r="B${i + 1}"><v>${5_321_000_000 + i}</v></c></row>`).join('');

  it('rows go out in whole batches of 4000 while the sheet is read; the fraction follows the sheet read so far', async () => {
    const source = openXlsxStream(sniffFile(handBook({ sheets: [{ name: 'S', xml: sheetXml(rows(10_500)) }] })), {})!;
    expect(source.fraction()).toBe(0);
    const seen: [number, number][] = [];
    for await (const batch of source.batches()) seen.push([batch.length, source.fraction()]);
    expect(seen.map(([n]) => n)).toEqual([4000, 4000, 2500]);
    expect(seen[0]![1]).toBeGreaterThan(0.3);
    expect(seen[0]![1]).toBeLessThan(0.5);
    expect(seen[2]![1]).toBe(1);
  });

  it('a truncated file is refused by the format check', async () => {
    const whole = fs.readFileSync(handBook({ sheets: [{ name: 'S', xml: sheetXml(rows(10)) }] }));
    expect(await read(save(whole.subarray(0, Math.floor(whole.length * 0.7))), true)).toEqual({ error: 'file_corrupt' });
  });

  it('corrupt deflate data in the sheet: file_corrupt, the rows before the damage still come', async () => {
    const sheet = sheetXml(rows(20_000));
    const book = zip({
      '[Content_Types].xml': `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
      'xl/workbook.xml': `<?xml version="1.0"?><workbook xmlns="${NS}"><sheets><sheet name="S" sheetId="1"/></sheets></workbook>`,
      'xl/worksheets/sheet1.xml': sheet,
    });
    const at = book.indexOf(Buffer.from('xl/worksheets/sheet1.xml')) + 24 + Math.floor(zlib.deflateRawSync(sheet).length * 0.6);
    for (let i = 0; i < 64; i++) book[at + i] = (book[at + i]! * 31 + 7) & 0xff;
    const source = openXlsxStream(sniffFile(save(book)), {})!;
    const got: FileRecord[] = [];
    const error = await (async () => {
      for await (const batch of source.batches()) got.push(...batch);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('file_corrupt');
    // Inflating damaged data gives some garbage before zlib notices; what came before it is exact.
    expect(got.length).toBeGreaterThan(1000);
    expect(got.length).toBeLessThan(20_000);
    got.slice(0, 1000).forEach((r, i) => expect(r).toEqual({ row: i + 1, cells: [`Kişi ${i}`, `${5_321_000_000 + i}`] }));
  });

  it('XML cut in the middle of a row: file_corrupt after every complete row', async () => {
    const cut = sheetXml(rows(5)).slice(0, sheetXml(rows(5)).indexOf('<row r="4"') + 30);
    const source = openXlsxStream(sniffFile(handBook({ sheets: [{ name: 'S', xml: cut }] })), {})!;
    const got: FileRecord[] = [];
    await expect(
      (async () => {
        for await (const batch of source.batches()) got.push(...batch);
      })(),
    ).rejects.toMatchObject({ code: 'file_corrupt' });
    expect(got.map((r) => r.row)).toEqual([1, 2, 3]);
  });

  it('a 10 MB row: a clear error, not an endless read', async () => {
    const huge = `<row r="2"><c r="A2" t="inlineStr"><is><t>${'x'.repeat(10 * 1024 * 1024)}</t></is></c></row>`;
    const file = handBook({ sheets: [{ name: 'S', xml: sheetXml(rows(1) + huge + rows(3).slice(rows(1).length)) }] });
    const source = openXlsxStream(sniffFile(file), {})!;
    const got: FileRecord[] = [];
    const started = Date.now();
    await expect(
      (async () => {
        for await (const batch of source.batches()) got.push(...batch);
      })(),
    ).rejects.toMatchObject({ code: 'file_row_too_long', details: { row: 2 } });
    expect(got.map((r) => r.row)).toEqual([1]);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('a shared string index outside the table, a cut shared strings table: file_corrupt', async () => {
    const data = '<row r="1"><c r="A1" t="s"><v>5</v></c></row>';
    expect(await read(handBook({ sheets: [{ name: 'S', xml: sheetXml(data) }], strings: sst('<si><t>a</t></si>') }), true)).toEqual({ error: 'file_corrupt' });
    const cutTable = sst('<si><t>a</t></si><si><t>b</t></si>').slice(0, -12);
    const first = '<row r="1"><c r="A1" t="s"><v>0</v></c></row>';
    expect(await read(handBook({ sheets: [{ name: 'S', xml: sheetXml(first) }], strings: cutTable }), true)).toEqual({ error: 'file_corrupt' });
  });
});

describe('size limits (the format check reads only the zip directory)', () => {
  /** The zip with its directory claiming other uncompressed sizes for some parts. */
  function claiming(bytes: Buffer, sizes: Record<string, number>): string {
    const cdOffset = bytes.readUInt32LE(bytes.length - 22 + 16);
    for (let p = cdOffset; bytes.readUInt32LE(p) === 0x02014b50; ) {
      const nameLen = bytes.readUInt16LE(p + 28);
      const name = bytes.toString('utf8', p + 46, p + 46 + nameLen);
      if (sizes[name] !== undefined) bytes.writeUInt32LE(sizes[name]!, p + 24);
      p += 46 + nameLen + bytes.readUInt16LE(p + 30) + bytes.readUInt16LE(p + 32);
    }
    return save(bytes);
  }
  const MB = 1024 * 1024;
  const book = () => fs.readFileSync(handBook({ sheets: [{ name: 'S', xml: sheetXml('') }], strings: sst('') }));
  const sniffed = (file: string) => {
    try {
      return sniffFile(file);
    } catch (err) {
      return err as AppError;
    }
  };

  it('a streamed sheet may be any size; its shared strings may not pass 200 MB', () => {
    expect(sniffed(claiming(book(), { 'xl/worksheets/sheet1.xml': 900 * MB, 'xl/sharedStrings.xml': 190 * MB }))).toMatchObject({ kind: 'xlsx', streamed: true });
    const e = sniffed(claiming(book(), { 'xl/sharedStrings.xml': 250 * MB }));
    expect(e).toMatchObject({ code: 'file_too_large', details: { what: '250 MB of shared strings', limit: '200 MB' } });
    expect(sniffed(claiming(book(), { 'xl/worksheets/sheet1.xml': 0xffffffff }))).toMatchObject({ code: 'file_too_large', details: { what: 'over 4 GB of sheet data' } });
  });

  it('a workbook SheetJS reads (binary .xlsb) keeps the whole-sheet limit', () => {
    const xlsb = zip({ '[Content_Types].xml': '<Types/>', 'xl/workbook.bin': Buffer.alloc(8), 'xl/worksheets/sheet1.bin': Buffer.alloc(8) });
    expect(sniffed(save(xlsb))).toMatchObject({ kind: 'xlsx', streamed: false });
    expect(sniffed(claiming(xlsb, { 'xl/worksheets/sheet1.bin': 150 * MB }))).toMatchObject({ code: 'file_too_large', details: { limit: '100 MB' } });
  });
});

describe('through the import (worker threads)', { timeout: 120_000 }, () => {
  it('a sheet cut mid-row fails with file_corrupt and states exactly which rows were saved', async () => {
    const { t, channelId } = await channelCore();
    try {
      const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
      const data = [`<row r="1">${cell('A1', 'Ad')}${cell('B1', 'Telefon')}</row>`];
      for (let r = 2; r <= 9_001; r++) data.push(`<row r="${r}">${cell(`A${r}`, `Kişi ${r}`)}<c r="B${r}"><v>${5_321_000_000 + r}</v></c></row>`);
      const xml = sheetXml(data.join(''));
      const file = handBook({ sheets: [{ name: 'S', xml: xml.slice(0, xml.indexOf('<row r="9001"') + 40) }] });
      const e = await t.err('contacts.import', { channelId, path: file, hasHeader: true, mapping: { Ad: 'name', Telefon: 'phone' }, defaultCountry: 'TR', duplicatePolicy: 'skip' });
      expect(e.code).toBe('file_corrupt');
      expect(e.details).toMatchObject({ savedThroughRow: 9_000 });
      expect(e.message).toContain('Rows up to row 9000 were imported, none after it.');
      expect((await t.ok('contacts.count', { channelId })).total).toBe(8_999);
    } finally {
      await t.close();
    }
  });
});
