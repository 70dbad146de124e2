// How much history the text costs (HIS-1, HIS-2): typing mirrored into text_units between two events keeps
// one version of the unit, not one per mirrored change, and the text at every event is still exact. The
// live server, a real client typing, the real mirror and the database's own triggers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { waitFor } from '../../server/collab/test-kit.ts';
import { events, unitVersions } from '#lib/server/db/schema.ts';
import { DEMO_MEETING_ID } from '#lib/server/demo/seed.ts';
import { compareEvents, textAtEvent } from '#lib/server/record/history.ts';
import { decideUnit } from '#lib/server/decisions/commands.ts';
import { openDatabase } from '#lib/server/db/index.ts';
import { applyMigrations, MIGRATIONS_FOLDER } from '#lib/server/db/migrate.ts';
import { demoUser } from './demo-users.ts';
import { liveServerText, syncedMember } from './live-meeting.ts';
import { startCollab, type Client } from './collab-harness.ts';

const M = DEMO_MEETING_ID;
let h: Awaited<ReturnType<typeof startCollab>>;

const u = (username: string) => demoUser(h.db, username);
const member = (username: string) => syncedMember(h, username);
const serverText = (id: string) => liveServerText(h, id);

/** The versions kept of one unit: how many, and their characters together. */
const versionsOf = (unitId: string) =>
	h.db
		.select({
			rows: sql<number>`count(*)`,
			chars: sql<number>`coalesce(sum(length(${unitVersions.text})), 0)`
		})
		.from(unitVersions)
		.where(and(eq(unitVersions.meetingId, M), eq(unitVersions.unitId, unitId)))
		.get()!;

/** An event of the meeting on another unit (the Chair defers it): the moment the history is read at. */
async function event(reference: string): Promise<number> {
	await decideUnit(h.db, u('chair'), M, h.unitId(reference), { type: 'defer' });
	return h.db
		.select({ seq: events.seq })
		.from(events)
		.where(eq(events.meetingId, M))
		.orderBy(sql`${events.seq} desc`)
		.get()!.seq;
}

const textAt = (seq: number, unitId: string) =>
	textAtEvent(h.db, u('observer').id, M, seq)!.text.body.find((b) => b.id === unitId)?.text;

/** Types `count` words at the start of the unit, each mirrored into text_units before the next. */
async function type(client: Client, unitId: string, count: number, word: string): Promise<void> {
	for (let i = 0; i < count; i++) {
		const typed = `${word}${i} `;
		client.texts.get(unitId)!.insert(0, typed);
		await waitFor(() => serverText(unitId)?.startsWith(typed));
		h.persistence.mirror.flush(M);
	}
}

describe('the history of a unit’s text', () => {
	beforeEach(async () => (h = await startCollab()));
	afterEach(() => h.stop());

	it('HIS-2: forty mirrored changes between two events keep one version; the text at each event is exact', async () => {
		const id = h.unitId('6');
		const typist = await member('emp-member');
		const first = await event('7');
		const atFirst = serverText(id)!;
		const before = versionsOf(id);

		await type(typist, id, 40, 'w');
		const typed = versionsOf(id);
		// One version since the event, however many changes were mirrored: O(1) rows, O(the text) bytes.
		expect(typed.rows - before.rows).toBe(1);
		expect(typed.chars - before.chars).toBe(serverText(id)!.length);

		const second = await event('8');
		const atSecond = serverText(id)!;
		expect(textAt(first, id)).toBe(atFirst);
		expect(textAt(second, id)).toBe(atSecond);

		// After the second event, more typing: the version the second event reads stays, one more is kept.
		await type(typist, id, 10, 'v');
		expect(versionsOf(id).rows - before.rows).toBe(2);
		const third = await event('9');
		expect(textAt(first, id)).toBe(atFirst);
		expect(textAt(second, id)).toBe(atSecond);
		expect(textAt(third, id)).toBe(serverText(id));
		expect(compareEvents(h.db, u('observer').id, M, first, second)).toContainEqual(
			expect.objectContaining({ unitId: id, before: atFirst, after: atSecond })
		);
	});

	it('HIS-2: a version some event reads cannot be deleted; nor changed (append-only)', async () => {
		const id = h.unitId('6');
		await event('7');
		const sqlite = h.db.$client;
		expect(() => sqlite.prepare('DELETE FROM unit_versions WHERE unit_id = ?').run(id)).toThrow(
			/an event reads it/
		);
		expect(() =>
			sqlite.prepare(`UPDATE unit_versions SET text = 'forged' WHERE unit_id = ?`).run(id)
		).toThrow(/append-only/);
		expect(versionsOf(id).rows).toBeGreaterThan(0);
	});
});

describe('the migration that coalesces versions', () => {
	it('HIS-2: keeps, of the versions already written, exactly those some event reads, and the newest', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dr-versions-'));
		try {
			// The migrations as they were before this one, then all of them: an existing database upgraded.
			const before = path.join(dir, 'before');
			fs.cpSync(MIGRATIONS_FOLDER, before, { recursive: true });
			const journalFile = path.join(before, 'meta', '_journal.json');
			const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
			const at = journal.entries.findIndex((e) => e.tag.endsWith('_unit_versions_coalesce'));
			expect(at).toBeGreaterThan(0);
			journal.entries = journal.entries.slice(0, at);
			fs.writeFileSync(journalFile, JSON.stringify(journal));
			const db = openDatabase(path.join(dir, 'old.db'));
			applyMigrations(db, before);
			const sqlite = db.$client;
			sqlite
				.prepare(
					`INSERT INTO meetings (id, title, venue, start_date, end_date) VALUES ('m', 'M', 'Geneva', '2013-11-04', '2013-11-08')`
				)
				.run();
			const version = sqlite.prepare(
				`INSERT INTO unit_versions (meeting_id, unit_id, text, at) VALUES ('m', ?, ?, ?)`
			);
			const event = sqlite.prepare(
				`INSERT INTO events (meeting_id, type, at, payload) VALUES ('m', 'x', ?, '{}')`
			);
			for (const [unit, text, time] of [
				['a', 'a1', 1000],
				['a', 'a2', 2000],
				['a', 'a3', 3000],
				['b', 'b1', 3500],
				['a', 'a4', 5000],
				['a', 'a5', 6000],
				['b', 'b2', 6500],
				['a', 'a6', 8000],
				['a', 'a7', 9000]
			] as const)
				version.run(unit, text, time);
			event.run(4000);
			event.run(7000);

			applyMigrations(db);
			const kept = sqlite.prepare(`SELECT text FROM unit_versions ORDER BY seq`).pluck().all();
			// a3 and b1 are the text at the first event, a5 and b2 at the second; a7 is the newest.
			expect(kept).toEqual(['a3', 'b1', 'a5', 'b2', 'a7']);
			sqlite.close();
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});
