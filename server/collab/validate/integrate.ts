/**
 * A dry run of `integrateStructs` (yjs 13.6): the same order, the same "is it missing?" tests, with a state
 * vector of our own instead of the server's struct store. Each struct is judged where Yjs would
 * integrate it, so references to structs earlier in the same update (a typed run: each character's
 * origin is the one before) resolve, and anything Yjs would leave pending or would choke on is refused.
 * Costs O(structs · log(server structs)): lookups only, nothing is copied.
 */
import * as Y from 'yjs';
import { forbiddenCharacter } from '#lib/domain/text-limits.ts';
import {
	DocView,
	formatId,
	isHighSurrogate,
	samePlace,
	serverContentLabel,
	type Place,
	type SharedType,
	type TextUnit
} from './places.ts';
import type { GcStruct, ItemStruct, ParsedUpdate, Ref, Struct } from './read-update.ts';
import { forbidden, unresolvable } from './rejection.ts';

/** What an id points at once the structs before it are integrated. */
type Node = { kind: 'server'; struct: Y.Item | Y.GC } | { kind: 'update'; item: ItemStruct; place: Place };

/** The new characters of one item of the update (its unknown part), where they go. */
export interface NewText {
	readonly start: number;
	readonly end: number;
	readonly text: string;
	readonly unit: TextUnit;
	readonly type: SharedType;
}

/** How much longer the update makes one text (negative: shorter), for VAL-17 and VAL-18. */
interface Growth {
	readonly unit: TextUnit;
	readonly type: SharedType;
	delta: number;
}

interface Cursor {
	i: number;
	readonly refs: Struct[];
}

export class Integration {
	readonly view: DocView;
	readonly update: ParsedUpdate;
	/** True once something would change: new structs integrated, or (see deletes.ts) live content deleted. */
	changed = false;
	readonly #state = new Map<number, number>();
	readonly #placed = new Map<ItemStruct, Place>();
	/** Client → the new string content it brings, in clock order (deletes.ts subtracts what is deleted). */
	readonly newTexts = new Map<number, NewText[]>();
	readonly #growth = new Map<SharedType, Growth>();

	constructor(view: DocView, update: ParsedUpdate) {
		this.view = view;
		this.update = update;
	}

	serverState(client: number): number {
		return Y.getState(this.view.store, client);
	}

	/** The server's state for `client` after the structs integrated so far. */
	stateOf(client: number): number {
		return this.#state.get(client) ?? this.serverState(client);
	}

	/** Mirrors `integrateStructs`: highest client first, a missing dependency pulls in its client's next struct. */
	run(): void {
		const cursors = new Map<number, Cursor>();
		for (const [client, refs] of this.update.sections) cursors.set(client, { i: 0, refs });
		const order = [...cursors.keys()].sort((a, b) => a - b);
		const nextTarget = (): Cursor | null => {
			for (let last = order.at(-1); last !== undefined; last = order.at(-1)) {
				const cursor = cursors.get(last);
				if (cursor !== undefined && cursor.i < cursor.refs.length) return cursor;
				order.pop();
			}
			return null;
		};
		const stack: Struct[] = [];
		let target = nextTarget();
		let head = target === null ? undefined : target.refs[target.i++];
		while (head !== undefined) {
			if (head.kind !== 'skip') {
				const offset = this.stateOf(head.client) - head.clock;
				if (offset < 0) {
					unresolvable(
						`${formatId(head)} needs ${head.client}:${head.clock + offset}..${head.clock - 1}, which the server does not have`
					);
				}
				const missing = head.kind === 'item' ? this.#missing(head) : null;
				if (missing !== null) {
					stack.push(head);
					const cursor = cursors.get(missing.ref.client);
					if (cursor === undefined || cursor.i === cursor.refs.length) {
						unresolvable(
							`${missing.role} ${formatId(missing.ref)} of ${formatId(head)} is not known to the server`
						);
					}
					head = cursor.refs[cursor.i++];
					continue;
				}
				if (head.kind === 'item') this.#integrateItem(head, offset);
				else this.#integrateGc(head, offset);
			}
			if (stack.length > 0) head = stack.pop();
			else if (target !== null && target.i < target.refs.length) head = target.refs[target.i++];
			else {
				target = nextTarget();
				head = target === null ? undefined : target.refs[target.i++];
			}
		}
	}

