CREATE TABLE `unit_versions` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meeting_id` text NOT NULL,
	`unit_id` text NOT NULL,
	`text` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `unit_versions_unit_idx` ON `unit_versions` (`meeting_id`,`unit_id`,`seq`);--> statement-breakpoint
-- Versions are written by the database itself, whatever code changes a text (and never changed after).
CREATE TRIGGER unit_versions_on_insert AFTER INSERT ON text_units BEGIN
	INSERT INTO unit_versions (meeting_id, unit_id, text, at)
	VALUES (NEW.meeting_id, NEW.id, NEW.text, CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER unit_versions_on_update AFTER UPDATE OF text ON text_units WHEN NEW.text IS NOT OLD.text BEGIN
	INSERT INTO unit_versions (meeting_id, unit_id, text, at)
	VALUES (NEW.meeting_id, NEW.id, NEW.text, CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER unit_versions_no_update BEFORE UPDATE ON unit_versions BEGIN
	SELECT RAISE(ABORT, 'unit_versions is append-only');
END;
--> statement-breakpoint
-- The units that exist already get their first version now.
INSERT INTO unit_versions (meeting_id, unit_id, text, at)
SELECT meeting_id, id, text, CAST(unixepoch('subsec') * 1000 AS INTEGER) FROM text_units;
