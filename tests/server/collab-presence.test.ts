import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as encoding from 'lib0/encoding';
import { waitFor } from '../../server/collab/test-kit.ts';
import { CloseCode } from '../../server/collab/index.ts';
import { MEETING_DOC, startCollab } from './collab-harness.ts';
import { presenceColour } from '#lib/collab/colour.ts';

let h: Awaited<ReturnType<typeof startCollab>>;
beforeEach(async () => (h = await startCollab()));
afterEach(() => h.stop());

/** A raw awareness message (type 1) claiming `state` for `clientId`. */
function awarenessMessage(clientId: number, state: unknown, clock = 1): Uint8Array {
	const inner = encoding.createEncoder();
	encoding.writeVarUint(inner, 1);
	encoding.writeVarUint(inner, clientId);
	encoding.writeVarUint(inner, clock);
	encoding.writeVarString(inner, JSON.stringify(state));
	const outer = encoding.createEncoder();
	encoding.writeVarUint(outer, 1);
	encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
	return encoding.toUint8Array(outer);
}

function rawSocket(username: string): Promise<WebSocket> {
	const ws = new WebSocket(`${h.base}/collab/${MEETING_DOC}`, {
		headers: { cookie: h.cookieFor(username), origin: h.origin }
	});
	return new Promise((resolve, reject) => {
		ws.once('open', () => resolve(ws));
		ws.once('error', reject);
	});
}

describe('presence', () => {
	it('is stamped with the session: a client claiming to be someone else appears as itself', async () => {
		const a = h.connect('wkr-member');
		const b = h.connect('emp-member');
		a.provider.awareness.setLocalStateField('user', { name: 'The Chairperson', color: '#000' });
		a.provider.awareness.setLocalStateField('focus', 'p-1');
		const seen = await waitFor(() => b.provider.awareness.getStates().get(a.doc.clientID));
		expect(seen.user).toMatchObject({ name: 'Worker member', group: 'workers', role: 'drafting_committee' });
		expect(seen.user.color).toMatch(/^#[0-9a-f]{6}$/);
		expect(seen.focus).toBe('p-1');
	});

	it('nobody speaks for another user’s presence; it leaves when its socket goes', async () => {
		const a = h.connect('wkr-member');
		const b = h.connect('emp-member');
		a.provider.awareness.setLocalStateField('focus', null); // an untouched state (clock 0) is not sent
		await waitFor(() => b.provider.awareness.getStates().has(a.doc.clientID));
		// The stock client relays what it hears, so a foreign entry is dropped, not punished: the forger's
		// own presence, sent in the same message, still goes through, stamped with its real name.
		const forger = await rawSocket('observer');
		forger.send(awarenessMessage(a.doc.clientID, { focus: 'forged', user: { name: 'Forged' } }, 99));
		forger.send(awarenessMessage(777, { focus: 'mine', user: { name: 'The Chairperson' } }));
		const own = await waitFor(() => b.provider.awareness.getStates().get(777));
		expect(own.user.name).toBe('Observer');
		expect(b.provider.awareness.getStates().get(a.doc.clientID)).toMatchObject({
			focus: null,
			user: { name: 'Worker member' }
		});
		expect(forger.readyState).toBe(WebSocket.OPEN);

		a.provider.disconnect();
		await waitFor(() => !b.provider.awareness.getStates().has(a.doc.clientID));
	});
});

describe('limits', () => {
	it('a flood of messages closes that connection only (4429); the others stay', async () => {
		const calm = h.connect('emp-member');
		await waitFor(() => calm.provider.wsconnected && calm.provider.synced);
		const flooder = await rawSocket('wkr-member');
		const closed = new Promise<number>((resolve) => flooder.once('close', (code) => resolve(code)));
		for (let i = 0; i < 1000 && flooder.readyState === WebSocket.OPEN; i++)
			flooder.send(awarenessMessage(12345, { n: i }, i + 1));
		expect(await closed).toBe(CloseCode.RATE_LIMITED);
		expect(calm.provider.wsconnected).toBe(true);
		const later = h.connect('observer');
		await waitFor(() => later.provider.synced);
	});
});

describe('presence colours', () => {
	it('the server stamps the colour the page computes for itself', async () => {
		const a = h.connect('wkr-member');
		const b = h.connect('emp-member');
		a.provider.awareness.setLocalStateField('focus', null);
		const seen = await waitFor(() => b.provider.awareness.getStates().get(a.doc.clientID));
		expect(seen.user.color).toBe(presenceColour(seen.user.userId));
	});
});
