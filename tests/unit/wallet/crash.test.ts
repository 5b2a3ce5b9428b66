import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../../src-main/platform/paths';
import { tempDir } from '../../helpers/core';
import { checkLedger, insertCard, insertChannel, migrationsDir, openWallet } from '../../helpers/wallet';

const WRITER = path.join(projectRoot(), 'tests', 'helpers', 'wallet-writer.ts');

function setup(seed: number): { file: string; channel: number; card: number } {
  const file = path.join(tempDir('wa-wallet-crash-'), 'wa-desk.sqlite');
  const w = openWallet(file);
  const channel = insertChannel(w.handle.sqlite);
  const card = insertCard(w.handle.sqlite);
  w.wallet.updateSettings({ topUpMinMinor: 1 });
  w.wallet.topUp({ cardId: card, amountMinor: seed, idempotencyKey: 'seed' });
  w.close();
  return { file, channel, card };
}

function writer(s: { file: string; channel: number; card: number }, args: string[]): { child: ChildProcess; lines: string[]; waitFor(n: number): Promise<void> } {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', WRITER, '--db', s.file, '--migrations', migrationsDir, '--channel', String(s.channel), '--card', String(s.card), ...args],
    { cwd: projectRoot(), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const lines: string[] = [];
  let stderr = '';
  const waiters: (() => void)[] = [];
  child.stdout!.on('data', (d: Buffer) => {
    lines.push(...d.toString().split('\n').filter(Boolean));
    waiters.splice(0).forEach((w) => w());
  });
  child.stderr!.on('data', (d: Buffer) => void (stderr += d.toString()));
  const waitFor = (n: number) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (lines.length >= n) return resolve();
        if (child.exitCode !== null) return reject(new Error(`writer exited early: ${stderr}`));
        waiters.push(check);
        setTimeout(check, 200);
      };
      check();
    });
  return { child, lines, waitFor };
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

function reopen(file: string): Database.Database {
  const db = new Database(file);
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  return db;
}

describe('wallet writers killed mid-way', () => {
  it('leaves a consistent ledger after two concurrent writer processes are SIGKILLed while charging', async () => {
    const s = setup(200);
    const a = writer(s, ['--prefix', 'a']);
    const b = writer(s, ['--prefix', 'b']);
    await Promise.all([a.waitFor(3), b.waitFor(3)]);
    await kill(a.child);
    await b.waitFor(b.lines.length + 2);
    await kill(b.child);
    const db = reopen(s.file);
    const ledger = checkLedger(db);
    expect(ledger.entries).toBeGreaterThan(100);
    const keys = (prefix: string) => (db.prepare("SELECT count(*) AS n FROM wallet_entries WHERE idempotency_key LIKE ? || '-%'").get(prefix) as { n: number }).n;
    expect(keys('a')).toBeGreaterThan(50);
    expect(keys('b')).toBeGreaterThan(50);
    const sum = (db.prepare('SELECT sum(amount) AS s FROM wallet_entries').get() as { s: number }).s;
    expect(ledger.balance).toBe(sum);
    db.close();
    const again = openWallet(s.file);
    expect(again.wallet.balance().balanceMinor).toBe(sum);
    again.close();
  }, 60_000);

  it('rolls back every charge of a transaction whose process is killed before it commits', async () => {
    const s = setup(100_000);
    const before = (() => {
      const db = reopen(s.file);
      const l = checkLedger(db);
      db.close();
      return l;
    })();
    const held = writer(s, ['--prefix', 'held', '--mode', 'hold', '--count', '15']);
    await held.waitFor(1);
    expect(held.lines).toEqual(['inside']);
    await kill(held.child);
    const db = reopen(s.file);
    expect(checkLedger(db)).toEqual(before);
    expect(db.prepare("SELECT count(*) AS n FROM wallet_entries WHERE idempotency_key LIKE 'held-%'").get()).toEqual({ n: 0 });
    db.close();
    const w = openWallet(s.file);
    expect(w.wallet.charge({ idempotencyKey: 'held-0', channelId: s.channel, phone: '+905321112233', kind: 'image', reference: 'crash:0' }).replayed).toBe(false);
    expect(checkLedger(w.handle.sqlite).balance).toBe(before.balance - 25);
    w.close();
  }, 60_000);
});
