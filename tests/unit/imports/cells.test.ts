import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/db/connection';
import { IndexCells } from '../../../src-main/imports/cells';
import { packRows, unpackRows } from '../../../src-main/imports/packed-rows';
import type { IncomingRow } from '../../../src-main/imports/writer';
import { ImportWriterJob } from '../../../src-main/imports/writer-job';
import { projectRoot } from '../../../src-main/platform/paths';
import { tempDir } from '../../helpers/core';

const migrationsDir = path.join(projectRoot(), 'migrations');

const row = (n: number, phone: string, sortName: string): IncomingRow => ({
  row: n,
  phone,
  name: sortName,
  email: null,
  attributesJson: '{}',
  sortName,
  search: `${phone.slice(1)}\n${sortName}`,
});

/** A deterministic shuffle of numbers and names, like a real file: neither column in order. */
function rows(count: number): IncomingRow[] {
  return Array.from({ length: count }, (_, i) => {
    const k = (i * 7_919) % count;
    return row(i + 2, `+90532${String(1_000_000 + k)}`, `kisi ${String((k * 31) % count).padStart(6, '0')}`);
  });
}

describe('IndexCells', () => {
  it('hands out every row once, each batch sorted by phone inside one phone range and one name range, never holding more than allowed', () => {
    const cells = new IndexCells({ side: 4, cellRows: 500, maxBuffered: 2_000, sampleRows: 400 });
    const input = rows(20_000);
    const batches: IncomingRow[][] = [];
    let held = 0;
    for (const r of input) {
      held += 1;
      for (const b of cells.add(r).map(unpackRows)) {
        batches.push(b);
        held -= b.length;
      }
      expect(held).toBeLessThanOrEqual(2_000);
    }
    const rest = cells.drain().map(unpackRows);
    expect(rest.reduce((n, b) => n + b.length, 0)).toBe(held);
    batches.push(...rest);
    const out = batches.flat().map((r) => r.row);
    expect(out.length).toBe(input.length);
    expect(new Set(out).size).toBe(input.length);
    for (const b of batches) expect(b.map((r) => r.phone)).toEqual(b.map((r) => r.phone).sort());
    // After the sample, a batch spans about a quarter of the numbers and a quarter of the names, not all of them.
    const spread = (b: IncomingRow[], key: (r: IncomingRow) => number) => Math.max(...b.map(key)) - Math.min(...b.map(key));
    for (const b of batches.slice(1, -16)) {
      expect(spread(b, (r) => Number(r.phone.slice(6)) - 1_000_000)).toBeLessThan(20_000 * 0.4);
      expect(spread(b, (r) => Number(r.sortName.slice(5)))).toBeLessThan(20_000 * 0.4);
    }
    expect(cells.drain()).toEqual([]);
  });

  it('sends its first rows right after the sample, holding at most half of what it has seen until it holds its fill', () => {
    const cells = new IndexCells({ side: 4, cellRows: 5_000, maxBuffered: 2_000, sampleRows: 400 });
    const sentBy: number[] = [];
    let sent = 0;
    rows(8_000).forEach((r, i) => {
      sent += cells.add(r).reduce((n, b) => n + b.count, 0);
      sentBy.push(sent);
      expect(i + 1 - sent).toBeLessThanOrEqual(Math.min(2_000, Math.max(400, (i + 1) / 2)));
    });
    expect(sentBy[399]).toBeGreaterThan(0);
    // Once it has seen twice its fill, it holds the fill: the groups are as large as before.
    expect(8_000 - sentBy[7_999]!).toBeGreaterThan(1_500);
  });

  it('a small import (one cell, no limits) gives back its rows only when drained', () => {
    const cells = new IndexCells({ side: 1, cellRows: Number.POSITIVE_INFINITY, maxBuffered: Number.POSITIVE_INFINITY, sampleRows: 0 });
    const input = rows(50);
    for (const r of input) expect(cells.add(r)).toEqual([]);
    const [only, ...none] = cells.drain().map(unpackRows);
    expect(none).toEqual([]);
    expect(only!.map((r) => r.row).sort((a, b) => a - b)).toEqual(input.map((r) => r.row));
  });

  it('orders numbers of different lengths and countries as the phone index does (string order)', () => {
    const cells = new IndexCells({ side: 1, cellRows: Number.POSITIVE_INFINITY, maxBuffered: Number.POSITIVE_INFINITY, sampleRows: 0 });
    const phones = ['+905321234567', '+12025550100', '+4915112345678', '+905059999999', '+447911123456', '+8613800138000', '+90532123456'];
    phones.forEach((p, i) => cells.add(row(i + 2, p, `kisi ${i}`)));
    expect(unpackRows(cells.drain()[0]!).map((r) => r.phone)).toEqual([...phones].sort());
  });
});

