// Amendments through the live documents: drafts co-written in a group room, tabling that moves them into
// the meeting document, positions and adoptions that every connected client sees, merges that keep
// others' edits. A real collab server on a free port, real SQLite, stock y-websocket clients.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { waitFor } from '../../server/collab/test-kit.ts';
import { amendments, positions, textUnits } from '#lib/server/db/schema.ts';
import { DEMO_MEETING_ID } from '#lib/server/demo/seed.ts';
import {
	discardDraft,
	draftAmendment,
	tableAmendment,
	transitionAmendment
} from '#lib/server/amendments/commands.ts';
import { setPosition } from '#lib/server/amendments/positions.ts';
import {
	GROUP_META_KEY,
	MEETING_KEYS,
	SERVER_ROOT,
	positionKey,
	type LiveAmendment,
	type LiveMerge
} from '#lib/collab/live-records.ts';
import { demoUser } from './demo-users.ts';
import { startCollab, type Client } from './collab-harness.ts';

const M = DEMO_MEETING_ID;
const WORKERS_ROOM = `group/${M}/workers`;
const EMPLOYERS_ROOM = `group/${M}/employers`;

let h: Awaited<ReturnType<typeof startCollab>>;
beforeEach(async () => (h = await startCollab()));
afterEach(() => h.stop());

const u = (username: string) => demoUser(h.db, username);

/** A region of the server's part of a client's copy (a nested Y.Map), or undefined before it exists. */
function region(c: Client, key: string): Y.Map<unknown> | undefined {
	const m = c.doc.getMap<unknown>(SERVER_ROOT).get(key);
	return m instanceof Y.Map ? m : undefined;
}
const drafts = (c: Client) => c.doc.getMap<Y.Text>('drafts');
const liveAmendment = (c: Client, id: string) =>
	region(c, MEETING_KEYS.amendments)?.get(id) as LiveAmendment | undefined;
const rowOf = (id: string) => h.db.select().from(amendments).where(eq(amendments.id, id)).get();

const room = (username: string, docName: string) => h.connectSynced(username, docName);

describe('the group room', () => {
	it("two members co-write a draft; the room is the group's alone; tabling moves it into the meeting", async () => {
		const target = h.unitId('7');
		const original = h.db.select().from(textUnits).where(eq(textUnits.id, target)).get()!.text;
		const member = await room('wkr-member', WORKERS_ROOM);
		const spokes = await room('wkr-spokesperson', WORKERS_ROOM);
		const employers = await room('emp-secretary', EMPLOYERS_ROOM);
		const empMeeting = await room('emp-secretary', `meeting/${M}`);

		const id = await draftAmendment(h.db, u('wkr-member'), M, {
			proposal: { kind: 'change_wording', targetId: target, text: original },
			justification: 'Clearer.'
		});
		// Both members get the draft's wording and what it is about, live.
		await waitFor(() => drafts(member).get(id) && drafts(spokes).get(id));
		expect(region(spokes, GROUP_META_KEY)?.get(id)).toMatchObject({
			id,
			target: { kind: 'change_wording', targetId: target },
			justification: 'Clearer.',
			createdByName: 'Worker member'
		});
		// They type at once, at the two ends.
		drafts(member).get(id)!.insert(0, 'In particular, ');
		const t = drafts(spokes).get(id)!;
		t.insert(t.length, ' Decent work for all.');
		const both = (c: Client) =>
			drafts(c).get(id)?.toString() === `In particular, ${original} Decent work for all.`;
		await waitFor(() => both(member) && both(spokes));

		// Another group sees nothing of it: not in its room, not in the meeting document.
		expect(drafts(employers).size).toBe(0);
		expect(region(employers, GROUP_META_KEY)?.size ?? 0).toBe(0);
		expect(region(empMeeting, MEETING_KEYS.amendments)?.size ?? 0).toBe(0);

		const code = await tableAmendment(h.db, u('wkr-secretary'), M, id, 'group');
		expect(code).toBe('D.1');
		// What is tabled is what they wrote, against the paragraph as it stands.
		expect(rowOf(id)).toMatchObject({
			status: 'tabled',
			proposedText: `In particular, ${original} Decent work for all.`,
			baseText: original
		});
		await waitFor(() => liveAmendment(empMeeting, id)?.code === 'D.1');
		expect(liveAmendment(empMeeting, id)).toMatchObject({
			groupId: 'workers',
			status: 'tabled',
			proposal: {
				kind: 'change_wording',
				targetId: target,
				text: `In particular, ${original} Decent work for all.`
			},
			baseText: original,
			tablerName: "Workers' group secretary",
			justification: 'Clearer.'
		});
		// The draft has left the room.
		await waitFor(() => !drafts(member).has(id) && !region(member, GROUP_META_KEY)?.has(id));
	});

	it('a draft discarded or returned leaves or re-enters the room; members cannot create drafts by hand', async () => {
		const target = h.unitId('2');
		const member = await room('wkr-member', WORKERS_ROOM);
		const id = await draftAmendment(h.db, u('wkr-member'), M, {
			proposal: { kind: 'delete', targetId: target }
		});
		await waitFor(() => drafts(member).has(id));
		await discardDraft(h.db, u('wkr-member'), M, id);
		await waitFor(() => !drafts(member).has(id));
		expect(rowOf(id)).toBeUndefined();

		const kept = await draftAmendment(h.db, u('wkr-member'), M, {
			proposal: { kind: 'change_wording', targetId: target, text: 'Short.' }
		});
		await tableAmendment(h.db, u('wkr-secretary'), M, kept, 'group');
		await waitFor(() => !drafts(member).has(kept));
		await transitionAmendment(h.db, u('secretariat'), M, kept, { type: 'return' });
		await waitFor(() => drafts(member).get(kept)?.toString() === 'Short.');
		expect(region(member, GROUP_META_KEY)?.get(kept)).toMatchObject({ code: 'D.1' });

		// A member's client adding a text of its own to the room is refused (drafts are made by commands).
		drafts(member).set('home-made', new Y.Text('x'));
		expect((await member.closed).code).toBe(4403);
	});
});

