CREATE TABLE `amendments` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`code` text,
	`group_id` text NOT NULL,
	`kind` text NOT NULL,
	`target_id` text,
	`after_id` text,
	`level` text,
	`parent_id` text,
	`proposed_text` text,
	`justification` text,
	`status` text DEFAULT 'draft' NOT NULL,
	`created_by` text NOT NULL,
	`tabled_by` text,
	`capacity` text,
	`tabled_country` text,
	`seconded_by` text,
	`seconded_country` text,
	`base_text` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`tabled_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`seconded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `amendments_meeting_code_uq` ON `amendments` (`meeting_id`,`code`);--> statement-breakpoint
CREATE INDEX `amendments_meeting_idx` ON `amendments` (`meeting_id`,`status`);--> statement-breakpoint
CREATE TABLE `positions` (
	`meeting_id` text NOT NULL,
	`subject_kind` text NOT NULL,
	`subject_id` text NOT NULL,
	`group_id` text NOT NULL,
	`stance` text NOT NULL,
	`note` text,
	`set_by` text NOT NULL,
	`set_at` integer NOT NULL,
	PRIMARY KEY(`meeting_id`, `subject_kind`, `subject_id`, `group_id`),
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`set_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
