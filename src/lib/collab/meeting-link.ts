/**
 * One meeting document and its socket: the stock y-websocket provider, unmodified, plus the knowledge of
 * which local changes the server has confirmed (save-tracker.ts). Plain TypeScript, no page state, so it
 * runs against the real server in tests; meeting-doc.svelte.ts turns its events into what the page shows.
 *
 * A link lives as long as its document. When the server refuses an update, the document is thrown away
 * with its link, and a new link syncs a fresh one.
 */
import type { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { SaveTracker } from './save-tracker.ts';
import { encodeSyncStep1, syncKind } from './sync-messages.ts';
import { UndoManagers } from './undo.ts';

/** Typing is sent keystroke by keystroke; the confirmation probe waits for a pause. */
const PROBE_DELAY_MS = 300;

export interface LinkHandlers {
	/** The document holds the server's state (after every (re)connection). */
	synced(): void;
	/** Units whose working text changed, locally or remotely; null: the set of units itself changed. */
	textsChanged(unitIds: readonly string[] | null): void;
	/** The server's region changed. */
	serverChanged(): void;
	/** Whether local changes are waiting for the server's confirmation. */
	unsavedChanged(unsaved: boolean): void;
	/** The socket closed; the provider reconnects by itself unless `closed` follows. */
	disconnected(): void;
	/** The server closed the socket for good (a 44xx code); the provider will not reconnect. */
	closed(code: number, reason: string): void;
}

export interface LinkOptions {
	/** For tests in Node, which add the session cookie and Origin a browser sends by itself. */
	WebSocketPolyfill?: typeof WebSocket;
	/** The root map of co-written texts: `texts` in a meeting, `drafts` in a group room. */
	textsRoot?: string;
}

export class MeetingLink {
	readonly doc = new Y.Doc();
	readonly texts: Y.Map<Y.Text>;
	readonly server = this.doc.getMap<unknown>('server');
	readonly provider: WebsocketProvider;
	readonly undo = new UndoManagers();
	readonly #tracker: SaveTracker;
	readonly #on: LinkHandlers;
	#disposed = false;
	#socket: WebSocket | null = null;
	#serverStep1Seen = false;
	#probeTimer: ReturnType<typeof setTimeout> | null = null;

	constructor(serverUrl: string, docName: string, handlers: LinkHandlers, options: LinkOptions = {}) {
		this.#on = handlers;
		this.texts = this.doc.getMap<Y.Text>(options.textsRoot ?? 'texts');
		this.#tracker = new SaveTracker(() => handlers.unsavedChanged(this.#tracker.unsaved));
		this.provider = new WebsocketProvider(serverUrl, docName, this.doc, {
			connect: false,
			disableBc: true, // tabs share through the server, which validates; never behind its back
			...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {})
		});
		this.#listen();
	}

	get awareness(): Awareness {
		return this.provider.awareness;
	}

	get unsaved(): boolean {
		return this.#tracker.unsaved;
	}

	/** Units with changes the server has not confirmed, most recently changed last. */
	unsavedUnits(): string[] {
		return this.#tracker.unsavedUnits();
	}

	connect(): void {
		if (!this.#disposed) this.provider.connect();
	}

	/** Drops the socket and tries a new one at once: a socket can outlive the network without noticing. */
	reconnect(): void {
		if (this.#disposed) return;
		this.provider.disconnect();
		this.provider.connect();
	}

	dispose(): void {
		if (this.#disposed) return;
		this.#disposed = true;
		if (this.#probeTimer !== null) clearTimeout(this.#probeTimer);
		this.undo.destroy();
		this.provider.destroy(); // also tells the others we left
		this.provider.awareness.destroy();
		this.doc.destroy();
	}

	#listen(): void {
		const { provider, doc, texts, server } = this;
		provider.on('status', ({ status }) => {
			if (this.#disposed || status !== 'connected') return;
			this.#socket = provider.ws;
			this.#serverStep1Seen = false;
			this.#tracker.socketOpened(); // the provider sends its own step 1 right after this event
			// Added after the provider's own handler, so it runs once the provider has answered.
			this.#socket?.addEventListener('message', this.#onMessage);
		});
		provider.on('connection-close', () => {
			this.#socket?.removeEventListener('message', this.#onMessage);
			this.#socket = null;
			if (this.#disposed) return;
			this.#tracker.socketClosed();
			this.#on.disconnected();
		});
		provider.on('sync', (synced) => {
			if (!this.#disposed && synced) this.#on.synced();
		});
		provider.on('closed', ({ code, reason }) => {
			if (!this.#disposed) this.#on.closed(code, reason);
		});
		texts.observeDeep((events) => {
			if (this.#disposed) return;
			const keyed = events.every((e) => e.target !== texts && typeof e.path[0] === 'string');
			this.#on.textsChanged(keyed ? events.map((e) => e.path[0] as string) : null);
		});
		server.observe(() => {
			if (!this.#disposed) this.#on.serverChanged();
		});
		doc.on('afterTransaction', (tr: Y.Transaction) => {
			if (this.#disposed || !tr.local) return;
			const units = changedUnits(tr, texts);
			if (units.length === 0) return;
			this.#tracker.recordLocal(units);
			this.#probeTimer ??= setTimeout(this.#probe, PROBE_DELAY_MS);
		});
	}

	readonly #onMessage = (event: MessageEvent) => {
		if (this.#disposed || this.provider.ws !== this.#socket || !(event.data instanceof ArrayBuffer)) return;
		const kind = syncKind(new Uint8Array(event.data));
		if (kind === 'step2') this.#tracker.answerReceived();
		else if (kind === 'step1') {
			this.#serverStep1Seen = true;
			this.#probe();
		}
	};

	/**
	 * A sync step 1 after our changes; its answer confirms them (save-tracker.ts). Only after the server's
	 * own step 1: before it, changes made offline have not been sent (the provider sends them in answer
	 * to it), and an answer would confirm what the server never saw.
	 */
	readonly #probe = () => {
		this.#probeTimer = null;
		const socket = this.#socket;
		if (!socket || this.provider.ws !== socket || socket.readyState !== socket.OPEN) return;
		if (!this.#serverStep1Seen || !this.#tracker.needsProbe()) return;
		socket.send(encodeSyncStep1(this.doc));
		this.#tracker.probeSent();
	};
}

/** The units whose text a transaction changed (inserts and deletes both mark their text as changed). */
function changedUnits(tr: Y.Transaction, texts: Y.Map<Y.Text>): string[] {
	if (tr.changed.size === 0) return [];
	const changed: ReadonlySet<unknown> = new Set(tr.changed.keys());
	const units: string[] = [];
	texts.forEach((ytext, id) => {
		if (changed.has(ytext)) units.push(id);
	});
	return units;
}
