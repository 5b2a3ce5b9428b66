import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import * as XLSX from 'xlsx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir, type TestCore } from '../../helpers/core';
import { channelCore } from './harness';

describe('contacts.export', () => {
  let t: TestCore;
  let channelId: number;
  beforeEach(async () => {
    ({ t, channelId } = await channelCore());
    await t.ok('attributes.create', { key: 'balance', label: 'Bakiye', type: 'number' });
    await t.ok('attributes.create', { key: 'note', label: 'Not', type: 'text' });
    await t.ok('contacts.create', { channelId, phone: '05331112233', name: '=HYPERLINK("http://evil","click")', attributes: { balance: -12.5, note: '+cmd|calc' } });
    await t.ok('contacts.create', { channelId, phone: '05331112234', name: 'Ayşe, "Yılmaz"', email: 'ayse@example.com', attributes: { note: 'two\nlines' } });
    await t.ok('contacts.create', { channelId, phone: '05331112235', name: '@SUM(1)', attributes: { note: '-2+3' } });
  });
  afterEach(() => t.close());

  it('writes the list to CSV with formula cells neutralised and numbers and phones intact', async () => {
    const out = await t.ok('contacts.export', { channelId, format: 'csv' });
    expect(out.rows).toBe(3);
    expect(path.dirname(out.path)).toBe(path.join(t.dataDir, 'exports'));
    const text = fs.readFileSync(out.path, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual(['Name', 'WhatsApp name', 'Phone', 'Email', 'Bakiye', 'Not', 'Source', 'Created (UTC)', 'Last message (UTC)', 'Opted out', 'Opt-out reason']);
    const byPhone = new Map(rows.slice(1).map((r) => [r[2], r]));
    expect(byPhone.get('+905331112233')!.slice(0, 6)).toEqual(["'=HYPERLINK(\"http://evil\",\"click\")", '', '+905331112233', '', '-12.5', "'+cmd|calc"]);
    expect(byPhone.get('+905331112234')!.slice(0, 6)).toEqual(['Ayşe, "Yılmaz"', '', '+905331112234', 'ayse@example.com', '', 'two\nlines']);
    expect(byPhone.get('+905331112235')!.slice(0, 6)).toEqual(["'@SUM(1)", '', '+905331112235', '', '', "'-2+3"]);
    expect(rows.slice(1).map((r) => r[2])).toEqual(['+905331112233', '+905331112235', '+905331112234']);
  });

  it('writes the current search to XLSX, Turkish headers when the UI is Turkish', async () => {
    await t.ok('settings.update', { language: 'tr' });
    const file = path.join(tempDir(), 'liste');
    const out = await t.ok('contacts.export', { channelId, query: 'ayse', format: 'xlsx', path: file });
    expect(out).toEqual({ path: `${file}.xlsx`, rows: 1 });
    const book = XLSX.read(fs.readFileSync(out.path), { type: 'buffer' });
    expect(book.SheetNames).toEqual(['Kişiler']);
    const data = XLSX.utils.sheet_to_json<string[]>(book.Sheets['Kişiler']!, { header: 1, raw: true });
    expect(data[0]!.slice(0, 4)).toEqual(['Ad', 'WhatsApp adı', 'Telefon', 'E-posta']);
    expect(data[1]!.slice(0, 4)).toEqual(['Ayşe, "Yılmaz"', '', '+905331112234', 'ayse@example.com']);

    const all = await t.ok('contacts.export', { channelId, format: 'xlsx', path: path.join(tempDir(), 'all.xlsx') });
    const rows = XLSX.utils.sheet_to_json<(string | number)[]>(XLSX.read(fs.readFileSync(all.path)).Sheets['Kişiler']!, { header: 1, raw: true });
    const evil = rows.find((r) => r[2] === '+905331112233')!;
    expect(evil[0]).toBe("'=HYPERLINK(\"http://evil\",\"click\")");
    expect(evil[4]).toBe(-12.5);
    expect(evil[5]).toBe("'+cmd|calc");
  });

  it('refuses relative paths and missing folders, and never leaves a partial file', async () => {
    expect((await t.err('contacts.export', { channelId, format: 'csv', path: 'out.csv' })).code).toBe('export_path_relative');
    const missing = path.join(tempDir(), 'no', 'such', 'dir', 'x.csv');
    expect((await t.err('contacts.export', { channelId, format: 'csv', path: missing })).code).toBe('export_folder_missing');
    const dir = tempDir();
    await t.ok('contacts.export', { channelId, format: 'csv', path: path.join(dir, 'x.csv') });
    expect(fs.readdirSync(dir)).toEqual(['x.csv']);
    const a = await t.ok('contacts.export', { channelId, format: 'csv' });
    const b = await t.ok('contacts.export', { channelId, format: 'csv' });
    expect(b.path).not.toBe(a.path);
    expect(b.path.endsWith('-2.csv')).toBe(true);
    expect((await t.err('contacts.export', { channelId: 999, format: 'csv' })).code).toBe('not_found');
  });
});