describe('ImportWriterJob', () => {
  it("merges the search index's newest segments itself every 48 commits, so none of the app's own commits has to", () => {
    const dir = tempDir('wa-desk-writer-');
    const handle = openDatabase(path.join(dir, 'db.sqlite'), { migrationsDir });
    handle.sqlite.prepare("INSERT INTO channels (name, name_fold, phone, engine, created_at, updated_at) VALUES ('a', 'a', '+905321234567', 'simulator', 0, 0)").run();
    const job = new ImportWriterJob(handle.sqlite, { channelId: 1, policy: 'skip', now: 1, types: new Map(), reportFile: path.join(dir, 'r.csv'), collectIds: false });
    const segments = () => handle.sqlite.prepare('SELECT count(DISTINCT segid) FROM contacts_fts_idx').pluck().get();
    const all = rows(48 * 3);
    for (let i = 0; i < 47; i++) job.applyBatches([{ type: 'batch', rows: packRows(all.slice(i * 3, i * 3 + 3)), report: [], savedThrough: i * 3 + 3, total: 3, rejected: 0, skipped: 0, fraction: 0 }]);
    expect(segments()).toBe(47);
    // The app's own commit in between adds a segment and merges nothing (FTS5 itself would only at 200).
    handle.sqlite.prepare("INSERT INTO contacts_fts (rowid, search) VALUES (100000, 'gelen')").run();
    expect(segments()).toBe(48);
    job.applyBatches([{ type: 'batch', rows: packRows(all.slice(141)), report: [], savedThrough: 144, total: 3, rejected: 0, skipped: 0, fraction: 0 }]);
    expect(segments()).toBe(1);
    job.finish('completed');
    handle.close();
  });

  it('states the saved-through row, and lists as saved the rows it wrote beyond it when it stops between grouped batches', () => {
    const dir = tempDir('wa-desk-writer-');
    const handle = openDatabase(path.join(dir, 'db.sqlite'), { migrationsDir });
    handle.sqlite.prepare("INSERT INTO channels (name, name_fold, phone, engine, created_at, updated_at) VALUES ('a', 'a', '+905321234567', 'simulator', 0, 0)").run();
    const reportFile = path.join(dir, 'report.csv');
    const job = new ImportWriterJob(handle.sqlite, { channelId: 1, policy: 'skip', now: 1, types: new Map(), reportFile, collectIds: false });
    const [a, b, c, d] = [rows(8).slice(0, 2), rows(8).slice(2, 4), rows(8).slice(4, 6), rows(8).slice(6, 8)];
    job.handle({ type: 'start', reportHeader: 'Row,Status,Reason,Neden\r\n' });
    const batch = (r: IncomingRow[], savedThrough: number | null) => ({ type: 'batch' as const, rows: packRows(r), report: [], savedThrough, total: r.length, rejected: 0, skipped: 0, fraction: 0.5 });
    expect(job.applyBatches([batch(a!, null), { ...batch([], null), report: ['4,rejected,x,y\r\n'], total: 1, rejected: 1 }])).toBe(0.5);
    expect(job.progress()).toMatchObject({ savedThroughRow: null, savedAfter: 2, counts: { total: 3, created: 2, rejected: 1 } });
    job.handle(batch(b!, 5));
    expect(job.atSavedPoint()).toBe(true);
    job.handle(batch(d!, null));
    expect(job.atSavedPoint()).toBe(false);
    expect(job.progress()).toMatchObject({ savedThroughRow: 5, savedAfter: 2 });
    const outcome = job.finish('cancelled');
    expect(outcome).toMatchObject({ status: 'cancelled', savedThroughRow: 5, savedAfter: 2, counts: { total: 7, created: 6, rejected: 1 } });
    const lines = fs.readFileSync(outcome.reportPath!, 'utf8').trim().split('\r\n').slice(1);
    expect(lines.map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['4,rejected', '8,saved', '9,saved']);
    const saved = handle.sqlite.prepare('SELECT phone FROM contacts ORDER BY phone').pluck().all();
    expect(saved).toEqual([...a!, ...b!, ...d!].map((r) => r.phone).sort());
    expect(saved).not.toContain(c![0]!.phone);
    expect(handle.sqlite.prepare("SELECT v FROM contacts_fts_config WHERE k = 'automerge'").pluck().get()).toBe(4);
    handle.close();
  });
});
