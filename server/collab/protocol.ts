/**
 * The y-websocket wire format, as the stock `WebsocketProvider` speaks it: one message per binary frame,
 * `[messageType: varUint, payload…]`. Decoding never applies anything to a document; deciding what an
 * update may do is the job of validate/.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { encodeAwarenessUpdate, type Awareness } from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

export const MessageType = Object.freeze({
	SYNC: 0,
	AWARENESS: 1,
	/** y-protocols/auth; only ever sent by a server, so a client sending it is malformed. */
	AUTH: 2,
	QUERY_AWARENESS: 3
} as const);

export const SyncMessageType = Object.freeze({
	STEP1: syncProtocol.messageYjsSyncStep1,
	STEP2: syncProtocol.messageYjsSyncStep2,
	UPDATE: syncProtocol.messageYjsUpdate
} as const);

/** A message from a client, decoded but not yet judged. Byte arrays are views into the received frame. */
export type ClientMessage =
	| { type: 'sync-step1'; stateVector: Uint8Array }
	| { type: 'sync-step2'; update: Uint8Array }
	| { type: 'sync-update'; update: Uint8Array }
	| { type: 'awareness'; update: Uint8Array }
	| { type: 'query-awareness' };

export type DecodeResult = { ok: true; message: ClientMessage } | { ok: false; detail: string };

export function decodeClientMessage(frame: Uint8Array): DecodeResult {
	try {
		const decoder = decoding.createDecoder(frame);
		const message = readMessage(decoder);
		if (message === null) return { ok: false, detail: 'unknown message type' };
		// The stock client sends exactly one message per frame; anything after it is not ours to guess at.
		if (decoding.hasContent(decoder)) return { ok: false, detail: 'trailing bytes' };
		return { ok: true, message };
	} catch (error) {
		return { ok: false, detail: error instanceof Error ? error.message : 'undecodable' };
	}
}

function readMessage(decoder: decoding.Decoder): ClientMessage | null {
	switch (decoding.readVarUint(decoder)) {
		case MessageType.SYNC:
			return readSyncMessage(decoder);
		case MessageType.AWARENESS:
			return { type: 'awareness', update: decoding.readVarUint8Array(decoder) };
		case MessageType.QUERY_AWARENESS:
			return { type: 'query-awareness' };
		default:
			return null;
	}
}

function readSyncMessage(decoder: decoding.Decoder): ClientMessage | null {
	switch (decoding.readVarUint(decoder)) {
		case SyncMessageType.STEP1: {
			const stateVector = decoding.readVarUint8Array(decoder);
			Y.decodeStateVector(stateVector); // throws on garbage, so that answering it cannot
			return { type: 'sync-step1', stateVector };
		}
		case SyncMessageType.STEP2:
			return { type: 'sync-step2', update: decoding.readVarUint8Array(decoder) };
		case SyncMessageType.UPDATE:
			return { type: 'sync-update', update: decoding.readVarUint8Array(decoder) };
		default:
			return null;
	}
}

/** "Here is what I have; send me what I lack." Sent by the server when a connection opens. */
export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
	return encodeSync((encoder) => syncProtocol.writeSyncStep1(encoder, doc));
}

/** The answer to a client's step 1: everything the server has beyond the client's state vector. */
export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
	return encodeSync((encoder) => syncProtocol.writeSyncStep2(encoder, doc, stateVector));
}

export function encodeSyncUpdate(update: Uint8Array): Uint8Array {
	return encodeSync((encoder) => syncProtocol.writeUpdate(encoder, update));
}

/** Awareness states of the given clients (default: every known one; may be none). */
export function encodeAwareness(
	awareness: Awareness,
	clients: number[] = [...awareness.getStates().keys()]
): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MessageType.AWARENESS);
	encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(awareness, clients));
	return encoding.toUint8Array(encoder);
}

function encodeSync(write: (encoder: encoding.Encoder) => void): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MessageType.SYNC);
	write(encoder);
	return encoding.toUint8Array(encoder);
}
