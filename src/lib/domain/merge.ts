// Merging an adopted amendment into the working text of its paragraph (docs/domain.md, "Amendments"): the
// change base → proposed is rebased onto base → current, word by word, like a three-way merge. Rules MRG-n
// in SPEC.md.
import { hunksOf, join, offsetsOf, tokenize, type Hunk } from './diff-tokens.ts';

/**
 * Replace `deleteCount` UTF-16 code units at `index` of the current text by `insert` (Y.Text counts
 * the same way).
 */
export interface TextEdit {
	index: number;
	deleteCount: number;
	insert: string;
}

/** A stretch of a text: UTF-16 indices [start, end) and the words there. */
export interface Span {
	start: number;
	end: number;
	text: string;
}

/**
 * A place where the amendment and the later edits changed the same words: the stretch of the tabled
 * text, what the amendment makes of it, and what the paragraph has there now.
 */
export interface MergeConflict {
	base: Span;
	proposed: string;
	current: Span;
}

export interface MergedText {
	text: string;
	edits: TextEdit[];
}

export type MergeResult =
	({ ok: true } & MergedText) | { ok: false; conflicts: MergeConflict[]; partial: MergedText };

/** Applies edits one after another, each against the text as the previous ones left it (MRG-2). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
	let result = text;
	for (const e of edits) {
		result = result.slice(0, e.index) + e.insert + result.slice(e.index + e.deleteCount);
	}
	return result;
}

/**
 * MRG-3: two changes of the same tabled text collide when they replace or delete some of the same
 * words, when one inserts strictly inside words the other replaces, or when both insert at the same
 * place. Changes that only touch end to end do not: an insertion at the edge of another change stays on
 * its side of it.
 */
function collide(x: Hunk, y: Hunk): boolean {
	const xEmpty = x.aStart === x.aEnd;
	const yEmpty = y.aStart === y.aEnd;
	if (xEmpty && yEmpty) return x.aStart === y.aStart;
	if (xEmpty) return y.aStart < x.aStart && x.aStart < y.aEnd;
	if (yEmpty) return x.aStart < y.aStart && y.aStart < x.aEnd;
	return x.aStart < y.aEnd && y.aStart < x.aEnd;
}

/** Base tokens [start, end) with the given changes (inside that stretch, in order) applied. */
function rewrite(
	base: readonly string[],
	start: number,
	end: number,
	hunks: readonly Hunk[],
	target: readonly string[]
): string {
	let text = '';
	let i = start;
	for (const h of hunks) {
		text += join(base, i, h.aStart) + join(target, h.bStart, h.bEnd);
		i = h.aEnd;
	}
	return text + join(base, i, end);
}

/**
 * MRG-1: applies the change an amendment makes to the text it was tabled against (`base` → `proposed`)
 * to the paragraph's text now (`current`). Each change of the amendment that collides with no later
 * edit (MRG-3) becomes an edit of `current` that replaces just those words, so edits elsewhere in the
 * paragraph, before or after, are kept. Colliding changes are conflicts (MRG-4), unless both sides
 * made the same change there (MRG-5).
 */
