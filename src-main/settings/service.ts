import { eq } from 'drizzle-orm';
import type { Settings } from '../../src-shared/api/channels';
import type { Db } from '../db/connection';
import { settings } from '../db/schema';

const DEFAULTS: Settings = { browserPath: null, language: 'en' };

/** App-wide preferences as JSON values in one key/value table, so adding one needs no migration. */
export class SettingsService {
  constructor(private readonly db: Db) {}

  get(): Settings {
    const rows = this.db.select().from(settings).all();
    const out: Settings = { ...DEFAULTS };
    for (const row of rows) {
      if (row.key in DEFAULTS) (out as unknown as Record<string, unknown>)[row.key] = JSON.parse(row.value);
    }
    return out;
  }

  update(patch: Partial<Settings>): Settings {
    this.db.transaction((tx) => {
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined || !(key in DEFAULTS)) continue;
        const json = JSON.stringify(value);
        tx.insert(settings).values({ key, value: json }).onConflictDoUpdate({ target: settings.key, set: { value: json } }).run();
      }
    });
    return this.get();
  }

  remove(key: keyof Settings): void {
    this.db.delete(settings).where(eq(settings.key, key)).run();
  }
}
