/**
 * One websocket, one user, one document. Holds the client's messages until the document is loaded, then
 * answers them in order. Anything a client sends that is not a well-formed y-websocket message, or that
 * would change the document, closes this connection and nothing else.
 */
import type { RawData, WebSocket } from 'ws';
import { CloseCode, type CloseCodeValue } from './close-codes.ts';
import type { DocPeer, LoadedDoc } from './doc-registry.ts';
import {
	decodeClientMessage,
	encodeAwareness,
	encodeSyncStep1,
	encodeSyncStep2,
	type ClientMessage
} from './protocol.ts';
import type { CollabIdentity, CollabLogEvent } from './types.ts';
import { judgeReadOnly } from './update-policy.ts';

export interface ConnectionHooks {
	maxQueuedMessages: number;
	log(event: CollabLogEvent): void;
	onClose(code: number, reason: string): void;
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

	constructor(ws: WebSocket, identity: I, docName: string, hooks: ConnectionHooks) {
		this.#ws = ws;
		this.identity = identity;
		this.docName = docName;
		this.#hooks = hooks;
		this.closed = new Promise((resolve) => {
			ws.once('close', (code: number, reason: Buffer) => {
				this.#closing = true;
				this.#queue = [];
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

	send(message: Uint8Array): void {
		if (this.#closing || this.#ws.readyState !== this.#ws.OPEN) return;
		this.#lastSentAt = Date.now();
		this.#ws.send(message, { binary: true }, (error) => {
			if (error) this.terminate();
		});
	}

	close(code: CloseCodeValue, reason: string): void {
		if (this.#closing) return;
		this.#closing = true;
		this.#queue = [];
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
				this.send(encodeSyncStep2(loaded.doc, message.stateVector));
				return;
			case 'sync-step2':
			case 'sync-update':
				this.#receiveUpdate(loaded, message.update);
				return;
			case 'awareness':
				// Not relayed at this stage: presence goes out only once it is stamped with the session's identity.
				return;
			case 'query-awareness':
				this.send(encodeAwareness(loaded.awareness));
				return;
		}
	}

	#receiveUpdate(loaded: LoadedDoc, update: Uint8Array): void {
		const verdict = judgeReadOnly(loaded.doc, update);
		switch (verdict.kind) {
			case 'no-change':
				return;
			case 'malformed':
				this.#malformed(verdict.detail);
				return;
			case 'forbidden':
				this.#log('security', `read-only: ${verdict.detail}`);
				this.close(CloseCode.READ_ONLY, 'read-only');
				return;
		}
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
