-- History in proportion to what changed (HIS-2). The text at an event is, unit by unit, the last version
-- written no later than the event (history.ts), so of the versions written since the meeting's last
-- event only the newest can ever be read: by the next event. A new version therefore replaces the
-- unit's versions written after the last event, however many mirrored changes came between two events.
-- "The last event" is the meeting's latest by seq (its index makes this a lookup, not a scan): events
-- are appended in time order, as history.ts, which reads by time, already assumes.
--
-- First the versions already written that no event can read: each one followed by a later version of
-- its unit with no event of the meeting from its time until that later one's.
CREATE INDEX unit_versions_coalesce_events ON events (meeting_id, at);
--> statement-breakpoint
DELETE FROM unit_versions WHERE seq IN (
	SELECT v.seq FROM (
		SELECT seq, meeting_id, at,
			lead(at) OVER (PARTITION BY meeting_id, unit_id ORDER BY seq) AS next_at
		FROM unit_versions
	) AS v
	WHERE v.next_at IS NOT NULL AND NOT EXISTS (
		SELECT 1 FROM events AS e WHERE e.meeting_id = v.meeting_id AND e.at >= v.at AND e.at < v.next_at
	)
);
--> statement-breakpoint
DROP INDEX unit_versions_coalesce_events;
--> statement-breakpoint
DROP TRIGGER unit_versions_on_update;
--> statement-breakpoint
CREATE TRIGGER unit_versions_on_update AFTER UPDATE OF text ON text_units WHEN NEW.text IS NOT OLD.text BEGIN
	DELETE FROM unit_versions
	WHERE meeting_id = NEW.meeting_id AND unit_id = NEW.id
		AND at > coalesce((SELECT at FROM events WHERE meeting_id = NEW.meeting_id ORDER BY seq DESC LIMIT 1), -1);
	INSERT INTO unit_versions (meeting_id, unit_id, text, at)
	VALUES (NEW.meeting_id, NEW.id, NEW.text, CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
--> statement-breakpoint
-- What an event reads stays: a version at or before the meeting's last event is never deleted (nor
-- changed: unit_versions_no_update). Only the superseded versions after it go, as above.
CREATE TRIGGER unit_versions_no_delete BEFORE DELETE ON unit_versions
WHEN OLD.at <= coalesce((SELECT at FROM events WHERE meeting_id = OLD.meeting_id ORDER BY seq DESC LIMIT 1), -1)
BEGIN
	SELECT RAISE(ABORT, 'unit_versions: this version is the text at an event, an event reads it');
END;
