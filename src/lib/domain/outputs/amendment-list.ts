// The list of amendments (OUT-3, OUT-4): every tabled amendment, never a group's draft, in the order of
// the text it amends, each with its change shown against the text it was tabled on.
import { anchorId, compareByCode, proposedText, type Amendment } from '../amendment.ts';
import { wordDiff } from '../diff.ts';
import { allBlocks, type DraftText } from '../text.ts';
import type { OutputDiffPiece } from './model.ts';

export interface ListedAmendment extends Amendment {
	/** What it changed when tabled: the unit's text, or the parent's proposed text; null for an insertion. */
	baseText: string | null;
}

/** OUT-4: drafts are the group's own; what the world sees starts at tabling. */
export function publicAmendments<T extends Pick<Amendment, 'status'>>(all: readonly T[]): T[] {
	return all.filter((a) => a.status !== 'draft');
}

/**
 * OUT-3: in text order. An amendment sits at the block it changes (an insertion just after the block it
 * follows), a subamendment right after its parent; amendments to one place by code. The text is the full
 * one, deleted units included, so that an amendment to a deleted paragraph keeps its place.
 */
export function inTextOrder<T extends Amendment>(text: DraftText, list: readonly T[]): T[] {
	const place = new Map(allBlocks(text).map((b, i) => [b.id, i]));
	const byId = new Map(list.map((a) => [a.id, a]));
	const key = (a: T, depth = 0): number[] => {
		if (a.proposal.kind === 'subamendment') {
			const parent = byId.get(a.proposal.parentId);
			if (parent && depth < 8) return [...key(parent, depth + 1), 1];
			return [Infinity, 0];
		}
		const anchor = anchorId(a.proposal);
		const at = anchor === null ? undefined : place.get(anchor);
		if (at === undefined) return [Infinity, 0];
		return [at, a.proposal.kind === 'insert_after' ? 1 : 0];
	};
	const keys = new Map(list.map((a) => [a.id, key(a)]));
	return [...list].sort((a, b) => {
		const ka = keys.get(a.id) ?? [];
		const kb = keys.get(b.id) ?? [];
		for (let i = 0; i < Math.max(ka.length, kb.length); i++) {
			// A parent's key is a prefix of its subamendments' keys: shorter (the parent) first.
			const x = ka[i] ?? -1;
			const y = kb[i] ?? -1;
			if (x !== y) return x < y ? -1 : 1;
		}
		return compareByCode(a, b);
	});
}

/** The change shown inline (OUT-3): a deletion strikes the whole base, an insertion is all new words. */
export function changeOf(a: ListedAmendment): OutputDiffPiece[] {
	const proposed = proposedText(a.proposal);
	if (proposed === null) return a.baseText ? [{ kind: 'delete', text: a.baseText }] : [];
	if (a.baseText === null) return [{ kind: 'insert', text: proposed }];
	return wordDiff(a.baseText, proposed);
}
