import fs from 'node:fs';
import type Database from 'better-sqlite3';
import type { AttributeType } from '../../src-shared/api/contacts';
import type { DuplicatePolicy, ImportCounts } from '../../src-shared/api/imports';
import { csvLine, UTF8_BOM } from '../export/cells';
import type { ReaderMessage } from './pipeline';
import { setSearchIndexMerging } from '../contacts/rows';
import { rowNumbers } from './packed-rows';
import { ContactWriter } from './writer';

/** Imports smaller than this leave the index as the batches wrote it: a few segments cost queries nothing much. */
const COMPACT_AFTER_ROWS = 20_000;
const MERGE_PAGES = 500;
/** More pages than any level holds: a merge given this many finishes what it starts. */
const MERGE_ALL_PAGES = 1_000_000;
/** Commits between the writer's own merges of the index's newest segments (FTS5 itself would wait for 200). */
const MERGE_EVERY_COMMITS = 48;
const SAVED_AFTER = {
  en: 'Saved, although the import stopped before the rows above it were all saved.',
  tr: 'Kaydedildi; ancak içe aktarma, üstündeki satırların hepsi kaydedilmeden durdu.',
};

export interface WriterOutcome {
  status: 'completed' | 'cancelled';
  counts: ImportCounts;
  savedThroughRow: number | null;
  /**
   * Rows after `savedThroughRow` that were saved too: only when the writer stopped between a large file's grouped
   * batches (an internal error, the reader thread crashing). Each is listed in the report as saved.
   */
  savedAfter: number;
  reportPath: string | null;
  /** Every contact the file named, when asked for (adding them to a group). */
  ids: number[] | null;
  /** The reader thread gave up (its error explains why); the rows up to `savedThroughRow` are saved. */
  readerAborted: boolean;
}

/**
 * The writer half of an import: each batch from the reader is one transaction, and its report lines are written
 * only after it commits. A batch that says `savedThrough` completes the file up to that row, so after a cancel or
 * a reader failure every row up to `savedThroughRow` is saved and reported and no row after it is; when the writer
 * itself stops between the grouped batches of a large file, the rows it saved beyond that point are listed too.
 */
