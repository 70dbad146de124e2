// The collaboration endpoint as the app mounts it, for server tests: a real SQLite file with the demo
// meeting, real sessions, the server on a free loopback port, and the stock y-websocket client.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { waitFor } from '../../server/collab/test-kit.ts';
import * as Y from 'yjs';
import type { CollabOptions } from '../../server/collab/index.ts';
import { createAppCollab } from '../../server/collab-app.ts';
import { redisBus, type UpdateBus } from '../../server/collab/relay/redis-bus.ts';
import { createSession, generateSessionToken, sessionIdOf } from '#lib/server/auth/session.ts';
import { users } from '#lib/server/db/schema.ts';
import { DEMO_MEETING_ID, seedDemo } from '#lib/server/demo/seed.ts';
import { openDatabase } from '#lib/server/db/index.ts';
import { tempDb } from './temp-db.ts';
import { unitIdByReference } from './unit-ref.ts';

export const MEETING_DOC = `meeting/${DEMO_MEETING_ID}`;

function sharedDb(file: string) {
	const db = openDatabase(file);
	return { db, file, cleanup: () => db.$client.close() };
}

export interface Client {
	doc: Y.Doc;
	provider: WebsocketProvider;
	texts: Y.Map<Y.Text>;
	/** Resolves with the close code when the server closes the socket for good (44xx). */
	closed: Promise<{ code: number; reason: string }>;
	/** The session the socket was opened with. */
	sessionId: string;
}

/**
 * `sharing`: the database file of another harness, for a second node on the same database (its own
 * connection and collab server; the demo is seeded once, by the first). `redisUrl`: the nodes tell each
 * other what they accept over that Redis, as in a cluster. The process's bridge (through which the
 * commands a test runs reach live documents) is the last node started's.
 */
export async function startCollab(
	options: CollabOptions = { idleUnloadMs: 0 },
	sharing?: string,
	redisUrl?: string
) {
	const t = sharing ? sharedDb(sharing) : tempDb();
	if (!sharing) await seedDemo(t.db, 'collab-test-password');
	const nodeId = `test-node-${crypto.randomUUID().slice(0, 8)}`;
	const real = redisUrl ? await redisBus(redisUrl, nodeId) : undefined;
	// `stopHearing` makes this node deaf to the others' document messages, as if Redis lost them all.
	let hearing = true;
	const bus: UpdateBus | undefined = real && {
		...real,
		nodeId,
		subscribe: (docName, handler) => real.subscribe(docName, (m) => hearing && handler(m))
	};
	let app = createAppCollab(t.db, options, bus);
	await app.ready;
	const server = http.createServer((_req, res) => res.end());
	server.on('upgrade', (req, socket, head) => {
		if (!app.collab.handleUpgrade(req, socket, head)) socket.destroy();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const base = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const origin = base.replace('ws:', 'http:');
	const providers: WebsocketProvider[] = [];

	function cookieFor(username: string): string {
		const user = t.db.select().from(users).where(eq(users.username, username)).get();
		if (!user) throw new Error(`no user ${username}`);
		const token = generateSessionToken();
		createSession(t.db, token, user.id);
		return `session=${token}`;
	}

	function connect(
		username: string,
		doc = new Y.Doc(),
		docName = MEETING_DOC,
		cookie = cookieFor(username)
	): Client {
		class Authenticated extends WebSocket {
			constructor(url: string) {
				super(url, { headers: { cookie, origin } });
			}
		}
		const provider = new WebsocketProvider(`${base}/collab`, docName, doc, {
			WebSocketPolyfill: Authenticated as unknown as typeof globalThis.WebSocket,
			disableBc: true
		});
		providers.push(provider);
		const closed = new Promise<{ code: number; reason: string }>((resolve) =>
			provider.on('closed', (event) => resolve({ code: event.code, reason: event.reason }))
		);
		const sessionId = sessionIdOf(cookie.slice('session='.length));
		return { doc, provider, texts: doc.getMap<Y.Text>('texts'), closed, sessionId };
	}

	/** `connect`, once the client has synced with the server. */
	async function connectSynced(username: string, docName = MEETING_DOC, cookie?: string): Promise<Client> {
		const c = connect(username, new Y.Doc(), docName, cookie);
		await waitFor(() => c.provider.synced);
		return c;
	}

	/** The stable id of a unit by how people cite it: '5', '5(iii)'. */
	function unitId(reference: string): string {
		return unitIdByReference(t.db, DEMO_MEETING_ID, reference);
	}

	return {
		db: t.db,
		file: t.file,
		base,
		origin,
		get persistence() {
			return app.persistence;
		},
		get collab() {
			return app.collab;
		},
		connect,
		connectSynced,
		cookieFor,
		unitId,
		/** Stops the collab server and starts a fresh one on the same port and database (a restart). */
		async stopHearing() {
			hearing = false;
		},
		async restart(next: CollabOptions = options) {
			await app.close();
			app = createAppCollab(t.db, next, bus);
			await app.ready;
		},
		async stop() {
			for (const p of providers.splice(0)) p.destroy();
			await app.close();
			await bus?.close();
			await new Promise((resolve) => server.close(resolve));
			t.cleanup();
		}
	};
}
