// The few y-websocket frames the page reads or writes beside the provider (docs/collab-protocol.md,
// "Messages"): recognising the server's sync steps, and a sync step 1 used as a probe (save-tracker.ts).
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';

const MESSAGE_SYNC = 0;

export type SyncKind = 'step1' | 'step2' | 'update';

/** What kind of sync message a frame holds; null for awareness and anything else. */
export function syncKind(frame: Uint8Array): SyncKind | null {
	try {
		const decoder = decoding.createDecoder(frame);
		if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return null;
		const type = decoding.readVarUint(decoder);
		if (type === syncProtocol.messageYjsSyncStep1) return 'step1';
		if (type === syncProtocol.messageYjsSyncStep2) return 'step2';
		if (type === syncProtocol.messageYjsUpdate) return 'update';
		return null;
	} catch {
		return null; // the provider reports frames it cannot read; here they just are not sync answers
	}
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array<ArrayBuffer> {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	syncProtocol.writeSyncStep1(encoder, doc);
	// lib0 builds its output on a fresh ArrayBuffer, never a shared one, which is what WebSocket.send wants.
	return encoding.toUint8Array(encoder) as Uint8Array<ArrayBuffer>;
}
