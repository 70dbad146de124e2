/**
 * A strict reader of Yjs V1 updates that sees exactly what `Y.applyUpdate` will see.
 *
 * It follows `readClientsStructRefs` and `readAndApplyDeleteSet` of yjs 13.6 byte for byte, using Yjs's
 * own `UpdateDecoderV1`, rather than `Y.decodeUpdate`: that one reads struct sections with a different
 * loop, and where the two disagree the validator would judge one update and Yjs apply another. The case
 * that matters: a client id that has two struct sections (possibly an empty one) is read twice by
 * `decodeUpdate`, while `applyUpdate` keeps only the last section, so items the validator counted on
 * would go missing and leave the rest pending. Anything a well-behaved encoder never writes is refused
 * here as malformed (VAL-13): repeated client ids, empty structs or delete ranges, unsorted or
 * overlapping delete ranges (which would also let a small update make `applyUpdate` walk the same
 * deleted structs over and over), unknown content refs, trailing bytes.
 */
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';

export interface Ref {
	readonly client: number;
	readonly clock: number;
}

/** What an item holds, as far as the rules care. `label` names it in verdict details. */
export type Content =
	| { readonly kind: 'deleted' | 'other'; readonly label: string; readonly length: number }
	/** The characters themselves: what a unit may hold is a rule too (VAL-16). */
	| { readonly kind: 'string'; readonly label: string; readonly length: number; readonly text: string };

interface StructBase {
	readonly client: number;
	readonly clock: number;
	readonly length: number;
}

export interface ItemStruct extends StructBase {
	readonly kind: 'item';
	readonly origin: Ref | null;
	readonly rightOrigin: Ref | null;
	/** A root type's name, the id of the item holding the parent type, or null: copied from origin / right origin. */
	readonly parent: string | Ref | null;
	readonly parentSub: string | null;
	readonly content: Content;
}

export interface GcStruct extends StructBase {
	readonly kind: 'gc';
}

export interface SkipStruct extends StructBase {
	readonly kind: 'skip';
}

export type Struct = ItemStruct | GcStruct | SkipStruct;

export interface DeleteRange {
	readonly clock: number;
	readonly end: number;
}

export interface ParsedUpdate {
	/** Client id → its structs, in clock order (one section per client). */
	readonly sections: Map<number, Struct[]>;
	/** Client id → deleted ranges, sorted, not overlapping. */
	readonly deletes: Map<number, DeleteRange[]>;
}

export class MalformedUpdate extends Error {}

const BITS5 = 0b11111;
const HAS_ORIGIN = 0b1000_0000;
const HAS_RIGHT_ORIGIN = 0b0100_0000;
const HAS_PARENT_SUB = 0b0010_0000;
const GC_INFO = 0;
const SKIP_INFO = 10;
const TYPE_NAMES = ['Y.Array', 'Y.Map', 'Y.Text', 'Y.XmlElement', 'Y.XmlFragment', 'Y.XmlHook', 'Y.XmlText'];

/** Throws `MalformedUpdate`; other exceptions (lib0's end of array, JSON syntax) mean the same. */
export function readUpdate(update: Uint8Array): ParsedUpdate {
	const decoder = new Y.UpdateDecoderV1(decoding.createDecoder(update));
	const sections = readSections(decoder);
	const deletes = readDeletes(decoder);
	if (decoder.restDecoder.pos !== update.length)
		throw new MalformedUpdate('trailing bytes after the delete set');
	return { sections, deletes };
}

function readSections(decoder: Y.UpdateDecoderV1): Map<number, Struct[]> {
	const rest = decoder.restDecoder;
	const sections = new Map<number, Struct[]>();
	const sectionCount = decoding.readVarUint(rest);
	for (let s = 0; s < sectionCount; s++) {
		const structCount = decoding.readVarUint(rest);
		const client = decoder.readClient();
		let clock = decoding.readVarUint(rest);
		if (sections.has(client)) throw new MalformedUpdate(`client ${client} has two struct sections`);
		const structs: Struct[] = [];
		sections.set(client, structs);
		for (let i = 0; i < structCount; i++) {
			const struct = readStruct(decoder, client, clock);
			if (struct.length <= 0) throw new MalformedUpdate(`empty struct at ${client}:${clock}`);
			clock += struct.length;
			if (!Number.isSafeInteger(clock)) throw new MalformedUpdate(`clock overflow for client ${client}`);
			structs.push(struct);
		}
	}
	return sections;
}

