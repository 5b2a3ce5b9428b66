import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCore, type AppCore } from '../../../src-main/bootstrap';
import { ManualClock } from '../../../src-main/platform/clock';
import type { Logger } from '../../../src-main/platform/logger';
import { cardNumberProblem, cvcValid, detectBrand, isExpired, luhnValid, parseExpiry } from '../../../src-shared/domain/card';
import type { ApiResult } from '../../../src-shared/errors';
import { tempDir } from '../../helpers/core';
import { withCheckDigit } from '../../helpers/wallet';

describe('card checks (shared domain)', () => {
  it('detects the brand of each supported network, Troy included', () => {
    const cases: [string, string][] = [
      ['4111111111111111', 'visa'],
      ['4222222222222', 'visa'],
      ['5555555555554444', 'mastercard'],
      ['2223003122003222', 'mastercard'],
      ['378282246310005', 'amex'],
      ['6011111111111117', 'discover'],
      ['6221260000000000'.slice(0, 15), 'discover'],
      ['3530111333300000', 'jcb'],
      ['36227206271667', 'diners'],
      ['6200000000000005', 'unionpay'],
      ['6759649826438453', 'maestro'],
      [withCheckDigit('979203000000000'), 'troy'],
    ];
    for (const [digits, brand] of cases) expect(detectBrand(digits), digits).toBe(brand);
    for (const [digits] of cases.filter(([d]) => d.length >= 13 && luhnValid(d))) expect(cardNumberProblem(digits), digits).toBeNull();
  });

  it('names what is wrong with a number', () => {
    expect(cardNumberProblem('4111 1111 1111 1112')).toBe('luhn');
    expect(cardNumberProblem('4111-1111-1111-1111')).toBeNull();
    expect(cardNumberProblem('4111 1111 1111 111a')).toBe('characters');
    expect(cardNumberProblem(withCheckDigit('123456789012345'))).toBe('brand');
    expect(cardNumberProblem(withCheckDigit('3782822463100'))).toBe('length');
    expect(cardNumberProblem('')).toBe('characters');
  });

  it('reads an expiry as people write it and treats the card as valid through its last month (UTC)', () => {
    expect(parseExpiry('08/29')).toEqual({ month: 8, year: 2029 });
    expect(parseExpiry(' 8 / 2029 ')).toEqual({ month: 8, year: 2029 });
    expect(parseExpiry('0829')).toEqual({ month: 8, year: 2029 });
    for (const bad of ['13/29', '00/29', '8/2', 'aa/bb', '', '08/1999']) expect(parseExpiry(bad), bad).toBeNull();
    expect(isExpired({ month: 1, year: 2026 }, Date.UTC(2026, 0, 31, 23, 59))).toBe(false);
    expect(isExpired({ month: 1, year: 2026 }, Date.UTC(2026, 1, 1))).toBe(true);
  });

  it('checks the CVC shape by brand', () => {
    expect(cvcValid('123', 'visa')).toBe(true);
    expect(cvcValid('1234', 'visa')).toBe(false);
    expect(cvcValid('1234', 'amex')).toBe(true);
    expect(cvcValid('123', 'amex')).toBe(false);
    expect(cvcValid('12a', 'mastercard')).toBe(false);
  });
});

