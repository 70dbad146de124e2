/**
 * One websocket, one user, one document. Holds the client's messages until the document is loaded, then
 * answers them in order. Every update is validated before it is applied (validate/): an update that does
 * anything this user may not do is refused whole and closes this connection, and nothing else. Presence
 * is relayed stamped with the session's identity.
 */
import type { RawData, WebSocket } from 'ws';
import * as Y from 'yjs';
import { applyAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import { stampAwarenessUpdate, MAX_AWARENESS_IDS_PER_CONNECTION, type MayUse } from './awareness-stamp.ts';
import { TokenBucket, type RateLimit } from './rate-limit.ts';
import { validateUpdate } from './judge-update.ts';
import type { Standing, WriteRights } from './types.ts';
import { CloseCode, type CloseCodeValue } from './close-codes.ts';
import { SERVER_OWNER, type DocPeer, type LoadedDoc } from './doc-registry.ts';
import { decodeClientMessage, encodeAwareness, encodeSyncStep1, type ClientMessage } from './protocol.ts';
import type { CollabIdentity, CollabLogEvent } from './types.ts';

export interface ConnectionHooks {
	maxQueuedMessages: number;
	rateLimit: RateLimit;
	/** Asked for every update: rights change while people are connected. Null: the session has ended. */
	writeRights(): WriteRights | null;
	/** Stamped as `user` on this connection's awareness states. */
	presence: Record<string, unknown>;
	log(event: CollabLogEvent): void;
	onClose(code: number, reason: string): void;
	/**
	 * Claims Yjs client id `client` for this connection's user and returns whose it is now: the store
	 * decides (a unique row), so that two nodes claiming one id at once give it to one user (VAL-OWN-1).
	 */
	claim(client: number): string;
	/**
	 * Whose `client` is, as the store knows (null: nobody's). Asked when this node does not know: with
	 * several nodes, an id may have been claimed on another since the document was loaded here.
	 */
	owner(client: number): string | null;
	/**
	 * Spends what answering a request will make the server send (see budgets.ts); false when this user
	 * has asked for more than their share: the socket closes (4429) instead.
	 */
	spend(bytes: number): boolean;
	/** Bytes in the document's update log since its last snapshot (VAL-19); undefined: not counted. */
	loggedBytes(): number | undefined;
}

/** How long, and how much, a connection may wait for an update's dependencies. */
const HOLD_LIMIT = { ms: 10_000, updates: 500, bytes: 1024 * 1024 };

/** Close reasons travel in a frame of at most 123 bytes. */
function closeReason(text: string): string {
	const bytes = new TextEncoder().encode(text);
	if (bytes.length <= 123) return text;
	return new TextDecoder().decode(bytes.slice(0, 120)).replace(/\uFFFD$/, '') + '…';
}

export class Connection<I extends CollabIdentity> implements DocPeer {
	readonly identity: I;
	readonly docName: string;
	/** Resolves when the socket has closed, however that happened. */
	readonly closed: Promise<void>;
	readonly #ws: WebSocket;
	readonly #hooks: ConnectionHooks;
	#loaded: LoadedDoc | null = null;
	#queue: Uint8Array[] = [];
	#closing = false;
	#answeredPing = true;
	#lastSentAt = 0;
	readonly #bucket: TokenBucket;
	/** Updates whose dependencies have not arrived yet; see #hold. */
	#held: Uint8Array[] = [];
	#heldBytes = 0;
	#heldDetail = '';
	#heldTimer: ReturnType<typeof setTimeout> | null = null;
	/** Awareness client ids this connection speaks for. */
	readonly #awarenessIds = new Set<number>();
	/** The standing the connection was opened with (and when to read it again); see index.ts's recheck. */
	standing: Extract<Standing, { session: 'live' }> = { session: 'live', rights: '', recheckAt: Infinity };
	rechecking = false;
	recheckAgain = false;
	/** While the standing is being re-read, what would be sent waits here: a revoked reader gets none of it. */
	#suspended: Uint8Array[] | null = null;

	constructor(ws: WebSocket, identity: I, docName: string, hooks: ConnectionHooks) {
		this.#ws = ws;
		this.identity = identity;
		this.docName = docName;
		this.#hooks = hooks;
		this.#bucket = new TokenBucket(hooks.rateLimit);
		this.closed = new Promise((resolve) => {
			ws.once('close', (code: number, reason: Buffer) => {
				this.#closing = true;
				this.#queue = [];
				this.#releaseHeld();
				this.#leavePresence();
				hooks.onClose(code, reason.toString());
				resolve();
			});
		});
		ws.on('message', (data, isBinary) => this.#receive(data, isBinary));
		ws.on('pong', () => {
			this.#answeredPing = true;
		});
		// Without a listener, an 'error' event (bad frame, oversized message, reset) would crash the process.
		// `ws` closes the socket itself afterwards (1002, 1009, …); only protocol errors are worth a line.
		ws.on('error', (error: Error & { code?: string }) => {
			if (error.code?.startsWith('WS_ERR_')) this.#log('malformed', error.message);
		});
	}

	/** Starts serving once the document has loaded; a failed load closes the connection (the client retries). */
	start(loading: Promise<LoadedDoc>): void {
		loading.then(
			(loaded) => {
				if (this.#closing) return;
				this.#loaded = loaded;
				this.send(encodeSyncStep1(loaded.doc));
				this.send(encodeAwareness(loaded.awareness));
				const queued = this.#queue;
				this.#queue = [];
				for (const frame of queued) {
					if (this.#closing) break;
					this.#handle(loaded, frame);
				}
			},
			() => this.close(CloseCode.INTERNAL_ERROR, 'document unavailable')
		);
	}

	get userId(): string {
		return this.identity.userId;
	}

	dismiss(code: number, reason: string): void {
		this.close(code as CloseCodeValue, reason);
	}

	/** Holds what would be sent until `resume()`: nothing reaches this socket until its standing is known. */
	suspend(): void {
		this.#suspended ??= [];
	}

	resume(): void {
		const held = this.#suspended;
		this.#suspended = null;
		for (const message of held ?? []) this.send(message);
	}

	send(message: Uint8Array): void {
		if (this.#closing || this.#ws.readyState !== this.#ws.OPEN) return;
		if (this.#suspended !== null) {
			this.#suspended.push(message);
			return;
		}
		this.#lastSentAt = Date.now();
		this.#ws.send(message, { binary: true }, (error) => {
			if (error) this.terminate();
		});
	}

	close(code: CloseCodeValue, reason: string): void {
		if (this.#closing) return;
		this.#closing = true;
		this.#queue = [];
		this.#suspended = null;
		this.#ws.close(code, reason);
	}

	/** Drops the socket without a closing handshake, for peers that no longer answer. */
	terminate(): void {
		this.#closing = true;
		this.#ws.terminate();
	}

	/** Called every ping interval: a socket that did not answer the previous ping is dead. */
	heartbeat(): void {
		if (!this.#answeredPing) {
			this.#log('keepalive-timeout', 'no pong');
			this.terminate();
			return;
		}
		this.#answeredPing = false;
		this.#ws.ping();
	}

	/**
	 * The stock client drops a connection on which it has received no message for 30 s, and pings do not
	 * count (browsers hide them). On a quiet document nothing else would reach it at this stage, since
	 * client awareness is not relayed yet; so after `quietMs` of silence, send the server's awareness.
	 */
	keepClientAwake(quietMs: number): void {
		if (this.#loaded === null || Date.now() - this.#lastSentAt < quietMs) return;
		this.send(encodeAwareness(this.#loaded.awareness));
	}

	#receive(data: RawData, isBinary: boolean): void {
		if (this.#closing) return;
		if (!isBinary) {
			this.#malformed('text frame');
			return;
		}
		if (!this.#bucket.take()) {
			this.#log('rate-limited', 'message rate over the limit');
			this.close(CloseCode.RATE_LIMITED, 'too many messages');
			return;
		}
		const frame = copyFrame(data);
		if (this.#loaded !== null) {
			this.#handle(this.#loaded, frame);
		} else if (this.#queue.length < this.#hooks.maxQueuedMessages) {
			this.#queue.push(frame);
		} else {
			this.close(CloseCode.TRY_AGAIN_LATER, 'too many messages');
		}
	}

	#handle(loaded: LoadedDoc, frame: Uint8Array): void {
		const decoded = decodeClientMessage(frame);
		if (!decoded.ok) {
			this.#malformed(decoded.detail);
			return;
		}
		try {
			this.#dispatch(loaded, decoded.message);
		} catch (error) {
			// Our fault, not the client's: say so, keep the server up.
			this.#log('internal-error', error instanceof Error ? error.message : String(error));
			this.close(CloseCode.INTERNAL_ERROR, 'internal error');
		}
	}

	#dispatch(loaded: LoadedDoc, message: ClientMessage): void {
		switch (message.type) {
			case 'sync-step1':
				this.#reply(loaded.syncReply(message.stateVector));
				return;
			case 'sync-step2':
			case 'sync-update':
				this.#receiveUpdate(loaded, message.update);
				return;
			case 'awareness':
				this.#receiveAwareness(loaded, message.update);
				return;
			case 'query-awareness':
				this.#reply(encodeAwareness(loaded.awareness));
				return;
		}
	}

	/** Sends the answer to a request, counted by its size against this user's budget. */
	#reply(message: Uint8Array): void {
		if (!this.#hooks.spend(message.length)) {
			this.#log('rate-limited', `requests over the byte budget (${message.length} bytes asked)`);
			this.close(CloseCode.RATE_LIMITED, 'too many sync requests');
			return;
		}
		this.send(message);
	}

	#receiveUpdate(loaded: LoadedDoc, update: Uint8Array): void {
		// Updates still waiting for their dependencies go first, merged with this one: validated as a whole.
		let candidate = update;
		if (this.#held.length) {
			try {
				candidate = Y.mergeUpdates([...this.#held, update]);
			} catch (error) {
				this.#malformed(`unmergeable update: ${error instanceof Error ? error.message : String(error)}`);
				return;
			}
		}
		const rights = this.#hooks.writeRights();
		if (rights === null) {
			// Signed out a moment ago, before the revocation reached this socket: nothing of it is applied.
			this.#log('security', 'update after the session ended');
			this.close(CloseCode.SESSION_ENDED, 'session ended');
			return;
		}
		const verdict = validateUpdate(loaded.doc, candidate, rights, this.docName, {
			loggedBytes: this.#hooks.loggedBytes()
		});
		switch (verdict.kind) {
			case 'no-change': {
				// Nothing new to the server, yet perhaps new to its writer: words written under an id another
				// claimed first, at clocks the server holds from them. Refused, so the writer is told.
				const squatted = this.#claimClientIds(loaded, candidate);
				if (squatted !== null) {
					this.#log('security', `forbidden update: ${squatted}`);
					this.close(CloseCode.FORBIDDEN, closeReason(squatted));
				}
				return;
			}
			case 'accept': {
				const squatted = this.#claimClientIds(loaded, candidate);
				if (squatted !== null) {
					this.#log('security', `forbidden update: ${squatted}`);
					this.close(CloseCode.FORBIDDEN, closeReason(squatted));
					return;
				}
				this.#releaseHeld();
				// The registry's update handler makes it durable, then broadcasts it to the others.
				Y.applyUpdate(loaded.doc, candidate, this);
				return;
			}
			case 'malformed':
				this.#malformed(verdict.detail);
				return;
			case 'forbidden':
				this.#log('security', `forbidden update: ${verdict.detail}`);
				this.close(CloseCode.FORBIDDEN, closeReason(verdict.detail));
				return;
			case 'unresolvable':
				this.#hold(update, verdict.detail);
				return;
		}
	}

	/**
	 * Binds each Yjs client id that the update extends to this user; returns why not when an id belongs to
	 * someone else (announced in their presence, or written under: VAL-OWN-1), or is already used in the
	 * document by nobody we know (the server's own writes). An id someone else owns is refused even at
	 * clocks the server holds: the stock client only ever sends its own writing.
	 */
	#claimClientIds(loaded: LoadedDoc, update: Uint8Array): string | null {
		const { to } = Y.parseUpdateMeta(update);
		const claimed: number[] = [];
		for (const [client, clock] of to) {
			const known = Y.getState(loaded.doc.store, client);
			// Clocks the server holds already under another's id are not a repeat of theirs: they are this
			// client's own writing, made under an id someone else claimed first (elsewhere, at the same
			// moment). Yjs would drop them silently and the writer's screen would keep words nobody has.
			const owner = this.#ownerOf(loaded, client);
			if (owner === this.identity.userId) continue;
			if (clock <= known) {
				if (owner !== undefined && owner !== SERVER_OWNER)
					return `writes under client id ${client}, which belongs to another participant`;
				continue;
			}
			if (owner !== undefined || known > 0)
				return `writes under client id ${client}, which belongs to another participant`;
			claimed.push(client);
		}
		for (const client of claimed)
			if (!this.#bind(loaded, client))
				return `writes under client id ${client}, which belongs to another participant`;
		return null;
	}

	/** Whose `client` is: known here, or else asked of the store (and then known here). */
	#ownerOf(loaded: LoadedDoc, client: number): string | undefined {
		const known = loaded.clientOwners.get(client);
		if (known !== undefined) return known;
		const stored = this.#hooks.owner(client);
		if (stored === null) return undefined;
		loaded.clientOwners.set(client, stored);
		return stored;
	}

	/**
	 * Claims `client` for this user in this document, across sockets, restarts and nodes; false when the
	 * store says it is someone else's (claimed a moment ago elsewhere). The answer is kept either way.
	 */
	#bind(loaded: LoadedDoc, client: number): boolean {
		const owner = this.#hooks.claim(client);
		loaded.clientOwners.set(client, owner);
		return owner === this.identity.userId;
	}

	/**
	 * On reconnect the stock client sends new keystrokes as soon as the socket opens, before its sync step 2
	 * has brought the offline edits they build on: an update can arrive before its dependencies. Nothing is
	 * applied until they come; if they do not come soon, the update is refused.
	 */
	#hold(update: Uint8Array, detail: string): void {
		this.#held.push(update);
		this.#heldBytes += update.length;
		if (this.#held.length > HOLD_LIMIT.updates || this.#heldBytes > HOLD_LIMIT.bytes) {
			this.#refuseHeld(detail);
			return;
		}
		this.#heldDetail = detail;
		this.#heldTimer ??= setTimeout(() => this.#refuseHeld(this.#heldDetail), HOLD_LIMIT.ms);
	}

	#releaseHeld(): void {
		this.#held = [];
		this.#heldBytes = 0;
		if (this.#heldTimer !== null) clearTimeout(this.#heldTimer);
		this.#heldTimer = null;
	}

	#refuseHeld(detail: string): void {
		this.#releaseHeld();
		this.#log('security', `unresolvable update: ${detail}`);
		this.close(CloseCode.UNRESOLVABLE, closeReason(detail));
	}

	#receiveAwareness(loaded: LoadedDoc, update: Uint8Array): void {
		const sockets = loaded.awarenessOwners;
		const mayUse: MayUse = (id, leaving) => {
			if (sockets.get(id) === this) return 'own';
			// A presence id is its user's for good (VAL-OWN-2): nobody else speaks for it, even while they
			// are away, or they would be hidden when they return.
			const user = this.#ownerOf(loaded, id);
			if (user !== undefined && user !== this.identity.userId) return 'skip';
			// A removal never claims or takes over (it would lock the real owner out when it reconnects).
			if (leaving) return 'skip';
			// A reconnecting tab takes its presence over from its own stale socket.
			if (user !== undefined) return 'own';
			// An unowned id is claimed by announcing a live state, within a small allowance per socket, unless
			// the document already holds writes under it that no user owns (the server's).
			if (Y.getState(loaded.doc.store, id) > 0) return 'skip';
			if (this.#awarenessIds.size >= MAX_AWARENESS_IDS_PER_CONNECTION) return 'skip';
			// The id this presence announces is also the Yjs client id its edits will carry: claimed now,
			// before anyone who heard the announcement can write under it (VAL-OWN-1).
			return this.#bind(loaded, id) ? 'own' : 'skip';
		};
		const stamped = stampAwarenessUpdate(update, this.#hooks.presence, mayUse);
		if (!stamped.ok) {
			if (stamped.kind === 'malformed') this.#malformed(stamped.detail);
			else {
				this.#log('security', `forbidden awareness: ${stamped.detail}`);
				this.close(CloseCode.FORBIDDEN, closeReason(stamped.detail));
			}
			return;
		}
		if (stamped.update === null) return;
		for (const id of stamped.clientIds) {
			sockets.set(id, this);
			this.#awarenessIds.add(id);
		}
		applyAwarenessUpdate(loaded.awareness, stamped.update, this);
	}

	/** When the socket goes, so does the presence it spoke for (unless a newer socket took it over). */
	#leavePresence(): void {
		const loaded = this.#loaded;
		if (loaded === null) return;
		const mine = [...this.#awarenessIds].filter((id) => loaded.awarenessOwners.get(id) === this);
		for (const id of mine) loaded.awarenessOwners.delete(id);
		if (mine.length) removeAwarenessStates(loaded.awareness, mine, this);
	}

	#malformed(detail: string): void {
		this.#log('malformed', detail);
		this.close(CloseCode.MALFORMED, 'malformed message');
	}

	#log(type: CollabLogEvent['type'], detail: string): void {
		this.#hooks.log({ type, docName: this.docName, userId: this.identity.userId, detail });
	}
}

/** A private copy, so decoders never see a view into ws's pooled buffers. */
function copyFrame(data: RawData): Uint8Array {
	if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
	if (data instanceof ArrayBuffer) return new Uint8Array(data.slice(0));
	return new Uint8Array(data);
}
