// Many nodes, one meeting (docs/collab-protocol.md, "Between nodes"): two collab servers on one database
// file, each with its own connection, telling each other over a real Redis (tests/services/) what they
// accept. Stock y-websocket clients on different nodes type together; what a command changes, decides or
// revokes on one node reaches the clients of the other. The test process's commands run as node A's
// (the bridge is the last node started's); node B hears of them only through Redis and the database.
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { waitFor } from '../../server/collab/test-kit.ts';
import { invalidateSession } from '#lib/server/auth/session.ts';
import { textUnits } from '#lib/server/db/schema.ts';
import { DEMO_MEETING_ID } from '#lib/server/demo/seed.ts';
import { draftAmendment, tableAmendment } from '#lib/server/amendments/commands.ts';
import { decideUnit } from '#lib/server/decisions/commands.ts';
import { createDocStore } from '#lib/server/collab-store/store.ts';
import { MEETING_KEYS, SERVER_ROOT } from '#lib/collab/live-records.ts';
import { demoUser } from './demo-users.ts';
import { MEETING_DOC, startCollab, type Client } from './collab-harness.ts';

const M = DEMO_MEETING_ID;
type Node = Awaited<ReturnType<typeof startCollab>>;
let a: Node;
let b: Node;

beforeEach(async () => {
	const redis = inject('redisUrl');
	// B first: A, started last, holds the process's bridge, so the test's commands are A's.
	b = await startCollab({ idleUnloadMs: 0 }, undefined, redis);
	a = await startCollab({ idleUnloadMs: 0 }, b.file, redis);
});
afterEach(async () => {
	await a.stop();
	await b.stop();
});

const u = (username: string) => demoUser(a.db, username);
const text = (c: Client, unit: string) => c.texts.get(unit)!.toString();
/** The document as the database holds it, read afresh. */
const stored = () => createDocStore(a.db).loadDoc(MEETING_DOC)!;