describe('positions and adoption, live', () => {
	it('a position set by command appears in every grid at once', async () => {
		const target = h.unitId('4');
		const watcher = await room('gov-kenya', `meeting/${M}`);
		await setPosition(
			h.db,
			u('emp-spokesperson'),
			M,
			{ kind: 'paragraph', unitId: target },
			'employers',
			'oppose',
			'Too broad'
		);
		const key = positionKey({ kind: 'paragraph', unitId: target });
		await waitFor(() => region(watcher, MEETING_KEYS.positions)?.get(key));
		expect(region(watcher, MEETING_KEYS.positions)?.get(key)).toMatchObject({
			employers: { stance: 'oppose', note: 'Too broad', by: "Employers' spokesperson" }
		});
	});

	it('adoption merges into the live paragraph, keeping an edit made elsewhere since tabling, and names the moot', async () => {
		const target = h.unitId('4');
		const editor = await room('emp-member', `meeting/${M}`);
		const text = () => editor.doc.getMap<Y.Text>('texts').get(target)!;
		const original = text().toString();
		const words = original.split(' ');
		// D.1 changes the third word; D.2 changes the same word otherwise (it competes); D.3 the last word.
		const change = (i: number, w: string) => words.map((x, k) => (k === i ? w : x)).join(' ');
		const table = async (who: string, secretary: string, wording: string) => {
			const id = await draftAmendment(h.db, u(who), M, {
				proposal: { kind: 'change_wording', targetId: target, text: wording }
			});
			await tableAmendment(h.db, u(secretary), M, id, 'group');
			return id;
		};
		const d1 = await table('wkr-member', 'wkr-secretary', change(2, 'ALPHA'));
		const d2 = await table('emp-member', 'emp-secretary', change(2, 'BETA'));
		const d3 = await table('emp-member', 'emp-secretary', change(words.length - 1, 'OMEGA.'));
		// Meanwhile a drafting member adds words at the start of the paragraph.
		text().insert(0, 'Moreover, ');
		await waitFor(() => h.collab && liveText(target)?.startsWith('Moreover, '));

		await transitionAmendment(h.db, u('chair'), M, d1, { type: 'call' });
		const outcome = await transitionAmendment(h.db, u('chair'), M, d1, { type: 'adopt' });
		const expected = `Moreover, ${change(2, 'ALPHA')}`;
		expect(outcome.merge).toMatchObject({ unitId: target, conflicts: [], moot: [d2] });
		await waitFor(() => text().toString() === expected);
		expect(h.db.select().from(textUnits).where(eq(textUnits.id, target)).get()?.text).toBe(expected);
		await waitFor(() => region(editor, MEETING_KEYS.merges)?.get(d1));
		expect(region(editor, MEETING_KEYS.merges)?.get(d1) as LiveMerge).toMatchObject({ moot: [d2] });
		expect(liveAmendment(editor, d1)?.status).toBe('adopted');
		expect(outcome.merge?.moot).not.toContain(d3);
	});

	it('a change to words edited since tabling is a conflict for the secretariat; the rest is applied', async () => {
		const target = h.unitId('4');
		const editor = await room('emp-member', `meeting/${M}`);
		const text = () => editor.doc.getMap<Y.Text>('texts').get(target)!;
		const original = text().toString();
		const words = original.split(' ');
		const proposed = words
			.map((w, k) => (k === 1 ? 'FIRST' : k === words.length - 1 ? 'LAST.' : w))
			.join(' ');
		const id = await draftAmendment(h.db, u('wkr-member'), M, {
			proposal: { kind: 'change_wording', targetId: target, text: proposed }
		});
		await tableAmendment(h.db, u('wkr-secretary'), M, id, 'group');
		// Someone rewrites the second word after tabling: the amendment's change there no longer fits.
		const at = words[0]!.length + 1;
		text().delete(at, words[1]!.length);
		text().insert(at, 'EDITED');
		await waitFor(() => liveText(target)?.includes('EDITED'));

		await transitionAmendment(h.db, u('chair'), M, id, { type: 'call' });
		const { merge } = await transitionAmendment(h.db, u('chair'), M, id, { type: 'adopt' });
		expect(merge?.conflicts).toHaveLength(1);
		expect(merge?.conflicts[0]).toMatchObject({ proposed: 'FIRST', current: { text: 'EDITED' } });
		const expected = [words[0], 'EDITED', ...words.slice(2, -1), 'LAST.'].join(' ');
		await waitFor(() => text().toString() === expected);
		await waitFor(
			() => (region(editor, MEETING_KEYS.merges)?.get(id) as LiveMerge | undefined)?.conflicts.length === 1
		);
	});

	it('an adopted insertion adds a unit everyone gets; an adopted deletion marks the paragraph deleted', async () => {
		const after = h.unitId('3');
		const watcher = await room('observer', `meeting/${M}`);
		const ins = await draftAmendment(h.db, u('wkr-member'), M, {
			proposal: {
				kind: 'insert_after',
				afterId: after,
				level: 'paragraph',
				text: 'A new paragraph on decent work.'
			}
		});
		await tableAmendment(h.db, u('wkr-secretary'), M, ins, 'group');
		await transitionAmendment(h.db, u('chair'), M, ins, { type: 'call' });
		await transitionAmendment(h.db, u('chair'), M, ins, { type: 'adopt' });
		// Numbers follow: the new paragraph is 4, the old 4 is now 5.
		const added = h.unitId('4');
		expect(added).not.toBe(after);
		expect(h.db.select().from(textUnits).where(eq(textUnits.id, added)).get()?.text).toBe(
			'A new paragraph on decent work.'
		);
		await waitFor(
			() => watcher.doc.getMap<Y.Text>('texts').get(added)?.toString() === 'A new paragraph on decent work.'
		);
		expect(watcher.doc.getMap<unknown>(SERVER_ROOT).get(MEETING_KEYS.structure)).toBe(1);

		const victim = h.unitId('5');
		const del = await draftAmendment(h.db, u('emp-member'), M, {
			proposal: { kind: 'delete', targetId: victim }
		});
		await tableAmendment(h.db, u('emp-secretary'), M, del, 'group');
		await transitionAmendment(h.db, u('chair'), M, del, { type: 'call' });
		await transitionAmendment(h.db, u('chair'), M, del, { type: 'adopt' });
		const statuses = () =>
			watcher.doc.getMap<unknown>(SERVER_ROOT).get(MEETING_KEYS.statuses) as Record<string, string>;
		await waitFor(() => statuses()[victim] === 'deleted');
		expect(h.db.select().from(textUnits).where(eq(textUnits.id, victim)).get()?.status).toBe('deleted');
	});
});

