// The command kernel (docs/architecture.md, "The command kernel", KRN-1 … KRN-4): one path for every
// structured change, checked in the code as it stands and against the live collab server.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { waitFor } from '../../server/collab/test-kit.ts';
import { events } from '#lib/server/db/schema.ts';
import { DEMO_MEETING_ID } from '#lib/server/demo/seed.ts';
import { setFocus } from '#lib/server/decisions/commands.ts';
import { command } from '#lib/server/kernel/command.ts';
import { MEETING_KEYS, SERVER_ROOT } from '#lib/collab/live-records.ts';
import { demoUser } from './demo-users.ts';
import { startCollab } from './collab-harness.ts';

const M = DEMO_MEETING_ID;

function sources(...dirs: string[]): string[] {
	const files: string[] = [];
	const walk = (dir: string) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(full);
			else if (/\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) files.push(full);
		}
	};
	for (const dir of dirs) walk(dir);
	return files;
}

describe('KRN-2: one path', () => {
	// Transactions that are not commands, each for a reason: the storage itself, start-up, the sign-in
	// throttles (no event: a flood of them must not flood the log), the download tally (repeats are
	// counted, not recorded), and the collab server's own appends and text mirror.
	const notCommands = new Map([
		['src/lib/server/kernel/transaction.ts', 'the kernel’s transaction'],
		['src/lib/server/kernel/live-changes.ts', 'a document built under the write lock'],
		['src/lib/server/collab-store/store.ts', 'the document log'],
		['src/lib/server/storage/sqlite-doc-log.ts', 'the document log port'],
		['src/lib/server/storage/pg/doc-log.ts', 'the document log port'],
		['src/lib/server/db/migrate.ts', 'migrations'],
		['src/lib/server/demo/seed.ts', 'the demo seed'],
		['src/lib/server/auth/throttle.ts', 'sign-in throttles'],
		['src/lib/server/outputs/download.ts', 'the download tally'],
		['server/collab-app.ts', 'a document loaded'],
		['server/collab-mirror.ts', 'the text mirror']
	]);

	it('no module opens a transaction of its own but the kernel and the storage it stands on', () => {
		const files = sources('src/lib/server', 'server');
		expect(files.length).toBeGreaterThan(50);
		const opening = files.filter((f) => /\.transaction\(/.test(fs.readFileSync(f, 'utf8')));
		expect(opening.filter((f) => !notCommands.has(f))).toEqual([]);
		// The list is kept honest too: a file that no longer opens one leaves it.
		expect([...notCommands.keys()].filter((f) => !opening.includes(f))).toEqual([]);
	});

	it('events are appended only by the kernel’s record, the demo seed and the download tally', () => {
		const appending = sources('src/lib/server', 'server').filter((f) =>
			/\bappendEvent\(/.test(fs.readFileSync(f, 'utf8'))
		);
		expect(appending.sort()).toEqual(
			[
				'src/lib/server/events.ts',
				'src/lib/server/kernel/command.ts',
				'src/lib/server/demo/seed.ts',
				'src/lib/server/outputs/download.ts'
			].sort()
		);
	});
});

describe('the kernel against a live meeting', () => {
	let h: Awaited<ReturnType<typeof startCollab>>;
	beforeEach(async () => {
		h = await startCollab();
	});
	afterEach(() => h.stop());

	const eventCount = () => h.db.select().from(events).where(eq(events.meetingId, M)).all().length;

	it('a body that returns a promise is refused before anything commits', async () => {
		const before = eventCount();
		await expect(
			command(h.db, { meetingId: M }, (({ record }: { record: (e: unknown) => void }) => {
				record({ meetingId: M, type: 'test.async', actorUserId: null, payload: {} });
				return Promise.resolve();
			}) as never)
		).rejects.toThrow(/must be synchronous/);
		expect(eventCount()).toBe(before);
	});

	it('KRN-2: setting the focus is on the record, with the unit it names', async () => {
		const unitId = h.unitId('7');
		await setFocus(h.db, demoUser(h.db, 'chair'), M, { unitId, amendmentId: null });
		const focus = h.db
			.select({ payload: events.payload })
			.from(events)
			.where(eq(events.type, 'meeting.focus'))
			.all();
		expect(focus.map((e) => e.payload)).toEqual([{ unitId, amendmentId: null }]);
	});

	it('KRN-3: a node’s commands on a document write under one client id, not a new one each', async () => {
		const watcher = await h.connectSynced('gov-kenya');
		const before = new Set(Y.decodeStateVector(Y.encodeStateVector(watcher.doc)).keys());
		const chair = demoUser(h.db, 'chair');
		const units = ['3', '4', '5', '6'].map((n) => h.unitId(n));
		for (const unitId of units) await setFocus(h.db, chair, M, { unitId, amendmentId: null });
		const focusOf = () =>
			(watcher.doc.getMap<unknown>(SERVER_ROOT).get(MEETING_KEYS.focus) as { unitId?: string } | null)
				?.unitId;
		await waitFor(() => focusOf() === units.at(-1));
		const added = [...Y.decodeStateVector(Y.encodeStateVector(watcher.doc)).keys()].filter(
			(c) => !before.has(c)
		);
		expect(added).toHaveLength(1);
	});
});
