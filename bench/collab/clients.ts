// The clients: each one a Y.Doc and its own websocket, as a browser tab would have. Ours and the bare
// y-websocket server get the stock y-websocket `WebsocketProvider`; hocuspocus gets its own provider
// (HocuspocusProvider on a HocuspocusProviderWebsocket). Every socket counts the frames it sends and
// receives. No client sets a presence (awareness) state: see docs/benchmarks.md, "Method".
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { ServerKind } from './ipc.ts';

export interface FrameCounters {
	sent: number;
	received: number;
}

export interface ClientEvents {
	/** Counting closes: set once every client has synced, cleared before the clients are destroyed. */
	active: boolean;
	/** Sockets that closed while `active`, by close code (1005 when none was given, e.g. a local close). */
	closes: Map<number, number>;
	/** Socket errors (failed connection attempts included). */
	errors: number;
	/** Close reasons seen, for the report. */
	reasons: Set<string>;
}

export interface BenchClient {
	index: number;
	doc: Y.Doc;
	/** Resolves on the first completed sync with the server. */
	synced: Promise<void>;
	isSynced(): boolean;
	destroy(): void;
}

export interface ClientTarget {
	kind: ServerKind;
	port: number;
	docName: string;
}

/** An Awareness with no local state: the provider then sends and renews nothing. */
function silentAwareness(doc: Y.Doc): Awareness {
	const awareness = new Awareness(doc);
	awareness.setLocalState(null);
	return awareness;
}

/** A `ws` WebSocket that sends the given headers on its upgrade and counts its frames. */
function countingSocket(
	headers: Record<string, string>,
	frames: FrameCounters
): new (url: string, protocols?: string | string[]) => WebSocket {
	return class CountingSocket extends WebSocket {
		constructor(url: string, protocols?: string | string[]) {
			super(url, protocols, { headers });
			this.on('message', () => {
				frames.received++;
			});
			const send = this.send.bind(this);
			this.send = ((...args: Parameters<WebSocket['send']>) => {
				frames.sent++;
				return send(...args);
			}) as WebSocket['send'];
		}
	};
}

export function createClient(
	index: number,
	target: ClientTarget,
	cookie: string | null,
	frames: FrameCounters,
	events: ClientEvents,
	clientId?: number
): BenchClient {
	const doc = new Y.Doc();
	// Typists get an id chosen by run.ts, so that every thread knows whose keystrokes it is timing.
	if (clientId !== undefined) doc.clientID = clientId;
	const origin = `http://127.0.0.1:${target.port}`;
	const headers: Record<string, string> = cookie ? { cookie, origin } : {};
	const Socket = countingSocket(headers, frames);
	let resolveSynced!: () => void;
	const syncedPromise = new Promise<void>((resolve) => {
		resolveSynced = resolve;
	});
	const onSynced = (): void => resolveSynced();
	const noteClose = (code: number | undefined, reason: string | undefined): void => {
		if (!events.active) return;
		const c = code ?? 1005;
		events.closes.set(c, (events.closes.get(c) ?? 0) + 1);
		if (reason) events.reasons.add(`${c} ${reason}`);
	};

	if (target.kind === 'hocuspocus') {
		const socket = new HocuspocusProviderWebsocket({
			url: `ws://127.0.0.1:${target.port}`,
			WebSocketPolyfill: Socket
		});
		const provider = new HocuspocusProvider({
			websocketProvider: socket,
			name: target.docName,
			document: doc,
			awareness: silentAwareness(doc)
		});
		provider.on('synced', ({ state }: { state: boolean }) => {
			if (state) onSynced();
		});
		socket.on('close', ({ event }: { event: { code?: number; reason?: string } }) =>
			noteClose(event.code, event.reason)
		);
		provider.on('authenticationFailed', () => {
			events.errors++;
		});
		// With an explicit websocketProvider, the provider is not attached by itself (manageSocket is false).
		provider.attach();
		return {
			index,
			doc,
			synced: syncedPromise,
			isSynced: () => provider.isSynced,
			destroy() {
				provider.destroy();
				socket.destroy();
				doc.destroy();
			}
		};
	}

	// The stock provider appends `/<room>` to the URL: ours serves `/collab/<docName>`, the bare server `/<docName>`.
	const base =
		target.kind === 'ours' ? `ws://127.0.0.1:${target.port}/collab` : `ws://127.0.0.1:${target.port}`;
	const provider = new WebsocketProvider(base, target.docName, doc, {
		WebSocketPolyfill: Socket as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		awareness: silentAwareness(doc)
	});
	provider.on('sync', (state: boolean) => {
		if (state) onSynced();
	});
	provider.on('connection-close', (event: CloseEvent | null) => noteClose(event?.code, event?.reason));
	provider.on('connection-error', () => {
		events.errors++;
	});
	return {
		index,
		doc,
		synced: syncedPromise,
		isSynced: () => provider.synced,
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
}
