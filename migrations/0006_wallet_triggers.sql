-- The wallet ledger is append-only: no entry is ever changed or removed, corrections are new entries.
CREATE TRIGGER `wallet_entries_no_update` BEFORE UPDATE ON `wallet_entries`
BEGIN
  SELECT RAISE(ABORT, 'wallet_entries is append-only: an entry cannot be changed');
END;
--> statement-breakpoint
CREATE TRIGGER `wallet_entries_no_delete` BEFORE DELETE ON `wallet_entries`
BEGIN
  SELECT RAISE(ABORT, 'wallet_entries is append-only: an entry cannot be deleted');
END;
--> statement-breakpoint
-- Each entry continues the one before it: its balance_before is the previous balance_after (0 for the first) and
-- its time is not earlier. With the CHECK balance_after = balance_before + amount this makes the last entry's
-- balance_after the sum of every amount, whichever connection or tool writes. An INSERT OR REPLACE would delete
-- the entry it collides with without firing the delete trigger, so a collision on any unique column is refused
-- here, before conflict resolution can run.
CREATE TRIGGER `wallet_entries_chain` BEFORE INSERT ON `wallet_entries`
BEGIN
  SELECT RAISE(ABORT, 'wallet_entries is append-only: an insert cannot replace an entry')
  WHERE EXISTS (SELECT 1 FROM wallet_entries WHERE id = NEW.id)
     OR EXISTS (SELECT 1 FROM wallet_entries WHERE idempotency_key = NEW.idempotency_key)
     OR EXISTS (SELECT 1 FROM wallet_entries WHERE refund_of = NEW.refund_of);
  SELECT RAISE(ABORT, 'wallet_entries chain broken: balance_before is not the previous balance_after')
  WHERE NEW.balance_before IS NOT COALESCE((SELECT balance_after FROM wallet_entries ORDER BY id DESC LIMIT 1), 0);
  SELECT RAISE(ABORT, 'wallet_entries chain broken: an entry cannot be dated before the previous one')
  WHERE NEW.at < (SELECT at FROM wallet_entries ORDER BY id DESC LIMIT 1);
END;
--> statement-breakpoint
CREATE TRIGGER `wallet_entries_day_totals` AFTER INSERT ON `wallet_entries`
BEGIN
  INSERT INTO wallet_day_totals (day, type, channel_key, entries, amount)
  VALUES (NEW.at / 86400000, NEW.type, COALESCE(NEW.channel_id, 0), 1, NEW.amount)
  ON CONFLICT (day, type, channel_key) DO UPDATE SET entries = entries + 1, amount = amount + excluded.amount;
END;
--> statement-breakpoint
-- The day totals are kept by the trigger above alone.
CREATE TRIGGER `wallet_day_totals_no_delete` BEFORE DELETE ON `wallet_day_totals`
BEGIN
  SELECT RAISE(ABORT, 'wallet_day_totals is kept by the ledger and cannot be deleted from');
END;
--> statement-breakpoint
-- A statement, once issued, is a bill: it and its lines are never changed or removed.
CREATE TRIGGER `wallet_statements_no_update` BEFORE UPDATE ON `wallet_statements`
BEGIN
  SELECT RAISE(ABORT, 'wallet_statements is append-only: a statement cannot be changed');
END;
--> statement-breakpoint
CREATE TRIGGER `wallet_statements_no_delete` BEFORE DELETE ON `wallet_statements`
BEGIN
  SELECT RAISE(ABORT, 'wallet_statements is append-only: a statement cannot be deleted');
END;
--> statement-breakpoint
CREATE TRIGGER `wallet_statement_lines_no_replace` BEFORE INSERT ON `wallet_statement_lines`
BEGIN
  SELECT RAISE(ABORT, 'wallet_statement_lines is append-only: a top-up is billed once')
  WHERE EXISTS (SELECT 1 FROM wallet_statement_lines WHERE entry_id = NEW.entry_id);
END;
--> statement-breakpoint
CREATE TRIGGER `wallet_statement_lines_no_update` BEFORE UPDATE ON `wallet_statement_lines`
BEGIN
  SELECT RAISE(ABORT, 'wallet_statement_lines is append-only: a line cannot be changed');
END;
--> statement-breakpoint
CREATE TRIGGER `wallet_statement_lines_no_delete` BEFORE DELETE ON `wallet_statement_lines`
BEGIN
  SELECT RAISE(ABORT, 'wallet_statement_lines is append-only: a line cannot be deleted');
END;