export class ImportWriterJob {
  private readonly writer: ContactWriter;
  private readonly counts: ImportCounts = { total: 0, created: 0, updated: 0, skipped: 0, rejected: 0 };
  private savedThroughRow: number | null = null;
  /** Rows committed since the last batch that completed the file up to a row. */
  private savedAfter: number[] = [];
  private reportHeader = '';
  private reportFd: number | null = null;
  private readerAborted = false;
  private readonly ids: number[] | null;
  private commits = 0;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly opts: {
      channelId: number;
      policy: DuplicatePolicy;
      now: number;
      types: ReadonlyMap<string, AttributeType>;
      reportFile: string;
      collectIds: boolean;
      /** Runs each write transaction (the import's turn at the write lock; see write-turns.ts). */
      turn?: <T>(write: () => T) => T;
    },
  ) {
    this.writer = new ContactWriter(sqlite, opts);
    setSearchIndexMerging(sqlite, false);
    this.ids = opts.collectIds ? [] : null;
  }

  /** Applies one reader message; returns the fraction of the file covered so far, or null at the end. */
  handle(m: ReaderMessage): number | null {
    switch (m.type) {
      case 'start':
        this.reportHeader = m.reportHeader;
        return 0;
      case 'batch':
        return this.applyBatches([m]);
      case 'abort':
        this.readerAborted = true;
        return null;
      case 'end':
        return null;
    }
  }

  /**
   * Writes several batches in one transaction (fewer commits when the reader is ahead) and books each in order;
   * returns the fraction of the file covered by the last.
   */
  applyBatches(batches: Extract<ReaderMessage, { type: 'batch' }>[]): number {
    const packs = batches.map((b) => b.rows).filter((p) => p.count > 0);
    const applied = packs.length > 0 ? this.turn(() => this.writer.apply(packs, this.ids)) : { created: 0, updated: 0, skipped: 0 };
    if (packs.length > 0 && ++this.commits % MERGE_EVERY_COMMITS === 0) this.mergeNewestSegments();
    this.counts.created += applied.created;
    this.counts.updated += applied.updated;
    this.counts.skipped += applied.skipped;
    for (const m of batches) {
      this.counts.total += m.total;
      this.counts.skipped += m.skipped;
      this.counts.rejected += m.rejected;
      if (m.savedThrough !== null) {
        this.savedThroughRow = m.savedThrough;
        this.savedAfter = [];
      } else {
        for (const row of rowNumbers(m.rows)) this.savedAfter.push(row);
      }
      if (m.report.length > 0) this.writeReport(m.report.join(''));
    }
    return batches[batches.length - 1]!.fraction;
  }

  /**
   * Merges the search index's segments after a large import (one small segment per committed batch makes every
   * query walk many), a few hundred pages per transaction so nothing waits on a long write lock. Returns early
   * when `stop` says so; the rows are all saved by then, only the index's compaction is left for later writes.
   */
  compactSearchIndex(stop: () => boolean, step: () => void): void {
    if (this.counts.created + this.counts.updated < COMPACT_AFTER_ROWS) return;
    const merge = this.sqlite.prepare(`INSERT INTO contacts_fts (contacts_fts, rank) VALUES ('merge', -${MERGE_PAGES})`);
    const changes = this.sqlite.prepare('SELECT total_changes() AS n').pluck();
    // A negative merge folds every segment into one, so each segment a concurrent write adds would start the
    // whole rewrite again: with contacts arriving every few hundred milliseconds the loop never ended (measured:
    // a 150 MB index churned to 2.6 GB of file). One pass over the index as it is now is the bound; what arrives
    // meanwhile is left to the ordinary merging.
    const blocks = this.sqlite.prepare('SELECT count(*) FROM contacts_fts_data').pluck().get() as number;
    for (let steps = Math.ceil(blocks / MERGE_PAGES) + 2; steps > 0 && !stop(); steps--) {
      const before = changes.get() as number;
      this.turn(() => merge.run());
      // FTS5 reports a merge that found nothing to do by changing fewer than two rows.
      if ((changes.get() as number) - before < 2) return;
      step();
    }
  }

  /**
   * Merges the search index's fullest level (the newest segments, one per commit) into one segment, in a
   * transaction of its own. FTS5 would do it inside whichever commit made the level full, and with the app writing
   * during an import that could be one of the app's own, on the thread that serves the UI.
   */
  private mergeNewestSegments(): void {
    this.turn(() => this.sqlite.exec(`INSERT INTO contacts_fts (contacts_fts, rank) VALUES ('merge', ${MERGE_ALL_PAGES})`));
  }

  progress(): { processed: number; counts: ImportCounts; savedThroughRow: number | null; savedAfter: number } {
    return { processed: this.counts.total, counts: { ...this.counts }, savedThroughRow: this.savedThroughRow, savedAfter: this.savedAfter.length };
  }

  /** True when everything committed so far is the file up to `savedThroughRow`: a cancel may stop right here. */
  atSavedPoint(): boolean {
    return this.savedAfter.length === 0;
  }

  finish(status: WriterOutcome['status']): WriterOutcome {
    const savedAfter = this.savedAfter.length;
    if (savedAfter > 0) {
      this.writeReport(this.savedAfter.sort((a, b) => a - b).map((row) => csvLine([row, 'saved', SAVED_AFTER.en, SAVED_AFTER.tr])).join(''));
    }
    this.savedAfter = [];
    try {
      setSearchIndexMerging(this.sqlite, true);
    } catch {
      // The database refused a write (the reason is what ended the job); the app's next start turns merging back on.
    }
    if (this.reportFd !== null) fs.closeSync(this.reportFd);
    this.reportFd = null;
    return {
      status,
      counts: { ...this.counts },
      savedThroughRow: this.savedThroughRow,
      savedAfter,
      reportPath: this.reportHeader && fs.existsSync(this.opts.reportFile) ? this.opts.reportFile : null,
      ids: this.ids,
      readerAborted: this.readerAborted,
    };
  }

  private turn<T>(write: () => T): T {
    return this.opts.turn ? this.opts.turn(write) : write();
  }

  private writeReport(text: string): void {
    if (this.reportFd === null) {
      this.reportFd = fs.openSync(this.opts.reportFile, 'w', 0o600);
      fs.writeSync(this.reportFd, UTF8_BOM + this.reportHeader);
    }
    fs.writeSync(this.reportFd, text);
  }
}
