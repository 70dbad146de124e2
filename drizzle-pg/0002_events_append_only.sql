-- The event log is append-only: it is how the meeting proves what happened. As on SQLite (drizzle/0001),
-- the database refuses to change or remove an event, whatever the code does: row triggers for UPDATE and
-- DELETE, and a statement trigger for TRUNCATE, which row triggers do not see.
CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'events are append-only';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER events_no_update BEFORE UPDATE OR DELETE ON events FOR EACH ROW EXECUTE FUNCTION events_append_only();
--> statement-breakpoint
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events FOR EACH STATEMENT EXECUTE FUNCTION events_append_only();
