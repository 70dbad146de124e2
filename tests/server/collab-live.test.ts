// Live co-editing through the app's collaboration server: real SQLite, real sessions, stock clients.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import { waitFor } from '../../server/collab/test-kit.ts';
import { CloseCode } from '../../server/collab/index.ts';
import { securityEvents, textUnits } from '#lib/server/db/schema.ts';
import { MEETING_DOC, startCollab, type Client } from './collab-harness.ts';

let h: Awaited<ReturnType<typeof startCollab>>;
beforeEach(async () => (h = await startCollab()));
afterEach(() => h.stop());

const synced = (c: Client) => waitFor(() => c.provider.synced && c.texts.size > 0);
const textOf = (c: Client, id: string) => c.texts.get(id)?.toString();
/** The server's own copy, as any newcomer would get it. */
async function serverText(id: string): Promise<string | undefined> {
	const probe = h.connect('observer');
	await synced(probe);
	const text = textOf(probe, id);
	probe.provider.destroy();
	return text;
}

describe('co-editing a paragraph', () => {
	it('two drafting committee members type in the same paragraph at once and converge', async () => {
		const id = h.unitId('5(iii)');
		const a = h.connect('wkr-member');
		const b = h.connect('emp-member');
		await Promise.all([synced(a), synced(b)]);
		const original = textOf(a, id)!;
		a.texts.get(id)!.insert(0, 'WORKERS ');
		b.texts.get(id)!.insert(original.length, ' EMPLOYERS');
		await waitFor(
			() =>
				textOf(a, id) === textOf(b, id) &&
				textOf(a, id)!.includes('EMPLOYERS') &&
				textOf(a, id)!.includes('WORKERS')
		);
		expect(textOf(a, id)).toBe(`WORKERS ${original} EMPLOYERS`);
		expect(await serverText(id)).toBe(`WORKERS ${original} EMPLOYERS`);
		// The structured copy follows, for pages and exports.
		h.persistence.mirror.flush('ttmlm-2013');
		expect(
			h.db.select({ text: textUnits.text }).from(textUnits).where(eq(textUnits.id, id)).get()?.text
		).toBe(`WORKERS ${original} EMPLOYERS`);
	});

	it('edits made offline sync on reconnect where they are still permitted', async () => {
		const id = h.unitId('2(ii)');
		const a = h.connect('wkr-member');
		const b = h.connect('observer');
		await Promise.all([synced(a), synced(b)]);
		a.provider.disconnect();
		a.texts.get(id)!.insert(0, 'Offline: ');
		a.texts.get(id)!.delete(0, 3); // typed and corrected while offline
		a.provider.connect();
		await waitFor(() => textOf(b, id)?.startsWith('line: '));
		expect(textOf(b, id)).toBe(textOf(a, id));
	});
});

describe('what the server refuses', () => {
	async function refused(username: string, act: (c: Client) => void) {
		const id = h.unitId('5(iii)');
		const writer = h.connect(username);
		const bystander = h.connect('wkr-member');
		await Promise.all([synced(writer), synced(bystander)]);
		const before = { text: textOf(bystander, id), sv: Y.encodeStateVector(bystander.doc) };
		act(writer);
		const closed = await writer.closed;
		// Nothing applied, nothing broadcast: the bystander still has exactly what it had.
		await new Promise((resolve) => setTimeout(resolve, 50)); // give a wrong broadcast the chance to arrive
		expect(textOf(bystander, id)).toBe(before.text);
		expect(Y.encodeStateVector(bystander.doc)).toEqual(before.sv);
		expect(bystander.provider.wsconnected).toBe(true);
		expect(await serverText(id)).toBe(before.text);
		return closed;
	}

	it("an observer's update is rejected whole and recorded", async () => {
		const id = h.unitId('5(iii)');
		const closed = await refused('observer', (c) => c.texts.get(id)!.insert(0, 'OBSERVER WAS HERE '));
		expect(closed.code).toBe(CloseCode.FORBIDDEN);
		const events = h.db
			.select()
			.from(securityEvents)
			.all()
			.map((e) => e.type);
		expect(events).toContain('collab.security');
	});

	it('an edit to a locked (adopted) paragraph is rejected', async () => {
		const id = h.unitId('5(iii)');
		h.db.update(textUnits).set({ status: 'adopted' }).where(eq(textUnits.id, id)).run();
		const closed = await refused('wkr-member', (c) => c.texts.get(id)!.insert(0, 'TOO LATE '));
		expect(closed.code).toBe(CloseCode.FORBIDDEN);
	});

	it("writes to the server's region, new root types and map keys are rejected", async () => {
		expect((await refused('secretariat', (c) => c.doc.getMap('server').set('statuses', {}))).code).toBe(
			CloseCode.FORBIDDEN
		);
		expect((await refused('secretariat', (c) => c.doc.getText('evil').insert(0, 'x'))).code).toBe(
			CloseCode.FORBIDDEN
		);
		expect((await refused('secretariat', (c) => c.texts.set('new-unit', new Y.Text('smuggled')))).code).toBe(
			CloseCode.FORBIDDEN
		);
		const id = h.unitId('5(i)');
		expect((await refused('secretariat', (c) => c.texts.get(id)!.format(0, 3, { bold: true }))).code).toBe(
			CloseCode.FORBIDDEN
		);
	});

	it('a reconnect whose sync step 2 carries a forbidden change is refused whole, allowed part included', async () => {
		const open = h.unitId('3(i)');
		const locked = h.unitId('3(ii)');
		const a = h.connect('wkr-member');
		const b = h.connect('emp-member');
		await Promise.all([synced(a), synced(b)]);
		a.provider.disconnect();
		h.db.update(textUnits).set({ status: 'adopted' }).where(eq(textUnits.id, locked)).run();
		a.texts.get(open)!.insert(0, 'ALLOWED ');
		a.texts.get(locked)!.insert(0, 'LOCKED ');
		const before = textOf(b, open);
		a.provider.connect();
		expect((await a.closed).code).toBe(CloseCode.FORBIDDEN);
		expect(textOf(b, open)).toBe(before);
		expect(await serverText(open)).toBe(before);
	});
});