describe('two nodes, one meeting', () => {
	it('members on different nodes type in one paragraph at once and converge, on screen and on disk', async () => {
		const unit = a.unitId('7');
		const onA = await a.connectSynced('emp-member');
		const onB = await b.connectSynced('wkr-member');
		const watcher = await b.connectSynced('gov-kenya');
		for (let i = 0; i < 40; i++) {
			onA.texts.get(unit)!.insert(0, 'a');
			onB.texts.get(unit)!.insert(text(onB, unit).length, 'b');
			if (i % 8 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
		}
		const done = (c: Client) => (text(c, unit).match(/[ab]/g) ?? []).length >= 80;
		await waitFor(() => done(onA) && done(onB) && done(watcher));
		await waitFor(() => text(onA, unit) === text(onB, unit) && text(onB, unit) === text(watcher, unit));
		expect(text(onA, unit).match(/a/g)).toHaveLength(40);
		expect(text(onA, unit).match(/b/g)).toHaveLength(40);
		expect(stored().getMap<Y.Text>('texts').get(unit)!.toString()).toBe(text(onA, unit));
		// Both nodes' mirrors follow: the row has the text the clients have.
		await waitFor(
			() => a.db.select().from(textUnits).where(eq(textUnits.id, unit)).get()!.text === text(onA, unit)
		);
	});

	it('presence announced on one node is seen on the other, stamped by the node that authenticated it', async () => {
		const onA = await a.connectSynced('wkr-member');
		const onB = await b.connectSynced('gov-kenya');
		onA.provider.awareness.setLocalStateField('focus', a.unitId('5'));
		onA.provider.awareness.setLocalStateField('user', { name: 'Somebody else' });
		const id = onA.doc.clientID;
		await waitFor(() => (onB.provider.awareness.getStates().get(id) as { focus?: string })?.focus);
		const state = onB.provider.awareness.getStates().get(id) as { user: { name: string } };
		expect(state.user.name).not.toBe('Somebody else');
		expect(state.user.name).toBe('Worker member');
		// Gone on A, gone on B.
		onA.provider.destroy();
		await waitFor(() => !onB.provider.awareness.getStates().has(id));
	});

	it("a command run on node A reaches node B's clients", async () => {
		const watcher = await b.connectSynced('gov-kenya');
		const id = await draftAmendment(a.db, u('wkr-member'), M, {
			proposal: { kind: 'change_wording', targetId: a.unitId('7'), text: 'A new wording' },
			justification: ''
		});
		await tableAmendment(a.db, u('wkr-secretary'), M, id, 'group');
		await waitFor(() => {
			const amendments = watcher.doc.getMap<unknown>(SERVER_ROOT).get(MEETING_KEYS.amendments);
			return amendments instanceof Y.Map && amendments.has(id);
		});
	});

	it('a command on A while the document is live only on B reaches B too (stored, then relayed)', async () => {
		const watcher = await b.connectSynced('gov-kenya');
		expect(a.collab.liveDocument(MEETING_DOC)).toBeNull();
		const adopted = a.unitId('3');
		await decideUnit(a.db, u('chair'), M, adopted, { type: 'adopt', asAmended: false });
		await waitFor(() => {
			const statuses = watcher.doc.getMap<unknown>(SERVER_ROOT).get(MEETING_KEYS.statuses) as
				Record<string, string> | undefined;
			return statuses?.[adopted] === 'adopted';
		});
	});

	it('a paragraph adopted on A refuses a writer connected to B at once', async () => {
		const unit = a.unitId('4');
		await a.connectSynced('gov-italy');
		const writer = await b.connectSynced('emp-member');
		await decideUnit(a.db, u('chair'), M, unit, { type: 'adopt', asAmended: false });
		writer.texts.get(unit)!.insert(0, 'TOO LATE ');
		const closed = await writer.closed;
		expect(closed.code).toBe(4403);
		expect(stored().getMap<Y.Text>('texts').get(unit)!.toString()).not.toContain('TOO LATE');
	});

	it('signing out on A closes the socket held on B within a second (4401)', async () => {
		const member = await b.connectSynced('wkr-member');
		const started = Date.now();
		invalidateSession(a.db, member.sessionId);
		const closed = await Promise.race([
			member.closed,
			new Promise<null>((resolve) => setTimeout(() => resolve(null), 1_000))
		]);
		expect(closed?.code).toBe(4401);
		expect(Date.now() - started).toBeLessThan(1_000);
	});

	it('compaction on A while a member types on B loses nothing', async () => {
		const unit = a.unitId('9');
		const onA = await a.connectSynced('gov-italy');
		const typist = await b.connectSynced('emp-member');
		let compactions = 0;
		const folding = setInterval(() => {
			// A folds only as far as its own copy holds the log without a gap.
			a.persistence.compactor.noteAppended(MEETING_DOC, () => a.collab.liveDocument(MEETING_DOC)!, 1 << 30);
			a.persistence.compactor.flush(MEETING_DOC);
			compactions++;
		}, 3);
		for (let i = 0; i < 150; i++) {
			typist.texts.get(unit)!.insert(0, 'x');
			if (i % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 2));
		}
		await waitFor(() => (text(onA, unit).match(/x/g) ?? []).length === 150);
		clearInterval(folding);
		expect(compactions).toBeGreaterThan(5);
		const snapshots = a.db.$client
			.prepare('SELECT up_to_seq AS at FROM collab_snapshots WHERE doc_name = ?')
			.get(MEETING_DOC) as { at: number } | undefined;
		expect(snapshots?.at).toBeGreaterThan(0);
		expect(stored().getMap<Y.Text>('texts').get(unit)!.toString()).toBe(text(typist, unit));
	});

	it('a node that fell behind a compaction catches up from the snapshot', async () => {
		const unit = a.unitId('9');
		const onB = await b.connectSynced('gov-italy');
		const typist = await a.connectSynced('emp-member');
		for (let i = 0; i < 30; i++) typist.texts.get(unit)!.insert(0, 'y');
		await waitFor(() => (text(onB, unit).match(/y/g) ?? []).length === 30);
		// B stops hearing A (its bus messages lost), A types on and folds it all into a snapshot.
		const heldBefore = b.collab.heldUpTo(MEETING_DOC)!;
		await b.stopHearing();
		for (let i = 0; i < 30; i++) typist.texts.get(unit)!.insert(0, 'z');
		await waitFor(() => a.collab.heldUpTo(MEETING_DOC)! >= heldBefore + 30);
		a.persistence.compactor.noteAppended(MEETING_DOC, () => a.collab.liveDocument(MEETING_DOC)!, 1 << 30);
		a.persistence.compactor.flush(MEETING_DOC);
		// B's poll (RLY-3) finds it, from the snapshot (RLY-4).
		await waitFor(() => (text(onB, unit).match(/z/g) ?? []).length === 30, 5_000);
		expect(text(onB, unit)).toBe(text(typist, unit));
	});
});