export function mergeAmendment(base: string, proposed: string, current: string): MergeResult {
	const b = tokenize(base);
	const p = tokenize(proposed);
	const c = tokenize(current);
	const ours = hunksOf(b, p);
	const theirs = hunksOf(b, c);

	// Groups of changes linked by collisions (union-find over ours 0..n-1 and theirs n..n+m-1).
	const n = ours.length;
	const parent = [...Array(n + theirs.length).keys()];
	const find = (k: number): number => {
		let root = k;
		while (parent[root] !== root) root = parent[root] ?? root;
		return root;
	};
	ours.forEach((o, i) =>
		theirs.forEach((t, j) => {
			if (collide(o, t)) parent[find(i)] = find(n + j);
		})
	);
	const groups = new Map<number, { ours: Hunk[]; theirs: Hunk[] }>();
	const groupOf = (k: number) => {
		const root = find(k);
		let g = groups.get(root);
		if (!g) groups.set(root, (g = { ours: [], theirs: [] }));
		return g;
	};
	ours.forEach((o, i) => groupOf(i).ours.push(o));
	theirs.forEach((t, j) => groupOf(n + j).theirs.push(t));

	const bOffsets = offsetsOf(b);
	const cOffsets = offsetsOf(c);
	/** Where base position `pos` is in current, counting later edits wholly before it (MRG-3's sides). */
	const toCurrent = (pos: number, skip: ReadonlySet<Hunk>) => {
		let at = pos;
		for (const t of theirs) {
			if (t.aEnd <= pos && !skip.has(t)) at += t.bEnd - t.bStart - (t.aEnd - t.aStart);
		}
		return at;
	};

	const edits: Array<TextEdit & { order: number }> = [];
	const conflicts: MergeConflict[] = [];
	for (const g of groups.values()) {
		if (g.ours.length === 0) continue;
		const skip = new Set(g.theirs);
		const start = Math.min(...g.ours.map((h) => h.aStart), ...g.theirs.map((h) => h.aStart));
		const end = Math.max(...g.ours.map((h) => h.aEnd), ...g.theirs.map((h) => h.aEnd));
		const wanted = rewrite(b, start, end, g.ours, p);
		const now = rewrite(b, start, end, g.theirs, c);
		const cStart = toCurrent(start, skip);
		const index = cOffsets[cStart] ?? 0;
		if (wanted === now) continue; // MRG-5: already made
		if (g.theirs.length === 0) {
			const deleteCount = (bOffsets[end] ?? 0) - (bOffsets[start] ?? 0);
			edits.push({ index, deleteCount, insert: wanted, order: start });
			continue;
		}
		conflicts.push({
			base: { start: bOffsets[start] ?? 0, end: bOffsets[end] ?? 0, text: join(b, start, end) },
			proposed: wanted,
			current: { start: index, end: index + now.length, text: now }
		});
	}
	// MRG-2: from the end of the text backwards; at one index, the change later in the text first.
	edits.sort((x, y) => y.index - x.index || y.order - x.order);
	const plain = edits.map(({ index, deleteCount, insert }) => ({ index, deleteCount, insert }));
	const merged = { text: applyEdits(current, plain), edits: plain };
	conflicts.sort((x, y) => x.base.start - y.base.start);
	return conflicts.length === 0 ? { ok: true, ...merged } : { ok: false, conflicts, partial: merged };
}

/**
 * Where the changes of base → proposed fall in the paragraph's text now, as token stretches [start, end)
 * of `current`. A change that collides with a later edit (MRG-3) covers the whole stretch that edit left.
 */
function passageIn(current: readonly string[], base: string, proposed: string): Array<[number, number]> {
	const b = tokenize(base);
	const theirs = hunksOf(b, [...current]);
	return hunksOf(b, tokenize(proposed)).map((o) => {
		const hit = theirs.filter((t) => collide(o, t));
		const start = Math.min(o.aStart, ...hit.map((t) => t.aStart));
		const end = Math.max(o.aEnd, ...hit.map((t) => t.aEnd));
		let at = start;
		let length = end - start;
		for (const t of theirs) {
			const delta = t.bEnd - t.bStart - (t.aEnd - t.aStart);
			if (hit.includes(t)) length += delta;
			else if (t.aEnd <= start) at += delta;
		}
		return [at, at + length];
	});
}

/**
 * MRG-6: the other amendments to the same paragraph that touch the passage an adopted amendment changes,
 * in their order: a stretch of words they change overlaps one the adopted amendment changes, or one
 * inserts within or at the edge of the other's. Each is compared on the paragraph's text `current`
 * (before the adopted change is merged), whatever text it was tabled against. The Chair is offered to
 * mark them as fallen; the same test finds competing amendments before a vote.
 */
export function competingAmendments<T extends { base: string; proposed: string }>(
	current: string,
	adopted: { base: string; proposed: string },
	others: readonly T[]
): T[] {
	const c = tokenize(current);
	const passage = passageIn(c, adopted.base, adopted.proposed);
	const touch = ([s1, e1]: [number, number], [s2, e2]: [number, number]) =>
		s1 === e1 || s2 === e2 ? s1 <= e2 && s2 <= e1 : s1 < e2 && s2 < e1;
	return others.filter((other) =>
		passageIn(c, other.base, other.proposed).some((x) => passage.some((y) => touch(x, y)))
	);
}
