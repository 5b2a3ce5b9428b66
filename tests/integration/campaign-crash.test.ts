import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { DeliveredMessage } from '../../src-shared/api/simulator';
import { tempDir } from '../helpers/core';
import { INVALID_EVERY, PRICES, RECIPIENTS } from './campaign-crash-constants';

const ROOT = path.resolve(__dirname, '..', '..');
const CHILD = path.join(__dirname, 'campaign-crash-child.ts');
const KILLS = 15;

interface Run {
  child: ChildProcess;
  lines: string[];
  exited: Promise<number | null>;
  /** Resolves on the first stdout line that starts with `prefix`. */
  line(prefix: string): Promise<string | null>;
}

function launch(dataDir: string, mode: 'setup' | 'run'): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, mode], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiters: { prefix: string; resolve: (l: string | null) => void }[] = [];
  let buffer = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const l = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      lines.push(l);
      for (const w of waiters.filter((w) => l.startsWith(w.prefix))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(l);
      }
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      for (const w of waiters.splice(0)) w.resolve(null);
      if (code !== 0 && code !== null && stderr) process.stderr.write(stderr);
      resolve(code);
    }),
  );
  return {
    child,
    lines,
    exited,
    line: (prefix) => {
      const hit = lines.find((l) => l.startsWith(prefix));
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve) => waiters.push({ prefix, resolve }));
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const lastProgress = (run: Run) => {
  const l = [...run.lines].reverse().find((x) => x.startsWith('progress '));
  return l ? (JSON.parse(l.slice('progress '.length)) as Record<string, number | string>) : null;
};

describe('a campaign killed with SIGKILL again and again', () => {
  it(
    'never delivers a (recipient, part) twice, ends every unit final, and charges exactly for what went out',
    async () => {
      const dataDir = tempDir('wa-desk-crash-');
      const setup = launch(dataDir, 'setup');
      expect(await setup.exited).toBe(0);

      let kills = 0;
      let midSend = 0;
      let recovered = 0;
      const countRecovered = (run: Run) => {
        const l = run.lines.find((x) => x.startsWith('recovered '));
        if (l) recovered += Number(l.slice('recovered '.length));
      };
      let finished = false;
      for (let round = 0; round < KILLS + 5 && kills < KILLS && !finished; round++) {
        const run = launch(dataDir, 'run');
        // Half the kills land at a random moment from the start (startup, migrations, reconciliation), half while
        // units are moving.
        if (round % 2 === 0) await Promise.race([sleep(300 + Math.random() * 1500), run.exited]);
        else {
          await run.line('progress ');
          await sleep(Math.random() * 150);
        }
        if (run.child.exitCode !== null) {
          countRecovered(run);
          finished = run.lines.includes('done');
          continue;
        }
        const progress = lastProgress(run);
        run.child.kill('SIGKILL');
        await run.exited;
        countRecovered(run);
        kills += 1;
        if (progress && progress.status !== 'completed') midSend += 1;
      }
      if (!finished) {
        const final = launch(dataDir, 'run');
        expect(await final.exited).toBe(0);
        countRecovered(final);
        expect(final.lines).toContain('done');
      }
      expect(kills).toBeGreaterThanOrEqual(10);
      expect(midSend).toBeGreaterThanOrEqual(5);

      const delivered = fs
        .readFileSync(path.join(dataDir, 'sessions', '1', 'delivered.jsonl'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as DeliveredMessage);
      const db = new Database(path.join(dataDir, 'wa-desk.sqlite'), { readonly: true });
      const units = db
        .prepare('SELECT id, recipient_id AS recipientId, position, kind, state FROM campaign_units')
        .all() as { id: number; recipientId: number; position: number; kind: string; state: string }[];
      const byKey = new Map(units.map((u) => [`campaign-unit:${u.id}`, u]));

      // The simulator's own record: no (recipient, part) twice, and each delivery is a unit.
      const seen = new Set<string>();
      for (const d of delivered) {
        const unit = byKey.get(d.clientRef ?? '');
        expect(unit, `delivery ${d.id} names no unit`).toBeDefined();
        const pair = `${unit!.recipientId}/${unit!.position}`;
        expect(seen.has(pair), `(recipient, part) ${pair} delivered twice`).toBe(false);
        seen.add(pair);
      }

      // Every unit final (or unknown); sent ones are exactly the delivered ones.
      const states = new Map<string, number>();
      for (const u of units) states.set(u.state, (states.get(u.state) ?? 0) + 1);
      expect(units).toHaveLength(RECIPIENTS * 2);
      expect(states.get('pending') ?? 0).toBe(0);
      expect(states.get('sending') ?? 0).toBe(0);
      const sent = units.filter((u) => u.state === 'sent');
      const unknown = units.filter((u) => u.state === 'unknown');
      expect(new Set(sent.map((u) => `${u.recipientId}/${u.position}`))).toEqual(seen);
      const invalidRecipients = Math.ceil((RECIPIENTS - 7) / INVALID_EVERY);
      expect(states.get('invalid_number')).toBe(invalidRecipients * 2);

      // The wallet: charges minus refunds is exactly what went out (or might have).
      const ledger = db
        .prepare(`SELECT type, count(*) AS n, coalesce(sum(amount), 0) AS total FROM wallet_entries WHERE type IN ('message_charge', 'refund') GROUP BY type`)
        .all() as { type: string; n: number; total: number }[];
      const charges = ledger.find((l) => l.type === 'message_charge') ?? { n: 0, total: 0 };
      const refunds = ledger.find((l) => l.type === 'refund') ?? { n: 0, total: 0 };
      const charged = [...sent, ...unknown];
      expect(charges.n - refunds.n).toBe(charged.length);
      const price = (kind: string) => (kind === 'image' ? PRICES.image : PRICES.text);
      expect(-charges.total - refunds.total).toBe(charged.reduce((sum, u) => sum + price(u.kind), 0));
      const keys = db.prepare(`SELECT idempotency_key AS k FROM wallet_entries WHERE type = 'message_charge'`).all() as { k: string }[];
      expect(new Set(keys.map((k) => k.k)).size).toBe(keys.length);

      const counts = db.prepare('SELECT n_sent, n_unknown, n_invalid, n_pending, n_sending FROM campaigns').get() as Record<string, number>;
      expect(counts).toEqual({ n_sent: sent.length, n_unknown: unknown.length, n_invalid: invalidRecipients * 2, n_pending: 0, n_sending: 0 });
      db.close();
      process.stdout.write(
        `crash test: ${kills} kills (${midSend} mid-send), ${recovered} sends found cut short and reconciled, ` +
          `${delivered.length} delivered, ${unknown.length} unknown, charges ${charges.n}, refunds ${refunds.n}\n`,
      );
    },
    240_000,
  );
});
