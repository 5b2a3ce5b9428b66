import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportPreview, ImportResult } from '../../../src-shared/api/imports';
import { AppError, type ApiResult } from '../../../src-shared/errors';
import { openDatabase, type DbHandle } from '../../../src-main/db/connection';
import { runPreview, runReader, type PreviewSpec } from '../../../src-main/imports/pipeline';
import { sniffFile } from '../../../src-main/imports/sniff';
import { ContactLookup } from '../../../src-main/imports/writer';
import { projectRoot } from '../../../src-main/platform/paths';
import { makeCore, tempDir, type TestCore } from '../../helpers/core';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const BOM = [0xef, 0xbb, 0xbf];

/** Random bytes, and random bytes dressed as the formats the importer recognises. */
const hostileBytes = fc.oneof(
  fc.uint8Array({ maxLength: 3000 }),
  fc.uint8Array({ maxLength: 3000 }).map((b) => Uint8Array.from([...ZIP, ...b])),
  fc.uint8Array({ maxLength: 3000 }).map((b) => Uint8Array.from([...CFB, ...b])),
  fc.uint8Array({ maxLength: 3000 }).map((b) => Uint8Array.from([...BOM, ...b])),
  fc
    .string({ unit: fc.constantFrom('a', 'ş', 'İ', '"', ',', ';', '\t', '\n', '\r', '0', '5', '+', ' ', '=', '__proto__', 'constructor', '\u0000'), maxLength: 400 })
    .map((s) => Uint8Array.from(Buffer.from(s, 'utf8'))),
);

const validBook = (bookType: 'xlsx' | 'biff8') => {
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['Ad', 'Telefon'], ['Ayşe', 905321234567], ['__proto__', '0532 111 22 33']]), 'S');
  return Uint8Array.from(XLSX.write(book, { type: 'buffer', bookType }) as Buffer);
};
/** Real workbooks with a few bytes flipped: they get past the format checks and into SheetJS. */
const damagedBooks = fc
  .tuple(fc.constantFrom(validBook('xlsx'), validBook('biff8')), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }))
  .map(([book, flips]) => {
    const copy = Uint8Array.from(book);
    for (const [at, value] of flips) copy[at % copy.length] = value;
    return copy;
  });

const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort();

describe('import fuzzing', { timeout: 300_000 }, () => {
  const dir = tempDir('wa-desk-fuzz-');
  let handle: DbHandle;
  beforeAll(() => {
    handle = openDatabase(path.join(dir, 'db.sqlite'), { migrationsDir: path.join(projectRoot(), 'migrations') });
  });
  afterAll(() => handle.close());

  it('random bytes never crash, hang or touch Object.prototype: a preview or a typed error', async () => {
    const before = prototypeKeys();
    const lookup = new ContactLookup(handle.sqlite, 1);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostileBytes, damagedBooks), fc.boolean(), fc.constantFrom(undefined, ',', ';', '\t'), async (bytes, hasHeader, separator) => {
        const file = path.join(dir, `f${n++}.bin`);
        fs.writeFileSync(file, bytes);
        const spec: PreviewSpec = {
          jobId: 'fuzz',
          channelId: 1,
          path: file,
          hasHeader,
          ...(separator ? { separator } : {}),
          defaultCountry: 'TR',
          duplicatePolicy: 'skip',
          defs: [],
          previewRows: 5,
        };
        try {
          sniffFile(file);
          const preview = await runPreview(spec, lookup, { cancelled: () => false, progress: () => {} });
          expect(preview).not.toBeNull();
          expect(preview!.counts.total).toBe(preview!.counts.created + preview!.counts.updated + preview!.counts.skipped + preview!.counts.rejected);
          if (preview!.mappingProblems.length === 0) {
            await runReader({ ...spec, mapping: preview!.mapping, collectIds: false }, () => {}, async () => {}, { cancelled: () => false, progress: () => {} });
          }
        } catch (err) {
          expect(err, String(err instanceof Error ? err.stack : err)).toBeInstanceOf(AppError);
          expect((err as AppError).text.tr.length).toBeGreaterThan(0);
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect(prototypeKeys()).toEqual(before);
      }),
      { numRuns: 300 },
    );
  });

  describe('through the API (worker threads)', () => {
    let t: TestCore;
    beforeAll(async () => {
      t = await makeCore();
      await t.ok('channels.create', { name: 'Shop', phone: '05321234567', engine: 'simulator' });
    });
    afterAll(() => t.close());

    it('hostile files give a preview or a typed error, and an import saves nothing it should not', async () => {
      const samples = fc.sample(hostileBytes, { numRuns: 12, seed: 7 });
      for (const [i, bytes] of samples.entries()) {
        const file = path.join(dir, `api${i}.csv`);
        fs.writeFileSync(file, bytes);
        const res = (await t.core.call('imports.preview', { channelId: 1, path: file, hasHeader: true })) as ApiResult<ImportPreview>;
        if (!res.ok) {
          expect(res.error.code).toMatch(/^(file_|csv_|sheet_)/);
          continue;
        }
        const imported = (await t.core.call('contacts.import', {
          channelId: 1,
          path: file,
          hasHeader: true,
          mapping: res.value.mapping,
          defaultCountry: 'TR',
          duplicatePolicy: 'skip',
        })) as ApiResult<ImportResult>;
        if (imported.ok) expect(imported.value.counts.created).toBe(res.value.counts.created);
        else expect(imported.error.code).toMatch(/^(mapping_|file_|csv_)/);
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });
});
