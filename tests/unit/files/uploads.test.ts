import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { sanitizeFileName, saveUpload, uploadsDir } from '../../../src-main/files/uploads';
import { tempDir } from '../../helpers/core';

describe('upload file names', () => {
  it.each([
    ['Müşteriler.xlsx', 'Müşteriler.xlsx'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\Ayşe\\Desktop\\liste.csv', 'liste.csv'],
    ['.bashrc', 'bashrc'],
    ['a<b>c:d"e|f?g*h.csv', 'a_b_c_d_e_f_g_h.csv'],
    ['CON.csv', '_CON.csv'],
    ['nul', '_nul'],
    ['\u0000\u0007', '__'],
    ['...', 'upload'],
    ['', 'upload'],
  ])('%j -> %j', (raw, safe) => {
    expect(sanitizeFileName(raw)).toBe(safe);
  });

  it('keeps the extension when shortening a long name', () => {
    const name = sanitizeFileName(`${'ğ'.repeat(300)}.xlsx`);
    expect(name.length).toBeLessThanOrEqual(120);
    expect(name.endsWith('.xlsx')).toBe(true);
  });
});

describe('saveUpload', () => {
  it('saves bytes (the desktop path) and streams (the web path) under <dataDir>/uploads, owner-only', async () => {
    const dataDir = tempDir();
    const fromBytes = await saveUpload(dataDir, 'a.csv', new TextEncoder().encode('x;y\n1;2\n'));
    const fromStream = await saveUpload(dataDir, 'a.csv', Readable.from([Buffer.from('x;y\n'), Buffer.from('1;2\n')]));
    for (const saved of [fromBytes, fromStream]) {
      expect(path.dirname(path.dirname(saved.path))).toBe(uploadsDir(dataDir));
      expect(path.basename(saved.path)).toBe('a.csv');
      expect(fs.readFileSync(saved.path, 'utf8')).toBe('x;y\n1;2\n');
      expect(saved.size).toBe(8);
      expect(fs.statSync(saved.path).mode & 0o077).toBe(0);
    }
    expect(fromBytes.path).not.toBe(fromStream.path);
  });

  it('refuses a file over the limit either way and leaves nothing behind', async () => {
    const dataDir = tempDir();
    await expect(saveUpload(dataDir, 'big.csv', new Uint8Array(11), 10)).rejects.toMatchObject({ code: 'too_large' });
    await expect(saveUpload(dataDir, 'big.csv', Readable.from([Buffer.alloc(6), Buffer.alloc(6)]), 10)).rejects.toMatchObject({ code: 'too_large' });
    expect(fs.readdirSync(uploadsDir(dataDir))).toEqual([]);
    expect((await saveUpload(dataDir, 'exact.csv', Readable.from([Buffer.alloc(5), Buffer.alloc(5)]), 10)).size).toBe(10);
  });

  it('removes the partial file when the source fails midway', async () => {
    const dataDir = tempDir();
    const failing = new Readable({ read() {} });
    failing.push(Buffer.from('half'));
    setTimeout(() => failing.destroy(new Error('connection reset')), 5);
    await expect(saveUpload(dataDir, 'x.csv', failing)).rejects.toThrow('connection reset');
    expect(fs.readdirSync(uploadsDir(dataDir))).toEqual([]);
  });
});
