CREATE TABLE `statements` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`kind` text NOT NULL,
	`unit_id` text,
	`speaker_id` text NOT NULL,
	`speaker_group` text NOT NULL,
	`speaker_country` text,
	`on_behalf_of_group` integer NOT NULL,
	`text` text NOT NULL,
	`recorded_by` text NOT NULL,
	`sitting_id` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`speaker_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `statements_meeting_idx` ON `statements` (`meeting_id`,`at`);--> statement-breakpoint
CREATE TABLE `votes` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`subject_kind` text NOT NULL,
	`subject_id` text NOT NULL,
	`ballot` text NOT NULL,
	`tally` text NOT NULL,
	`result` text NOT NULL,
	`recorded_by` text NOT NULL,
	`sitting_id` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `votes_meeting_idx` ON `votes` (`meeting_id`,`at`);