import { eq } from 'drizzle-orm';
import type { MessageKind, WalletSettings } from '../../src-shared/api/wallet';
import { currencyForLocale, isCurrency, type Currency } from '../../src-shared/domain/money';
import type { Db } from '../db/connection';
import { walletSettings } from '../db/schema';
import { currencyLocked, topUpLimitsInvalid } from './errors';

type Row = typeof walletSettings.$inferSelect;

/** Defaults in minor units, the same for every supported currency (all have two decimals). */
const DEFAULTS = {
  priceText: 10,
  priceImage: 25,
  lowBalanceThreshold: 5_000,
  topUpMin: 1_000,
  topUpMax: 10_000_000,
};

export interface SettingsPatch {
  currency?: Currency;
  lowBalanceThresholdMinor?: number;
  topUpMinMinor?: number;
  topUpMaxMinor?: number;
  prices?: Partial<Record<MessageKind, number>>;
}

/**
 * The wallet's one settings row. The currency stays unset (the locale's default shows) until the owner picks one
 * or the first entry is written, which fixes it: amounts in the ledger have no unit of their own.
 */
export class WalletSettingsStore {
  /** Read on every charge, so prepared once. */
  private readonly rowQuery;
  private localeCurrency: Currency | null = null;

  constructor(
    private readonly db: Db,
    private readonly locale: () => string,
    private readonly now: () => number,
    private readonly hasEntries: () => boolean,
  ) {
    this.rowQuery = db.select().from(walletSettings).where(eq(walletSettings.id, 1)).prepare();
  }

  get(): WalletSettings {
    const row = this.row();
    return {
      currency: this.currencyOf(row),
      currencyLocked: this.hasEntries(),
      prices: { text: row.priceText, image: row.priceImage },
      lowBalanceThresholdMinor: row.lowBalanceThreshold,
      topUpMinMinor: row.topUpMin,
      topUpMaxMinor: row.topUpMax,
    };
  }

  currency(): Currency {
    return this.currencyOf(this.row());
  }

  price(kind: MessageKind): number {
    const row = this.row();
    return kind === 'text' ? row.priceText : row.priceImage;
  }

  /** Called inside the transaction that writes the first entry, so the currency is fixed with it. */
  fixCurrency(): Currency {
    const row = this.row();
    const currency = this.currencyOf(row);
    if (row.currency === null) this.db.update(walletSettings).set({ currency }).where(eq(walletSettings.id, 1)).run();
    return currency;
  }

  update(patch: SettingsPatch): WalletSettings {
    this.db.transaction(() => {
      const row = this.row();
      const next: Partial<Row> = { updatedAt: this.now() };
      if (patch.currency !== undefined && patch.currency !== this.currencyOf(row)) {
        if (this.hasEntries()) throw currencyLocked();
        next.currency = patch.currency;
      }
      if (patch.lowBalanceThresholdMinor !== undefined) next.lowBalanceThreshold = patch.lowBalanceThresholdMinor;
      if (patch.topUpMinMinor !== undefined) next.topUpMin = patch.topUpMinMinor;
      if (patch.topUpMaxMinor !== undefined) next.topUpMax = patch.topUpMaxMinor;
      if (patch.prices?.text !== undefined) next.priceText = patch.prices.text;
      if (patch.prices?.image !== undefined) next.priceImage = patch.prices.image;
      if ((next.topUpMin ?? row.topUpMin) > (next.topUpMax ?? row.topUpMax)) throw topUpLimitsInvalid();
      this.db.update(walletSettings).set(next).where(eq(walletSettings.id, 1)).run();
    }, { behavior: 'immediate' });
    return this.get();
  }

  private row(): Row {
    const existing = this.rowQuery.get();
    if (existing) return existing;
    this.db
      .insert(walletSettings)
      .values({ id: 1, currency: null, ...DEFAULTS, updatedAt: this.now() })
      .onConflictDoNothing()
      .run();
    return this.rowQuery.get()!;
  }

  private currencyOf(row: Row): Currency {
    if (row.currency !== null && isCurrency(row.currency)) return row.currency;
    this.localeCurrency ??= currencyForLocale(this.locale());
    return this.localeCurrency;
  }
}
