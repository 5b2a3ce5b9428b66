import Database from 'better-sqlite3';

/**
 * Who copies an import's write-ahead log back into the database file. Checkpoints took about a fifth of the
 * writer thread's time at a million rows, and the writer's time is the import's length, so the reading thread
 * (which has CPU to spare) does them while it reads, and the writer only does what lets the log start over.
 */

/** How often the reading thread checkpoints: often enough that little is left for the writer to copy. */
export const READER_CHECKPOINT_MS = 100;
/**
 * How often the writer catches the log up so it can start over. Each catch-up costs the writer a copy and two fsyncs
 * of whatever the reader's checkpoints have not reached, about 100 ms at a million rows whatever the interval, so
 * fewer is faster (1M rows: 30-34 s at 1 s, 28-29 s at 3 s); between two, the log grows to some hundreds of MB.
 */
const WRITER_CHECKPOINT_MS = 3000;
const DEFAULT_AUTOCHECKPOINT = 1000;

/**
 * The reading thread's side: a passive checkpoint on a connection of its own every `everyMs`. Passive checkpoints
 * never wait for the writer nor hold it back; one that finds another checkpoint running just skips its turn. The
 * import does not depend on these: without them (the connection would not open) the writer's own keep the log bounded.
 */
export function startCheckpoints(dbFile: string, everyMs = READER_CHECKPOINT_MS): { stop(): void } {
  let db: Database.Database;
  try {
    db = new Database(dbFile);
    db.pragma('synchronous = NORMAL');
  } catch {
    return { stop: () => undefined };
  }
  const timer = setInterval(() => {
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // A failed round leaves the log to the next one, or to the writer.
    }
  }, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      db.close();
    },
  };
}

/**
 * The writer's side. The log only starts over when a checkpoint has caught up with the last commit, which the
 * reading thread's never quite does while the writer commits all the time; so the writer runs one itself now and
 * then, after a commit, and it copies only what the reader's have not. The reading thread keeps checkpointing
 * until the writer is done (the search index's compaction after the last row writes as much again); should it
 * fail, the writer goes back to SQLite's own checkpoints.
 */
export class WriterCheckpoints {
  private last: number;
  private retry = false;
  private own = false;

  constructor(private readonly db: Database.Database, private readonly now: () => number = () => performance.now()) {
    this.last = now();
    db.pragma('wal_autocheckpoint = 0');
  }

  afterCommit(): void {
    if (this.own || (!this.retry && this.now() - this.last < WRITER_CHECKPOINT_MS)) return;
    this.last = this.now();
    const [result] = this.db.pragma('wal_checkpoint(PASSIVE)') as { busy: number }[];
    // Another checkpoint was running: the log cannot start over until one catches up, so try after the next commit.
    this.retry = result?.busy === 1;
  }

  /** The reading thread is gone: SQLite's automatic checkpoints take over again. */
  readerDone(): void {
    if (this.own) return;
    this.own = true;
    this.db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`);
  }
}

/**
 * The app's own connection leaves checkpoints to the imports' threads while any import runs: SQLite's automatic
 * checkpoint after a UI commit would otherwise copy the import's log back, fsyncs included, on the thread that
 * serves the UI.
 */
export class AppCheckpoints {
  private running = 0;

  constructor(private readonly db: Database.Database) {}

  /** Call when an import starts; the returned function when it ends (exactly once). */
  pause(): () => void {
    if (this.running++ === 0) this.db.pragma('wal_autocheckpoint = 0');
    let resumed = false;
    return () => {
      if (resumed) return;
      resumed = true;
      if (--this.running === 0) this.db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`);
    };
  }
}