function readStruct(decoder: Y.UpdateDecoderV1, client: number, clock: number): Struct {
	const rest = decoder.restDecoder;
	if (rest.pos >= rest.arr.length) throw new MalformedUpdate('unexpected end of update');
	const info = decoder.readInfo();
	switch (info & BITS5) {
		case GC_INFO:
			if (info !== GC_INFO) throw new MalformedUpdate(`bad struct info ${info}`);
			return { kind: 'gc', client, clock, length: decoder.readLen() };
		case SKIP_INFO:
			if (info !== SKIP_INFO) throw new MalformedUpdate(`bad struct info ${info}`);
			return { kind: 'skip', client, clock, length: decoding.readVarUint(rest) };
		default:
			return readItem(decoder, info, client, clock);
	}
}

function readItem(decoder: Y.UpdateDecoderV1, info: number, client: number, clock: number): ItemStruct {
	const origin = (info & HAS_ORIGIN) !== 0 ? decoder.readLeftID() : null;
	const rightOrigin = (info & HAS_RIGHT_ORIGIN) !== 0 ? decoder.readRightID() : null;
	// As in Yjs: an item with a neighbour takes its parent from it, and only then are parent fields absent.
	const ownParent = origin === null && rightOrigin === null;
	let parent: string | Ref | null = null;
	if (ownParent) parent = decoder.readParentInfo() ? decoder.readString() : decoder.readLeftID();
	const parentSub = ownParent && (info & HAS_PARENT_SUB) !== 0 ? decoder.readString() : null;
	const content = readContent(decoder, info & BITS5);
	return {
		kind: 'item',
		client,
		clock,
		length: content.length,
		origin,
		rightOrigin,
		parent,
		parentSub,
		content
	};
}

/** Consumes exactly the bytes Yjs's `contentRefs[ref]` would, and throws where it would. */
function readContent(decoder: Y.UpdateDecoderV1, ref: number): Content {
	switch (ref) {
		case 1:
			return { kind: 'deleted', label: 'deleted content', length: decoder.readLen() };
		case 2:
			return { kind: 'other', label: 'JSON content', length: readJsonContent(decoder) };
		case 3:
			decoder.readBuf();
			return { kind: 'other', label: 'binary content', length: 1 };
		case 4: {
			// lib0 decodes UTF-8 strictly: a surrogate or other invalid sequence throws, so is malformed.
			const text = decoder.readString();
			return { kind: 'string', label: 'string', length: text.length, text };
		}
		case 5:
			decoder.readJSON();
			return { kind: 'other', label: 'embed', length: 1 };
		case 6:
			decoder.readKey();
			decoder.readJSON();
			return { kind: 'other', label: 'format content', length: 1 };
		case 7:
			return { kind: 'other', label: `new nested type (${readTypeRef(decoder)})`, length: 1 };
		case 8: {
			const length = decoder.readLen();
			for (let i = 0; i < length; i++) decoder.readAny();
			return { kind: 'other', label: 'any content', length };
		}
		case 9:
			decoder.readString();
			decoder.readAny();
			return { kind: 'other', label: 'subdocument', length: 1 };
		default:
			throw new MalformedUpdate(`unknown content ref ${ref}`);
	}
}

function readJsonContent(decoder: Y.UpdateDecoderV1): number {
	const length = decoder.readLen();
	for (let i = 0; i < length; i++) {
		const value = decoder.readString();
		if (value !== 'undefined') JSON.parse(value);
	}
	return length;
}

function readTypeRef(decoder: Y.UpdateDecoderV1): string {
	const ref = decoder.readTypeRef();
	const name = TYPE_NAMES[ref];
	if (name === undefined) throw new MalformedUpdate(`unknown type ref ${ref}`);
	if (name === 'Y.XmlElement' || name === 'Y.XmlHook') decoder.readKey();
	return name;
}

function readDeletes(decoder: Y.UpdateDecoderV1): Map<number, DeleteRange[]> {
	const rest = decoder.restDecoder;
	const deletes = new Map<number, DeleteRange[]>();
	const clientCount = decoding.readVarUint(rest);
	for (let c = 0; c < clientCount; c++) {
		const client = decoding.readVarUint(rest);
		const rangeCount = decoding.readVarUint(rest);
		if (deletes.has(client)) throw new MalformedUpdate(`client ${client} listed twice in the delete set`);
		const ranges: DeleteRange[] = [];
		deletes.set(client, ranges);
		let previousEnd = 0;
		for (let r = 0; r < rangeCount; r++) {
			const clock = decoder.readDsClock();
			const end = clock + decoder.readDsLen();
			if (end <= clock) throw new MalformedUpdate(`empty delete range at ${client}:${clock}`);
			if (!Number.isSafeInteger(end)) throw new MalformedUpdate(`delete range overflow for client ${client}`);
			if (clock < previousEnd)
				throw new MalformedUpdate(`delete ranges of client ${client} unsorted or overlapping`);
			ranges.push({ clock, end });
			previousEnd = end;
		}
	}
	return deletes;
}
