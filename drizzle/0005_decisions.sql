CREATE TABLE `unit_brackets` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`unit_id` text NOT NULL,
	`start` text NOT NULL,
	`end` text NOT NULL,
	`words` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `unit_brackets_unit_idx` ON `unit_brackets` (`meeting_id`,`unit_id`);--> statement-breakpoint
ALTER TABLE `events` ADD `sitting_id` text;--> statement-breakpoint
ALTER TABLE `meetings` ADD `current_sitting_id` text;--> statement-breakpoint
ALTER TABLE `meetings` ADD `focus_unit_id` text;--> statement-breakpoint
ALTER TABLE `meetings` ADD `focus_amendment_id` text;--> statement-breakpoint
ALTER TABLE `meetings` ADD `quorum` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `meetings` ADD `conclusions_adopted_at` integer;