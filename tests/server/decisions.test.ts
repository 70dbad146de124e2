// The Chair's decisions through the live server: real SQLite, the collab endpoint on a free port, stock
// y-websocket clients. Locks, races, brackets that follow the words, the record's events.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { and, asc, eq, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import { waitFor } from '../../server/collab/test-kit.ts';
import { events, meetings, sittings, textUnits } from '#lib/server/db/schema.ts';
import { DEMO_MEETING_ID } from '#lib/server/demo/seed.ts';
import { decideUnit, setCurrentSitting, setFocus } from '#lib/server/decisions/commands.ts';
import { recordOfProceedings } from '#lib/server/record/proceedings.ts';
import { MEETING_KEYS, SERVER_ROOT } from '#lib/collab/live-records.ts';
import { refusalAsync } from '../support/refusal.ts';
import { demoUser } from './demo-users.ts';
import { startCollab, type Client } from './collab-harness.ts';

const M = DEMO_MEETING_ID;
let h: Awaited<ReturnType<typeof startCollab>>;
beforeEach(async () => (h = await startCollab()));
afterEach(() => h.stop());

const u = (username: string) => demoUser(h.db, username);
const chair = () => u('chair');
const statusOf = (id: string) => h.db.select().from(textUnits).where(eq(textUnits.id, id)).get()?.status;
const liveStatus = (c: Client, id: string) =>
	(c.doc.getMap<unknown>(SERVER_ROOT).get(MEETING_KEYS.statuses) as Record<string, string> | undefined)?.[id];
const eventsOf = (type: string) =>
	h.db.select().from(events).where(eq(events.type, type)).orderBy(asc(events.seq)).all();

async function member(username = 'emp-member'): Promise<Client> {
	const c = h.connect(username);
	await waitFor(() => c.provider.synced && c.texts.size > 0);
	return c;
}

describe('adoption locks the paragraph', () => {
	it('for everyone at once: a keystroke after it is refused and the text stays as adopted', async () => {
		const id = h.unitId('4');
		const typist = await member();
		const adopted = typist.texts.get(id)!.toString();
		await decideUnit(h.db, chair(), M, id, { type: 'adopt', asAmended: false });
		expect(statusOf(id)).toBe('adopted');
		await waitFor(() => liveStatus(typist, id) === 'adopted');
		typist.texts.get(id)!.insert(0, 'Too late: ');
		expect((await typist.closed).code).toBe(4403);
		const fresh = await member('wkr-member');
		expect(fresh.texts.get(id)!.toString()).toBe(adopted);
	});

	it('two adoption clicks at once make one decision; the second is told it was taken', async () => {
		const id = h.unitId('6');
		const results = await Promise.allSettled([
			decideUnit(h.db, chair(), M, id, { type: 'adopt', asAmended: false }),
			decideUnit(h.db, chair(), M, id, { type: 'adopt', asAmended: false })
		]);
		expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
		const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
		expect(refused.reason).toMatchObject({ status: 409, key: 'decision.wrongStatus' });
		expect(eventsOf('unit.adopt')).toHaveLength(1);
	});

	it('only the Chair decides; reopening needs a reason that goes on the record', async () => {
		const id = h.unitId('1');
		for (const who of ['secretariat', 'gov-coordinator', 'wkr-spokesperson'])
			expect(await refusalAsync(() => decideUnit(h.db, u(who), M, id, { type: 'defer' }))).toEqual({
				status: 403,
				key: 'decision.notChair'
			});
		await decideUnit(h.db, chair(), M, id, { type: 'adopt', asAmended: false });
		expect(statusOf(id)).toBe('adopted');
		expect(
			await refusalAsync(() => decideUnit(h.db, chair(), M, id, { type: 'reopen', reason: ' ' }))
		).toEqual({
			status: 400,
			key: 'decision.reasonRequired'
		});
		await decideUnit(h.db, chair(), M, id, { type: 'reopen', reason: 'The Workers asked to revisit it.' });
		expect(statusOf(id)).toBe('under_discussion');
		expect(eventsOf('unit.reopen').map((e) => e.payload)).toEqual([
			expect.objectContaining({
				unitId: id,
				reference: '1',
				from: 'adopted',
				to: 'under_discussion',
				reason: 'The Workers asked to revisit it.'
			})
		]);
	});

	it('deleting a paragraph deletes its subparagraphs; every event carries the sitting in progress', async () => {
		const sitting = h.db
			.select()
			.from(sittings)
			.where(and(eq(sittings.meetingId, M), eq(sittings.number, 3)))
			.get()!;
		h.db.update(meetings).set({ currentSittingId: sitting.id }).where(eq(meetings.id, M)).run();
		const id = h.unitId('7');
		const subs = ['7(i)', '7(ii)'].map((r) => h.unitId(r));
		await decideUnit(h.db, chair(), M, id, { type: 'delete' });
		expect([id, ...subs].map(statusOf)).toEqual(['deleted', 'deleted', 'deleted']);
		const [e] = eventsOf('unit.delete');
		expect(e?.sittingId).toBe(sitting.id);
		expect(e?.payload).toMatchObject({ reference: '7', to: 'deleted' });
	});
});

