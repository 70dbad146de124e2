/**
 * What an incoming Yjs update may do to the server's document.
 *
 * Read-only stage: nothing. An update is harmless only if the server already holds all of it: every struct
 * is below the server's state vector and every deleted range is already deleted on the server. That is
 * deliberately not "the update is empty": a client that reconnects answers the server's step 1 with a
 * step 2 that repeats the server's whole delete set, and it must not be thrown out for it.
 *
 * The next stage replaces this with a validator that resolves each item's parent and lets string edits
 * through to the texts the connection may write; the verdict type grows an 'accept' case then.
 */
import * as Y from 'yjs';

export type UpdateVerdict =
	{ kind: 'no-change' } | { kind: 'forbidden'; detail: string } | { kind: 'malformed'; detail: string };

type DeleteSet = ReturnType<typeof Y.decodeUpdate>['ds'];
type DeleteItem = NonNullable<ReturnType<DeleteSet['clients']['get']>>[number];

export function judgeReadOnly(doc: Y.Doc, update: Uint8Array): UpdateVerdict {
	let decoded: ReturnType<typeof Y.decodeUpdate>;
	try {
		decoded = Y.decodeUpdate(update);
	} catch (error) {
		return { kind: 'malformed', detail: error instanceof Error ? error.message : 'undecodable update' };
	}
	const known = Y.snapshot(doc);
	for (const struct of decoded.structs) {
		const state = known.sv.get(struct.id.client) ?? 0;
		if (struct.id.clock + struct.length > state) {
			return { kind: 'forbidden', detail: `new content from client ${struct.id.client}` };
		}
	}
	for (const [client, items] of decoded.ds.clients) {
		for (const item of items) {
			if (!isRangeDeleted(known.ds.clients.get(client), item.clock, item.len)) {
				return { kind: 'forbidden', detail: `deletion of content of client ${client}` };
			}
		}
	}
	return { kind: 'no-change' };
}

/**
 * `deleted` comes from the server's struct store, sorted and with adjacent ranges merged, so a range is
 * covered exactly when one deleted range holds all of it.
 */
function isRangeDeleted(deleted: DeleteItem[] | undefined, clock: number, len: number): boolean {
	if (len <= 0) return true;
	if (deleted === undefined) return false;
	let low = 0;
	let high = deleted.length - 1;
	let candidate: DeleteItem | undefined;
	while (low <= high) {
		const middle = (low + high) >>> 1;
		const item = deleted[middle];
		if (item === undefined) break;
		if (item.clock <= clock) {
			candidate = item;
			low = middle + 1;
		} else {
			high = middle - 1;
		}
	}
	return candidate !== undefined && candidate.clock + candidate.len >= clock + len;
}
