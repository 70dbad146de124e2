-- The event log is append-only: it is how the meeting proves what happened. The application has no code
-- path that updates or deletes an event; these triggers make the database refuse it as well.
CREATE TRIGGER `events_no_update` BEFORE UPDATE ON `events`
BEGIN
	SELECT RAISE(ABORT, 'events are append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `events_no_delete` BEFORE DELETE ON `events`
BEGIN
	SELECT RAISE(ABORT, 'events are append-only');
END;
