CREATE TABLE `collab_leases` (
	`doc_name` text PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`until` integer NOT NULL
);
