/**
 * Test scaffolding: a real http server on port 0 with the collaboration endpoint mounted, fake session
 * and membership rules, and real clients (the stock y-websocket provider, or raw `ws` sockets).
 * Everything waits by polling a condition, never by sleeping a fixed time.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, type ClientOptions } from 'ws';
import { messageAwareness, WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
	createCollabServer,
	type CollabDeps,
	type CollabIdentity,
	type CollabLogEvent,
	type CollabOptions
} from './index.ts';

export const ALLOWED_ORIGIN = 'https://drafting-room.test';
export const MEETING = 'meeting/m1';
export const ORIGINAL_TEXTS = { p1: 'The Conference recognizes', p2: 'Decent work for all' } as const;

const USERS: Record<string, CollabIdentity> = {
	alice: { userId: 'alice', name: 'Alice Chair' },
	bob: { userId: 'bob', name: 'Bob Delegate' },
	carol: { userId: 'carol', name: 'Carol Outsider' }
};
const MEMBERS: Record<string, string[]> = { m1: ['alice', 'bob'] };

export function meetingDoc(texts: Record<string, string> = ORIGINAL_TEXTS): Y.Doc {
	const doc = new Y.Doc();
	const map = doc.getMap<Y.Text>('texts');
	for (const [id, text] of Object.entries(texts)) map.set(id, new Y.Text(text));
	doc.getMap('server').set('discussing', 'p1');
	return doc;
}

export function textsOf(doc: Y.Doc): Record<string, string> {
	return Object.fromEntries(
		[...doc.getMap<Y.Text>('texts').entries()].map(([id, text]) => [id, text.toString()])
	);
}

type Truthy<T> = Exclude<T, false | null | undefined | 0 | ''>;

export async function waitFor<T>(probe: () => T, timeoutMs = 5_000): Promise<Truthy<T>> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = probe();
		if (value) return value as Truthy<T>;
		if (Date.now() > deadline) throw new Error(`waitFor: condition not met within ${timeoutMs} ms: ${probe}`);
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}

export interface HarnessOptions {
	loadDocument?: (docName: string) => Promise<Y.Doc>;
	overrides?: Partial<CollabDeps>;
	options?: CollabOptions;
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;

export async function startHarness({ loadDocument, overrides, options }: HarnessOptions = {}) {
	const loads: string[] = [];
	/** Every doc handed to the server, in order: the test's handle for server-side changes. */
	const docs: Y.Doc[] = [];
	const logs: CollabLogEvent[] = [];
	const collab = createCollabServer(
		{
			async authenticate(req) {
				const session = /(?:^|;\s*)session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
				return (session !== undefined && USERS[session]) || null;
			},
			isAllowedOrigin: (origin) => origin === ALLOWED_ORIGIN,
			// Nobody may write unless a test says otherwise: these tests are about reading and refusals.
			writeRights: () => ({ canWriteText: () => false }),
			presenceOf: (identity) => ({ userId: identity.userId, name: identity.name }),
			async authorize(identity, docName) {
				const meetingId = docName.split('/')[1] ?? '';
				const members = MEMBERS[meetingId];
				if (members === undefined) return { ok: false, status: 404, reason: 'no such meeting' };
				if (!members.includes(identity.userId)) return { ok: false, status: 403, reason: 'not a member' };
				return { ok: true };
			},
			async loadDocument(docName) {
				loads.push(docName);
				const doc = await (loadDocument ?? (async () => meetingDoc()))(docName);
				docs.push(doc);
				return doc;
			},
			log: (event) => logs.push(event),
			...overrides
		},
		{ idleUnloadMs: 0, ...options }
	);
	const server: Server = createServer((_req, res) => res.writeHead(404).end());
	server.on('upgrade', (req, socket, head) => {
		if (!collab.handleUpgrade(req, socket, head)) socket.destroy();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const clients: Array<{ close(): void }> = [];

	return {
		url: `ws://127.0.0.1:${port}`,
		collab,
		loads,
		docs,
		logs,
		/** The stock client, as the browser will use it, for `user` (cookie) from `origin`. */
		provider(user = 'alice', { room = MEETING, origin = ALLOWED_ORIGIN, doc = new Y.Doc() } = {}) {
			const client = new TestProvider(`ws://127.0.0.1:${port}/collab`, room, doc, headers(user, origin));
			clients.push({ close: () => client.provider.destroy() });
			return client;
		},
		/** A bare socket, for sending what the stock client never would. */
		raw(user: string | null = 'alice', path = `/collab/${MEETING}`, options: ClientOptions = {}) {
			const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`, {
				...options,
				headers: options.headers ?? headers(user)
			});
			ws.on('error', () => {}); // refusals and resets are what some tests are about
			clients.push({ close: () => ws.terminate() });
			return ws;
		},
		async close() {
			for (const client of clients) client.close();
			await collab.close();
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
	};
}

function headers(user: string | null, origin = ALLOWED_ORIGIN): Record<string, string> {
	return user === null ? { origin } : { origin, cookie: `theme=dark; session=${user}` };
}

/** A y-websocket provider plus what the tests observe about it. */
export class TestProvider {
	readonly provider: WebsocketProvider;
	readonly doc: Y.Doc;
	readonly closeCodes: number[] = [];
	awarenessMessages = 0;

	constructor(url: string, room: string, doc: Y.Doc, headers: Record<string, string>) {
		this.doc = doc;
		class SocketWithHeaders extends WebSocket {
			constructor(address: string | URL, protocols?: string | string[]) {
				super(address, protocols, { headers });
			}
		}
		this.provider = new WebsocketProvider(url, room, doc, {
			// ws's WebSocket implements the browser API the provider uses (onmessage, binaryType, …), but its
			// type is not the DOM's `typeof WebSocket`.
			WebSocketPolyfill: SocketWithHeaders as unknown as typeof globalThis.WebSocket,
			// Otherwise providers in one process sync through BroadcastChannel, past the server.
			disableBc: true
		});
		this.provider.on('connection-close', (event) => {
			if (event !== null) this.closeCodes.push(event.code);
		});
		const onAwareness = this.provider.messageHandlers[messageAwareness];
		this.provider.messageHandlers[messageAwareness] = (...args) => {
			this.awarenessMessages++;
			onAwareness?.(...args);
		};
	}

	synced(): Promise<true> {
		return waitFor(() => this.provider.synced);
	}

	/**
	 * Asks the server for awareness and waits for the answer. Messages on one socket are handled in order,
	 * so when this returns the server has handled everything this client sent before, and kept it connected.
	 */
	async roundTrip(): Promise<void> {
		const before = this.awarenessMessages;
		const ws = await waitFor(() => this.provider.wsconnected && this.provider.ws);
		ws.send(new Uint8Array([3]));
		await waitFor(() => this.awarenessMessages > before);
	}
}

/** Status and body of a refused upgrade, or 101 when the socket opened after all. */
export function upgradeResponse(ws: WebSocket): Promise<{ status: number; body: string }> {
	return new Promise((resolve) => {
		ws.on('open', () => resolve({ status: 101, body: '' }));
		ws.on('unexpected-response', (_req, res) => {
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => (body += chunk));
			res.on('end', () => {
				resolve({ status: res.statusCode ?? 0, body });
				ws.terminate();
			});
		});
	});
}

export function closeOf(ws: WebSocket): Promise<{ code: number; reason: string }> {
	return new Promise((resolve) =>
		ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))
	);
}

export function opened(ws: WebSocket): Promise<void> {
	return new Promise((resolve) => ws.once('open', () => resolve()));
}
