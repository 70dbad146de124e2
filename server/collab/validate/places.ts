/**
 * Where in the server's document a struct lands, and the words for it in a verdict.
 *
 * Reads the server's document and never changes it: `doc.share.get`, never `doc.get`/`getMap` (those
 * define root types). Relies on yjs 13.6 internals that the type declarations expose: `AbstractType._item`
 * (the item holding a nested type; null for a root) and `Item.parent` / `Item.parentSub`.
 */
import * as Y from 'yjs';
import type { DocSchema, WriteRights } from './types.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types every shared type as AbstractType<any>
export type SharedType = Y.AbstractType<any>;

/** The type a struct's content goes into, or a root name the server has never had. */
export type Parent = { kind: 'type'; type: SharedType } | { kind: 'new-root'; name: string };

/** A parent plus the map key (`parentSub`) when the struct is a map entry rather than list content. */
export interface Place {
	parent: Parent;
	sub: string | null;
}

/** A text unit: a `Y.Text` value of the schema's root map. */
export interface TextUnit {
	key: string;
	removed: boolean;
}

/** Everything a check needs about the server's document, built once per update. */
export class DocView {
	readonly doc: Y.Doc;
	readonly store: Y.Doc['store'];
	readonly schema: DocSchema;
	readonly #textsRoot: SharedType | undefined;
	readonly #rootNames = new Map<SharedType, string>();
	readonly #rights: WriteRights;
	readonly #writable = new Map<string, boolean>();

	constructor(doc: Y.Doc, rights: WriteRights, schema: DocSchema) {
		this.doc = doc;
		this.store = doc.store;
		this.schema = schema;
		this.#rights = rights;
		this.#textsRoot = doc.share.get(schema.textsRoot);
		for (const [name, type] of doc.share) this.#rootNames.set(type, name);
	}

	hasRoot(name: string): boolean {
		return this.doc.share.has(name);
	}

	/** Asked once per key and update, so an update is judged against one consistent answer. */
	canWrite(key: string): boolean {
		let writable = this.#writable.get(key);
		if (writable === undefined) {
			writable = this.#rights.canWriteText(key) === true;
			this.#writable.set(key, writable);
		}
		return writable;
	}

	textUnit(type: SharedType): TextUnit | null {
		const item = type._item;
		if (this.#textsRoot === undefined || item === null || item.parent !== this.#textsRoot) return null;
		// Exactly Y.Text: Y.XmlText extends it but is not a text unit.
		if (item.parentSub === null || type.constructor !== Y.Text) return null;
		return { key: item.parentSub, removed: item.deleted };
	}

	/** The characters in all the live text units together: one pass over the texts root (VAL-18). */
	totalTextLength(): number {
		let total = 0;
		for (const item of this.#textsRoot?._map.values() ?? []) {
			if (item.deleted || !(item.content instanceof Y.ContentType)) continue;
			const type: SharedType = item.content.type;
			// Exactly Y.Text, as textUnit says: only text units count.
			if (this.textUnit(type) !== null) total += type._length;
		}
		return total;
	}

	describe(parent: Parent): string {
		if (parent.kind === 'new-root') return `new root type '${parent.name}'`;
		return this.#describeType(parent.type);
	}

	#describeType(type: SharedType): string {
		const root = this.#rootNames.get(type);
		if (root !== undefined) return `root '${root}'`;
		const unit = this.textUnit(type);
		if (unit !== null) return `text '${unit.key}'`;
		// A type the server nested somewhere: name the entry of a root it hangs from.
		let current: SharedType = type;
		for (let depth = 0; depth < 64; depth++) {
			const item = current._item;
			if (item === null || !(item.parent instanceof Y.AbstractType)) break;
			const rootName = this.#rootNames.get(item.parent);
			if (rootName !== undefined) {
				const entry = item.parentSub === null ? 'a list element' : `entry '${item.parentSub}'`;
				return `${current === type ? '' : 'a type nested in '}${entry} of root '${rootName}'`;
			}
			current = item.parent;
		}
		return 'a nested type';
	}
}

export function samePlace(a: Place, b: Place): boolean {
	if (a.sub !== b.sub) return false;
	if (a.parent.kind === 'type' && b.parent.kind === 'type') return a.parent.type === b.parent.type;
	if (a.parent.kind === 'new-root' && b.parent.kind === 'new-root') return a.parent.name === b.parent.name;
	return false;
}

/** What a server item holds, in the words of the verdict details. */
export function serverContentLabel(item: Y.Item): string {
	const content = item.content;
	if (content instanceof Y.ContentString) return 'string';
	if (content instanceof Y.ContentDeleted) return 'deleted content';
	if (content instanceof Y.ContentFormat) return 'format content';
	if (content instanceof Y.ContentEmbed) return 'embed';
	if (content instanceof Y.ContentType) return content.type instanceof Y.Text ? 'text' : 'nested type';
	return 'content';
}

export function formatId(id: { client: number; clock: number }): string {
	return `${id.client}:${id.clock}`;
}

/** The first half of a UTF-16 surrogate pair: the character goes on in the next code unit. */
export function isHighSurrogate(code: number): boolean {
	return code >= 0xd800 && code <= 0xdbff;
}
