import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from './close-codes.ts';
import { encodeSyncUpdate } from './protocol.ts';
import {
	closeOf,
	meetingDoc,
	opened,
	ORIGINAL_TEXTS,
	startHarness,
	textsOf,
	upgradeResponse,
	waitFor,
	type Harness,
	type HarnessOptions
} from './test-kit.ts';

let harness: Harness | null = null;
async function start(options?: HarnessOptions): Promise<Harness> {
	harness = await startHarness(options);
	return harness;
}
afterEach(async () => {
	await harness?.close();
	harness = null;
});

function serverDoc(h: Harness, index = 0): Y.Doc {
	const doc = h.docs[index];
	if (doc === undefined) throw new Error(`no doc #${index} was loaded`);
	return doc;
}

function deferred<T>() {
	let resolve!: (value: T) => void;
	let reject!: (error: unknown) => void;
	const promise = new Promise<T>((res, rej) => {
		resolve = res;
		reject = rej;
	});
	return { promise, resolve, reject };
}

describe('a member', () => {
	it('receives the meeting texts and stays connected after its (empty) step 2', async () => {
		const h = await start();
		const alice = h.provider('alice');
		await alice.synced();
		expect(textsOf(alice.doc)).toEqual(ORIGINAL_TEXTS);
		expect(alice.doc.getMap('server').get('discussing')).toBe('p1');
		await alice.roundTrip();
		expect(alice.closeCodes).toEqual([]);
		expect(h.collab.connectionCount()).toBe(1);
		expect(h.logs.filter((e) => e.type === 'connected')).toEqual([
			{ type: 'connected', docName: 'meeting/m1', userId: 'alice' }
		]);
	});

	it('reconnecting with a synced doc whose state includes deletions is not an edit', async () => {
		const h = await start({ options: { idleUnloadMs: 60_000 } });
		const alice = h.provider('alice');
		await alice.synced();
		serverDoc(h).getMap<Y.Text>('texts').get('p1')?.delete(0, 4); // "The "
		await waitFor(() => textsOf(alice.doc).p1 === 'Conference recognizes');
		alice.provider.disconnect();
		await waitFor(() => h.collab.connectionCount() === 0);
		alice.provider.connect();
		await alice.synced();
		await alice.roundTrip();
		expect(alice.closeCodes).toEqual([]);
		expect(textsOf(serverDoc(h)).p1).toBe('Conference recognizes');
		expect(h.logs.some((e) => e.type === 'security')).toBe(false);
	});

	it('answers query-awareness with the (empty) server awareness', async () => {
		const h = await start();
		const ws = h.raw('alice');
		const messages: Uint8Array[] = [];
		ws.on('message', (data: Buffer) => messages.push(new Uint8Array(data)));
		await opened(ws);
		// On connect: sync step 1, then awareness. Then the answer to the query.
		await waitFor(() => messages.length === 2);
		ws.send(new Uint8Array([3]));
		await waitFor(() => messages.length === 3);
		const decoder = decoding.createDecoder(messages[2] ?? new Uint8Array());
		expect(decoding.readVarUint(decoder)).toBe(1);
		const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
		expect(decoding.readVarUint(update)).toBe(0); // number of awareness states
		expect(Array.from(messages[0]?.subarray(0, 2) ?? [])).toEqual([0, 0]); // sync step 1
	});
});

