CREATE TABLE `collab_clients` (
	`doc_name` text NOT NULL,
	`client_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`first_at` integer NOT NULL,
	PRIMARY KEY(`doc_name`, `client_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
