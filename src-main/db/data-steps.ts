import type Database from 'better-sqlite3';
import { rebuildSearchIndex } from '../contacts/search-index';

/**
 * What some migrations do to the data beyond their SQL, run right after the migration's statements in the same
 * transaction, keyed by its tag.
 */
export const DATA_STEPS: Readonly<Record<string, (db: Database.Database) => void>> = {
  '0008_contacts_search_without_positions': rebuildSearchIndex,
};
