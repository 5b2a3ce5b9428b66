CREATE TABLE `channels` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`name_fold` text NOT NULL,
	`phone` text NOT NULL,
	`engine` text NOT NULL,
	`default_country` text DEFAULT 'TR' NOT NULL,
	`want_connected` integer DEFAULT false NOT NULL,
	`connected_phone` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `channels_name_fold_unique` ON `channels` (`name_fold`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
