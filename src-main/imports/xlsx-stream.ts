import { TextDecoder } from 'node:util';
import * as XLSX from 'xlsx';
import { AppError } from '../../src-shared/errors';
import { fileErrors } from './errors';
import { BATCH_RECORDS, isBlank, numberText, type FileRecord, type RecordSource, type SourceOptions } from './records';
import type { SniffedFile } from './sniff';
import { entryChunks, findEntry, readEntryText, readZipDirectory, type ZipEntry } from './zip-entries';

/*
 * A streaming reader for .xlsx sheets. SheetJS parses the whole sheet before the first row is available and needs
 * about ten times the sheet's XML in memory; this reader inflates the sheet part and scans its XML as it arrives,
 * holding one row at a time. It is held to give exactly the cells the SheetJS path gave (`cellText` over
 * `XLSX.read(..., {dense: true})`): where SheetJS reads XML in an unusual way, this reader does the same, and
 * the differential test in tests/unit/imports/xlsx-stream.test.ts holds it to that.
 */

/** Inflated bytes per step: large enough that the per-chunk work is noise, small enough to keep the heap flat. */
const CHUNK_BYTES = 64 * 1024;
/** Unfinished row (or shared string) text held while waiting for its end; beyond it the part is not sane XML. */
const MAX_ROW_CHARS = 4 * 1024 * 1024;
/** Cells across the records held for one batch: a few very wide rows go out sooner than 4000 narrow ones. */
const MAX_BATCH_CELLS = 1_000_000;
/** Rows kept open because a cell named a row ahead of the one being read (never happens with Excel's files). */
const MAX_OPEN_ROWS = 1000;
/** Excel's last column (XFD); a cell past it would make every row that wide. */
const MAX_COLUMN = 16_383;
/** workbook.xml, relationships, content types and styles are read whole; Excel's are kilobytes. */
const MAX_SMALL_PART_BYTES = 64 * 1024 * 1024;

const rowTooLong = (row: number) =>
  new AppError(
    'file_row_too_long',
    {
      en: `Row ${row} of the sheet is larger than ${MAX_ROW_CHARS / (1024 * 1024)} MB, which no contact list needs; the file may be damaged. Open it in Excel and save it again, or save it as CSV.`,
      tr: `Sayfanın ${row}. satırı ${MAX_ROW_CHARS / (1024 * 1024)} MB'tan büyük; hiçbir kişi listesinin buna ihtiyacı olmaz, dosya bozuk olabilir. Excel'de açıp yeniden kaydedin veya CSV olarak kaydedin.`,
    },
    { field: 'path', details: { row } },
  );

/* ---------------------------------------------------------------------------------------------------------------
 * SheetJS's reading of XML text, reproduced where its result differs from a plain XML parser's.
 * ------------------------------------------------------------------------------------------------------------ */

