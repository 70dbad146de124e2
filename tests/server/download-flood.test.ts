// Recording downloads (issue 11, point 9c): the event log is append-only and read by the record, so one
// person downloading in a loop must not flood it. The seeded demo meeting on a real SQLite file.
import { beforeEach, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '#lib/server/db/index.ts';
import { events, outputDownloads } from '#lib/server/db/schema.ts';
import { DEMO_MEETING_ID } from '#lib/server/demo/seed.ts';
import { DOWNLOAD_WINDOW_MS, downloadOutput, outputRequest } from '#lib/server/outputs/download.ts';
import { demoCopies } from './demo-copy.ts';

const M = DEMO_MEETING_ID;
const demo = demoCopies();
let db: Db;
beforeEach(() => (db = demo.db));

const downloadEvents = (userId: string) =>
	db
		.select()
		.from(events)
		.where(and(eq(events.meetingId, M), eq(events.type, 'output.downloaded'), eq(events.actorUserId, userId)))
		.orderBy(asc(events.seq))
		.all();

describe('downloads in the event log (SEC-3)', () => {
	it('SEC-3: 500 downloads by an observer in a loop are one event, the first, with the repeats counted apart', async () => {
		const observer = demo.user('observer');
		const at = new Date(2026, 10, 22, 10, 0, 0);
		const first = await downloadOutput(db, observer, M, outputRequest('conclusions', 'txt'), at);
		for (let i = 1; i < 500; i++)
			await downloadOutput(db, observer, M, outputRequest('conclusions', 'txt'), new Date(at.getTime() + i));
		const recorded = downloadEvents(observer.id);
		expect(recorded.length, 'output.downloaded events for 500 downloads').toBe(1);
		expect(recorded[0]!.payload).toMatchObject({
			what: 'conclusions',
			format: 'txt',
			via: 'web',
			bytes: first.bytes.length
		});
		const repeats = db.select().from(outputDownloads).where(eq(outputDownloads.userId, observer.id)).all();
		expect(repeats).toEqual([
			expect.objectContaining({
				eventSeq: recorded[0]!.seq,
				repeats: 499,
				lastAt: new Date(at.getTime() + 499)
			})
		]);
	}, 120_000);

	it('SEC-3: downloads at once are one event too; another format, or a later window, is a new one', async () => {
		const observer = demo.user('observer');
		const at = new Date(2026, 10, 22, 10, 0, 0);
		await Promise.all(
			Array.from({ length: 20 }, () =>
				downloadOutput(db, observer, M, outputRequest('conclusions', 'txt'), at)
			)
		);
		expect(downloadEvents(observer.id)).toHaveLength(1);
		await downloadOutput(db, observer, M, outputRequest('conclusions', 'html'), at);
		expect(downloadEvents(observer.id)).toHaveLength(2);
		const later = new Date(at.getTime() + DOWNLOAD_WINDOW_MS);
		await downloadOutput(db, observer, M, outputRequest('conclusions', 'txt'), later);
		const recorded = downloadEvents(observer.id);
		expect(recorded.map((e) => e.payload['format'])).toEqual(['txt', 'html', 'txt']);
		// Someone else's download is theirs, whatever the observer did.
		const member = demo.user('wkr-member');
		await downloadOutput(db, member, M, outputRequest('conclusions', 'txt'), later);
		expect(downloadEvents(member.id)).toHaveLength(1);
	}, 60_000);
});
