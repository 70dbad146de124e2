// Broadcast after commit (docs/architecture.md, "Every structured change is a server command"): what a
// command changes in a live document reaches sockets only once its transaction has committed, and never
// when it rolls back. Every socket send is watched here for an open transaction.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { waitFor } from '../../server/collab/test-kit.ts';
import { textUnits } from '#lib/server/db/schema.ts';
import { DEMO_MEETING_ID } from '#lib/server/demo/seed.ts';
import { draftAmendment, tableAmendment } from '#lib/server/amendments/commands.ts';
import { setPosition } from '#lib/server/amendments/positions.ts';
import { decideUnit } from '#lib/server/decisions/commands.ts';
import { command, UnrecordedCommandError } from '#lib/server/kernel/command.ts';
import { MEETING_KEYS, SERVER_ROOT } from '#lib/collab/live-records.ts';
import { demoUser } from './demo-users.ts';
import { MEETING_DOC, startCollab, type Client } from './collab-harness.ts';

const M = DEMO_MEETING_ID;
let h: Awaited<ReturnType<typeof startCollab>>;
let sendsInTransaction: string[];
const originalSend = WebSocket.prototype.send;

beforeEach(async () => {
	h = await startCollab();
	sendsInTransaction = [];
	const db = h.db;
	// Server sockets and the test's clients are the same class: only a send made while the app's one
	// connection is inside a transaction is a fault, and no client sends from inside one.
	WebSocket.prototype.send = function (this: WebSocket, ...args: Parameters<WebSocket['send']>) {
		if (db.$client.inTransaction) sendsInTransaction.push(new Error('send inside a transaction').stack!);
		return originalSend.apply(this, args);
	} as WebSocket['send'];
});
afterEach(async () => {
	WebSocket.prototype.send = originalSend;
	await h.stop();
});

const u = (username: string) => demoUser(h.db, username);
const open = (username: string, docName = MEETING_DOC) => h.connectSynced(username, docName);
const amendmentsOf = (c: Client) => c.doc.getMap<unknown>(SERVER_ROOT).get(MEETING_KEYS.amendments);

describe('COL-3: no socket send inside a transaction', () => {
	it('drafting, tabling, a position and an adoption reach everyone, all sent after COMMIT', async () => {
		const room = await open('wkr-member', `group/${M}/workers`);
		const watcher = await open('gov-kenya');
		const target = h.unitId('7');
		const id = await draftAmendment(h.db, u('wkr-member'), M, {
			proposal: { kind: 'change_wording', targetId: target, text: 'A new wording' },
			justification: ''
		});
		await waitFor(() => room.doc.getMap<Y.Text>('drafts').get(id));
		await tableAmendment(h.db, u('wkr-secretary'), M, id, 'group');
		await waitFor(
			() => amendmentsOf(watcher) instanceof Y.Map && (amendmentsOf(watcher) as Y.Map<unknown>).has(id)
		);
		await setPosition(
			h.db,
			u('emp-spokesperson'),
			M,
			{ kind: 'paragraph', unitId: h.unitId('4') },
			'employers',
			'support'
		);
		const adopted = h.unitId('3');
		await decideUnit(h.db, u('chair'), M, adopted, { type: 'adopt', asAmended: false });
		await waitFor(() => {
			const statuses = watcher.doc.getMap<unknown>(SERVER_ROOT).get(MEETING_KEYS.statuses) as
				Record<string, string> | undefined;
			return statuses?.[adopted] === 'adopted';
		});
		expect(sendsInTransaction).toEqual([]);
	});

	it('a rolled-back change is sent to nobody and stored nowhere, and the next command does not carry it', async () => {
		const watcher = await open('gov-kenya');
		const unit = h.unitId('7');
		const before = watcher.texts.get(unit)!.toString();
		let closed = false;
		watcher.provider.on('status', ({ status }) => {
			if (status === 'disconnected') closed = true;
		});
		await expect(
			command(h.db, { docs: [MEETING_DOC] }, ({ live }) => {
				live.change(MEETING_DOC, (doc) => doc.getMap<Y.Text>('texts').get(unit)!.insert(0, 'ROLLED BACK '));
				throw new Error('the command fails after its live change');
			})
		).rejects.toThrow('the command fails');
		const again = await open('gov-italy');
		expect(again.texts.get(unit)!.toString()).toBe(before);
		expect(watcher.texts.get(unit)!.toString()).toBe(before);
		// KRN-3: the live document was never touched, so nobody had to start again from the disk.
		expect(closed).toBe(false);
		// The next command starts from a fresh fork: what the failed one made is in no update.
		await command(h.db, { docs: [MEETING_DOC] }, ({ live, record }) => {
			record({ meetingId: M, type: 'test.committed', actorUserId: null, payload: {} });
			live.change(MEETING_DOC, (doc) => doc.getMap<Y.Text>('texts').get(unit)!.insert(0, 'COMMITTED '));
		});
		await waitFor(() => watcher.texts.get(unit)!.toString().startsWith('COMMITTED '));
		expect(watcher.texts.get(unit)!.toString()).toBe(`COMMITTED ${before}`);
		expect(watcher.doc.store.pendingStructs).toBeNull();
		h.persistence.mirror.flush(M);
		expect(h.db.select().from(textUnits).where(eq(textUnits.id, unit)).get()!.text).toBe(
			`COMMITTED ${before}`
		);
		expect(sendsInTransaction).toEqual([]);
	});

	it('KRN-2: a command that records no event is refused whole, its change with it', async () => {
		const watcher = await open('gov-kenya');
		const unit = h.unitId('7');
		const before = watcher.texts.get(unit)!.toString();
		await expect(
			command(h.db, { docs: [MEETING_DOC] }, ({ live }) => {
				live.change(MEETING_DOC, (doc) => doc.getMap<Y.Text>('texts').get(unit)!.insert(0, 'UNRECORDED '));
			})
		).rejects.toBeInstanceOf(UnrecordedCommandError);
		const again = await open('gov-italy');
		expect(again.texts.get(unit)!.toString()).toBe(before);
	});
});