const NAMED_ENTITIES: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, {
  '&quot;': '"',
  '&apos;': "'",
  '&gt;': '>',
  '&lt;': '<',
  '&amp;': '&',
});
const ENTITY = /&(?:quot|apos|gt|lt|amp|#x?([\da-fA-F]+));/gi;
const ESCAPED_CHAR = /_x([\da-fA-F]{4})_/gi;
const CRLF = /\r\n/g;
/** Text with none of these needs no unescaping at all, which is almost every cell. */
const NEEDS_WORK = /[&_<\r]/;

/**
 * Entities (including numeric ones, which SheetJS turns into one UTF-16 unit, so code points above U+FFFF come
 * out truncated), Excel's `_xHHHH_` escapes, CDATA sections; with `cells`, CRLF becomes LF as in a cell's text.
 */
function unescapeRaw(text: string): string {
  const i = text.indexOf('<![CDATA[');
  if (i === -1) {
    return text
      .replace(ENTITY, (whole: string, code: string | undefined) => {
        return (
          NAMED_ENTITIES[whole] ||
          String.fromCharCode(parseInt(code as string, whole.indexOf('x') > -1 ? 16 : 10)) ||
          whole
        );
      })
      .replace(ESCAPED_CHAR, (_m: string, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
  const j = text.indexOf(']]>');
  return unescapeRaw(text.slice(0, i)) + text.slice(i + 9, j) + unescapeRaw(text.slice(j + 3));
}

function xmlText(text: string, cells: boolean): string {
  if (!NEEDS_WORK.test(text)) return text;
  const out = unescapeRaw(text);
  return cells ? out.replace(CRLF, '\n') : out;
}

const NON_ASCII = /[\u0080-\uffff]/;

/**
 * The streamed parts are scanned as "binary" text, one character per byte (as SheetJS reads them): decoding all
 * of the XML to UTF-16 cost half the reading time, while the markup is ASCII and only values need decoding.
 */
const utf8 = (bytes: string) => (NON_ASCII.test(bytes) ? Buffer.from(bytes, 'latin1').toString('utf8') : bytes);

/**
 * A `t="str"` cell (a formula's text result): SheetJS unescapes it once on the raw bytes, decodes UTF-8, and
 * unescapes again, so a numeric entity above U+007F decodes as a byte, not a character. Done the same way here.
 */
const formulaText = (raw: string) => xmlText(utf8(xmlText(raw, false)), true);

const TAG = /<[/?]?[a-zA-Z0-9:_-]+(?:\s+[^"\s?<>/]+\s*=\s*(?:"[^"]*"|'[^']*'|[^'"<>\s=]+))*\s*[/?]?>/gm;
const ATTR = /\s([^"\s?>/]+)\s*=\s*((?:")([^"]*)(?:")|(?:')([^']*)(?:')|([^'">\s]+))/g;

interface Tag {
  /** `<name` (or the whole tag when it has no attributes), namespace prefix removed. */
  name: string;
  /** The same with its prefix. */
  rawName: string;
  /** Attributes by name and by lower-cased name, namespace prefixes removed. */
  attrs: Record<string, string>;
}

/** SheetJS's `parsexmltag` + `strip_ns`; used on the small parts only (the sheet has its own scanner). */
function parseTag(tag: string): Tag {
  const attrs = Object.create(null) as Record<string, string>;
  let end = 0;
  for (; end < tag.length; end++) {
    const c = tag.charCodeAt(end);
    if (c === 32 || c === 10 || c === 13) break;
  }
  const rawName = tag.slice(0, end);
  const name = rawName.replace(/<(\/?)\w+:/, '<$1');
  if (end === tag.length) return { name, rawName, attrs };
  for (const m of tag.matchAll(ATTR)) {
    const cc = m[0].slice(1);
    let c = cc.indexOf('=');
    let q = cc.slice(0, c).trim();
    while (cc.charCodeAt(c + 1) === 32) ++c;
    const quote = cc.charCodeAt(c + 1) === 34 || cc.charCodeAt(c + 1) === 39 ? 1 : 0;
    const v = cc.slice(c + 1 + quote, cc.length - quote);
    const colon = q.indexOf(':');
    if (colon === -1) {
      if (q.indexOf('_') > 0) q = q.slice(0, q.indexOf('_'));
      attrs[q] = v;
      attrs[q.toLowerCase()] = v;
    } else {
      const k = (colon === 5 && q.slice(0, 5) === 'xmlns' ? 'xmlns' : '') + q.slice(colon + 1);
      if (attrs[k] && q.slice(colon - 3, colon) === 'ext') continue;
      attrs[k] = v;
      attrs[k.toLowerCase()] = v;
    }
  }
  return { name, rawName, attrs };
}

const tags = (xml: string): Tag[] => Array.from(xml.match(TAG) ?? [], parseTag);

/** SheetJS's `str_match_xml_ns`: the first `<tag ...>` and the first `</tag>` after it, any namespace prefix. */
function matchElement(xml: string, tag: string): { whole: string; inner: string } | null {
  const open = new RegExp(`<(?:\\w+:)?${tag}\\b[^<>]*>`, 'g');
  const m = open.exec(xml);
  if (!m) return null;
  const close = new RegExp(`</(?:\\w+:)?${tag}>`, 'g');
  close.lastIndex = open.lastIndex;
  const c = close.exec(xml);
  if (!c) return null;
  return { whole: xml.slice(m.index, close.lastIndex), inner: xml.slice(open.lastIndex, c.index) };
}

/** SheetJS's `str_remove_xml_ns_g`: the text without every `<tag>...</tag>`; null when one is not closed. */
function removeElements(xml: string, tag: string): string | null {
  const open = new RegExp(`<(?:\\w+:)?${tag}\\b[^<>]*>`, 'g');
  const close = new RegExp(`</(?:\\w+:)?${tag}>`, 'g');
  const out: string[] = [];
  let end = 0;
  for (let m = open.exec(xml); m; m = open.exec(xml)) {
    out.push(xml.slice(end, m.index));
    close.lastIndex = open.lastIndex;
    const c = close.exec(xml);
    if (!c) return null;
    end = close.lastIndex;
    open.lastIndex = close.lastIndex;
  }
  out.push(xml.slice(end));
  return out.join('');
}

const SI_PLAIN = /^\s*<(?:\w+:)?t[^>]*>/;
const T_CLOSE = /<\/(?:\w+:)?t>/;
const SI_RICH = /<(?:\w+:)?r\b[^<>]*>/;
const SI_RUN_TEXT = /<(?:\w+:)?t\b[^<>]*>([^<]*)<\/(?:\w+:)?t>/g;

/**
 * The text of a shared or inline string (SheetJS's `parse_si`), from its binary text: a plain `<t>` gives its
 * text up to the first `</t>` (a following phonetic `<rPh>` reading is not part of it); rich text gives every
 * run's `<t>` outside `<rPh>` joined; anything else is empty.
 */
function stringItem(x: string): string {
  if (!x) return '';
  let k = 0;
  while (k < x.length && isSpace(x.charCodeAt(k))) k++;
  if ((x.charCodeAt(k) === 60 && x.charCodeAt(k + 1) === 116 && x.indexOf('>', k) !== -1) || SI_PLAIN.test(x)) {
    const start = x.indexOf('>') + 1;
    const lt = x.indexOf('</', start);
    let end: number;
    if (lt === -1) end = x.length;
    else if (x.charCodeAt(lt + 2) === 116 && x.charCodeAt(lt + 3) === 62) end = lt;
    else {
      const m = T_CLOSE.exec(x.slice(start));
      end = m ? start + m.index : x.length;
    }
    return xmlText(utf8(x.slice(start, end)), true);
  }
  if (SI_RICH.test(x)) {
    const runs = removeElements(x, 'rPh');
    if (runs === null) throw new SheetDamaged();
    return xmlText(utf8((runs.match(SI_RUN_TEXT) ?? []).join('').replace(TAG, '')), true);
  }
  return '';
}

/** Raised inside the scanners, turned into `fileErrors.brokenSpreadsheet` with the file's name. */
class SheetDamaged extends Error {}

/* ---------------------------------------------------------------------------------------------------------------
 * The workbook's small parts: content types, workbook, relationships, styles.
 * ------------------------------------------------------------------------------------------------------------ */

const CONTENT_TYPES_NS = 'http://schemas.openxmlformats.org/package/2006/content-types';
const SPREADSHEET_NS = [
  'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  'http://purl.oclc.org/ooxml/spreadsheetml/main',
  'http://schemas.microsoft.com/office/excel/2006/main',
  'http://schemas.microsoft.com/office/excel/2006/2',
];
const PART_TYPES = new Map<string, 'workbook' | 'strings' | 'styles'>([
  ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml', 'workbook'],
  ['application/vnd.ms-excel.sheet.macroEnabled.main+xml', 'workbook'],
  ['application/vnd.ms-excel.sheet.binary.macroEnabled.main', 'workbook'],
  ['application/vnd.ms-excel.addin.macroEnabled.main+xml', 'workbook'],
  ['application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml', 'workbook'],
  ['application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml', 'strings'],
  ['application/vnd.ms-excel.sharedStrings', 'strings'],
  ['application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml', 'styles'],
  ['application/vnd.ms-excel.styles', 'styles'],
]);
const WORKSHEET_RELS = [
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet',
  'http://purl.oclc.org/ooxml/officeDocument/relationships/worksheet',
];
const COMMENTS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments';
const THREADED_COMMENTS_REL = 'http://schemas.microsoft.com/office/2017/10/relationships/threadedComment';

interface ContentTypes {
  workbook: string | null;
  strings: string | null;
  styles: string | null;
}

function parseContentTypes(xml: string): ContentTypes {
  const found: Record<'workbook' | 'strings' | 'styles', string[]> = { workbook: [], strings: [], styles: [] };
  let ns: string | undefined;
  for (const { name, rawName, attrs } of tags(xml)) {
    if (name === '<Types') ns = attrs[`xmlns${/<(\w+):/.exec(rawName)?.[1] ?? ''}`];
    else if (name === '<Default' && attrs.Extension === undefined) throw new SheetDamaged();
    else if (name === '<Override') {
      const type = PART_TYPES.get(attrs.ContentType ?? '');
      if (type && attrs.PartName !== undefined) found[type].push(attrs.PartName);
    }
  }
  if (ns !== CONTENT_TYPES_NS) throw new SheetDamaged();
  return { workbook: found.workbook[0] ?? null, strings: found.strings[0] ?? null, styles: found.styles[0] ?? null };
}

interface WorkbookSheet {
  name: string;
  relId: string | undefined;
}

function parseWorkbook(xml: string): { sheets: WorkbookSheet[]; date1904: boolean } {
  const sheets: WorkbookSheet[] = [];
  let date1904 = false;
  let ns: string | undefined;
  for (const raw of xml.match(TAG) ?? []) {
    const { name, attrs } = parseTag(raw);
    if (name === '<workbook') {
      const prefixed = /<(\w+):workbook/.exec(raw);
      ns = attrs[prefixed ? `xmlns${prefixed[1]}` : 'xmlns'];
    } else if (name === '<workbookPr' || name === '<workbookPr/>') {
      if (attrs.date1904 !== undefined) date1904 = attrs.date1904 === '1' || attrs.date1904 === 'true';
    } else if (name === '<sheet') {
      if (attrs.name === undefined) throw new SheetDamaged();
      sheets.push({ name: xmlText(attrs.name, false), relId: attrs.id || attrs.strRelID });
    }
  }
  if (ns === undefined || !SPREADSHEET_NS.includes(ns)) throw new SheetDamaged();
  return { sheets, date1904 };
}

function parseRelationships(xml: string | null): Map<string, { type: string | undefined; target: string }> {
  const rels = new Map<string, { type: string | undefined; target: string }>();
  if (!xml) return rels;
  for (const { rawName, attrs } of tags(xml)) {
    if (rawName !== '<Relationship' || attrs.Id === undefined) continue;
    rels.set(attrs.Id, { type: attrs.Type, target: xmlText(String(attrs.Target), false) });
  }
  return rels;
}

/** SheetJS's built-in number formats (`SSF_init_table`); a workbook's own `numFmts` are added to these. */
const BUILTIN_FORMATS: [number, string][] = [
  [0, 'General'], [1, '0'], [2, '0.00'], [3, '#,##0'], [4, '#,##0.00'], [9, '0%'], [10, '0.00%'], [11, '0.00E+00'],
  [12, '# ?/?'], [13, '# ??/??'], [14, 'm/d/yy'], [15, 'd-mmm-yy'], [16, 'd-mmm'], [17, 'mmm-yy'], [18, 'h:mm AM/PM'],
  [19, 'h:mm:ss AM/PM'], [20, 'h:mm'], [21, 'h:mm:ss'], [22, 'm/d/yy h:mm'], [37, '#,##0 ;(#,##0)'],
  [38, '#,##0 ;[Red](#,##0)'], [39, '#,##0.00;(#,##0.00)'], [40, '#,##0.00;[Red](#,##0.00)'], [45, 'mm:ss'],
  [46, '[h]:mm:ss'], [47, 'mmss.0'], [48, '##0.0E+0'], [49, '@'], [56, '"上午/下午 "hh"時"mm"分"ss"秒 "'],
];
export const builtinNumberFormats = (): Map<number, string> => new Map(BUILTIN_FORMATS);
/** Formats third-party tools write invalid, which SheetJS replaces on load. */
const BAD_FORMATS: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, { 'd.m': 'd\\.m' });

/** For a cell style (`s`), whether its number format shows a date (SheetJS's `table_fmt` + `SSF.is_date`). */
type DateStyles = (style: string | undefined) => boolean;

function parseStyles(xml: string | null): DateStyles {
  const formats = builtinNumberFormats();
  const xfFormats: number[] = [];
  let hasXfs = false;
  if (xml !== null) {
    const data = removeDoctype(removeComments(xml));
    const numFmts = matchElement(data, 'numFmts');
    const declared = numFmts ? builtinNumberFormats() : null;
    if (numFmts && declared) {
      for (const { name, attrs } of tags(numFmts.whole)) {
        if (name !== '<numFmt') continue;
        if (attrs.formatCode === undefined) throw new SheetDamaged();
        const f = xmlText(attrs.formatCode, false);
        let j = parseInt(attrs.numFmtId ?? '', 10);
        declared.set(j, f);
        if (j > 0) {
          if (j > 0x188) {
            for (j = 0x188; j > 0x3c; --j) if (!declared.has(j)) break;
            declared.set(j, f);
          }
          formats.set(j, BAD_FORMATS[f] ?? f);
        }
      }
    }
    const cellXfs = matchElement(data, 'cellXfs');
    if (cellXfs) {
      hasXfs = true;
      for (const { name, attrs } of tags(cellXfs.whole)) {
        if (name !== '<xf' && name !== '<xf/>' && name !== '<xf>') continue;
        const raw = attrs.numFmtId;
        // An `xf` without numFmtId is format 0; an empty one names no format at all.
        let id = raw === undefined ? 0 : raw ? parseInt(raw, 10) : Number.NaN;
        if (declared && id > 0x188) {
          for (let i = 0x188; i > 0x3c; --i) {
            if (declared.get(id) === declared.get(i)) {
              id = i;
              break;
            }
          }
        }
        xfFormats.push(id);
      }
    }
  }
  const cache = new Map<string, boolean>();
  return (style) => {
    if (style === undefined || !hasXfs) return false;
    let known = cache.get(style);
    if (known === undefined) {
      const id = /^(0|[1-9]\d*)$/.test(style) ? xfFormats[Number(style)] : undefined;
      const z = formats.get(id ?? 0);
      known = z !== undefined && XLSX.SSF.is_date(z) === true;
      cache.set(style, known);
    }
    return known;
  };
}

/** SheetJS's `resolve_path`: a relationship's target relative to the part that names it. */
function resolvePath(target: string, base: string): string {
  if (target.charAt(0) === '/') return target.slice(1);
  const result = base.split('/');
  if (base.slice(-1) !== '/') result.pop();
  for (const step of target.split('/')) {
    if (step === '..') result.pop();
    else if (step !== '.') result.push(step);
  }
  return result.join('/');
}

/** Where a legacy comment is anchored, as `parse_comments_xml` lists them. */
function commentRefs(xml: string): string[] {
  if (/<(?:\w+:)?comments *\/>/.test(xml)) return [];
  const list = matchElement(xml, 'commentList');
  const refs: string[] = [];
  if (!list?.inner) return refs;
  for (const x of list.inner.split(/<\/\w*:?comment>/)) {
    if (x.trim() === '') continue;
    const tag = /<(?:\w+:)?comment[^<>]*>/.exec(x);
    if (tag) refs.push(String(parseTag(tag[0]).attrs.ref));
  }
  return refs;
}

/** Where a threaded comment with text is anchored, as `parse_tcmnt_xml` lists them. */
function threadedCommentRefs(xml: string): string[] {
  const refs: string[] = [];
  let ref: string | undefined;
  let hasText = false;
  for (const { name, attrs } of tags(xml)) {
    if (name === '<threadedComment') {
      ref = attrs.ref;
      hasText = false;
    } else if (name === '</text>') hasText = true;
    else if (name === '</threadedComment>' && hasText) refs.push(String(ref));
  }
  return refs;
}

/** A cell address as SheetJS's `decode_cell` reads it: every digit for the row, every capital for the column. */
function decodeCell(ref: string): { row: number; col: number } {
  let R = 0;
  let C = 0;
  for (let i = 0; i < ref.length; i++) {
    const cc = ref.charCodeAt(i);
    if (cc >= 48 && cc <= 57) R = 10 * R + (cc - 48);
    else if (cc >= 65 && cc <= 90) C = 26 * C + (cc - 64);
  }
  return { row: R - 1, col: C - 1 };
}

function removeComments(xml: string): string {
  let si = xml.indexOf('<!--');
  if (si === -1) return xml;
  const out: string[] = [];
  let last = 0;
  while (si > -1) {
    out.push(xml.slice(last, si));
    const ei = xml.indexOf('-->', si + 4);
    if (ei === -1) break;
    last = ei + 3;
    si = xml.indexOf('<!--', last);
    if (si === -1) out.push(xml.slice(last));
  }
  return out.join('');
}

function removeDoctype(xml: string): string {
  const si = xml.slice(0, 1024).indexOf('<!DOCTYPE');
  if (si === -1) return xml;
  const m = /<[\w]/.exec(xml);
  return m ? xml.slice(0, si) + xml.slice(m.index) : xml;
}

/* ---------------------------------------------------------------------------------------------------------------
 * Dates stored as text (`t="d"`), converted to Excel serials the way SheetJS does without `cellDates`.
 * ------------------------------------------------------------------------------------------------------------ */

const EPOCH_1899 = Date.UTC(1899, 11, 30);
const EPOCH_1899_31 = Date.UTC(1899, 11, 31);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

function isoToSerial(str: string, date1904: boolean): number {
  let d: Date;
  let m = /^(\d+):(\d+)(:\d+)?(\.\d+)?$/.exec(str);
  if (m) {
    d = new Date(
      (date1904 ? EPOCH_1904 : EPOCH_1899_31) +
        ((parseInt(m[1]!, 10) * 60 + parseInt(m[2]!, 10)) * 60 + (m[3] ? parseInt(m[3].slice(1), 10) : 0)) * 1000 +
        (m[4] ? parseInt(`${m[4]}000`.slice(1, 4), 10) : 0),
    );
  } else if ((m = /^(\d+)-(\d+)-(\d+)$/.exec(str))) {
    d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, 0, 0, 0, 0));
  } else if ((m = /^(\d+)-(\d+)-(\d+)[T ](\d+):(\d+)(:\d+)?(\.\d+)?$/.exec(str))) {
    d = new Date(
      Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, (m[6] && parseInt(m[6].slice(1), 10)) || 0, (m[7] && parseInt(`${m[7]}0000`.slice(1, 4), 10)) || 0),
    );
  } else {
    d = new Date(str);
  }
  const res = (d.getTime() - EPOCH_1899) / 86_400_000;
  if (date1904) {
    const r = res - 1462;
    return r < -1402 ? r - 1 : r;
  }
  return res < 60 ? res - 1 : res;
}

/* ---------------------------------------------------------------------------------------------------------------
 * The scanners. Both work on a part's binary text as it arrives; what is not complete yet stays in `buf` from `pos`.
 * ------------------------------------------------------------------------------------------------------------ */

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/**
 * A part's XML as it streams in, the way both SheetJS parsers used here read it: find the container's start tag
 * (keeping only the last few KB while looking), then hand on the text before each item's end tag, up to the
 * container's end tag. Tag names take whatever namespace prefix the start tag has.
 */
abstract class ContainerScanner {
  protected buf = '';
  protected pos = 0;
  protected state: 'seek' | 'items' | 'done' = 'seek';
  private itemClose: string;
  private containerClose: string;

  constructor(
    private readonly container: string,
    private readonly itemTag: string,
  ) {
    this.itemClose = `</${itemTag}>`;
    this.containerClose = `</${container}>`;
  }

  get done(): boolean {
    return this.state === 'done';
  }

  push(text: string): void {
    if (this.state === 'done') return;
    this.buf = this.pos < this.buf.length ? this.buf.slice(this.pos) + text : text;
    this.pos = 0;
    if (this.state === 'seek' && !this.seek()) return;
    const end = this.buf.indexOf(this.containerClose, this.pos);
    for (;;) {
      const e = this.buf.indexOf(this.itemClose, this.pos);
      if (e === -1 || (end !== -1 && e > end)) break;
      this.item(this.pos, e);
      this.pos = e + this.itemClose.length;
    }
    if (end !== -1) {
      this.item(this.pos, end);
      this.ended();
      this.state = 'done';
      this.buf = '';
      this.pos = 0;
    } else if (this.buf.length - this.pos > MAX_ROW_CHARS) {
      throw this.tooLong();
    }
  }

  /** The text between `a` and `b` in `buf`: one item, its start tag included. */
  protected abstract item(a: number, b: number): void;
  /** The container's start tag was found, with this namespace prefix (`x:` or ''). */
  protected abstract opened(prefix: string): void;
  protected abstract ended(): void;
  protected abstract tooLong(): Error;

  /** True once the container's start tag is found. */
  private seek(): boolean {
    const open = new RegExp(`<(\\w+:)?${this.container}\\b[^<>]*>`, 'g');
    const m = open.exec(this.buf);
    if (!m) {
      this.pos = Math.max(0, this.buf.length - 4096);
      return false;
    }
    if (m[0].endsWith('/>')) {
      // `<sst/>`, `<sheetData/>`: SheetJS looks for an end tag that is not there and reads nothing.
      this.state = 'done';
      this.buf = '';
      this.pos = 0;
      return false;
    }
    const prefix = m[1] ?? '';
    this.itemClose = `</${prefix}${this.itemTag}>`;
    this.containerClose = `</${prefix}${this.container}>`;
    this.opened(prefix);
    this.pos = open.lastIndex;
    this.state = 'items';
    return true;
  }
}

/** The shared string table, item by item (SheetJS's `parse_sst_xml`). */
class SharedStringsScanner extends ContainerScanner {
  readonly strings: string[] = [];
  private itemOpen = '<si>';

  constructor() {
    super('sst', 'si');
  }

  protected opened(prefix: string): void {
    this.itemOpen = `<${prefix}si>`;
  }

  protected ended(): void {}

  protected tooLong(): Error {
    return new SheetDamaged();
  }

  /** An item's text; its `<si>` opening (any prefix) is dropped first, as SheetJS drops all of them. */
  protected item(a: number, b: number): void {
    const buf = this.buf;
    while (a < b && isSpace(buf.charCodeAt(a))) a++;
    if (buf.startsWith(this.itemOpen, a)) a += this.itemOpen.length;
    let x = buf.slice(a, b);
    if (x.indexOf('si>') !== -1 || x.indexOf('Item>') !== -1) x = x.replace(/<(?:\w+:)?(?:si|sstItem)>/g, '');
    this.strings.push(stringItem(x.trim()));
  }

  finish(): string[] {
    // A table whose end never came is a damaged (cut) part.
    if (this.state === 'items') throw new SheetDamaged();
    return this.strings;
  }
}

interface OpenRow {
  index: number;
  cells: string[];
}

/** The attributes a cell's or row's start tag is read for. */
interface CellAttrs {
  r: string | undefined;
  s: string | undefined;
  t: string | undefined;
}

/**
 * The sheet's rows, from `<sheetData>` to `</sheetData>` (SheetJS's `parse_ws_xml_data`): rows are the text
 * between `</row>` ends, cells the pieces between `<c ` starts. A row or cell without `r` follows the previous
 * one; a cell's own `r` decides where it goes. Rows are handed on when the next row starts, so a cell naming a
 * row ahead is still placed right.
 */
class SheetScanner extends ContainerScanner {
  readonly records: FileRecord[] = [];
  /** Cells across `records`, for cutting batches of very wide rows short. */
  cellCount = 0;
  private cellOpen = '<c';
  private valueOpen = '<v';
  private valueClose = '</v>';
  private inlineOpen = '<is';
  private inlineClose = '</is>';
  /** SheetJS's `tagr` (1-based row of the last row tag) and `tagc` (column of the last cell). */
  private tagr = 0;
  private tagc = -1;
  private open: OpenRow[] = [];
  private readonly attrs: CellAttrs = { r: undefined, s: undefined, t: undefined };

  constructor(
    private readonly strings: string[],
    private readonly dateStyle: DateStyles,
    private readonly date1904: boolean,
    /** Columns of commented cells by row: SheetJS gives a comment on an empty cell an empty cell. */
    private readonly commented: Map<number, number[]>,
  ) {
    super('sheetData', 'row');
  }

  protected opened(p: string): void {
    this.cellOpen = `<${p}c`;
    this.valueOpen = `<${p}v`;
    this.valueClose = `</${p}v>`;
    this.inlineOpen = `<${p}is`;
    this.inlineClose = `</${p}is>`;
  }

  protected ended(): void {
    this.closeRowsBefore(Number.POSITIVE_INFINITY);
  }

  protected tooLong(): Error {
    return rowTooLong(Number.isFinite(this.tagr) ? this.tagr + 1 : 0);
  }

  /** Ends the stream: a sheet whose `</sheetData>` never came was cut off. Every row read goes out first. */
  finish(): void {
    this.closeRowsBefore(Number.POSITIVE_INFINITY);
    if (this.state !== 'done') throw new SheetDamaged();
  }

  /** Hands on the rows read so far (a read that stops early still gives every complete row). */
  closeAll(): void {
    this.closeRowsBefore(Number.POSITIVE_INFINITY);
  }

  /** One piece of `<sheetData>` before a `</row>`: the row's start tag, then its cells. */
  protected item(a: number, b: number): void {
    const buf = this.buf;
    while (a < b && isSpace(buf.charCodeAt(a))) a++;
    while (b > a && isSpace(buf.charCodeAt(b - 1))) b--;
    if (a === b) return;
    // The row's start tag ends at the first `>` that does not close an empty element (`<row r="3"/>`).
    let gt = buf.indexOf('>', a);
    while (gt !== -1 && gt < b && gt > a && buf.charCodeAt(gt - 1) === 47) gt = buf.indexOf('>', gt + 1);
    const opened = gt !== -1 && gt < b;
    const tagEnd = opened ? gt : b;
    let start = buf.lastIndexOf('<', tagEnd - 1);
    if (start < a) start = a;
    const r = this.readAttrs(start, tagEnd, false).r;
    this.tagr = r !== undefined ? parseInt(r, 10) : this.tagr + 1;
    this.tagc = -1;
    this.closeRowsBefore(this.tagr - 1);
    if (opened) this.cells(gt + 1, b);
  }

  private cells(a: number, b: number): void {
    const buf = this.buf;
    const open = this.cellOpen;
    let leading = true;
    let from = a;
    for (;;) {
      const next = this.nextCell(from, b);
      let s = from;
      let e = next === -1 ? b : next;
      while (s < e && isSpace(buf.charCodeAt(s))) s++;
      while (e > s && isSpace(buf.charCodeAt(e - 1))) e--;
      // SheetJS skips leading pieces that start with a tag (an element before the first cell), then none.
      if (!(leading && s < e && buf.charCodeAt(s) === 60)) {
        leading = false;
        if (s < e) this.cell(s, e);
      }
      if (next === -1) return;
      from = next + open.length + 1;
    }
  }

  /** Where the next `<c ` / `<c>` / `<c/` starts before `b`, or -1. */
  private nextCell(from: number, b: number): number {
    const buf = this.buf;
    const open = this.cellOpen;
    for (let i = buf.indexOf(open, from); i !== -1 && i < b; i = buf.indexOf(open, i + 1)) {
      const c = buf.charCodeAt(i + open.length);
      if (c === 32 || c === 47 || c === 62) return i;
    }
    return -1;
  }

  /** One cell: the text after `<c ` up to the next cell, trimmed. */
  private cell(a: number, b: number): void {
    const buf = this.buf;
    let content: number;
    if (buf.charCodeAt(a) === 60) {
      this.readAttrs(a, a, true);
      content = a;
    } else {
      const gt = buf.indexOf('>', a);
      const tagEnd = gt === -1 || gt >= b ? b : gt;
      this.readAttrs(a, tagEnd, true);
      content = tagEnd === b ? b : tagEnd + 1;
    }
    const { r, s, t } = this.attrs;
    let row: number;
    let col: number;
    if (r === undefined) {
      this.tagc += 1;
      row = this.tagr - 1;
      col = this.tagc;
    } else {
      // Column letters as SheetJS reads them twice: up to the first non-letter for the next cell without `r`,
      // every letter and digit for this cell's place.
      let lead = 0;
      for (let i = 0; i < r.length; i++) {
        const cc = r.charCodeAt(i) - 64;
        if (cc < 1 || cc > 26) break;
        lead = 26 * lead + cc;
      }
      this.tagc = lead - 1;
      ({ row, col } = decodeCell(r));
    }
    const text = this.value(t, s, content, b);
    if (text === null || !(row >= 0) || col < 0) return;
    if (col > MAX_COLUMN) throw new SheetDamaged();
    this.place(row, col, text);
  }

  /** The cell's text as `cellText` gives it, or null for a cell SheetJS does not keep. */
  private value(t: string | undefined, style: string | undefined, a: number, b: number): string | null {
    if (t === 'inlineStr') return this.inlineString(a, b);
    const raw = this.rawValue(a, b);
    if (t === undefined && raw === undefined) return null;
    switch (t || 'n') {
      case 'n': {
        if (raw === undefined) return null;
        const v = xmlText(raw, false);
        return v === '' ? null : numberText(parseFloat(v), this.dateStyle(style));
      }
      case 's': {
        if (raw === undefined) return null;
        const text = this.strings[parseInt(xmlText(raw, false), 10)];
        // SheetJS fails the whole sheet on an index outside the table.
        if (text === undefined) throw new SheetDamaged();
        return text;
      }
      case 'str':
        return raw === undefined ? '' : formulaText(raw);
      case 'b': {
        const v = raw === undefined ? undefined : xmlText(raw, false);
        return v === '1' || v === 'true' ? 'TRUE' : 'FALSE';
      }
      case 'd':
        if (raw === undefined) throw new SheetDamaged();
        return numberText(isoToSerial(xmlText(raw, false), this.date1904), this.dateStyle(style));
      default:
        return '';
    }
  }

  /** The text of the cell's first `<v>`, or undefined when it has none (or an empty one). */
  private rawValue(a: number, b: number): string | undefined {
    if (b - a < 7) return undefined;
    // Searched in the cell's own text: a search of the whole buffer would run on to the next `<v` for every
    // styled empty cell.
    const d = this.buf.slice(a, b);
    const at = d.indexOf(this.valueOpen);
    if (at === -1 || isWordChar(d.charCodeAt(at + this.valueOpen.length))) return undefined;
    const gt = d.indexOf('>', at);
    if (gt === -1) return undefined;
    const close = d.indexOf(this.valueClose, gt);
    if (close === -1 || close === gt + 1) return undefined;
    return d.slice(gt + 1, close);
  }

  private inlineString(a: number, b: number): string {
    const d = this.buf.slice(a, b);
    const at = d.indexOf(this.inlineOpen);
    if (at === -1 || isWordChar(d.charCodeAt(at + this.inlineOpen.length))) return '';
    const gt = d.indexOf('>', at);
    if (gt === -1) return '';
    const close = d.indexOf(this.inlineClose, gt);
    if (close === -1) return '';
    return stringItem(d.slice(gt + 1, close));
  }

  /**
   * The `r`, `s` and `t` attributes of the tag text [a, b), read like SheetJS's `parsexmltag`: a namespace
   * prefix is dropped, names match in any case, the last of a name wins.
   */
  private readAttrs(a: number, b: number, cell: boolean): CellAttrs {
    const buf = this.buf;
    const out = this.attrs;
    out.r = out.s = out.t = undefined;
    // A tag without a space (`<row>`) has no attributes; a cell's text starts after the space of `<c `.
    let i = a;
    if (!cell) {
      while (i < b && !(buf.charCodeAt(i) === 32 || buf.charCodeAt(i) === 10 || buf.charCodeAt(i) === 13)) i++;
    }
    while (i < b) {
      const eq = buf.indexOf('=', i);
      if (eq === -1 || eq >= b) break;
      let ne = eq;
      while (ne > i && isSpace(buf.charCodeAt(ne - 1))) ne--;
      let ns = ne;
      while (ns > i && !isSpace(buf.charCodeAt(ns - 1))) ns--;
      let v = eq + 1;
      while (v < b && isSpace(buf.charCodeAt(v))) v++;
      const q = buf.charCodeAt(v);
      let value: string;
      if (q === 34 || q === 39) {
        const close = buf.indexOf(q === 34 ? '"' : "'", v + 1);
        if (close === -1 || close >= b) break;
        value = buf.slice(v + 1, close);
        i = close + 1;
      } else {
        let ve = v;
        while (ve < b && !isSpace(buf.charCodeAt(ve)) && buf.charCodeAt(ve) !== 62) ve++;
        value = buf.slice(v, ve);
        i = ve;
      }
      const key = attrKey(buf, ns, ne);
      if (key === 114) out.r = value;
      else if (key === 115) out.s = value;
      else if (key === 116) out.t = value;
    }
    return out;
  }

  /** The open row `index`, made when the first cell for it arrives; rows stay ordered by index. */
  private place(index: number, col: number, text: string): void {
    const open = this.open;
    let row = open.length > 0 ? open[open.length - 1]! : undefined;
    if (row === undefined || row.index !== index) {
      let at = open.length;
      while (at > 0 && open[at - 1]!.index > index) at--;
      if (at > 0 && open[at - 1]!.index === index) row = open[at - 1]!;
      else {
        row = { index, cells: [] };
        open.splice(at, 0, row);
        if (open.length > MAX_OPEN_ROWS) this.closeRow(open.shift()!);
      }
    }
    row.cells[col] = text;
  }

  private closeRowsBefore(index: number): void {
    const open = this.open;
    let n = 0;
    while (n < open.length && open[n]!.index < index) this.closeRow(open[n++]!);
    if (n > 0) open.splice(0, n);
  }

  private closeRow(row: OpenRow): void {
    const cells = row.cells;
    for (const col of this.commented.get(row.index) ?? []) if (cells[col] === undefined) cells[col] = '';
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = '';
    if (isBlank(cells)) return;
    this.records.push({ row: row.index + 1, cells });
    this.cellCount += cells.length;
  }
}

const isWordChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;

/**
 * 114/115/116 when the attribute name in [a, b) is `r`, `s` or `t` the way `parsexmltag` names it (prefix up to
 * the first `:` dropped unless it is `xmlns`, anything from a `_` dropped, any case); 0 otherwise.
 */
function attrKey(buf: string, a: number, b: number): number {
  if (b - a === 1) return letterKey(buf.charCodeAt(a));
  const colon = buf.indexOf(':', a);
  if (colon !== -1 && colon < b) {
    if (colon - a === 5 && buf.startsWith('xmlns', a)) return 0;
    return b - colon === 2 ? letterKey(buf.charCodeAt(colon + 1)) : 0;
  }
  const underscore = buf.indexOf('_', a);
  if (underscore === a + 1) return letterKey(buf.charCodeAt(a));
  return 0;
}

function letterKey(c: number): number {
  const lower = c | 0x20;
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? (lower === 114 || lower === 115 || lower === 116 ? lower : 0) : 0;
}

/* ---------------------------------------------------------------------------------------------------------------
 * The source.
 * ------------------------------------------------------------------------------------------------------------ */

/**
 * A part's bytes as binary text (one character per byte) as it inflates; a UTF-16 part (it starts with that BOM)
 * is turned into its UTF-8 bytes first, as SheetJS does. `consumed` is told how many inflated bytes went out.
 */
async function* partBytes(path: string, name: string, entry: ZipEntry, consumed: (bytes: number) => void): AsyncGenerator<string> {
  let utf16: TextDecoder | null | undefined;
  for await (const chunk of entryChunks(path, name, entry, CHUNK_BYTES)) {
    utf16 ??= chunk[0] === 0xff && chunk[1] === 0xfe ? new TextDecoder('utf-16le') : null;
    const text = utf16 ? Buffer.from(utf16.decode(chunk, { stream: true }), 'utf8').toString('latin1') : chunk.toString('latin1');
    consumed(chunk.length);
    if (text.length > 0) yield text;
  }
}

async function readSharedStrings(path: string, name: string, entry: ZipEntry): Promise<string[]> {
  const scanner = new SharedStringsScanner();
  for await (const text of partBytes(path, name, entry, () => {})) {
    scanner.push(text);
    if (scanner.done) break;
  }
  return scanner.finish();
}

const stripFrontSlash = (p: string) => (p.charAt(0) === '/' ? p.slice(1) : p);

/** What `openSource` needs from a workbook before reading rows: sheet names, and where the chosen sheet is. */
interface WorkbookPlan {
  sheets: string[];
  sheet: string;
  /** The chosen sheet's part, or null when SheetJS would find no worksheet data there (a chart sheet). */
  sheetEntry: ZipEntry | null;
  stringsEntry: ZipEntry | null;
  dateStyles: DateStyles;
  date1904: boolean;
  commented: Map<number, number[]>;
}

type PartLookup = (path: string) => ZipEntry | undefined;
type PartText = (entry: ZipEntry) => string;

/**
 * The chosen sheet's part, found as SheetJS finds it: through the workbook's relationships when every sheet has
 * one, else `xl/worksheets/sheetN.xml`; not a worksheet when its relationship says chart, dialog or macro sheet.
 */
function locateSheet(workbookPath: string, sheets: WorkbookSheet[], index: number, part: PartLookup, text: PartText) {
  const slash = workbookPath.lastIndexOf('/');
  let relsPath = `${workbookPath.slice(0, slash + 1)}_rels/${workbookPath.slice(slash + 1)}.rels`.replace(/^\//, '');
  if (!part(relsPath)) relsPath = 'xl/_rels/workbook.xml.rels';
  const relsEntry = part(relsPath);
  const rels = parseRelationships(relsEntry ? text(relsEntry) : null);
  const chosen = sheets.every((s) => s.relId !== undefined && rels.has(s.relId)) ? rels.get(sheets[index]!.relId!) : undefined;
  if (!chosen) {
    const shift = part('xl/worksheets/sheet.xml') ? 1 : 0;
    return { sheetPath: `xl/worksheets/sheet${index + 1 - shift}.xml`.replace(/sheet0\./, 'sheet.'), worksheet: true };
  }
  let sheetPath = `xl/${chosen.target.replace(/[/]?xl\//, '')}`;
  if (!part(sheetPath)) sheetPath = chosen.target;
  if (!part(sheetPath)) sheetPath = relsPath.replace(/_rels\/[\S\s]*$/, '') + chosen.target;
  return { sheetPath, worksheet: !chosen.type || WORKSHEET_RELS.includes(chosen.type) };
}

/**
 * The cells the sheet's comments are anchored to, by row (SheetJS adds them after reading the sheet, an empty
 * cell for a comment on an empty cell); a comments part that is missing ends the list, as it does there.
 */
function commentedCells(sheetPath: string, part: PartLookup, text: PartText): Map<number, number[]> {
  const relsEntry = part(sheetPath.replace(/^(.*)(\/)([^/]*)$/, '$1/_rels/$3.rels'));
  const anchors: string[] = [];
  const threaded: string[] = [];
  for (const rel of relsEntry ? parseRelationships(text(relsEntry)).values() : []) {
    if (rel.type !== COMMENTS_REL && rel.type !== THREADED_COMMENTS_REL) continue;
    const entry = part(resolvePath(rel.target, sheetPath));
    if (!entry) break;
    if (rel.type === COMMENTS_REL) anchors.push(...commentRefs(text(entry)));
    else threaded.push(...threadedCommentRefs(text(entry)));
  }
  const commented = new Map<number, number[]>();
  for (const ref of [...anchors, ...threaded]) {
    const { row, col } = decodeCell(ref);
    if (row < 0 || col < 0 || col > MAX_COLUMN) continue;
    commented.set(row, [...(commented.get(row) ?? []), col]);
  }
  return commented;
}

/**
 * Reads the workbook's small parts the way SheetJS's `parse_zip` does. Null when the file is a workbook this
 * reader does not stream (binary .xlsb, an OpenDocument or Numbers package), for SheetJS to read.
 */
function planWorkbook(file: SniffedFile, opts: SourceOptions): WorkbookPlan | null {
  const entries = file.zip?.entries ?? readZipDirectory(file.path, file.name, file.size).entries;
  const part: PartLookup = (p) => findEntry(entries, stripFrontSlash(p));
  const text: PartText = (entry) => readEntryText(file.path, file.name, entry, MAX_SMALL_PART_BYTES);
  if (part('META-INF/manifest.xml') || part('objectdata.xml') || part('Index/Document.iwa')) return null;
  const typesEntry = part('[Content_Types].xml');
  if (!typesEntry) throw new SheetDamaged();
  const types = parseContentTypes(text(typesEntry));
  let workbookPath = types.workbook;
  if (workbookPath === null && part('xl/workbook.xml')) workbookPath = 'xl/workbook.xml';
  if (workbookPath === null || workbookPath.endsWith('bin')) return null;
  const workbookEntry = part(workbookPath);
  if (!workbookEntry) throw new SheetDamaged();
  const workbook = parseWorkbook(text(workbookEntry));
  const sheets = workbook.sheets.map((s) => s.name);
  if (sheets.length === 0) throw fileErrors.noRows(file.name);
  const sheet = opts.sheet ?? sheets[0]!;
  const index = sheets.indexOf(sheet);
  if (index === -1) throw fileErrors.sheetNotFound(sheet, sheets);

  const { sheetPath, worksheet } = locateSheet(workbookPath, workbook.sheets, index, part, text);
  const commented = worksheet ? commentedCells(sheetPath, part, text) : new Map<number, number[]>();

  let styles: string | null = null;
  if (types.styles !== null) {
    const stylesEntry = part(types.styles);
    if (!stylesEntry) throw new SheetDamaged();
    styles = text(stylesEntry);
  }
  return {
    sheets,
    sheet,
    sheetEntry: worksheet ? (part(sheetPath) ?? null) : null,
    stringsEntry: types.strings === null ? null : (part(types.strings) ?? null),
    dateStyles: parseStyles(styles),
    date1904: workbook.date1904,
    commented,
  };
}

/**
 * The streaming source for an .xlsx file, or null when the workbook is one to leave to SheetJS. The workbook's
 * small parts are read here, at once (so the sheet names and a wrong sheet name are known before any row); the
 * shared strings and the sheet are read by `batches()`.
 */
export function openXlsxStream(file: SniffedFile, opts: SourceOptions): RecordSource | null {
  let plan: WorkbookPlan | null;
  try {
    plan = planWorkbook(file, opts);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw fileErrors.brokenSpreadsheet(file.name);
  }
  if (plan === null) return null;
  const { sheetEntry, stringsEntry, dateStyles, date1904, commented } = plan;
  let consumed = 0;
  return {
    detectedSeparator: null,
    separator: null,
    detectedEncoding: null,
    encoding: null,
    sheets: plan.sheets,
    sheet: plan.sheet,
    fraction: () => (sheetEntry === null || sheetEntry.size === 0 ? 1 : Math.min(1, consumed / sheetEntry.size)),
    async *batches() {
      if (sheetEntry === null) return;
      let scanner: SheetScanner | null = null;
      // Whole batches only (the rest waits for more rows), unless every row goes now or very wide rows pile up.
      const take = function* (all: boolean): Generator<FileRecord[]> {
        if (scanner === null) return;
        const records = scanner.records;
        const n = all || scanner.cellCount >= MAX_BATCH_CELLS ? records.length : records.length - (records.length % BATCH_RECORDS);
        if (n === 0) return;
        const out = records.splice(0, n);
        scanner.cellCount = records.reduce((sum, r) => sum + r.cells.length, 0);
        for (let i = 0; i < out.length; i += BATCH_RECORDS) yield out.slice(i, i + BATCH_RECORDS);
      };
      try {
        const strings = stringsEntry === null ? [] : await readSharedStrings(file.path, file.name, stringsEntry);
        scanner = new SheetScanner(strings, dateStyles, date1904, commented);
        for await (const text of partBytes(file.path, file.name, sheetEntry, (n) => (consumed += n))) {
          scanner.push(text);
          yield* take(false);
          if (scanner.done) break;
        }
        scanner.finish();
        consumed = sheetEntry.size;
        yield* take(true);
      } catch (err) {
        // The rows read before the damage still go out, so an import saves exactly those.
        if (scanner !== null) {
          scanner.closeAll();
          yield* take(true);
        }
        if (err instanceof AppError) throw err;
        throw fileErrors.brokenSpreadsheet(file.name);
      }
    },
  };
}
