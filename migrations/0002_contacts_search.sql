-- Search over contacts: trigram FTS5 over a Turkish-folded text (names, phone digits, email, text attribute
-- values) that the app computes and writes (SQLite cannot fold `ı` to `i`). Contentless, so the text is not
-- stored twice; rowid = contacts.id. Deletes (also channel cascades) are mirrored by the trigger.
CREATE VIRTUAL TABLE `contacts_fts` USING fts5(`search`, content='', contentless_delete=1, tokenize='trigram case_sensitive 1');
--> statement-breakpoint
CREATE TRIGGER `contacts_fts_after_delete` AFTER DELETE ON `contacts` BEGIN
  DELETE FROM `contacts_fts` WHERE rowid = old.`id`;
END;
