// Yjs client ids and presence ids belong to the user who first announced or used them (validator
// README, VAL-OWN-1 and VAL-OWN-2). Presence messages tell everyone a client's id before its first edit;
// someone writing under it would take the clocks the owner's offline typing needs, and that typing
// would vanish on reconnect, from the server and from the owner's own screen. Someone announcing
// presence under it while the owner is away would hide the owner when they come back.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { waitFor } from '../../server/collab/test-kit.ts';
import { startCollab, type Client } from './collab-harness.ts';

let h: Awaited<ReturnType<typeof startCollab>>;
beforeEach(async () => (h = await startCollab()));
afterEach(() => h.stop());

/** A document that writes under `clientId`, as a forger's would. */
function docAs(clientId: number): Y.Doc {
	const doc = new Y.Doc();
	doc.clientID = clientId;
	return doc;
}

async function synced(c: Client): Promise<Client> {
	await waitFor(() => c.provider.synced);
	return c;
}

describe('VAL-OWN-1: nobody writes under a client id another participant has announced', () => {
	it("a colleague's offline typing survives someone writing under the id their presence announced", async () => {
		const unit = h.unitId('7');
		const owner = await synced(h.connect('wkr-member'));
		const watcher = await synced(h.connect('gov-kenya'));
		// The owner is present (their id is announced to everyone) but has not typed yet.
		owner.provider.awareness.setLocalStateField('focus', unit);
		const id = owner.doc.clientID;
		await waitFor(() => watcher.provider.awareness.getStates().get(id));
		// The owner goes offline and types.
		owner.provider.disconnect();
		owner.texts.get(unit)!.insert(0, 'Offline words. ');

		// Another drafting member writes a run under the owner's id, then deletes it under his own.
		const squatter = h.connect('emp-member', docAs(id));
		const refused = await Promise.race([
			squatter.closed,
			synced(squatter).then(async () => {
				squatter.texts.get(unit)!.insert(0, 'Squatted. ');
				return squatter.closed;
			})
		]);
		expect(refused.code).toBe(4403);
		expect(refused.reason).toMatch(/client id/);

		// The owner comes back: their offline words are on the server and still on their own screen.
		owner.provider.connect();
		await waitFor(() => watcher.texts.get(unit)!.toString().startsWith('Offline words. '));
		expect(owner.texts.get(unit)!.toString()).toMatch(/^Offline words. /);
		expect(watcher.texts.get(unit)!.toString()).not.toContain('Squatted');
	});

	it('an id already in the document but owned by nobody (the server wrote under it) is not taken', async () => {
		const unit = h.unitId('7');
		await synced(h.connect('gov-italy'));
		// The first load built the document under the server's client id of that run; after a restart
		// the server writes under another, and that one is owned by nobody.
		await h.restart();
		const watcher = await synced(h.connect('gov-kenya'));
		const used = [...Y.decodeStateVector(Y.encodeStateVector(watcher.doc)).keys()];
		expect(used.length).toBeGreaterThan(0);
		// A copy of the document that then writes under that id, from where its clocks stand (Yjs would
		// give a fresh document a new id the moment it received writes under its own).
		const forged = new Y.Doc();
		Y.applyUpdate(forged, Y.encodeStateAsUpdate(watcher.doc));
		forged.clientID = used[0]!;
		const squatter = await synced(h.connect('emp-member', forged));
		squatter.texts.get(unit)!.insert(0, 'Squatted. ');
		const closed = await squatter.closed;
		expect(closed.code).toBe(4403);
		expect(watcher.texts.get(unit)!.toString()).not.toContain('Squatted');
	});
});

describe('VAL-OWN-1: the database decides, not a node’s memory', () => {
	it('one client id announced at once on two nodes of one database goes to one user', async () => {
		const other = await startCollab({ idleUnloadMs: 0 }, h.file);
		try {
			const id = 4_242_424;
			const a = h.connect('wkr-member', docAs(id));
			const b = other.connect('emp-member', docAs(id));
			await Promise.all([synced(a), synced(b)]);
			// Both announce their presence under the id at the same moment, each on its own node.
			a.provider.awareness.setLocalStateField('focus', 'a');
			b.provider.awareness.setLocalStateField('focus', 'b');
			const owners = () =>
				h.db.$client
					.prepare<[number], { user: string }>(
						'SELECT user_id AS user FROM collab_clients WHERE client_id = ?'
					)
					.all(id);
			await waitFor(() => owners().length === 1);
			// Both then write under it: only the owner's edit is taken, the other is refused (4403).
			const unit = h.unitId('7');
			a.texts.get(unit)!.insert(0, 'From A. ');
			b.texts.get(unit)!.insert(0, 'From B. ');
			const refused = await Promise.race([
				a.closed.then((c) => ({ who: 'wkr-member', ...c })),
				b.closed.then((c) => ({ who: 'emp-member', ...c }))
			]);
			expect(refused.code).toBe(4403);
			const owner = owners()[0]!.user;
			const ownerName = h.db.$client
				.prepare<[string], { username: string }>('SELECT username FROM users WHERE id = ?')
				.get(owner)!.username;
			expect(refused.who).not.toBe(ownerName);
		} finally {
			await other.stop();
		}
	});
});

describe('VAL-OWN-2: presence ids stay their owners’ while they are away', () => {
	it('someone announcing presence under an absent participant’s id does not hide them when they return', async () => {
		const owner = await synced(h.connect('wkr-member'));
		const watcher = await synced(h.connect('gov-kenya'));
		owner.provider.awareness.setLocalStateField('focus', 'here');
		const id = owner.doc.clientID;
		await waitFor(() => watcher.provider.awareness.getStates().get(id)?.user?.name === 'Worker member');
		owner.provider.disconnect();
		await waitFor(() => !watcher.provider.awareness.getStates().has(id));

		// While the owner is away, someone else announces presence under their id.
		const squatter = await synced(h.connect('emp-member', docAs(id)));
		squatter.provider.awareness.setLocalStateField('focus', 'squatting');
		// Positive control: the squatter's own presence is relayed under an id of its own.
		const own = await synced(h.connect('emp-member'));
		own.provider.awareness.setLocalStateField('focus', 'control');
		await waitFor(() => watcher.provider.awareness.getStates().get(own.doc.clientID)?.focus === 'control');
		expect(watcher.provider.awareness.getStates().get(id)).toBeUndefined();

		// The owner returns and is seen again, as themselves.
		owner.provider.connect();
		owner.provider.awareness.setLocalStateField('focus', 'back');
		const seen = await waitFor(() => {
			const state = watcher.provider.awareness.getStates().get(id);
			return state?.focus === 'back' ? state : null;
		});
		expect(seen.user.name).toBe('Worker member');
	});
});
