-- The history (HIS-n), as on SQLite: drizzle/0008_unit_versions.sql and drizzle/0010_unit_versions_coalesce.sql
-- say why each rule is there; these are their plpgsql twins and must behave the same (the contract test
-- tests/server/pg-schema-triggers.test.ts runs one set of scenarios on both engines).
--
-- Times are whole ms since the epoch, as SQLite's CAST(unixepoch('subsec') * 1000 AS INTEGER): per
-- statement like SQLite's 'now' (statement_timestamp(), not the transaction's now()), truncated, not
-- rounded, so that a version is never a millisecond after an event the app stamps in the same one.
-- SQLite's data steps (0008's first versions of existing units, 0010's cleanup of old ones) have no
-- twin: text_units and unit_versions are new on this engine, so empty here.
CREATE FUNCTION unit_versions_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO unit_versions (meeting_id, unit_id, text, at)
	VALUES (NEW.meeting_id, NEW.id, NEW.text, (floor(extract(epoch from statement_timestamp()) * 1000))::bigint);
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER unit_versions_on_insert AFTER INSERT ON text_units FOR EACH ROW EXECUTE FUNCTION unit_versions_on_insert();
--> statement-breakpoint
-- 0010's coalescing: a new version replaces the unit's versions written after the meeting's last event
-- (by seq), which no event can read; -1 when the meeting has no event yet, as on SQLite.
CREATE FUNCTION unit_versions_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM unit_versions
	WHERE meeting_id = NEW.meeting_id AND unit_id = NEW.id
		AND at > coalesce((SELECT at FROM events WHERE meeting_id = NEW.meeting_id ORDER BY seq DESC LIMIT 1), -1);
	INSERT INTO unit_versions (meeting_id, unit_id, text, at)
	VALUES (NEW.meeting_id, NEW.id, NEW.text, (floor(extract(epoch from statement_timestamp()) * 1000))::bigint);
	RETURN NULL;
END;
$$;
--> statement-breakpoint
-- UPDATE OF text: only when the statement sets text, as SQLite's; IS DISTINCT FROM is SQLite's IS NOT.
CREATE TRIGGER unit_versions_on_update AFTER UPDATE OF text ON text_units FOR EACH ROW
WHEN (NEW.text IS DISTINCT FROM OLD.text) EXECUTE FUNCTION unit_versions_on_update();
--> statement-breakpoint
CREATE FUNCTION unit_versions_no_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'unit_versions is append-only';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER unit_versions_no_update BEFORE UPDATE ON unit_versions FOR EACH ROW EXECUTE FUNCTION unit_versions_no_update();
--> statement-breakpoint
-- What an event reads stays. (SQLite puts the condition in the trigger's WHEN; PostgreSQL allows no
-- subquery there, so it is tested in the function.)
CREATE FUNCTION unit_versions_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF OLD.at <= coalesce((SELECT at FROM events WHERE meeting_id = OLD.meeting_id ORDER BY seq DESC LIMIT 1), -1) THEN
		RAISE EXCEPTION 'unit_versions: this version is the text at an event, an event reads it';
	END IF;
	RETURN OLD;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER unit_versions_no_delete BEFORE DELETE ON unit_versions FOR EACH ROW EXECUTE FUNCTION unit_versions_no_delete();
--> statement-breakpoint
-- TRUNCATE, which SQLite lacks, would pass by the row triggers: it is refused whenever a DELETE of every
-- row would be, so this engine has no way round the rule that SQLite does not have.
CREATE FUNCTION unit_versions_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF EXISTS (
		SELECT 1 FROM unit_versions AS v
		WHERE v.at <= coalesce((SELECT e.at FROM events AS e WHERE e.meeting_id = v.meeting_id ORDER BY e.seq DESC LIMIT 1), -1)
	) THEN
		RAISE EXCEPTION 'unit_versions: this version is the text at an event, an event reads it';
	END IF;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER unit_versions_no_truncate BEFORE TRUNCATE ON unit_versions FOR EACH STATEMENT EXECUTE FUNCTION unit_versions_no_truncate();
