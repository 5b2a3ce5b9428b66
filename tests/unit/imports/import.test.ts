import fs from 'node:fs';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventMap } from '../../../src-shared/api/events';
import type { DuplicatePolicy, ImportMapping } from '../../../src-shared/api/imports';
import { ImportsService } from '../../../src-main/imports/service';
import { silentLogger } from '../../../src-main/platform/logger';
import type { TestCore } from '../../helpers/core';
import { channelCore } from '../contacts/harness';
import { Fixtures } from './fixtures';

describe('contacts.import', { timeout: 120_000 }, () => {
  let t: TestCore;
  let channelId: number;
  const fx = new Fixtures();
  beforeEach(async () => {
    ({ t, channelId } = await channelCore());
    await t.ok('attributes.create', { key: 'city', label: 'Şehir', type: 'choice', options: ['Ankara', 'İzmir', 'İstanbul'] });
    await t.ok('attributes.create', { key: 'birthday', label: 'Doğum Tarihi', type: 'date' });
  });
  afterEach(() => t.close());

  const run = (file: string, mapping: ImportMapping, duplicatePolicy: DuplicatePolicy = 'skip', extra: Record<string, unknown> = {}) =>
    t.ok('contacts.import', { channelId, path: file, hasHeader: true, mapping, defaultCountry: 'TR', duplicatePolicy, ...extra } as never);
  const report = (p: string) => Papa.parse<string[]>(fs.readFileSync(p, 'utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;

  it('applies the duplicate policy to numbers already in the directory; the preview predicts the same counts', async () => {
    const existing = await t.ok('contacts.create', { channelId, phone: '05321000001', name: 'Eski Ad', attributes: { city: 'Ankara' } });
    const file = fx.file('dups.csv', 'Ad Soyad;Telefon;E-posta;Şehir\nYeni Ad;+90 532 100 00 01;yeni@example.com;izmir\nBaşka;0532 100 00 02;;\n');
    const mapping: ImportMapping = { 'Ad Soyad': 'name', Telefon: 'phone', 'E-posta': 'email', Şehir: 'attr:city' };
    const expectations: [DuplicatePolicy, { name: string; email: string | null; city: string }, string][] = [
      ['skip', { name: 'Eski Ad', email: null, city: 'Ankara' }, 'skipped'],
      ['fill_empty', { name: 'Eski Ad', email: 'yeni@example.com', city: 'Ankara' }, 'updated'],
      ['update', { name: 'Yeni Ad', email: 'yeni@example.com', city: 'İzmir' }, 'updated'],
      ['update', { name: 'Yeni Ad', email: 'yeni@example.com', city: 'İzmir' }, 'skipped'],
    ];
    let first = true;
    for (const [policy, after, outcome] of expectations) {
      const p = await t.ok('imports.preview', { channelId, path: file, hasHeader: true, mapping, duplicatePolicy: policy });
      expect(p.rows[0]!.problems.map((x) => x.code)).toEqual(['duplicate_existing']);
      const r = await run(file, mapping, policy);
      expect(r.counts).toEqual(p.counts);
      expect(r.counts).toEqual({ total: 2, created: first ? 1 : 0, updated: outcome === 'updated' ? 1 : 0, skipped: (outcome === 'skipped' ? 1 : 0) + (first ? 0 : 1), rejected: 0 });
      first = false;
      const c = await t.ok('contacts.get', { id: existing.id });
      expect({ name: c.name, email: c.email, city: c.attributes.city }).toEqual(after);
      expect(c.source).toBe('manual');
    }
    expect((await t.ok('contacts.search', { channelId, query: 'yeni', limit: 5 })).items.map((c) => c.id)).toEqual([existing.id]);
    expect((await t.ok('contacts.search', { channelId, query: 'eski', limit: 5 })).items).toEqual([]);
  });

  it('reports rejected rows and duplicates inside the file with the reason, formula-safe', async () => {
    const file = fx.file(
      'mixed.csv',
      [
        'Ad;Soyad;Telefon;Şehir;Doğum Tarihi',
        'Ayşe;Yılmaz;0532 100 00 03;İSTANBUL;15.01.1990',
        '=HYPERLINK("x");;123;;',
        'Ali;Kaya;0532 100 00 04;Bursa;',
        'Ayşe;Tekrar;+905321000003;;',
        'Veli;Can;0532 100 00 05;;31.02.1990',
        'Zeynep;;9.05321E+11;;',
      ].join('\r\n'),
    );
    const mapping: ImportMapping = { Ad: 'name', Soyad: 'name', Telefon: 'phone', Şehir: 'attr:city', 'Doğum Tarihi': 'attr:birthday' };
    const p = await t.ok('imports.preview', { channelId, path: file, hasHeader: true, mapping });
    expect(p.guessedMapping).toEqual(mapping);
    expect(p.rows.map((r) => [r.row, r.action, r.problems.map((x) => x.code)])).toEqual([
      [2, 'create', []],
      [3, 'reject', ['phone_too_short']],
      [4, 'reject', ['choice_invalid']],
      [5, 'skip', ['duplicate_in_file']],
      [6, 'reject', ['date_invalid']],
      [7, 'reject', ['phone_precision_lost']],
    ]);
    expect(p.rows[0]!.contact).toEqual({ phone: '+905321000003', name: 'Ayşe Yılmaz', email: null, attributes: { city: 'İstanbul', birthday: '1990-01-15' } });
    expect(p.rows[3]!.problems[0]!.message).toContain('row 2');
    expect(p.problemCounts).toEqual({ phone_too_short: 1, choice_invalid: 1, duplicate_in_file: 1, date_invalid: 1, phone_precision_lost: 1 });

    const r = await run(file, mapping);
    expect(r).toMatchObject({ status: 'completed', counts: { total: 6, created: 1, updated: 0, skipped: 1, rejected: 4 }, savedThroughRow: 7 });
    const lines = report(r.reportPath!);
    expect(lines[0]).toEqual(['Row', 'Status', 'Reason', 'Neden', 'Ad', 'Soyad', 'Telefon', 'Şehir', 'Doğum Tarihi']);
    expect(lines.slice(1).map((l) => [l[0], l[1]])).toEqual([
      ['3', 'rejected'],
      ['4', 'rejected'],
      ['5', 'skipped'],
      ['6', 'rejected'],
      ['7', 'rejected'],
    ]);
    expect(lines[1]![4]).toBe(`'=HYPERLINK("x")`);
    expect(lines[2]![2]).toContain('Bursa');
    expect(lines[2]![3]).toContain('Bursa');
    expect(lines[3]![2]).toContain('row 2');
    expect((await t.ok('contacts.count', { channelId })).total).toBe(1);
  });

  it('refuses a mapping without a phone column, or naming unknown columns or attributes, before writing anything', async () => {
    const file = fx.file('m.csv', 'Ad;Telefon\nAyşe;0532 100 00 06\n');
    const cases: [ImportMapping, string][] = [
      [{ Ad: 'name' }, 'mapping_phone_required'],
      [{ Ad: 'phone', Telefon: 'phone' }, 'mapping_duplicate_field'],
      [{ Telefon: 'phone', Yok: 'name' }, 'mapping_unknown_column'],
      [{ Telefon: 'phone', Ad: 'attr:nope' }, 'mapping_unknown_attribute'],
    ];
    for (const [mapping, code] of cases) {
      const e = await t.err('contacts.import', { channelId, path: file, hasHeader: true, mapping, defaultCountry: 'TR', duplicatePolicy: 'skip' });
      expect(e.code, JSON.stringify(mapping)).toBe(code);
      expect(e.field).toBe('mapping');
    }
    expect((await t.err('contacts.import', { channelId, path: file, hasHeader: true, mapping: { Ad: 'fax' }, defaultCountry: 'TR', duplicatePolicy: 'skip' })).code).toBe(
      'invalid_input',
    );
    expect((await t.ok('contacts.count', { channelId })).total).toBe(0);
  });

  it('a cancelled import states exactly which rows were saved: all before, none after', async () => {
    const rows = 40_000;
    const lines = ['Ad Soyad;Telefon'];
    for (let i = 0; i < rows; i++) lines.push(i % 1000 === 999 ? `Bozuk ${i};12` : `Kişi ${i};+90535${String(1_000_000 + i)}`);
    const file = fx.file('cancel.csv', lines.join('\n'));
    const jobId = 'cancel-test-1';
    const events: EventMap['import.progress'][] = [];
    let cancelled = false;
    t.core.events.subscribe((event, payload) => {
      if (event !== 'import.progress') return;
      const p = payload as EventMap['import.progress'];
      events.push(p);
      if (!cancelled && p.phase === 'importing' && p.processed > 0) {
        cancelled = true;
        void t.ok('imports.cancel', { jobId });
      }
    });
    const r = await run(file, { 'Ad Soyad': 'name', Telefon: 'phone' }, 'skip', { jobId });
    expect(r.status).toBe('cancelled');
    expect(r.savedThroughRow).not.toBeNull();
    const saved = r.savedThroughRow!;
    expect(saved).toBeLessThan(rows + 1);
    const dataRows = saved - 1;
    const bad = Math.floor(dataRows / 1000);
    expect(r.counts).toMatchObject({ total: dataRows, created: dataRows - bad, rejected: bad });
    expect((await t.ok('contacts.count', { channelId })).total).toBe(dataRows - bad);
    const inDb = t.core.database.sqlite.prepare('SELECT max(phone) AS p FROM contacts').get() as { p: string };
    expect(Number(inDb.p.slice(6)) - 1_000_000).toBe(dataRows - 1 - ((dataRows - 1) % 1000 === 999 ? 1 : 0));
    const reported = report(r.reportPath!).slice(1).map((l) => Number(l[0]));
    expect(reported.every((row) => row <= saved)).toBe(true);
    expect(reported.length).toBe(bad);
    expect(events.every((e) => e.jobId === jobId && e.kind === 'import')).toBe(true);
    expect(events.at(-1)!.phase).toBe('cancelled');

    const rest = await run(file, { 'Ad Soyad': 'name', Telefon: 'phone' });
    expect(rest.counts).toMatchObject({ total: rows, created: rows - 40 - (dataRows - bad), skipped: dataRows - bad, rejected: 40 });
    expect((await t.ok('imports.cancel', { jobId: 'no-such-job' })).cancelled).toBe(false);
  });

  it('a file that breaks mid-way fails with its reason and states exactly which rows were saved', async () => {
    const good = Array.from({ length: 9_000 }, (_, i) => `K ${i};+90538${String(1_000_000 + i)};${'y'.repeat(i < 8_990 ? 0 : 90_000)}`);
    const tail = Array.from({ length: 60_000 }, (_, i) => `devam ${i};+90539${String(1_000_000 + i)};${'x'.repeat(80)}`);
    const file = fx.file('broken-quote.csv', ['Ad;Telefon', ...good, '"Kapanmayan tırnak;0532 100 00 09', ...tail].join('\n'));
    const e = await t.err('contacts.import', { channelId, path: file, hasHeader: true, mapping: { Ad: 'name', Telefon: 'phone' }, defaultCountry: 'TR', duplicatePolicy: 'skip' });
    expect(e.code).toBe('csv_malformed');
    expect(e.message).toContain('Row 9002');
    expect(e.message).toContain('Rows up to row 9001 were imported, none after it.');
    expect(e.messageTr).toContain('9001. satıra kadar');
    expect(e.details).toMatchObject({ savedThroughRow: 9001 });
    expect((await t.ok('contacts.count', { channelId })).total).toBe(9_000);
  });

  it('keeps going while the app writes contacts of its own (messages arriving), and loses none of either', async () => {
    const rows = 40_000;
    const file = fx.file('busy-app.csv', ['Ad;Telefon', ...Array.from({ length: rows }, (_, i) => `K ${i};+90531${String(1_000_000 + ((i * 7_919) % rows))}`)].join('\n'));
    let importing = true;
    const created: number[] = [];
    const appCheckpoints = () => t.core.database.sqlite.pragma('wal_autocheckpoint', { simple: true });
    const duringImport = new Set<unknown>();
    const writes = (async () => {
      for (let k = 0; importing; k++) {
        const c = await t.ok('contacts.create', { channelId, phone: `+90552${String(1_000_000 + k)}`, name: `Gelen ${k}` });
        created.push(c.id);
        if (importing) duringImport.add(appCheckpoints());
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    const r = await run(file, { Ad: 'name', Telefon: 'phone' });
    importing = false;
    await writes;
    expect(r).toMatchObject({ status: 'completed', counts: { total: rows, created: rows } });
    expect(created.length).toBeGreaterThan(5);
    expect((await t.ok('contacts.count', { channelId })).total).toBe(rows + created.length);
    // The app's commits left the import's log to the import's threads, and copy it back themselves again after.
    expect([...duringImport]).toEqual([0]);
    expect(appCheckpoints()).toBe(1000);
  });

  describe('a large file, written in groups of index ranges', () => {
    const ROWS = 170_000;
    // Numbers and names in no order, as in a real export: row r holds number phoneOf(r).
    const phoneOf = (r: number) => `+90537${String(1_000_000 + ((r * 7_919) % ROWS))}`;
    const lines = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `Kişi ${((from + i) * 31) % ROWS};${phoneOf(from + i + 2)}`);
    const savedPhones = () => new Set(t.core.database.sqlite.prepare('SELECT phone FROM contacts').pluck().all() as string[]);

    it('a cancel still leaves exactly the file up to one row saved, and the rest can be imported after', async () => {
      const file = fx.file('large.csv', ['Ad;Telefon', ...lines(0, ROWS)].join('\n'));
      const jobId = 'cancel-large-1';
      let cancelled = false;
      t.core.events.subscribe((event, payload) => {
        const p = payload as EventMap['import.progress'];
        if (event !== 'import.progress' || cancelled || p.processed < 40_000) return;
        cancelled = true;
        void t.ok('imports.cancel', { jobId });
      });
      const r = await run(file, { Ad: 'name', Telefon: 'phone' }, 'skip', { jobId });
      expect(r.status).toBe('cancelled');
      const saved = r.savedThroughRow!;
      expect(saved).toBeGreaterThan(40_000);
      expect(saved).toBeLessThan(ROWS + 1);
      const phones = savedPhones();
      expect(phones.size).toBe(saved - 1);
      for (let row = 2; row <= saved; row++) expect(phones.has(phoneOf(row))).toBe(true);
      expect(r.counts).toMatchObject({ total: saved - 1, created: saved - 1 });
      // Written in groups, not in file order: the first contacts saved are not the file's first rows.
      const first = t.core.database.sqlite.prepare('SELECT phone FROM contacts ORDER BY id LIMIT 3').pluck().all();
      expect(first).not.toEqual([phoneOf(2), phoneOf(3), phoneOf(4)]);

      const rest = await run(file, { Ad: 'name', Telefon: 'phone' });
      expect(rest.counts).toMatchObject({ total: ROWS, created: ROWS - (saved - 1), skipped: saved - 1 });
      expect(savedPhones().size).toBe(ROWS);
      expect((await t.ok('contacts.search', { channelId, query: phoneOf(ROWS + 1).slice(3), limit: 5 })).items).toHaveLength(1);
    });

    it('a break mid-way saves every row before it and none after it', async () => {
      const file = fx.file('large-broken.csv', ['Ad;Telefon', ...lines(0, 120_000), '"Kapanmayan tırnak;0532 100 00 09', ...lines(120_000, ROWS).map((l) => `${l};${'x'.repeat(80)}`)].join('\n'));
      const e = await t.err('contacts.import', { channelId, path: file, hasHeader: true, mapping: { Ad: 'name', Telefon: 'phone' }, defaultCountry: 'TR', duplicatePolicy: 'skip' });
      expect(e.code).toBe('csv_malformed');
      expect(e.details).toMatchObject({ savedThroughRow: 120_001 });
      expect(e.message).toContain('Rows up to row 120001 were imported, none after it.');
      const phones = savedPhones();
      expect(phones.size).toBe(120_000);
      for (let row = 2; row <= 120_001; row++) expect(phones.has(phoneOf(row))).toBe(true);
    });
  });

  it('one import per channel at a time; a job id cannot be reused while running', async () => {
    const lines = ['Ad;Telefon', ...Array.from({ length: 20_000 }, (_, i) => `K ${i};+90536${String(1_000_000 + i)}`)];
    const file = fx.file('busy.csv', lines.join('\n'));
    const mapping: ImportMapping = { Ad: 'name', Telefon: 'phone' };
    const phases = new Set<string>();
    t.core.events.subscribe((event, payload) => {
      if (event === 'import.progress') phases.add((payload as EventMap['import.progress']).phase);
    });
    const first = run(file, mapping, 'skip', { jobId: 'busy-1' });
    expect((await t.err('contacts.import', { channelId, path: file, hasHeader: true, mapping, defaultCountry: 'TR', duplicatePolicy: 'skip' })).code).toBe(
      'import_running',
    );
    expect((await t.err('imports.preview', { channelId, path: file, hasHeader: true, jobId: 'busy-1' })).code).toBe('job_id_taken');
    expect((await first).counts.created).toBe(20_000);
    expect(phases).toContain('indexing');
    expect(phases).toContain('done');
    expect((await t.ok('contacts.search', { channelId, query: '0536 100 00 19', limit: 5 })).items.map((c) => c.name)).toEqual(['K 19']);
  });

  it('a cancelled preview reports the cancellation', async () => {
    const lines = ['Ad;Telefon', ...Array.from({ length: 30_000 }, (_, i) => `K ${i};+90537${String(1_000_000 + i)}`)];
    const file = fx.file('preview-cancel.csv', lines.join('\n'));
    t.core.events.subscribe((event, payload) => {
      if (event === 'import.progress' && (payload as EventMap['import.progress']).phase === 'reading') void t.ok('imports.cancel', { jobId: 'pv-1' });
    });
    expect((await t.err('imports.preview', { channelId, path: file, hasHeader: true, jobId: 'pv-1' })).code).toBe('cancelled');
  });

  it('adds every contact the file names to a customer group, and refuses a group while groups are unavailable', async () => {
    const file = fx.file('group.csv', 'Ad;Telefon\nAyşe;0532 100 00 07\nAli;0532 100 00 08\n');
    await t.ok('contacts.create', { channelId, phone: '05321000008', name: 'Ali' });
    const group = await t.ok('groups.create', { channelId, name: 'Fuar 2026' });
    const r = await run(file, { Ad: 'name', Telefon: 'phone' }, 'skip', { groupId: group.id });
    expect(r.counts).toMatchObject({ created: 1, skipped: 1 });
    const members = await t.ok('groups.members', { groupId: group.id, limit: 10 });
    expect(members.items.map((m) => m.phone).sort()).toEqual(['+905321000007', '+905321000008']);

    const s = t.core;
    const withoutGroups = new ImportsService({
      paths: s.paths,
      clock: t.clock,
      events: s.events,
      log: silentLogger,
      channels: s.channels,
      attributes: s.attributes,
      settings: s.settings,
    });
    await expect(
      withoutGroups.import({ channelId, path: file, hasHeader: true, mapping: { Ad: 'name', Telefon: 'phone' }, defaultCountry: 'TR', duplicatePolicy: 'skip', groupId: group.id }),
    ).rejects.toMatchObject({ code: 'groups_unavailable' });
  });
});
