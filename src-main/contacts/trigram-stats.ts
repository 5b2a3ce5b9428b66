import type Database from 'better-sqlite3';
import { quote, type TrigramFrequencies } from './search-text';

/** Below this many contacts the fixed phrase plan is used: every doclist is short, and counting costs more. */
export const PLAN_FROM_CONTACTS = 20_000;
/**
 * Newest doclist entries read to estimate how many contacts hold a trigram: a rarer trigram is counted exactly,
 * a commoner one from how far back its newest entries reach. About 0.1 ms per trigram at 1M contacts.
 */
const SAMPLE = 256;
/** The counts are kept until the directory has grown or shrunk by this share (imports, bulk deletes). */
const DRIFT = 0.1;
/** Distinct trigrams kept at most; names, digits and addresses in one language use a few thousand. */
const MAX_CACHED = 50_000;

/**
 * How common each trigram of the search index is, for `planFts`: estimated from the index itself on first use
 * and remembered, since a directory's trigram mix changes slowly. Estimates steer the plan only; a stale one
 * makes a query slower, never wrong.
 */
export class TrigramStats {
  private readonly counts = new Map<string, number>();
  private countedAt = -1;
  private readonly maxId: Database.Statement;
  private readonly sample: Database.Statement;

  constructor(
    sqlite: Database.Database,
    private readonly planFrom = PLAN_FROM_CONTACTS,
  ) {
    this.maxId = sqlite.prepare('SELECT coalesce(max(id), 0) FROM contacts').pluck();
    this.sample = sqlite.prepare(
      `SELECT count(*) AS n, min(rowid) AS oldest FROM
         (SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ? ORDER BY rowid DESC LIMIT ${SAMPLE})`,
    );
  }

  /** Frequencies for the current directory, or undefined when it is small enough for the fixed plan. */
  frequencies(): TrigramFrequencies | undefined {
    const total = this.maxId.get() as number;
    if (total < this.planFrom) return undefined;
    if (Math.abs(total - this.countedAt) > this.countedAt * DRIFT || this.counts.size >= MAX_CACHED) {
      this.counts.clear();
      this.countedAt = total;
    }
    return { total, docs: (gram) => this.docs(gram, total) };
  }

  private docs(gram: string, total: number): number {
    let n = this.counts.get(gram);
    if (n === undefined) {
      const s = this.sample.get(quote(gram)) as { n: number; oldest: number | null };
      n = s.n < SAMPLE || s.oldest === null ? s.n : Math.min(total, Math.round((SAMPLE * total) / Math.max(1, total - s.oldest + 1)));
      this.counts.set(gram, n);
    }
    return n;
  }
}
