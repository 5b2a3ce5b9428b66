import { and, desc, eq, isNull } from 'drizzle-orm';
import type { SavedCard } from '../../src-shared/api/wallet';
import {
  cardDigits,
  cardNumberProblem,
  cvcValid,
  detectBrand,
  isExpired,
  parseExpiry,
  type CardBrand,
} from '../../src-shared/domain/card';
import { AppError } from '../../src-shared/errors';
import type { Db } from '../db/connection';
import { walletCards } from '../db/schema';
import { cardExpired, cardNotFound, cardNumberInvalid, cvcInvalid, expiryInvalid } from './errors';

type Row = typeof walletCards.$inferSelect;

export interface NewCard {
  holder: string;
  number: string;
  expiry: string;
  cvc: string;
}

/**
 * Saved cards. The number is checked and reduced to its brand and last four digits here, the CVC is checked for
 * shape and dropped: neither is stored, logged or put in an error, so the database file never holds them.
 */
export class CardsStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  list(): SavedCard[] {
    return this.db
      .select()
      .from(walletCards)
      .where(isNull(walletCards.removedAt))
      .orderBy(desc(walletCards.createdAt), desc(walletCards.id))
      .all()
      .map((r) => this.toCard(r));
  }

  add(input: NewCard): SavedCard {
    const problem = cardNumberProblem(input.number);
    if (problem) throw cardNumberInvalid(problem);
    const digits = cardDigits(input.number)!;
    const brand = detectBrand(digits)!;
    const expiry = parseExpiry(input.expiry);
    if (!expiry) throw expiryInvalid();
    if (isExpired(expiry, this.now())) throw cardExpired('expiry');
    if (!cvcValid(input.cvc.trim(), brand)) throw cvcInvalid(brand === 'amex');
    const last4 = digits.slice(-4);
    const duplicate = this.db
      .select({ id: walletCards.id })
      .from(walletCards)
      .where(
        and(
          isNull(walletCards.removedAt),
          eq(walletCards.brand, brand),
          eq(walletCards.last4, last4),
          eq(walletCards.expiryMonth, expiry.month),
          eq(walletCards.expiryYear, expiry.year),
        ),
      )
      .get();
    if (duplicate) {
      throw new AppError(
        'card_exists',
        { en: 'This card is already saved.', tr: 'Bu kart zaten kayıtlı.' },
        { field: 'number' },
      );
    }
    const row = this.db
      .insert(walletCards)
      .values({
        holder: input.holder,
        brand,
        last4,
        expiryMonth: expiry.month,
        expiryYear: expiry.year,
        createdAt: this.now(),
      })
      .returning()
      .get();
    return this.toCard(row);
  }

  /** Hides the card; top-ups made with it keep naming it on their statements. */
  remove(id: number): void {
    const row = this.activeRow(id);
    this.db.update(walletCards).set({ removedAt: this.now() }).where(eq(walletCards.id, row.id)).run();
  }

  /** A card that can pay now: saved, not removed, not expired. */
  usable(id: number): Row {
    const row = this.activeRow(id);
    if (isExpired({ month: row.expiryMonth, year: row.expiryYear }, this.now())) throw cardExpired('cardId');
    return row;
  }

  private activeRow(id: number): Row {
    const row = this.db
      .select()
      .from(walletCards)
      .where(and(eq(walletCards.id, id), isNull(walletCards.removedAt)))
      .get();
    if (!row) throw cardNotFound();
    return row;
  }

  private toCard(row: Row): SavedCard {
    return {
      id: row.id,
      holder: row.holder,
      brand: row.brand as CardBrand,
      last4: row.last4,
      expiryMonth: row.expiryMonth,
      expiryYear: row.expiryYear,
      expired: isExpired({ month: row.expiryMonth, year: row.expiryYear }, this.now()),
      createdAt: row.createdAt,
    };
  }
}