describe('upgrade refusals', () => {
	it.each([
		{
			name: 'no session cookie',
			user: null,
			path: '/collab/meeting/m1',
			status: 401,
			body: 'sign in required'
		},
		{
			name: 'unknown session',
			user: 'mallory',
			path: '/collab/meeting/m1',
			status: 401,
			body: 'sign in required'
		},
		{ name: 'not a member', user: 'carol', path: '/collab/meeting/m1', status: 403, body: 'not a member' },
		{
			name: 'unknown meeting',
			user: 'alice',
			path: '/collab/meeting/m2',
			status: 404,
			body: 'no such meeting'
		},
		{
			name: 'bad doc name',
			user: 'alice',
			path: '/collab/meeting/m1/extra',
			status: 404,
			body: 'unknown document'
		},
		{
			name: 'dot segment',
			user: 'alice',
			path: '/collab/meeting/../m1',
			status: 404,
			body: 'unknown document'
		},
		{
			name: 'encoded slash',
			user: 'alice',
			path: '/collab/meeting%2Fm1',
			status: 404,
			body: 'unknown document'
		},
		{ name: 'bare /collab', user: 'alice', path: '/collab', status: 404, body: 'unknown document' },
		{
			name: 'a group room of no group',
			user: 'alice',
			path: '/collab/group/m1',
			status: 404,
			body: 'unknown document'
		}
	])('$name → $status', async ({ user, path, status, body }) => {
		const h = await start();
		const response = await upgradeResponse(h.raw(user, path));
		expect(response).toEqual({ status, body: body + '\n' });
		expect(h.loads).toEqual([]);
		expect(h.logs).toContainEqual(
			expect.objectContaining({ type: 'upgrade-refused', detail: `${status} ${body}` })
		);
	});

	it('a foreign or missing Origin → 403, before the session is even looked at', async () => {
		let sessionLookups = 0;
		const h = await start({
			overrides: {
				async authenticate() {
					sessionLookups++;
					return { userId: 'alice', name: 'Alice Chair' };
				}
			}
		});
		const path = '/collab/meeting/m1';
		const foreign = h.raw('alice', path, {
			headers: { cookie: 'session=alice', origin: 'https://evil.test' }
		});
		expect(await upgradeResponse(foreign)).toEqual({ status: 403, body: 'origin not allowed\n' });
		const missing = h.raw('alice', path, { headers: { cookie: 'session=alice' } });
		expect(await upgradeResponse(missing)).toEqual({ status: 403, body: 'origin not allowed\n' });
		expect(sessionLookups).toBe(0);
		expect(await upgradeResponse(h.raw('alice', path))).toEqual({ status: 101, body: '' });
		expect(sessionLookups).toBe(1);
	});

	it('paths outside /collab are left to the caller', async () => {
		const h = await start();
		const ws = h.raw('alice', '/collaborate/meeting/m1');
		const closed = await new Promise<string>((resolve) => {
			ws.on('unexpected-response', () => resolve('http response'));
			ws.on('close', () => resolve('socket destroyed'));
		});
		// The harness destroys sockets that handleUpgrade declined: no HTTP answer came from the collab server.
		expect(closed).toBe('socket destroyed');
		expect(h.logs).toEqual([]);
	});

	it('an authenticate that throws → 500, and the server stays up', async () => {
		let calls = 0;
		const h = await start({
			overrides: {
				async authenticate() {
					calls++;
					if (calls === 1) throw new Error('session store down');
					return { userId: 'alice', name: 'Alice Chair' };
				}
			}
		});
		expect(await upgradeResponse(h.raw('alice'))).toEqual({ status: 500, body: 'internal error\n' });
		expect(h.logs).toContainEqual(
			expect.objectContaining({ type: 'internal-error', detail: 'upgrade: session store down' })
		);
		const alice = h.provider('alice');
		await alice.synced();
		expect(textsOf(alice.doc)).toEqual(ORIGINAL_TEXTS);
	});
});

describe('read-only stage', () => {
	it('a client that edits is closed with 4403; the server doc and other clients are untouched', async () => {
		const h = await start();
		const alice = h.provider('alice');
		const bob = h.provider('bob');
		await Promise.all([alice.synced(), bob.synced()]);

		alice.doc.getMap<Y.Text>('texts').get('p1')?.insert(0, 'HACKED ');
		await waitFor(() => alice.closeCodes.includes(CloseCode.FORBIDDEN));

		expect(textsOf(serverDoc(h))).toEqual(ORIGINAL_TEXTS);
		expect(alice.provider.shouldConnect).toBe(false); // the stock client does not retry a 44xx close
		expect(h.logs).toContainEqual(
			expect.objectContaining({ type: 'security', userId: 'alice', docName: 'meeting/m1' })
		);
		// Bob is still connected and still served: a server-side change reaches him, the edit never did.
		await bob.roundTrip();
		serverDoc(h).getMap<Y.Text>('texts').get('p2')?.insert(0, 'Promoting ');
		await waitFor(() => textsOf(bob.doc).p2 === 'Promoting Decent work for all');
		expect(textsOf(bob.doc).p1).toBe(ORIGINAL_TEXTS.p1);
		expect(bob.closeCodes).toEqual([]);
		expect(h.collab.connectionCount()).toBe(1);
	});

	it('a client that brings its own content to the first sync is closed with 4403', async () => {
		const h = await start();
		const doc = new Y.Doc();
		doc.getMap('server').set('discussing', 'p2'); // trying to write the server's region
		const eve = h.provider('bob', { doc });
		await waitFor(() => eve.closeCodes.includes(CloseCode.FORBIDDEN));
		expect(serverDoc(h).getMap('server').get('discussing')).toBe('p1');
	});

	it('a delete of server text is an edit too', async () => {
		const h = await start();
		const ws = h.raw('alice');
		await opened(ws);
		const client = new Y.Doc();
		Y.applyUpdate(client, Y.encodeStateAsUpdate(await waitFor(() => h.docs[0])));
		let update: Uint8Array | null = null;
		client.on('update', (u: Uint8Array) => (update = u));
		client.getMap<Y.Text>('texts').get('p2')?.delete(0, 6);
		ws.send(encodeSyncUpdate(await waitFor(() => update)));
		expect((await closeOf(ws)).code).toBe(CloseCode.FORBIDDEN);
		expect(textsOf(serverDoc(h))).toEqual(ORIGINAL_TEXTS);
	});
});

