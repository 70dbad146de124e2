CREATE TABLE `output_downloads` (
	`meeting_id` text NOT NULL,
	`user_id` text NOT NULL,
	`what` text NOT NULL,
	`format` text NOT NULL,
	`stamp` text NOT NULL,
	`line_numbers` integer NOT NULL,
	`event_seq` integer NOT NULL,
	`first_at` integer NOT NULL,
	`last_at` integer NOT NULL,
	`repeats` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`meeting_id`, `user_id`, `what`, `format`, `stamp`, `line_numbers`),
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `sign_in_throttles` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer NOT NULL,
	`last_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sign_in_throttles_last_idx` ON `sign_in_throttles` (`last_at`);