import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCore } from '../../../src-main/bootstrap';
import { ManualClock } from '../../../src-main/platform/clock';
import { silentLogger } from '../../../src-main/platform/logger';
import { projectRoot } from '../../../src-main/platform/paths';
import { AdjustableClock } from '../../../src-main/platform/test-clock';
import { parseWebArgs } from '../../../src-main/web/run';
import { makeCore, tempDir } from '../../helpers/core';

describe('the e2e test clock', () => {
  it('moves forward only, firing each timer that falls due once and in order', () => {
    const base = new ManualClock(1_000);
    const clock = new AdjustableClock(base);
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('b'), 500);
    clock.setTimeout(() => fired.push('a'), 100);
    const cancelled = clock.setTimeout(() => fired.push('never'), 200);
    clock.setTimeout(() => fired.push('late'), 10_000);
    cancelled.cancel();
    expect(clock.advanceTo(2_000)).toBe(2_000);
    expect(fired).toEqual(['a', 'b']);
    expect(clock.advanceTo(1_500)).toBe(2_000);
    base.advance(600);
    expect(fired).toEqual(['a', 'b']);
    expect(clock.now()).toBe(2_600);
    base.advance(10_000);
    expect(fired).toEqual(['a', 'b', 'late']);
  });

  it('moves the clock of a core built on it, and the wallet bills on it', async () => {
    const clock = new AdjustableClock(new ManualClock(new Date(2026, 0, 20, 12).getTime()));
    const core = await startCore({ dataDir: tempDir(), clock, log: silentLogger });
    try {
      const card = await core.call('wallet.cards.add', { holder: 'A B', number: '4242424242424242', expiry: '12/30', cvc: '123' });
      expect(card.ok).toBe(true);
      await core.call('wallet.topUp', { cardId: 1, amountMinor: 5_000, idempotencyKey: 'x' });
      const moved = await core.call('test.clock.set', { at: new Date(2026, 1, 1, 9).getTime() });
      expect(moved).toEqual({ ok: true, value: { now: new Date(2026, 1, 1, 9).getTime() } });
      const statements = await core.call('wallet.statements', {});
      expect(statements.ok && (statements.value as { period: string }[]).map((s) => s.period)).toEqual(['2026-01']);
    } finally {
      await core.close();
    }
  });

  it('is refused everywhere else', async () => {
    const t = await makeCore();
    expect(await t.err('test.clock.set', { at: Date.UTC(2030, 0, 1) })).toMatchObject({ code: 'not_available' });
    await t.close();
  });

  it('cannot be switched on from the command line or the environment of npm run web, the CLI or the desktop app', () => {
    expect(() => parseWebArgs(['--test-clock'], {})).toThrow();
    const entryPoints = ['src-main/web/main.ts', 'src-main/web/run.ts', 'src-main/cli/main.ts', 'src-main/app/main.ts', 'src-main/bootstrap.ts', 'src-main/services.ts'];
    for (const file of entryPoints) {
      const source = fs.readFileSync(path.join(projectRoot(), file), 'utf8');
      expect(source, file).not.toMatch(/testClock|AdjustableClock|TEST_CLOCK/);
    }
    const users = fs
      .readdirSync(path.join(projectRoot(), 'scripts'))
      .filter((f) => fs.readFileSync(path.join(projectRoot(), 'scripts', f), 'utf8').includes('new AdjustableClock('));
    expect(users).toEqual(['e2e-server.ts']);
  });
});