	/** `Item.getMissing`: a reference to another client's clock the server will not have by then. */
	#missing(item: ItemStruct): { role: string; ref: Ref } | null {
		const refs: Array<[string, Ref | null]> = [
			['origin', item.origin],
			['right origin', item.rightOrigin],
			['parent', typeof item.parent === 'string' ? null : item.parent]
		];
		for (const [role, ref] of refs) {
			if (ref !== null && ref.client !== item.client && ref.clock >= this.stateOf(ref.client))
				return { role, ref };
		}
		return null;
	}

	#integrateItem(item: ItemStruct, offset: number): void {
		// Yjs looks every reference up even for structs it already has, and throws on one it cannot find.
		const left = item.origin === null ? null : this.#nodeAt(item.origin, 'origin', item);
		const right = item.rightOrigin === null ? null : this.#nodeAt(item.rightOrigin, 'right origin', item);
		// Reading the update makes Yjs define every root it names (`doc.get`), applied or not.
		if (typeof item.parent === 'string' && !this.view.hasRoot(item.parent)) {
			forbidden(`new root type '${item.parent}'`);
		}
		const parent =
			item.parent === null || typeof item.parent === 'string'
				? null
				: this.#nodeAt(item.parent, 'parent', item);
		if (offset >= item.length) return; // the server has all of it: Yjs skips it
		const place = this.#placeOf(item, left, right, parent);
		if (offset > 0) this.#checkContinuation(item, offset, place);
		const unit = this.#checkInsert(item, place);
		if (item.content.kind === 'string' && place.parent.kind === 'type') {
			this.#checkText(item, item.content.text.slice(offset), unit, place.parent.type, offset);
			this.#checkSplit(item, unit, left, right);
		}
		this.#placed.set(item, place);
		this.#state.set(item.client, item.clock + item.length);
		this.changed = true;
	}

	/** VAL-10: a GC struct is accepted only where the server already has its clocks. */
	#integrateGc(gc: GcStruct, offset: number): void {
		if (offset >= gc.length) return;
		forbidden(
			`garbage-collected range ${gc.client}:${gc.clock + offset}..${gc.clock + gc.length - 1} that the server does not have`
		);
	}

	/** `getItemCleanEnd` / `getItemCleanStart` / `getItem`, without splitting anything. */
	#nodeAt(ref: Ref, role: string, of: ItemStruct): Node {
		if (ref.clock >= this.stateOf(ref.client)) {
			unresolvable(`${role} ${formatId(ref)} of ${formatId(of)} is not known to the server`);
		}
		if (ref.clock < this.serverState(ref.client)) {
			const structs = this.view.store.clients.get(ref.client) ?? [];
			const struct = structs[Y.findIndexSS(structs, ref.clock)];
			if (struct === undefined)
				unresolvable(`${role} ${formatId(ref)} of ${formatId(of)} is not in the server's store`);
			return { kind: 'server', struct };
		}
		const item = findStruct(this.update.sections.get(ref.client) ?? [], ref.clock);
		const place = item?.kind === 'item' ? this.#placed.get(item) : undefined;
		if (item?.kind !== 'item' || place === undefined) {
			unresolvable(`${role} ${formatId(ref)} of ${formatId(of)} is not integrated content`);
		}
		return { kind: 'update', item, place };
	}

	/** The rest of `getMissing`: an item takes its place from its neighbours, else from its parent field. */
	#placeOf(item: ItemStruct, left: Node | null, right: Node | null, parent: Node | null): Place {
		if (item.origin !== null || item.rightOrigin !== null) {
			const fromLeft = left === null ? null : this.#placeOfNeighbour(left, 'origin', item);
			const fromRight = right === null ? null : this.#placeOfNeighbour(right, 'right origin', item);
			if (fromLeft !== null && fromRight !== null && !samePlace(fromLeft, fromRight)) {
				forbidden(`origin and right origin of ${formatId(item)} are in different types`);
			}
			const place = fromLeft ?? fromRight;
			if (place === null) unresolvable(`${formatId(item)} has no place`);
			return place;
		}
		if (typeof item.parent === 'string') {
			const root = this.view.doc.share.get(item.parent);
			if (root === undefined) forbidden(`new root type '${item.parent}'`);
			return { parent: { kind: 'type', type: root }, sub: item.parentSub };
		}
		if (parent === null) unresolvable(`${formatId(item)} has no parent`);
		return { parent: { kind: 'type', type: this.#typeHeldBy(parent, item) }, sub: item.parentSub };
	}

	/** VAL-11: Yjs would silently turn an item next to garbage-collected content into a GC struct. */
	#placeOfNeighbour(node: Node, role: string, item: ItemStruct): Place {
		if (node.kind === 'update') return node.place;
		const struct = node.struct;
		const id = formatId(struct.id);
		if (struct instanceof Y.GC)
			unresolvable(`${role} ${id} of ${formatId(item)} is garbage-collected on the server`);
		if (!(struct.parent instanceof Y.AbstractType))
			unresolvable(`${role} ${id} of ${formatId(item)} has no parent`);
		return { parent: { kind: 'type', type: struct.parent }, sub: struct.parentSub };
	}

	#typeHeldBy(node: Node, item: ItemStruct): SharedType {
		const where = `parent of ${formatId(item)}`;
		if (node.kind === 'update') unresolvable(`${where} is new content, not a type`);
		const struct = node.struct;
		if (struct instanceof Y.GC)
			unresolvable(`${where} (${formatId(struct.id)}) is garbage-collected on the server`);
		if (!(struct.content instanceof Y.ContentType)) {
			const was =
				struct.parent instanceof Y.AbstractType
					? ` in ${this.view.describe({ kind: 'type', type: struct.parent })}`
					: '';
			unresolvable(`${where} (${formatId(struct.id)}) is ${serverContentLabel(struct)}${was}, not a type`);
		}
		return struct.content.type;
	}

	/**
	 * VAL-12. Yjs integrates the unknown tail of a partly known struct after the server's struct just before it,
	 * but keeps the parent it resolved from the original references: both must be the same place, or
	 * the content would be linked into one type's list while counted in another's.
	 */
	#checkContinuation(item: ItemStruct, offset: number, place: Place): void {
		const previous: Ref = { client: item.client, clock: item.clock + offset - 1 };
		const node = this.#nodeAt(previous, 'continuation', item);
		const before = this.#placeOfNeighbour(node, 'continuation', item);
		if (!samePlace(before, place)) {
			const tail = { client: item.client, clock: item.clock + offset };
			forbidden(`${formatId(tail)} continues ${formatId(previous)} in a different type`);
		}
	}

	/** VAL-3…VAL-5: only string (or deleted) content, into a live text unit this connection may write. */
	#checkInsert(item: ItemStruct, place: Place): TextUnit {
		const where = this.view.describe(place.parent);
		if (place.parent.kind === 'new-root') forbidden(where);
		if (place.sub !== null) forbidden(`map key set on ${where} (key '${place.sub}')`);
		if (item.content.kind === 'other') forbidden(`${item.content.label} in ${where}`);
		const unit = this.view.textUnit(place.parent.type);
		if (unit === null) forbidden(`insert into ${where}`);
		if (unit.removed) forbidden(`insert into removed text '${unit.key}'`);
		if (!this.view.canWrite(unit.key)) forbidden(`insert into text '${unit.key}' not writable`);
		return unit;
	}

	/** VAL-16: a unit is one paragraph of text; its new characters count towards its length (VAL-17). */
	#checkText(item: ItemStruct, text: string, unit: TextUnit, type: SharedType, offset: number): void {
		const found = forbiddenCharacter(text);
		if (found !== null) forbidden(`${found.code} (${characterName(found.code)}) in text '${unit.key}'`);
		const start = item.clock + offset;
		const runs = this.newTexts.get(item.client) ?? [];
		this.newTexts.set(item.client, runs);
		runs.push({ start, end: start + text.length, text, unit, type });
		this.grow(unit, type, text.length);
	}

	/**
	 * VAL-16: Yjs splits content where an item goes in; between the two halves of a surrogate pair it
	 * replaces both by U+FFFD, and the character is lost for everyone. No editor puts a caret there.
	 */
	#checkSplit(item: ItemStruct, unit: TextUnit, left: Node | null, right: Node | null): void {
		const before = (node: Node | null, clock: number): boolean => {
			if (node === null) return false;
			const { text, start } = nodeText(node);
			const index = clock - start;
			return (
				text !== null && index >= 0 && index + 1 < text.length && isHighSurrogate(text.charCodeAt(index))
			);
		};
		const splitsLeft = item.origin !== null && before(left, item.origin.clock);
		const splitsRight = item.rightOrigin !== null && before(right, item.rightOrigin.clock - 1);
		if (splitsLeft || splitsRight)
			forbidden(`insert splits a character (a surrogate pair) in text '${unit.key}'`);
	}

	/** Counts `delta` characters more (or fewer) in a text: inserts here, deletions in deletes.ts. */
	grow(unit: TextUnit, type: SharedType, delta: number): void {
		const growth = this.#growth.get(type);
		if (growth === undefined) this.#growth.set(type, { unit, type, delta });
		else growth.delta += delta;
	}

	/** VAL-17, VAL-18, once every insert and deletion is counted: the lengths the texts would have. */
	checkLengths(): void {
		const { unitMaxChars, documentMaxChars } = this.view.schema;
		let total = 0;
		for (const { unit, type, delta } of this.#growth.values()) {
			total += delta;
			const length = type._length + delta;
			if (delta > 0 && length > unitMaxChars)
				forbidden(`unit limit of ${unitMaxChars} characters: text '${unit.key}' would hold ${length}`);
		}
		// Only an update that makes the texts longer pays for adding up their lengths.
		if (total <= 0) return;
		const length = this.view.totalTextLength() + total;
		if (length > documentMaxChars)
			forbidden(`document limit of ${documentMaxChars} characters: its texts would hold ${length}`);
	}
}