describe('malformed input', () => {
	it.each([
		{ name: 'garbage bytes', frame: [0xff, 0xff, 0xff] },
		{ name: 'unknown message type', frame: [9] },
		{ name: 'auth message from a client', frame: [2, 0] },
		{ name: 'unknown sync type', frame: [0, 7, 0] },
		{ name: 'truncated step 1', frame: [0, 0, 5, 1] },
		{ name: 'garbage state vector', frame: [0, 0, 3, 0xff, 0xff, 0xff] },
		{ name: 'garbage update', frame: [0, 2, 4, 9, 9, 9, 9] },
		{ name: 'trailing bytes', frame: [3, 3] },
		{ name: 'empty frame', frame: [] }
	])('$name → 4400 for that socket only', async ({ frame }) => {
		const h = await start();
		const bob = h.provider('bob');
		await bob.synced();
		const ws = h.raw('alice');
		await opened(ws);
		ws.send(new Uint8Array(frame));
		expect(await closeOf(ws)).toEqual({ code: CloseCode.MALFORMED, reason: 'malformed message' });
		expect(h.logs).toContainEqual(expect.objectContaining({ type: 'malformed', userId: 'alice' }));
		await bob.roundTrip();
		const another = h.provider('alice');
		await another.synced();
		expect(textsOf(another.doc)).toEqual(ORIGINAL_TEXTS);
		expect(bob.closeCodes).toEqual([]);
	});

	it('a text frame → 4400', async () => {
		const h = await start();
		const ws = h.raw('alice');
		await opened(ws);
		ws.send('hello');
		expect((await closeOf(ws)).code).toBe(CloseCode.MALFORMED);
	});

	it('an oversized message → 1009 from ws, and the server stays up', async () => {
		const h = await start();
		const ws = h.raw('alice');
		await opened(ws);
		ws.send(new Uint8Array(1024 * 1024 + 1));
		expect((await closeOf(ws)).code).toBe(CloseCode.MESSAGE_TOO_BIG);
		const alice = h.provider('alice');
		await alice.synced();
		expect(textsOf(alice.doc)).toEqual(ORIGINAL_TEXTS);
	});

	it('messages sent while the document loads are held and then answered in order', async () => {
		const gate = deferred<Y.Doc>();
		const h = await start({ loadDocument: () => gate.promise });
		const ws = h.raw('alice');
		const received: number[] = [];
		ws.on('message', (data: Buffer) => received.push(data[0] ?? -1));
		await opened(ws);
		ws.send(new Uint8Array([3]));
		ws.send(new Uint8Array([9]));
		await waitFor(() => h.loads.length === 1);
		gate.resolve(meetingDoc());
		expect((await closeOf(ws)).code).toBe(CloseCode.MALFORMED);
		// step 1 and awareness on load, then the query's answer, then the malformed frame closed it
		expect(received).toEqual([0, 1, 1]);
	});
});

