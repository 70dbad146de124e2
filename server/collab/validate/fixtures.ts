/**
 * Test scaffolding for the validator: a server document shaped like `meeting/<id>`, clients synced to it,
 * updates captured from real edits, and a fingerprint that says whether the server changed at all.
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import type { WriteRights } from './types.ts';

export const TEXTS = {
	p1: 'The Conference recognizes the role of social dialogue',
	p2: 'Decent work for all',
	p3: 'Calls upon member States'
} as const;

export type TextKey = keyof typeof TEXTS;

export function meetingDoc(texts: Record<string, string> = TEXTS): Y.Doc {
	const doc = new Y.Doc();
	const map = doc.getMap<Y.Text>('texts');
	for (const [key, text] of Object.entries(texts)) map.set(key, new Y.Text(text));
	doc.getMap('server').set('status', 'open');
	return doc;
}

export function clientOf(server: Y.Doc): Y.Doc {
	const client = new Y.Doc();
	Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
	return client;
}

export function rights(...keys: string[]): WriteRights {
	const allowed = new Set(keys);
	return { canWriteText: (key) => allowed.has(key) };
}

export const ALL: WriteRights = { canWriteText: () => true };
export const NONE: WriteRights = { canWriteText: () => false };

export function text(doc: Y.Doc, key: string): Y.Text {
	const value = doc.getMap<Y.Text>('texts').get(key);
	if (value === undefined) throw new Error(`no text ${key}`);
	return value;
}

export function textsOf(doc: Y.Doc): Record<string, string> {
	return Object.fromEntries(
		[...doc.getMap<Y.Text>('texts').entries()].map(([key, value]) => [key, value.toString()])
	);
}

/** Every update `change` makes on `doc`, one per transaction, as the provider would send them. */
export function updatesOf(doc: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array[] {
	const updates: Uint8Array[] = [];
	const listener = (update: Uint8Array): void => {
		updates.push(update);
	};
	doc.on('update', listener);
	try {
		change(doc);
	} finally {
		doc.off('update', listener);
	}
	return updates;
}

/** The single update of a change made in one transaction. */
export function updateOf(doc: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
	const updates = updatesOf(doc, (d) => d.transact(() => change(d)));
	if (updates.length !== 1) throw new Error(`expected one update, got ${updates.length}`);
	return updates[0] as Uint8Array;
}

/** The step 2 a (re)connecting client sends: everything it has that the server lacks, and its delete set. */
export function step2(client: Y.Doc, server: Y.Doc): Uint8Array {
	return Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
}

/**
 * Everything about the server a rejected update must leave as it was: state vector and delete set, every
 * root's content, and the set of roots.
 */
export function fingerprint(doc: Y.Doc): string {
	const roots = [...doc.share.keys()].sort();
	return JSON.stringify({
		snapshot: Array.from(Y.encodeSnapshot(Y.snapshot(doc))),
		roots,
		texts: textsOf(doc),
		server: doc.getMap('server').toJSON()
	});
}

/** A hand-written V1 update: sections of items, as `[client, clock, items]`, and an empty delete set. */
export interface RawItem {
	origin?: { client: number; clock: number };
	rightOrigin?: { client: number; clock: number };
	parentRoot?: string;
	parentId?: { client: number; clock: number };
	parentSub?: string;
	text: string;
}

export function rawUpdate(sections: Array<[number, number, RawItem[]]>): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, sections.length);
	for (const [client, clock, items] of sections) {
		encoding.writeVarUint(encoder, items.length);
		encoding.writeVarUint(encoder, client);
		encoding.writeVarUint(encoder, clock);
		for (const item of items) writeRawItem(encoder, item);
	}
	encoding.writeVarUint(encoder, 0); // no deletions
	return encoding.toUint8Array(encoder);
}

function writeRawItem(encoder: encoding.Encoder, item: RawItem): void {
	const info =
		4 |
		(item.origin ? 0b1000_0000 : 0) |
		(item.rightOrigin ? 0b0100_0000 : 0) |
		(item.parentSub ? 0b0010_0000 : 0);
	encoding.writeUint8(encoder, info);
	for (const id of [item.origin, item.rightOrigin]) {
		if (id === undefined) continue;
		encoding.writeVarUint(encoder, id.client);
		encoding.writeVarUint(encoder, id.clock);
	}
	if (!item.origin && !item.rightOrigin) {
		if (item.parentRoot !== undefined) {
			encoding.writeVarUint(encoder, 1);
			encoding.writeVarString(encoder, item.parentRoot);
		} else {
			const id = item.parentId ?? { client: 0, clock: 0 };
			encoding.writeVarUint(encoder, 0);
			encoding.writeVarUint(encoder, id.client);
			encoding.writeVarUint(encoder, id.clock);
		}
		if (item.parentSub !== undefined) encoding.writeVarString(encoder, item.parentSub);
	}
	encoding.writeVarString(encoder, item.text);
}

/** The id of the map item that holds text `key` on `doc`: the parent id clients write for an empty text. */
export function textItemId(doc: Y.Doc, key: string): { client: number; clock: number } {
	const item = text(doc, key)._item;
	if (item === null) throw new Error(`text ${key} has no item`);
	return { client: item.id.client, clock: item.id.clock };
}
