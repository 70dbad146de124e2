// What the amendments say about one unit when the Chair comes to adopt it (DEC-9 … DEC-11): which are
// still open, which the meeting adopted into its words, and which left a conflict in the text that the
// secretariat has not resolved (MRG-4). Pure: the server asks it of the rows, the Chair's console of the
// live mirror, so that what the console offers is what the server accepts. Rules in SPEC.md.
import {
	anchorId,
	compareByCode,
	isOpen,
	type AmendmentProposal,
	type AmendmentStatus
} from './amendment.ts';
import { isDecided, type UnitStatus } from './status.ts';
import type { DraftText } from './text.ts';

/** An amendment as these rules see it: the mirror's copy and the stored row both give this much. */
export interface AmendmentOnText {
	id: string;
	code: string | null;
	status: AmendmentStatus;
	proposal: AmendmentProposal;
}

/** What adopting an amendment did to a unit's words: the conflicts it left, and whether they are resolved. */
export interface MergeOnText {
	amendmentId: string;
	unitId: string;
	conflicts: readonly unknown[];
	resolved: boolean;
}

/** The amendments bearing on one unit, by code in code order. */
export interface UnitAmendments {
	/** Tabled, seconded or under discussion: the meeting has not dealt with them (DEC-9). */
	open: string[];
	/** Adopted (or adopted as subamended) into the unit's words: it is "as amended" (DEC-10). */
	adopted: string[];
	/** Adopted, but their change met a conflict the secretariat has not resolved (DEC-11). */
	unresolved: string[];
}

export const NO_AMENDMENTS: UnitAmendments = Object.freeze({ open: [], adopted: [], unresolved: [] });

export function isAdopted(status: AmendmentStatus): boolean {
	return status === 'adopted' || status === 'adopted_as_subamended';
}

/** A merge that left conflicts the secretariat has not yet marked resolved (MRG-4). */
export function conflictPending(merge: Pick<MergeOnText, 'conflicts' | 'resolved'> | undefined): boolean {
	return !!merge && merge.conflicts.length > 0 && !merge.resolved;
}

/** How an amendment reads (AMD-22): an adoption whose change is not all in the text says so. */
export type AmendmentStanding = AmendmentStatus | 'adopted_conflict' | 'adopted_as_subamended_conflict';

export function amendmentStanding(
	status: AmendmentStatus,
	merge: Pick<MergeOnText, 'conflicts' | 'resolved'> | undefined
): AmendmentStanding {
	if (!conflictPending(merge)) return status;
	if (status === 'adopted') return 'adopted_conflict';
	if (status === 'adopted_as_subamended') return 'adopted_as_subamended_conflict';
	return status;
}

/** Subparagraph id → its paragraph's id; a paragraph maps to itself. Others are in no paragraph. */
function paragraphsOf(text: DraftText): Map<string, string> {
	const out = new Map<string, string>();
	for (const item of text.body) {
		if (item.kind !== 'paragraph') continue;
		out.set(item.id, item.id);
		for (const s of item.subparagraphs) out.set(s.id, item.id);
	}
	return out;
}

/**
 * The amendments bearing on `unitId` in `text` (which keeps deleted units). A paragraph answers for
 * itself and its subparagraphs, as the paragraph's panel lists them; a subparagraph or a preambular
 * paragraph for itself alone. Bearing on a unit: an amendment anchored at it (a subamendment through its
 * parent), an insertion after it included. Changing its words: a new wording or deletion of it (or, for
 * a paragraph, of one of its subparagraphs) or a new subparagraph in it; a new paragraph after it does
 * not change it.
 */
export function unitAmendments(
	text: DraftText,
	unitId: string,
	amendments: readonly AmendmentOnText[],
	merges: readonly MergeOnText[]
): UnitAmendments {
	const paragraphs = paragraphsOf(text);
	const within = (id: string | null) => id !== null && (id === unitId || paragraphs.get(id) === unitId);
	const byId = new Map(amendments.map((a) => [a.id, a]));
	const anchorOf = (a: AmendmentOnText): string | null => {
		let p = a.proposal;
		for (let depth = 0; depth < 32; depth++) {
			if (p.kind !== 'subamendment') return anchorId(p);
			const parent = byId.get(p.parentId);
			if (!parent) return null;
			p = parent.proposal;
		}
		return null;
	};
	const changesWords = (p: AmendmentProposal): boolean => {
		switch (p.kind) {
			case 'subamendment':
				return false; // its parent carries it into the text
			case 'insert_after':
				// A new subparagraph changes its paragraph, not the subparagraph it follows.
				return p.level === 'subparagraph' && paragraphs.get(p.afterId) === unitId;
			default:
				return within(p.targetId);
		}
	};
	const codes = (list: readonly AmendmentOnText[]) =>
		[...list].sort(compareByCode).flatMap((a) => (a.code ? [a.code] : []));
	const merged = new Map(merges.map((m) => [m.amendmentId, m]));
	return {
		open: codes(amendments.filter((a) => isOpen(a.status) && within(anchorOf(a)))),
		adopted: codes(amendments.filter((a) => isAdopted(a.status) && changesWords(a.proposal))),
		unresolved: codes(
			amendments.filter((a) => {
				const m = merged.get(a.id);
				return isAdopted(a.status) && !!m && within(m.unitId) && conflictPending(m);
			})
		)
	};
}

/**
 * The units whose words adopting `p` changes, in DEC-10's sense: its target and, for a subparagraph, its
 * paragraph; for a new subparagraph, the paragraph it goes into. A subamendment changes nothing itself
 * (its parent carries it into the text) and a new paragraph changes no unit that exists.
 */
export function unitsChangedBy(text: DraftText, p: AmendmentProposal): string[] {
	const paragraphs = paragraphsOf(text);
	const withParagraph = (id: string) => {
		const paragraph = paragraphs.get(id);
		return paragraph && paragraph !== id ? [id, paragraph] : [id];
	};
	switch (p.kind) {
		case 'subamendment':
			return [];
		case 'insert_after': {
			const paragraph = p.level === 'subparagraph' ? paragraphs.get(p.afterId) : undefined;
			return paragraph ? [paragraph] : [];
		}
		default:
			return withParagraph(p.targetId);
	}
}

/**
 * AMD-23: adopting `p` would change the words of a unit already decided (adopted or deleted), behind the
 * decision the record tells: the unit is reopened first (DEC-7).
 */
export function changesDecidedUnit(
	text: DraftText,
	statuses: Readonly<Record<string, UnitStatus>>,
	p: AmendmentProposal
): boolean {
	return unitsChangedBy(text, p).some((id) => {
		const status = statuses[id];
		return status !== undefined && isDecided(status);
	});
}
