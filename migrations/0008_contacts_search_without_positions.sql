-- The search index without token positions (detail=none). Positions made a typed word one exact trigram phrase,
-- but they were two thirds of the index (154 MB -> 51 MB at 1M contacts) and of what a bulk import writes for it;
-- the search now asks for a word's trigrams and checks the candidates' text (see search-text.ts). The app refills
-- the new table from `contacts` in the same transaction (the text is folded in JS: see db/data-steps.ts).
DROP TRIGGER `contacts_fts_after_delete`;
--> statement-breakpoint
DROP TABLE `contacts_fts`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `contacts_fts` USING fts5(`search`, content='', contentless_delete=1, detail=none, tokenize='trigram case_sensitive 1');
--> statement-breakpoint
CREATE TRIGGER `contacts_fts_after_delete` AFTER DELETE ON `contacts` BEGIN
  DELETE FROM `contacts_fts` WHERE rowid = old.`id`;
END;
