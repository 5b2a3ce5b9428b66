CREATE TABLE `campaign_audience` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`kind` text NOT NULL,
	`ref_id` integer,
	`label` text,
	`deleted_at` integer,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `campaign_audience_campaign_idx` ON `campaign_audience` (`campaign_id`,`kind`);--> statement-breakpoint
CREATE INDEX `campaign_audience_ref_idx` ON `campaign_audience` (`kind`,`ref_id`);--> statement-breakpoint
CREATE TABLE `campaign_daily` (
	`channel_id` integer NOT NULL,
	`day` text NOT NULL,
	`messages` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`channel_id`, `day`),
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `campaign_parts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`position` integer NOT NULL,
	`kind` text NOT NULL,
	`text` text,
	`variants` text,
	`file_path` text,
	`file_name` text,
	`mime` text,
	`size` integer,
	`caption` text,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `campaign_parts_position_unique` ON `campaign_parts` (`campaign_id`,`position`);--> statement-breakpoint
CREATE TABLE `campaign_recipients` (
	`id` integer PRIMARY KEY NOT NULL,
	`campaign_id` integer NOT NULL,
	`contact_id` integer NOT NULL,
	`phone` text NOT NULL,
	`checked_at` integer,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `campaign_recipients_contact_unique` ON `campaign_recipients` (`campaign_id`,`contact_id`);--> statement-breakpoint
CREATE TABLE `campaign_units` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`recipient_id` integer NOT NULL,
	`position` integer NOT NULL,
	`kind` text NOT NULL,
	`state` text NOT NULL,
	`charged` integer DEFAULT false NOT NULL,
	`refunded` integer DEFAULT false NOT NULL,
	`body` text,
	`variant` integer,
	`spins` text,
	`message_id` text,
	`sending_at` integer,
	`sent_at` integer,
	`delivery` text,
	`failure` text,
	`reconcile_tries` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `campaign_units_campaign_state_idx` ON `campaign_units` (`campaign_id`,`state`);--> statement-breakpoint
CREATE UNIQUE INDEX `campaign_units_recipient_position_unique` ON `campaign_units` (`recipient_id`,`position`);--> statement-breakpoint
CREATE INDEX `campaign_units_message_idx` ON `campaign_units` (`message_id`) WHERE message_id IS NOT NULL;--> statement-breakpoint
CREATE TABLE `campaign_warning_acks` (
	`channel_id` integer PRIMARY KEY NOT NULL,
	`acknowledged_at` integer NOT NULL,
	`actor` text NOT NULL,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `campaigns` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`channel_id` integer NOT NULL,
	`title` text NOT NULL,
	`description` text,
	`title_fold` text NOT NULL,
	`description_fold` text DEFAULT '' NOT NULL,
	`status` text NOT NULL,
	`pacing` text NOT NULL,
	`scheduled_at` integer,
	`queued_at` integer,
	`started_at` integer,
	`finished_at` integer,
	`pause_reason` text,
	`pause_detail` text,
	`recipients_at` integer,
	`recipients` integer DEFAULT 0 NOT NULL,
	`opted_out` integer DEFAULT 0 NOT NULL,
	`notices` text DEFAULT '[]' NOT NULL,
	`duplicated_from` integer,
	`n_pending` integer DEFAULT 0 NOT NULL,
	`n_sending` integer DEFAULT 0 NOT NULL,
	`n_sent` integer DEFAULT 0 NOT NULL,
	`n_failed` integer DEFAULT 0 NOT NULL,
	`n_invalid` integer DEFAULT 0 NOT NULL,
	`n_skipped` integer DEFAULT 0 NOT NULL,
	`n_unknown` integer DEFAULT 0 NOT NULL,
	`n_delivered` integer DEFAULT 0 NOT NULL,
	`n_read` integer DEFAULT 0 NOT NULL,
	`last_sent_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`channel_id`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `campaigns_channel_created_idx` ON `campaigns` (`channel_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `campaigns_channel_status_queue_idx` ON `campaigns` (`channel_id`,`status`,`queued_at`,`id`);