describe('durability', () => {
	it('every accepted update is in SQLite before anyone else sees it, and survives a restart', async () => {
		const id = h.unitId('1');
		const a = h.connect('wkr-member');
		const b = h.connect('observer');
		await Promise.all([synced(a), synced(b)]);
		let storedWhenSeen = -1;
		b.doc.on('update', (_u: Uint8Array, origin: unknown) => {
			if (origin === b.provider && textOf(b, id)?.includes('DURABLE') && storedWhenSeen < 0) {
				const doc = h.persistence.store.loadDoc(MEETING_DOC)!;
				storedWhenSeen = doc.getMap<Y.Text>('texts').get(id)!.toString().includes('DURABLE') ? 1 : 0;
			}
		});
		a.texts.get(id)!.insert(0, 'DURABLE ');
		await waitFor(() => storedWhenSeen >= 0);
		expect(storedWhenSeen).toBe(1);
		await h.restart();
		expect(h.collab.loadedDocuments()).toEqual([]);
		// Shutdown flushed: the log was folded into a snapshot, and the text copied to text_units.
		expect(h.persistence.store.stats(MEETING_DOC).updates).toBe(0);
		expect(h.persistence.store.load(MEETING_DOC).state).not.toBeNull();
		expect(
			h.db.select({ text: textUnits.text }).from(textUnits).where(eq(textUnits.id, id)).get()?.text
		).toMatch(/^DURABLE /);
		expect((await serverText(id))?.startsWith('DURABLE ')).toBe(true);
	});
});

describe('Yjs client ids', () => {
	it('nobody writes under another participant’s client id', async () => {
		const id = h.unitId('6');
		const a = h.connect('wkr-member');
		const b = h.connect('emp-member');
		await Promise.all([synced(a), synced(b)]);
		a.texts.get(id)!.insert(0, 'A1 ');
		await waitFor(() => textOf(b, id)?.startsWith('A1 '));
		// A forged update: A's client id, A's next clock, in a paragraph the forger may edit. (Yjs would
		// switch a doc's id on seeing its own id from elsewhere, so the id is forced after syncing.)
		const forge = new Y.Doc();
		Y.applyUpdate(forge, Y.encodeStateAsUpdate(b.doc));
		forge.clientID = a.doc.clientID;
		let forged: Uint8Array | null = null;
		forge.on('update', (u: Uint8Array) => (forged = u));
		forge.getMap<Y.Text>('texts').get(id)!.insert(0, 'SQUAT ');
		const frame = encoding.createEncoder();
		encoding.writeVarUint(frame, 0);
		encoding.writeVarUint(frame, 2);
		encoding.writeVarUint8Array(frame, forged!);
		const before = textOf(b, id);
		const ws = new WebSocket(`${h.base}/collab/${MEETING_DOC}`, {
			headers: { cookie: h.cookieFor('gov-italy'), origin: h.origin }
		});
		const code = await new Promise<number>((resolve) => {
			ws.once('open', () => ws.send(encoding.toUint8Array(frame)));
			ws.once('close', (c) => resolve(c));
		});
		expect(code).toBe(CloseCode.FORBIDDEN);
		expect(textOf(b, id)).toBe(before);
		// A's own next edit still goes through.
		a.texts.get(id)!.insert(0, 'A2 ');
		await waitFor(() => textOf(b, id)?.startsWith('A2 A1 '));
	});
});
