CREATE TABLE `contact_attributes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`label` text NOT NULL,
	`type` text NOT NULL,
	`options` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contact_attributes_key_unique` ON `contact_attributes` (`key`);--> statement-breakpoint
CREATE TABLE `contacts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`channel_id` integer NOT NULL,
	`phone` text NOT NULL,
	`name` text,
	`push_name` text,
	`email` text,
	`attributes` text DEFAULT '{}' NOT NULL,
	`source` text NOT NULL,
	`sort_name` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`last_message_at` integer,
	`opted_out` integer DEFAULT false NOT NULL,
	`opted_out_at` integer,
	`opt_out_reason` text,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contacts_channel_phone_unique` ON `contacts` (`channel_id`,`phone`);--> statement-breakpoint
CREATE INDEX `contacts_channel_name_idx` ON `contacts` (`channel_id`,`sort_name`,`id`);--> statement-breakpoint
CREATE INDEX `contacts_channel_last_message_idx` ON `contacts` (`channel_id`,`last_message_at`,`id`);--> statement-breakpoint
CREATE INDEX `contacts_channel_created_idx` ON `contacts` (`channel_id`,`created_at`,`id`);