/**
 * Presence is stamped with the session's identity: whatever a client claims in its awareness state, the
 * server overwrites `user` with who the session says it is, so nobody can appear as someone else. A
 * connection speaks only for the awareness client ids it owns; entries for anyone else's are dropped,
 * not refused, because the stock client re-sends every change it hears, other people's included.
 *
 * Wire format (y-protocols/awareness encodeAwarenessUpdate): varUint count, then per entry varUint
 * clientID, varUint clock, varString JSON state ("null" = the client left).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export type StampResult =
	/** `update` is null when nothing of the message was this connection's to say. */
	| { ok: true; update: Uint8Array | null; clientIds: number[] }
	| { ok: false; kind: 'malformed' | 'forbidden'; detail: string };

/** Whether this connection may speak for `clientId`: 'own' (and claim it, for a live state) or 'skip'. */
export type MayUse = (clientId: number, leaving: boolean) => 'own' | 'skip';

/** A browser tab has one Yjs client id per document; a little room for a page that rebuilt its doc. */
export const MAX_AWARENESS_IDS_PER_CONNECTION = 4;
/** A presence state is a caret and a focus, not a document. */
const MAX_STATE_CHARS = 4096;

export function stampAwarenessUpdate(
	update: Uint8Array,
	user: Record<string, unknown>,
	mayUse: MayUse
): StampResult {
	try {
		const decoder = decoding.createDecoder(update);
		const count = decoding.readVarUint(decoder);
		// A relay of everyone's presence is legitimate; thousands of entries in one message are not.
		if (count > 1000) return { ok: false, kind: 'forbidden', detail: `awareness for ${count} clients` };
		const kept: { clientId: number; clock: number; json: string }[] = [];
		for (let i = 0; i < count; i++) {
			const clientId = decoding.readVarUint(decoder);
			const clock = decoding.readVarUint(decoder);
			const json = decoding.readVarString(decoder);
			if (json.length > MAX_STATE_CHARS)
				return { ok: false, kind: 'forbidden', detail: `awareness state of ${json.length} characters` };
			const state: unknown = JSON.parse(json);
			if (state !== null && (typeof state !== 'object' || Array.isArray(state)))
				return { ok: false, kind: 'malformed', detail: 'awareness state is not an object' };
			if (mayUse(clientId, state === null) === 'skip') continue;
			const stamped = state === null ? null : { ...(state as Record<string, unknown>), user };
			kept.push({ clientId, clock, json: JSON.stringify(stamped) });
		}
		if (decoding.hasContent(decoder))
			return { ok: false, kind: 'malformed', detail: 'trailing bytes in awareness' };
		if (kept.length === 0) return { ok: true, update: null, clientIds: [] };
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, kept.length);
		for (const entry of kept) {
			encoding.writeVarUint(encoder, entry.clientId);
			encoding.writeVarUint(encoder, entry.clock);
			encoding.writeVarString(encoder, entry.json);
		}
		return { ok: true, update: encoding.toUint8Array(encoder), clientIds: kept.map((k) => k.clientId) };
	} catch (error) {
		return { ok: false, kind: 'malformed', detail: error instanceof Error ? error.message : 'bad awareness' };
	}
}