describe('square brackets', () => {
	it('stay around the same words while the paragraph is edited; the paragraph is adopted once they are settled', async () => {
		const id = h.unitId('8');
		const typist = await member();
		const text = typist.texts.get(id)!.toString();
		const words = 'social dialogue';
		const start = text.indexOf(words);
		expect(start).toBeGreaterThan(0);
		await decideUnit(h.db, chair(), M, id, { type: 'bracket', start, end: start + words.length });
		expect(statusOf(id)).toBe('bracketed');
		await waitFor(() => liveStatus(typist, id) === 'bracketed');
		// Someone types before the brackets: they move with the words.
		typist.texts.get(id)!.insert(0, 'Indeed, ');
		await waitFor(() => liveText(id)?.startsWith('Indeed, '));
		const [bracket] = eventsOf('unit.bracket');
		expect(bracket?.payload).toMatchObject({ words, from: 'draft', to: 'bracketed' });
		expect(
			await refusalAsync(() => decideUnit(h.db, chair(), M, id, { type: 'adopt', asAmended: false }))
		).toEqual({
			status: 409,
			key: 'decision.bracketsOpen'
		});
		// The record of removing them names the same words, found where they are now.
		await decideUnit(h.db, chair(), M, id, {
			type: 'unbracket',
			bracketId: String(bracket?.payload['bracketId'])
		});
		expect(eventsOf('unit.unbracket')[0]?.payload).toMatchObject({ words, to: 'under_discussion' });
		await decideUnit(h.db, chair(), M, id, { type: 'adopt', asAmended: false });
		expect(statusOf(id)).toBe('adopted');
	});

	it('are refused around nothing or over other brackets', async () => {
		const id = h.unitId('8');
		expect(
			await refusalAsync(() => decideUnit(h.db, chair(), M, id, { type: 'bracket', start: 5, end: 5 }))
		).toEqual({
			status: 400,
			key: 'decision.badBracket'
		});
		await decideUnit(h.db, chair(), M, id, { type: 'bracket', start: 0, end: 10 });
		expect(
			await refusalAsync(() => decideUnit(h.db, chair(), M, id, { type: 'bracket', start: 5, end: 15 }))
		).toEqual({
			status: 400,
			key: 'decision.overlappingBracket'
		});
	});
});

describe("the Chair's focus", () => {
	it('takes a paragraph up for discussion and tells every page', async () => {
		const id = h.unitId('5(iii)');
		const watcher = await member('observer');
		await setFocus(h.db, chair(), M, { unitId: id, amendmentId: null });
		expect(statusOf(id)).toBe('under_discussion');
		await waitFor(
			() =>
				(watcher.doc.getMap<unknown>(SERVER_ROOT).get(MEETING_KEYS.focus) as { unitId?: string } | null)
					?.unitId === id
		);
		expect(eventsOf('unit.discuss')).toHaveLength(1);
		// Taking it up again is no new decision.
		await setFocus(h.db, chair(), M, { unitId: id, amendmentId: null });
		expect(eventsOf('unit.discuss')).toHaveLength(1);
		expect(await refusalAsync(() => setFocus(h.db, u('secretariat'), M, null))).toEqual({
			status: 403,
			key: 'decision.notChair'
		});
		expect(
			h.db
				.select({ n: sql<number>`count(*)` })
				.from(events)
				.where(eq(events.type, 'unit.discuss'))
				.get()?.n
		).toBe(1);
	});
});

function liveText(unitId: string): string | undefined {
	const t = h.collab.liveDocument(`meeting/${M}`)?.getMap<unknown>('texts').get(unitId);
	return t instanceof Y.Text ? t.toString() : undefined;
}

describe('the sitting in progress and taking up a bracketed paragraph', () => {
	it('the secretariat declares the sitting; events carry it; the record leaves taking-up out', async () => {
		const third = h.db
			.select()
			.from(sittings)
			.where(and(eq(sittings.meetingId, M), eq(sittings.number, 3)))
			.get()!;
		expect(await refusalAsync(() => setCurrentSitting(h.db, chair(), M, third.id))).toEqual({
			status: 403,
			key: 'policy.notSecretariat'
		});
		expect(await refusalAsync(() => setCurrentSitting(h.db, u('secretariat'), M, 'no-such-sitting'))).toEqual(
			{
				status: 404,
				key: 'sitting.unknown'
			}
		);
		await setCurrentSitting(h.db, u('secretariat'), M, third.id);
		const id = h.unitId('2');
		await setFocus(h.db, chair(), M, { unitId: id, amendmentId: null });
		await decideUnit(h.db, chair(), M, id, { type: 'defer' });
		expect(eventsOf('unit.defer')[0]?.sittingId).toBe(third.id);
		const record = recordOfProceedings(h.db, u('observer').id, M);
		expect(record.map((s) => [s.sitting?.number, s.entries.length])).toEqual([[3, 1]]);
	});

	it('taking up a paragraph with words in brackets keeps it bracketed (DEC-2, DEC-6)', async () => {
		const id = h.unitId('8');
		await decideUnit(h.db, chair(), M, id, { type: 'bracket', start: 0, end: 6 });
		await setFocus(h.db, chair(), M, { unitId: id, amendmentId: null });
		expect(statusOf(id)).toBe('bracketed');
		expect(eventsOf('unit.discuss')).toHaveLength(0);
	});
});
