// The inline diff of a proposed wording against the text, for display (docs/domain.md, "Amendments"), and how
// far a proposal departs from the text. Rules DIF-n in SPEC.md. The UI strikes deletions through and
// underlines insertions; it names them in the reader's language from the structured changes here.
import { diffArrays } from 'diff';
import { hunksOf, join, tokenize, weight, type Hunk } from './diff-tokens.ts';

export interface DiffSegment {
	kind: 'same' | 'insert' | 'delete';
	text: string;
}

/** One change for a screen reader: what was struck out and what was put in, either possibly empty. */
export interface DiffChange {
	deleted: string;
	inserted: string;
}

/**
 * The proposal against the original, word by word (DIF-1). 'same' and 'delete' segments joined give the
 * original exactly, 'same' and 'insert' the proposal (DIF-3). Within a change the deletion comes first.
 * Nearby changes are coalesced (DIF-4) so that "the Office should" → "the ILO must" reads as one
 * replacement, "Office should" by "ILO must".
 */
export function wordDiff(original: string, proposed: string): DiffSegment[] {
	const a = tokenize(original);
	const b = tokenize(proposed);
	const hunks = coalesce(a, b, hunksOf(a, b));
	const segments: DiffSegment[] = [];
	let i = 0;
	for (const h of hunks) {
		if (h.aStart > i) segments.push({ kind: 'same', text: join(a, i, h.aStart) });
		if (h.aEnd > h.aStart) segments.push({ kind: 'delete', text: join(a, h.aStart, h.aEnd) });
		if (h.bEnd > h.bStart) segments.push({ kind: 'insert', text: join(b, h.bStart, h.bEnd) });
		i = h.aEnd;
	}
	if (i < a.length) segments.push({ kind: 'same', text: join(a, i) });
	return segments;
}

/**
 * DIF-4: an unchanged stretch between two changes is folded into them when it is whitespace alone, or
 * holds fewer words and marks than each of the two changes, as found by the diff, deletes or inserts.
 * Sizes are those of the changes before any folding, so folding does not snowball through a rewritten
 * paragraph. "the Office should" → "the ILO must" is one replacement; a committee reads
 * "~~develop coherent policies and implement effective measures~~ adopt clear rules and enforce strict
 * sanctions" more easily than fragments alternating around a shared "and"; a shared word as long as a
 * change beside it ("~~develop~~ adopt and …") stays visible.
 */
function coalesce(a: readonly string[], b: readonly string[], hunks: Hunk[]): Hunk[] {
	const size = (h: Hunk) => Math.max(weight(a, h.aStart, h.aEnd), weight(b, h.bStart, h.bEnd));
	const result: Hunk[] = [];
	let prevSize = 0;
	for (const h of hunks) {
		const prev = result.at(-1);
		const hSize = size(h);
		if (prev) {
			const between = weight(a, prev.aEnd, h.aStart);
			if (between === 0 || (between < prevSize && between < hSize)) {
				prev.aEnd = h.aEnd;
				prev.bEnd = h.bEnd;
				prevSize = hSize;
				continue;
			}
		}
		result.push({ ...h });
		prevSize = hSize;
	}
	return result;
}

/** Joins the segments of one side: 'original' keeps same + delete, 'proposed' keeps same + insert. */
export function sideOf(segments: readonly DiffSegment[], side: 'original' | 'proposed'): string {
	const skip = side === 'original' ? 'insert' : 'delete';
	return segments
		.filter((s) => s.kind !== skip)
		.map((s) => s.text)
		.join('');
}

/**
 * DIF-5: the changes of a diff in reading order, each a run of deletions and insertions between unchanged
 * text, trimmed of surrounding whitespace, for a screen reader to announce ("deleted: …; inserted: …" in
 * the reader's language). A change of whitespace alone gives no entry.
 */
export function changesOf(segments: readonly DiffSegment[]): DiffChange[] {
	const changes: DiffChange[] = [];
	let open: DiffChange | null = null;
	for (const s of segments) {
		if (s.kind === 'same') {
			open = null;
			continue;
		}
		if (!open) changes.push((open = { deleted: '', inserted: '' }));
		if (s.kind === 'delete') open.deleted += s.text;
		else open.inserted += s.text;
	}
	return changes
		.map((c) => ({ deleted: c.deleted.trim(), inserted: c.inserted.trim() }))
		.filter((c) => c.deleted !== '' || c.inserted !== '');
}

/**
 * DIF-6: how far a proposal departs from the text: the number of words and marks deleted plus the number
 * inserted, in a minimal word diff that ignores whitespace. A replaced word counts 2, a changed comma 2, a
 * doubled space 0. Among competing amendments the one departing furthest is taken first (docs/domain.md).
 */
export function departure(original: string, proposed: string): number {
	const words = (text: string) => tokenize(text).filter((t) => weight([t]) > 0);
	let n = 0;
	for (const part of diffArrays(words(original), words(proposed))) {
		if (part.added || part.removed) n += part.count;
	}
	return n;
}
