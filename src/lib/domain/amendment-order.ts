// The order in which the Chair takes amendments (docs/domain.md, "Amendments"): text order, then among
// competing amendments the one that departs furthest from the text first, subamendments right before
// their parent, and the Chair's own order over all of it. Rules AMD-17 … AMD-20 in SPEC.md.
// Word diffs live elsewhere: the size of a change is a function the caller passes in.
import { compareByCode, type Amendment, type AmendmentProposal } from './amendment.ts';
import type { TextBlock } from './text.ts';

/** How far `proposed` is from `original`, e.g. the number of words a word diff inserts and deletes. */
export type DiffSize = (original: string, proposed: string) => number;

/** Where in a block's text a change falls: [start, end) in characters of the current text. */
export interface Span {
	start: number;
	end: number;
}

/** Within one place, deletions first, then new wording, then insertions after it (AMD-17). */
const KIND_RANK: Record<AmendmentProposal['kind'], number> = {
	delete: 0,
	change_wording: 1,
	change_clause: 1,
	insert_after: 2,
	subamendment: 3
};

/**
 * The passage of `original` that `proposed` changes: what is left once the longest common prefix
 * and (not overlapping it) the longest common suffix are set aside. Empty where words are only added.
 */
export function changedSpan(original: string, proposed: string): Span {
	let start = 0;
	const max = Math.min(original.length, proposed.length);
	while (start < max && original[start] === proposed[start]) start++;
	let suffix = 0;
	while (
		suffix < max - start &&
		original[original.length - 1 - suffix] === proposed[proposed.length - 1 - suffix]
	)
		suffix++;
	return { start, end: original.length - suffix };
}

/** The passage an amendment changes in its block's current text; null for insertions and subamendments. */
export function spanOf(p: AmendmentProposal, original: string): Span | null {
	switch (p.kind) {
		case 'delete':
			return { start: 0, end: original.length };
		case 'change_wording':
		case 'change_clause':
			return changedSpan(original, p.text);
		default:
			return null;
	}
}

/**
 * How far an amendment departs from the text it changes (AMD-18): a deletion departs furthest of all
 * (Infinity); new wording departs by `diffSize(current text, proposed text)`; a subamendment by
 * `diffSize(parent's proposed text, its own)`; an insertion by `diffSize('', its text)`.
 */
export function departure(p: AmendmentProposal, original: string, diffSize: DiffSize): number {
	return p.kind === 'delete' ? Infinity : diffSize(original, p.text);
}

/** Two passages compete when they overlap; a pure addition competes with what covers its point. */
export function spansCompete(a: Span, b: Span): boolean {
	const from = Math.max(a.start, b.start);
	const to = Math.min(a.end, b.end);
	return from < to || ((a.start === a.end || b.start === b.end) && from <= to);
}

interface Placed {
	amendment: Amendment;
	span: Span;
	departure: number;
}

function byTextThenKind(a: Placed, b: Placed): number {
	return (
		a.span.start - b.span.start ||
		KIND_RANK[a.amendment.proposal.kind] - KIND_RANK[b.amendment.proposal.kind] ||
		compareByCode(a.amendment, b.amendment)
	);
}

function byDeparture(a: Placed, b: Placed): number {
	if (a.departure !== b.departure) return a.departure > b.departure ? -1 : 1;
	return byTextThenKind(a, b);
}

/** The changes to one block in order (AMD-17, AMD-18): competing runs sorted by departure. */
function orderBlock(changes: Placed[]): Amendment[] {
	const sorted = [...changes].sort(byTextThenKind);
	const out: Amendment[] = [];
	let run: Placed[] = [];
	let runSpan: Span | null = null;
	const flush = () => {
		out.push(...run.sort(byDeparture).map((p) => p.amendment));
		run = [];
		runSpan = null;
	};
	for (const p of sorted) {
		if (runSpan && !spansCompete(runSpan, p.span)) flush();
		run.push(p);
		runSpan = runSpan ? { start: runSpan.start, end: Math.max(runSpan.end, p.span.end) } : p.span;
	}
	flush();
	return out;
}

/**
 * The order of discussion of `amendments` to the blocks `blocks` (a paragraph's text and its
 * subparagraphs, in reading order, as they stand now): AMD-17 … AMD-19. Amendments whose block is
 * not among `blocks` come last, by code; so do subamendments whose parent is not in `amendments`.
 */
export function orderForDiscussion(
	amendments: readonly Amendment[],
	blocks: readonly TextBlock[],
	diffSize: DiffSize
): Amendment[] {
	const byId = new Map(amendments.map((a) => [a.id, a]));
	const subs = new Map<string, Amendment[]>();
	const roots: Amendment[] = [];
	for (const a of amendments) {
		const p = a.proposal;
		if (p.kind === 'subamendment' && byId.has(p.parentId)) {
			subs.set(p.parentId, [...(subs.get(p.parentId) ?? []), a]);
		} else roots.push(a);
	}

	const ordered: Amendment[] = [];
	const placed = new Set<string>();
	for (const block of blocks) {
		const changes: Placed[] = [];
		const inserts: Amendment[] = [];
		for (const a of roots) {
			const p = a.proposal;
			if (p.kind === 'insert_after' ? p.afterId !== block.id : !('targetId' in p) || p.targetId !== block.id)
				continue;
			const span = spanOf(p, block.text);
			if (span) changes.push({ amendment: a, span, departure: departure(p, block.text, diffSize) });
			else inserts.push(a);
		}
		for (const a of [...orderBlock(changes), ...inserts.sort(compareByCode)]) {
			ordered.push(a);
			placed.add(a.id);
		}
	}
	ordered.push(...roots.filter((a) => !placed.has(a.id)).sort(compareByCode));

	// Subamendments right before their parent, the furthest from the parent's wording first (AMD-19).
	const withSubs = (a: Amendment, seen: Set<string>): Amendment[] => {
		if (seen.has(a.id)) return [];
		seen.add(a.id);
		const parentText = a.proposal.kind === 'delete' ? '' : a.proposal.text;
		const children = (subs.get(a.id) ?? [])
			.map((s) => ({ s, d: departure(s.proposal, parentText, diffSize) }))
			.sort((x, y) => (x.d !== y.d ? (x.d > y.d ? -1 : 1) : compareByCode(x.s, y.s)))
			.flatMap(({ s }) => withSubs(s, seen));
		return [...children, a];
	};
	const seen = new Set<string>();
	const result = ordered.flatMap((a) => withSubs(a, seen));
	// Only a cycle of subamendments, which tabling cannot make (AMD-13), is left over; nothing is dropped.
	return [...result, ...amendments.filter((a) => !seen.has(a.id)).sort(compareByCode)];
}

/**
 * The Chair's order (AMD-20): the amendments named in `manual` first, in that order (unknown ids and
 * repeats ignored), then every other amendment in its place in `computed`.
 */
export function applyManualOrder<T extends { id: string }>(
	computed: readonly T[],
	manual: readonly string[]
): T[] {
	const byId = new Map(computed.map((a) => [a.id, a]));
	const first: T[] = [];
	const taken = new Set<string>();
	for (const id of manual) {
		const a = byId.get(id);
		if (a && !taken.has(id)) {
			first.push(a);
			taken.add(id);
		}
	}
	return [...first, ...computed.filter((a) => !taken.has(a.id))];
}
