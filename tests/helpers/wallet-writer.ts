import { parseArgs } from 'node:util';
import { openDatabase } from '../../src-main/db/connection';
import { systemClock } from '../../src-main/platform/clock';
import { silentLogger } from '../../src-main/platform/logger';
import { WalletService } from '../../src-main/wallet/service';
import { AppError } from '../../src-shared/errors';

/**
 * A separate process writing to the wallet until it is killed (tests/unit/wallet/crash.test.ts):
 * `loop` charges (topping up when the balance runs out) and prints a line every 25 writes;
 * `hold` makes `--count` charges inside one open transaction, prints `inside` and waits to be killed.
 */
const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    migrations: { type: 'string' },
    prefix: { type: 'string' },
    channel: { type: 'string' },
    card: { type: 'string' },
    mode: { type: 'string' },
    count: { type: 'string' },
  },
});
const handle = openDatabase(values.db!, { migrationsDir: values.migrations! });
const wallet = new WalletService({ handle, clock: systemClock, log: silentLogger });
const channelId = Number(values.channel);
const cardId = Number(values.card);
const charge = (i: number) =>
  wallet.charge({ idempotencyKey: `${values.prefix}-${i}`, channelId, phone: '+905321112233', kind: i % 3 === 0 ? 'image' : 'text', reference: `crash:${i}` });

if (values.mode === 'hold') {
  handle.sqlite.transaction(() => {
    for (let i = 0; i < Number(values.count); i++) charge(i);
    process.stdout.write('inside\n');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  }).immediate();
} else {
  for (let i = 0; ; i++) {
    try {
      charge(i);
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'insufficient_balance') throw err;
      wallet.topUp({ cardId, amountMinor: 5_000, idempotencyKey: `${values.prefix}-top-${i}` });
    }
    if (i % 25 === 0) process.stdout.write(`${i}\n`);
  }
}