/** The string a node holds and the clock of its first character; null text for anything else. */
function nodeText(node: Node): { text: string | null; start: number } {
	if (node.kind === 'update') {
		const content = node.item.content;
		return { text: content.kind === 'string' ? content.text : null, start: node.item.clock };
	}
	const struct = node.struct;
	const text =
		struct instanceof Y.Item && struct.content instanceof Y.ContentString ? struct.content.str : null;
	return { text, start: struct.id.clock };
}

/** The words for a forbidden character in a verdict (and in the close reason the user's notice keeps). */
function characterName(code: string): string {
	if (['U+000A', 'U+000B', 'U+000C', 'U+000D', 'U+0085', 'U+2028', 'U+2029'].includes(code))
		return 'a line break';
	if (code === 'U+0009') return 'a tab';
	if (code >= 'U+D800' && code <= 'U+DFFF') return 'a lone surrogate';
	return 'a control character';
}

/** The struct of one client's section that holds `clock` (sections are in clock order). */
export function findStruct(structs: Struct[], clock: number): Struct | undefined {
	let low = 0;
	let high = structs.length - 1;
	while (low <= high) {
		const middle = (low + high) >>> 1;
		const struct = structs[middle];
		if (struct === undefined) return undefined;
		if (clock < struct.clock) high = middle - 1;
		else if (clock >= struct.clock + struct.length) low = middle + 1;
		else return struct;
	}
	return undefined;
}
