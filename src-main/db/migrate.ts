import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { AppError } from '../../src-shared/errors';
import { DATA_STEPS } from './data-steps';

interface JournalEntry {
  idx: number;
  tag: string;
  when: number;
}

export interface Migration {
  idx: number;
  tag: string;
  statements: string[];
}

/** Reads drizzle-kit's output (`meta/_journal.json` + `<tag>.sql` split on statement breakpoints). */
export function loadMigrations(dir: string): Migration[] {
  const journal = JSON.parse(fs.readFileSync(path.join(dir, 'meta', '_journal.json'), 'utf8')) as {
    entries: JournalEntry[];
  };
  return journal.entries
    .sort((a, b) => a.idx - b.idx)
    .map((e) => ({
      idx: e.idx,
      tag: e.tag,
      statements: fs
        .readFileSync(path.join(dir, `${e.tag}.sql`), 'utf8')
        .split('--> statement-breakpoint')
        .map((s) => s.trim())
        .filter(Boolean),
    }));
}

/**
 * Applies every pending migration (its SQL, then its data step if it has one) in one transaction: either the
 * database moves to the app's schema whole, or it stays as it was. A database written by a newer app is refused
 * rather than guessed at.
 */
export function migrate(db: Database.Database, migrations: Migration[], now = Date.now()): { applied: string[] } {
  db.exec(
    'CREATE TABLE IF NOT EXISTS __migrations (idx INTEGER PRIMARY KEY, tag TEXT NOT NULL, applied_at INTEGER NOT NULL)',
  );
  const done = db.prepare('SELECT idx, tag FROM __migrations ORDER BY idx').all() as { idx: number; tag: string }[];
  const known = new Map(migrations.map((m) => [m.idx, m.tag]));
  for (const row of done) {
    if (known.get(row.idx) !== row.tag) {
      throw new AppError(
        'database_too_new',
        {
          en: `This data was saved by a newer version of WA Desk (it has schema step "${row.tag}", which this version does not know). Update the app to open it; nothing was changed.`,
          tr: `Bu veriler WA Desk'in daha yeni bir sürümüyle kaydedilmiş ("${row.tag}" şema adımını bu sürüm tanımıyor). Açmak için uygulamayı güncelleyin; hiçbir şey değiştirilmedi.`,
        },
        { details: { tag: row.tag, idx: row.idx } },
      );
    }
  }
  const doneIdx = new Set(done.map((r) => r.idx));
  const pending = migrations.filter((m) => !doneIdx.has(m.idx));
  if (pending.length === 0) return { applied: [] };
  const record = db.prepare('INSERT INTO __migrations (idx, tag, applied_at) VALUES (?, ?, ?)');
  // Foreign keys cannot be toggled inside a transaction; table rebuilds in migrations need them off.
  db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      for (const m of pending) {
        for (const statement of m.statements) db.exec(statement);
        DATA_STEPS[m.tag]?.(db);
        record.run(m.idx, m.tag, now);
      }
      const broken = db.pragma('foreign_key_check') as unknown[];
      if (broken.length > 0) throw new Error(`migration left ${broken.length} broken foreign keys`);
    })();
  } finally {
    db.pragma('foreign_keys = ON');
  }
  return { applied: pending.map((m) => m.tag) };
}