describe('the copies follow the rows', () => {
	it('a document loaded after rows changed behind its back is brought in line', async () => {
		const target = h.unitId('4');
		const first = await room('chair', `meeting/${M}`);
		first.provider.destroy();
		await waitFor(() => !h.collab.loadedDocuments().includes(`meeting/${M}`));
		// A position written straight into the table (as a crash between commit and copy could leave it).
		h.db
			.insert(positions)
			.values({
				meetingId: M,
				subjectKind: 'paragraph',
				subjectId: target,
				groupId: 'workers',
				stance: 'support',
				note: null,
				setBy: u('wkr-spokesperson').id,
				setAt: new Date()
			})
			.run();
		const later = await room('chair', `meeting/${M}`);
		const key = positionKey({ kind: 'paragraph', unitId: target });
		await waitFor(() => region(later, MEETING_KEYS.positions)?.get(key));
		expect(region(later, MEETING_KEYS.positions)?.get(key)).toMatchObject({ workers: { stance: 'support' } });
		expect(
			h.db
				.select()
				.from(positions)
				.where(and(eq(positions.subjectId, target), eq(positions.groupId, 'workers')))
				.all()
		).toHaveLength(1);
	});
});

/** The server's live copy of a unit's text. */
function liveText(unitId: string): string | undefined {
	const doc = h.collab.liveDocument(`meeting/${M}`);
	const t = doc?.getMap<unknown>('texts').get(unitId);
	return t instanceof Y.Text ? t.toString() : undefined;
}