describe('documents', () => {
	it('two concurrent first connections share one load', async () => {
		const gate = deferred<Y.Doc>();
		const h = await start({ loadDocument: () => gate.promise });
		const alice = h.provider('alice');
		const bob = h.provider('bob');
		await waitFor(() => h.collab.connectionCount() === 2);
		expect(h.loads).toEqual(['meeting/m1']);
		gate.resolve(meetingDoc());
		await Promise.all([alice.synced(), bob.synced()]);
		expect(h.loads).toEqual(['meeting/m1']);
		expect(textsOf(alice.doc)).toEqual(ORIGINAL_TEXTS);
		expect(textsOf(bob.doc)).toEqual(ORIGINAL_TEXTS);
	});

	it('server-side changes reach every connected client', async () => {
		const h = await start();
		const alice = h.provider('alice');
		const bob = h.provider('bob');
		await Promise.all([alice.synced(), bob.synced()]);
		const doc = serverDoc(h);
		doc.transact(() => {
			doc.getMap<Y.Text>('texts').get('p1')?.insert(ORIGINAL_TEXTS.p1.length, ' the role of social dialogue');
			doc.getMap<Y.Text>('texts').set('p3', new Y.Text('New paragraph'));
			doc.getMap('server').set('discussing', 'p3');
		});
		const expected = { ...textsOf(doc) };
		expect(expected.p3).toBe('New paragraph');
		for (const client of [alice, bob]) {
			await waitFor(() => JSON.stringify(textsOf(client.doc)) === JSON.stringify(expected));
			expect(client.doc.getMap('server').get('discussing')).toBe('p3');
		}
	});

	it('is unloaded after the last client leaves and the idle delay passes; the next connection loads again', async () => {
		const h = await start({ options: { idleUnloadMs: 0 } });
		const alice = h.provider('alice');
		await alice.synced();
		let destroyed = false;
		serverDoc(h).on('destroy', () => (destroyed = true));
		alice.provider.destroy();
		await waitFor(() => h.collab.loadedDocuments().length === 0);
		expect(destroyed).toBe(true);
		expect(h.logs).toContainEqual({ type: 'doc-unloaded', docName: 'meeting/m1' });
		const again = h.provider('alice');
		await again.synced();
		expect(h.loads).toEqual(['meeting/m1', 'meeting/m1']);
		expect(textsOf(again.doc)).toEqual(ORIGINAL_TEXTS);
	});

	it('stays loaded while within the idle delay', async () => {
		const h = await start({ options: { idleUnloadMs: 60_000 } });
		const alice = h.provider('alice');
		await alice.synced();
		alice.provider.destroy();
		await waitFor(() => h.collab.connectionCount() === 0);
		expect(h.collab.loadedDocuments()).toEqual(['meeting/m1']);
		const again = h.provider('alice');
		await again.synced();
		expect(h.loads).toEqual(['meeting/m1']);
	});

	it('a failed load closes its connections (1011) and the next connection tries again', async () => {
		let attempts = 0;
		const h = await start({
			loadDocument: async () => {
				attempts++;
				if (attempts === 1) throw new Error('database unavailable');
				return meetingDoc();
			}
		});
		const ws = h.raw('alice');
		expect(await closeOf(ws)).toEqual({ code: CloseCode.INTERNAL_ERROR, reason: 'document unavailable' });
		expect(h.logs).toContainEqual({
			type: 'load-failed',
			docName: 'meeting/m1',
			detail: 'database unavailable'
		});
		expect(h.collab.loadedDocuments()).toEqual([]);
		const alice = h.provider('alice');
		await alice.synced();
		expect(textsOf(alice.doc)).toEqual(ORIGINAL_TEXTS);
		expect(attempts).toBe(2);
	});
});

describe('lifecycle', () => {
	it('terminates sockets that stop answering pings, and keeps the ones that answer', async () => {
		const h = await start({ options: { pingIntervalMs: 20 } });
		const alice = h.provider('alice');
		await alice.synced();
		const silent = h.raw('bob', '/collab/meeting/m1', { autoPong: false });
		await opened(silent);
		expect((await closeOf(silent)).code).toBe(1006); // terminated: no closing handshake
		expect(h.logs).toContainEqual(expect.objectContaining({ type: 'keepalive-timeout', userId: 'bob' }));
		// alice answered at least two rounds of pings meanwhile
		expect(alice.closeCodes).toEqual([]);
		await alice.roundTrip();
		expect(h.collab.connectionCount()).toBe(1);
	});

	it('sends a quiet connection the server awareness, so the stock client does not give up on it', async () => {
		const h = await start({ options: { clientKeepaliveMs: 20 } });
		const ws = h.raw('alice');
		const types: number[] = [];
		ws.on('message', (data: Buffer) => types.push(data[0] ?? -1));
		await opened(ws);
		// step 1 and awareness on connect, then awareness again and again without the client saying anything
		await waitFor(() => types.length >= 4);
		expect(types.slice(0, 4)).toEqual([0, 1, 1, 1]);
	});

	it('close() says "going away" to every socket, unloads documents and refuses new upgrades', async () => {
		const h = await start({ options: { idleUnloadMs: 60_000 } });
		const alice = h.provider('alice');
		await alice.synced();
		let destroyed = false;
		serverDoc(h).on('destroy', () => (destroyed = true));
		const ws = h.raw('bob');
		await opened(ws);
		const bobClosed = closeOf(ws);
		await h.collab.close();
		expect(await bobClosed).toEqual({ code: CloseCode.GOING_AWAY, reason: 'going away' });
		await waitFor(() => alice.closeCodes.includes(CloseCode.GOING_AWAY));
		expect(destroyed).toBe(true);
		expect(h.collab.connectionCount()).toBe(0);
		expect(h.collab.loadedDocuments()).toEqual([]);
		expect(await upgradeResponse(h.raw('alice'))).toEqual({ status: 503, body: 'server shutting down\n' });
	});
});
