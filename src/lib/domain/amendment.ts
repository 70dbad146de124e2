// Amendments as data (docs/domain.md, "Amendments"): what an amendment proposes, where it stands, who tabled
// it, and its code. Rules AMD-n in SPEC.md. Who may do what: amendment-policy.ts; the lifecycle:
// amendment-lifecycle.ts; the order of discussion: amendment-order.ts.
import type { GroupId } from './roles.ts';
import { forbiddenCharacter } from './text-limits.ts';
import type { DraftText } from './text.ts';

/**
 * What an amendment does (AMD-1). Targets are stable block ids (TXT-2), never numbers.
 * - change_wording: new wording of a paragraph (its text, or its introductory words) or subparagraph;
 * - insert_after: a new paragraph or subparagraph, placed right after the block `afterId`;
 * - delete: a paragraph or subparagraph goes;
 * - change_clause: new wording of a preamble clause or a heading;
 * - subamendment: new wording of a tabled amendment's proposed text.
 */
export type AmendmentProposal =
	| { kind: 'change_wording'; targetId: string; text: string }
	| { kind: 'insert_after'; afterId: string; level: 'paragraph' | 'subparagraph'; text: string }
	| { kind: 'delete'; targetId: string }
	| { kind: 'change_clause'; targetId: string; text: string }
	| { kind: 'subamendment'; parentId: string; text: string };

export type AmendmentKind = AmendmentProposal['kind'];
export const AMENDMENT_KINDS: readonly AmendmentKind[] = [
	'change_wording',
	'insert_after',
	'delete',
	'change_clause',
	'subamendment'
];

/** Where an amendment stands (AMD-2). */
export const AMENDMENT_STATUSES = [
	'draft',
	'tabled',
	'seconded',
	'under_discussion',
	'adopted',
	'adopted_as_subamended',
	'rejected',
	'withdrawn',
	'fell',
	'not_seconded'
] as const;
export type AmendmentStatus = (typeof AMENDMENT_STATUSES)[number];

/** Statuses from which no transition leads anywhere: the amendment is settled. */
export const SETTLED_STATUSES: readonly AmendmentStatus[] = [
	'adopted',
	'adopted_as_subamended',
	'rejected',
	'withdrawn',
	'fell',
	'not_seconded'
];
/** Public and not yet settled: the meeting still has to deal with it. */
export const OPEN_STATUSES: readonly AmendmentStatus[] = ['tabled', 'seconded', 'under_discussion'];

/** On whose behalf an amendment is tabled: its group, or (Government only) one member State. */
export type Capacity = 'group' | 'national';

/** Who tabled an amendment, as it stood when tabling (AMD-6, AMD-7). */
export interface Tabler {
	userId: string;
	groupId: GroupId;
	capacity: Capacity;
	/** The member State, for a Government amendment tabled in a national capacity; null otherwise. */
	country: string | null;
}

export interface Seconder {
	userId: string;
	country: string;
}

export interface Amendment {
	id: string;
	/** The group whose room drafts it (AMD-4). */
	groupId: GroupId;
	/** `D.n`, given at first tabling and kept for good (AMD-8); null while never tabled. */
	code: string | null;
	proposal: AmendmentProposal;
	justification: string | null;
	status: AmendmentStatus;
	tabledBy: Tabler | null;
	secondedBy: Seconder | null;
}

export function isSettled(status: AmendmentStatus): boolean {
	return SETTLED_STATUSES.includes(status);
}

export function isOpen(status: AmendmentStatus): boolean {
	return OPEN_STATUSES.includes(status);
}

/** Only a Government amendment tabled in a national capacity needs a seconder (AMD-9). */
export function needsSeconder(a: Pick<Amendment, 'tabledBy'>): boolean {
	return a.tabledBy?.groupId === 'government' && a.tabledBy.capacity === 'national';
}

/** The block an amendment is about: its target, the block it inserts after, or (subamendment) null. */
export function anchorId(p: AmendmentProposal): string | null {
	switch (p.kind) {
		case 'insert_after':
			return p.afterId;
		case 'subamendment':
			return null;
		default:
			return p.targetId;
	}
}

/** The wording an amendment proposes; null for a deletion. */
export function proposedText(p: AmendmentProposal): string | null {
	return p.kind === 'delete' ? null : p.text;
}

export type ProposalProblem =
	'amendment.unknownTarget' | 'amendment.wrongTarget' | 'amendment.emptyText' | 'amendment.multilineText';

type BlockKind = 'title' | 'preamble' | 'heading' | 'paragraph' | 'subparagraph' | 'footnote';

function blockKinds(text: DraftText): Map<string, BlockKind> {
	const kinds = new Map<string, BlockKind>();
	if (text.title) kinds.set(text.title.id, 'title');
	for (const clause of text.preamble) kinds.set(clause.id, 'preamble');
	for (const item of text.body) {
		kinds.set(item.id, item.kind);
		if (item.kind === 'paragraph') for (const sub of item.subparagraphs) kinds.set(sub.id, 'subparagraph');
	}
	for (const note of text.footnotes) kinds.set(note.id, 'footnote');
	return kinds;
}

/**
 * What is wrong with a proposal against the current text, as i18n keys (empty when it fits), AMD-1:
 * wording changes and deletions target a paragraph or subparagraph, clause changes a preamble clause
 * or heading; a new paragraph goes after a paragraph or heading, a new subparagraph after a
 * subparagraph or (as its first) after a paragraph; proposed text is one non-empty line (TXT-6).
 * A subamendment's parent is checked when it is tabled (AMD-13).
 */
export function proposalProblems(p: AmendmentProposal, text: DraftText): ProposalProblem[] {
	const problems: ProposalProblem[] = [];
	const anchor = anchorId(p);
	if (anchor !== null) {
		const allowed: readonly BlockKind[] =
			p.kind === 'change_clause'
				? ['preamble', 'heading']
				: p.kind === 'insert_after' && p.level === 'paragraph'
					? ['paragraph', 'heading']
					: ['paragraph', 'subparagraph'];
		const kind = blockKinds(text).get(anchor);
		if (kind === undefined) problems.push('amendment.unknownTarget');
		else if (!allowed.includes(kind)) problems.push('amendment.wrongTarget');
	}
	const proposed = proposedText(p);
	if (proposed !== null && proposed.trim() === '') problems.push('amendment.emptyText');
	// TXT-7: the wording becomes a unit's text, which holds no line break or other control.
	if (proposed !== null && forbiddenCharacter(proposed) !== null) problems.push('amendment.multilineText');
	return problems;
}

const CODE = /^D\.([1-9]\d*)$/;

/** The number of a code `D.n`, or null for anything else. */
export function codeNumber(code: string | null): number | null {
	const m = code === null ? null : CODE.exec(code);
	return m?.[1] === undefined ? null : Number(m[1]);
}

/**
 * The code the next tabled amendment gets (AMD-8): `D.` and one more than the highest existing
 * number. Gaps are not filled, codes are never reused; anything not of the form `D.n` is ignored.
 */
export function nextCode(existing: Iterable<string | null>): string {
	let max = 0;
	for (const code of existing) max = Math.max(max, codeNumber(code) ?? 0);
	return `D.${max + 1}`;
}

/** By code number, amendments never tabled last, then by id: a stable total order. */
export function compareByCode(a: Pick<Amendment, 'code' | 'id'>, b: Pick<Amendment, 'code' | 'id'>): number {
	const na = codeNumber(a.code) ?? Infinity;
	const nb = codeNumber(b.code) ?? Infinity;
	if (na !== nb) return na < nb ? -1 : 1;
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
