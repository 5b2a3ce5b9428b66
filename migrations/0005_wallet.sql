CREATE TABLE `wallet_cards` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`holder` text NOT NULL,
	`brand` text NOT NULL,
	`last4` text NOT NULL,
	`expiry_month` integer NOT NULL,
	`expiry_year` integer NOT NULL,
	`created_at` integer NOT NULL,
	`removed_at` integer,
	CONSTRAINT "wallet_cards_last4" CHECK(length("wallet_cards"."last4") = 4 AND "wallet_cards"."last4" NOT GLOB '*[^0-9]*'),
	CONSTRAINT "wallet_cards_expiry" CHECK("wallet_cards"."expiry_month" BETWEEN 1 AND 12 AND "wallet_cards"."expiry_year" BETWEEN 2000 AND 2199)
);
--> statement-breakpoint
CREATE TABLE `wallet_day_totals` (
	`day` integer NOT NULL,
	`type` text NOT NULL,
	`channel_key` integer NOT NULL,
	`entries` integer NOT NULL,
	`amount` integer NOT NULL,
	PRIMARY KEY(`day`, `type`, `channel_key`)
);
--> statement-breakpoint
CREATE TABLE `wallet_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`type` text NOT NULL,
	`amount` integer NOT NULL,
	`balance_before` integer NOT NULL,
	`balance_after` integer NOT NULL,
	`channel_id` integer,
	`channel_name` text,
	`phone` text,
	`kind` text,
	`card_id` integer,
	`refund_of` integer,
	`reference` text,
	`note` text,
	`idempotency_key` text NOT NULL,
	FOREIGN KEY (`card_id`) REFERENCES `wallet_cards`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`refund_of`) REFERENCES `wallet_entries`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "wallet_entries_integers" CHECK(typeof("wallet_entries"."at") = 'integer' AND typeof("wallet_entries"."amount") = 'integer' AND typeof("wallet_entries"."balance_before") = 'integer' AND typeof("wallet_entries"."balance_after") = 'integer'),
	CONSTRAINT "wallet_entries_balance" CHECK("wallet_entries"."balance_before" >= 0 AND "wallet_entries"."balance_after" >= 0 AND "wallet_entries"."balance_after" <= 9007199254740991 AND "wallet_entries"."balance_after" = "wallet_entries"."balance_before" + "wallet_entries"."amount"),
	CONSTRAINT "wallet_entries_type" CHECK(("wallet_entries"."type" = 'top_up' AND "wallet_entries"."amount" > 0 AND "wallet_entries"."card_id" IS NOT NULL)
        OR ("wallet_entries"."type" = 'message_charge' AND "wallet_entries"."amount" <= 0 AND "wallet_entries"."kind" IS NOT NULL)
        OR ("wallet_entries"."type" = 'refund' AND "wallet_entries"."amount" > 0 AND "wallet_entries"."refund_of" IS NOT NULL)
        OR ("wallet_entries"."type" = 'adjustment' AND "wallet_entries"."amount" <> 0))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `wallet_entries_idempotency_key_unique` ON `wallet_entries` (`idempotency_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `wallet_entries_refund_of_unique` ON `wallet_entries` (`refund_of`) WHERE "wallet_entries"."refund_of" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `wallet_entries_at_idx` ON `wallet_entries` (`at`);--> statement-breakpoint
CREATE INDEX `wallet_entries_type_at_idx` ON `wallet_entries` (`type`,`at`);--> statement-breakpoint
CREATE INDEX `wallet_entries_channel_type_at_idx` ON `wallet_entries` (`channel_id`,`type`,`at`);--> statement-breakpoint
CREATE TABLE `wallet_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`currency` text,
	`price_text` integer NOT NULL,
	`price_image` integer NOT NULL,
	`low_balance_threshold` integer NOT NULL,
	`top_up_min` integer NOT NULL,
	`top_up_max` integer NOT NULL,
	`updated_at` integer NOT NULL,
	CONSTRAINT "wallet_settings_single" CHECK("wallet_settings"."id" = 1),
	CONSTRAINT "wallet_settings_money" CHECK(typeof("wallet_settings"."price_text") = 'integer' AND typeof("wallet_settings"."price_image") = 'integer' AND typeof("wallet_settings"."low_balance_threshold") = 'integer'
        AND typeof("wallet_settings"."top_up_min") = 'integer' AND typeof("wallet_settings"."top_up_max") = 'integer'
        AND "wallet_settings"."price_text" >= 0 AND "wallet_settings"."price_image" >= 0 AND "wallet_settings"."low_balance_threshold" >= 0 AND "wallet_settings"."top_up_min" > 0 AND "wallet_settings"."top_up_max" >= "wallet_settings"."top_up_min")
);
--> statement-breakpoint
CREATE TABLE `wallet_statement_lines` (
	`statement_id` integer NOT NULL,
	`entry_id` integer NOT NULL,
	PRIMARY KEY(`statement_id`, `entry_id`),
	FOREIGN KEY (`statement_id`) REFERENCES `wallet_statements`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`entry_id`) REFERENCES `wallet_entries`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `wallet_statement_lines_entry_unique` ON `wallet_statement_lines` (`entry_id`);--> statement-breakpoint
CREATE TABLE `wallet_statements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`period` text NOT NULL,
	`period_start` integer NOT NULL,
	`period_end` integer NOT NULL,
	`currency` text NOT NULL,
	`total` integer NOT NULL,
	`top_ups` integer NOT NULL,
	`created_at` integer NOT NULL,
	CONSTRAINT "wallet_statements_total" CHECK(typeof("wallet_statements"."total") = 'integer' AND "wallet_statements"."total" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `wallet_statements_period_unique` ON `wallet_statements` (`period`);