describe('saved cards over the API', () => {
  const NUMBERS = ['4917 6100 0000 0000', '5425 2334 3010 9903', withCheckDigit('979203123456789')];
  let core: AppCore;
  let clock: ManualClock;
  let dataDir: string;
  const logged: string[] = [];
  const log: Logger = {
    info: (m, d) => void logged.push(m + JSON.stringify(d ?? {})),
    warn: (m, d) => void logged.push(m + JSON.stringify(d ?? {})),
    error: (m, d) => void logged.push(m + JSON.stringify(d ?? {})),
  };
  const call = (name: string, input: unknown) => core.call(name, input);
  const ok = async <T>(name: string, input: unknown): Promise<T> => {
    const r = await call(name, input);
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    return r.value as T;
  };

  beforeEach(async () => {
    dataDir = tempDir();
    // Local noon on 28 February: a card expiring 02/26 is still valid in every time zone, and the month ends soon
    // (the clock moves little, as every timer of the core fires on the way).
    clock = new ManualClock(new Date(2026, 1, 28, 12).getTime());
    core = await startCore({ dataDir, clock, log });
  });
  afterEach(() => core.close());

  it('saves brand, last four digits, expiry and holder only', async () => {
    const card = await ok<Record<string, unknown>>('wallet.cards.add', { holder: '  Mehmet   Öz ', number: NUMBERS[2], expiry: '03/28', cvc: '321' });
    expect(card).toEqual({ id: 1, holder: 'Mehmet Öz', brand: 'troy', last4: NUMBERS[2]!.slice(-4), expiryMonth: 3, expiryYear: 2028, expired: false, createdAt: clock.now() });
    const row = core.database.sqlite.prepare('SELECT * FROM wallet_cards').get();
    expect(Object.keys(row as object).sort()).toEqual(['brand', 'created_at', 'expiry_month', 'expiry_year', 'holder', 'id', 'last4', 'removed_at']);
    expect(await ok('wallet.cards.list', {})).toHaveLength(1);
  });

  it('refuses numbers failing Luhn, expired cards and bad CVCs with clear messages under the right field', async () => {
    const cases: [Record<string, string>, string, string, RegExp][] = [
      [{ number: '4111 1111 1111 1112' }, 'card_number_luhn', 'number', /not valid: check it for a mistyped digit/],
      [{ number: '4111 1111 1111 111x' }, 'card_number_characters', 'number', /only digits/],
      [{ number: withCheckDigit('123456789012345') }, 'card_number_brand', 'number', /supported card network \(Visa, Mastercard, American Express, Troy/],
      [{ expiry: '12/25' }, 'card_expired', 'expiry', /has expired/],
      [{ expiry: '01/26' }, 'card_expired', 'expiry', /has expired/],
      [{ expiry: '2/30x' }, 'card_expiry_invalid', 'expiry', /MM\/YY/],
      [{ cvc: '12' }, 'card_cvc_invalid', 'cvc', /3 digits/],
      [{ number: '3782 822463 10005', cvc: '123' }, 'card_cvc_invalid', 'cvc', /4 digits on its front/],
    ];
    for (const [patch, code, field, message] of cases) {
      const res = (await call('wallet.cards.add', { holder: 'A B', number: '4111111111111111', expiry: '12/30', cvc: '123', ...patch })) as ApiResult<unknown>;
      expect(res.ok, code).toBe(false);
      if (res.ok) continue;
      expect(res.error).toMatchObject({ code, field });
      expect(res.error.message).toMatch(message);
      expect(res.error.messageTr.length).toBeGreaterThan(10);
      expect(JSON.stringify(res.error)).not.toMatch(/4111\s?1111/);
    }
    expect(await ok('wallet.cards.list', {})).toEqual([]);
  });

  it('refuses the same card twice, hides a removed card and will not top up from it or from one that expired since', async () => {
    const a = await ok<{ id: number }>('wallet.cards.add', { holder: 'A B', number: NUMBERS[0], expiry: '02/26', cvc: '123' });
    const dup = await call('wallet.cards.add', { holder: 'C D', number: NUMBERS[0], expiry: '02/26', cvc: '999' });
    expect(!dup.ok && dup.error.code).toBe('card_exists');
    const b = await ok<{ id: number }>('wallet.cards.add', { holder: 'A B', number: NUMBERS[1], expiry: '12/30', cvc: '123' });
    await ok('wallet.topUp', { cardId: a.id, amountMinor: 2_000, idempotencyKey: 'before-expiry' });
    clock.set(new Date(2026, 2, 2, 12).getTime());
    expect((await ok<{ expired: boolean }[]>('wallet.cards.list', {})).map((c) => c.expired)).toEqual([false, true]);
    const expired = await call('wallet.topUp', { cardId: a.id, amountMinor: 2_000, idempotencyKey: 'after-expiry' });
    expect(!expired.ok && expired.error).toMatchObject({ code: 'card_expired', field: 'cardId' });
    expect(await ok('wallet.cards.remove', { id: b.id })).toEqual({ removed: true });
    expect((await ok<{ id: number }[]>('wallet.cards.list', {})).map((c) => c.id)).toEqual([a.id]);
    const removed = await call('wallet.topUp', { cardId: b.id, amountMinor: 2_000, idempotencyKey: 'removed' });
    expect(!removed.ok && removed.error.code).toBe('not_found');
    expect((await call('wallet.cards.remove', { id: b.id })).ok).toBe(false);
    const replay = await ok<{ replayed: boolean }>('wallet.topUp', { cardId: a.id, amountMinor: 2_000, idempotencyKey: 'before-expiry' });
    expect(replay.replayed).toBe(true);
  });

  it('leaves no full card number anywhere in the database, its WAL, the logs or the exports', async () => {
    const bad = withCheckDigit('411111111111111').slice(0, 15) + '0';
    for (const number of [...NUMBERS, bad]) {
      await call('wallet.cards.add', { holder: 'Test Holder', number, expiry: '12/30', cvc: '123' });
      await call('wallet.cards.add', { holder: 'Test Holder', number, expiry: '12/20', cvc: '123' });
      await call('wallet.cards.add', { holder: 'Test Holder', number: number.replace(/\s/g, ''), expiry: '12/31', cvc: '12' });
    }
    const cards = await ok<{ id: number }[]>('wallet.cards.list', {});
    expect(cards).toHaveLength(3);
    await ok('wallet.topUp', { cardId: cards[0]!.id, amountMinor: 5_000, idempotencyKey: 't' });
    const exported = await ok<{ path: string }>('wallet.export', { format: 'csv' });
    clock.set(new Date(2026, 2, 1, 6).getTime());
    const statements = await ok<{ id: number }[]>('wallet.statements', {});
    const statementFile = await ok<{ path: string }>('wallet.statements.export', { id: statements[0]!.id, format: 'xlsx' });
    const files = fs.readdirSync(dataDir).filter((f) => f.startsWith('wa-desk.sqlite')).map((f) => `${dataDir}/${f}`);
    expect(files.some((f) => f.endsWith('-wal'))).toBe(true);
    const blobs = [...files, exported.path, statementFile.path].map((f) => fs.readFileSync(f).toString('latin1'));
    blobs.push(logged.join('\n'));
    for (const number of [...NUMBERS, bad]) {
      const digits = number.replace(/\s/g, '');
      for (const blob of blobs) {
        expect(blob.includes(digits)).toBe(false);
        expect(blob.includes(number)).toBe(false);
        expect(blob.includes(digits.slice(0, 12))).toBe(false);
      }
    }
    // The same search does find what is stored: the holder and the last four digits.
    const database = blobs.slice(0, files.length).join('');
    expect(database.includes('Test Holder')).toBe(true);
    expect(database.includes(NUMBERS[0]!.slice(-4))).toBe(true);
  });
});
