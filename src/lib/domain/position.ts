// Each group's position on each amendment and each paragraph (docs/domain.md, "Positions"), and whether
// the three together make a consensus. Rules POS-n in SPEC.md.
import type { AmendmentActor } from './amendment-policy.ts';
import { GROUPS, type GroupId, type Role } from './roles.ts';

export const STANCES = ['support', 'oppose', 'can_accept', 'reserve', 'none'] as const;
export type Stance = (typeof STANCES)[number];

/** What a position is about: an amendment, or a paragraph (or subparagraph), by stable id. */
export type PositionSubject =
	{ kind: 'amendment'; amendmentId: string } | { kind: 'paragraph'; unitId: string };

export interface GroupPosition {
	stance: Stance;
	/** A short note ("subject to the Africa group's view"); null when none. */
	note: string | null;
}

/** The three positions on one subject (POS-1). */
export type PositionRow = Record<GroupId, GroupPosition>;

/** A recorded position: the grid entry, with who set it. */
export interface PositionEntry extends GroupPosition {
	subject: PositionSubject;
	groupId: GroupId;
	setBy: string;
}

/** The longest note, in characters: a position's note is a remark, not a statement (POS-3). */
export const NOTE_MAX = 500;

export type PositionReason =
	| 'position.notMember'
	| 'position.notOwnGroup'
	| 'position.notSpeaker'
	| 'position.noteTooLong'
	| 'position.noteMultiline';

export type SetPositionResult =
	{ ok: true; entry: PositionEntry } | { ok: false; rule: string; reason: PositionReason };

/** A row where no group has a position yet (POS-1). */
export function emptyRow(): PositionRow {
	const none = (): GroupPosition => ({ stance: 'none', note: null });
	return { government: none(), employers: none(), workers: none() };
}

/** Who records a group's position (POS-2). */
const SPEAKERS: Record<GroupId, readonly Role[]> = {
	government: ['government_coordinator', 'spokesperson'],
	employers: ['spokesperson', 'group_secretary'],
	workers: ['spokesperson', 'group_secretary']
};

/** Whether someone with `membership` speaks for `groupId`: records its positions (POS-2), makes its statements (STM-2). */
export function speaksFor(membership: AmendmentActor['membership'], groupId: GroupId): boolean {
	return (
		!!membership &&
		membership.groupId === groupId &&
		SPEAKERS[groupId].some((r) => membership.roles.includes(r))
	);
}

/** The entry that records `groupId`'s `stance` on `subject`, or why `actor` may not record it (POS-2, POS-3). */
export function setPosition(
	actor: AmendmentActor,
	subject: PositionSubject,
	groupId: GroupId,
	stance: Stance,
	note: string | null = null
): SetPositionResult {
	const m = actor.membership;
	if (!m) return { ok: false, rule: 'POS-2', reason: 'position.notMember' };
	if (m.groupId !== groupId) return { ok: false, rule: 'POS-2', reason: 'position.notOwnGroup' };
	if (!SPEAKERS[groupId].some((role) => m.roles.includes(role)))
		return { ok: false, rule: 'POS-2', reason: 'position.notSpeaker' };
	const trimmed = note?.trim() ?? '';
	if (/[\r\n]/.test(trimmed)) return { ok: false, rule: 'POS-3', reason: 'position.noteMultiline' };
	if (trimmed.length > NOTE_MAX) return { ok: false, rule: 'POS-3', reason: 'position.noteTooLong' };
	return { ok: true, entry: { subject, groupId, stance, note: trimmed || null, setBy: actor.userId } };
}

/** The row with one group's position replaced; the input is left alone. */
export function withPosition(
	row: PositionRow,
	entry: Pick<PositionEntry, 'groupId' | 'stance' | 'note'>
): PositionRow {
	return { ...row, [entry.groupId]: { stance: entry.stance, note: entry.note } };
}

export type Consensus = 'consensus' | 'no_consensus' | 'pending';

/**
 * What the three positions add up to (POS-4): any group opposed, no consensus; else any group
 * reserved or without a position, pending; else (every group supports or can accept) consensus.
 */
export function consensusOf(row: PositionRow): Consensus {
	const stances = GROUPS.map((g) => row[g].stance);
	if (stances.includes('oppose')) return 'no_consensus';
	if (stances.some((s) => s === 'reserve' || s === 'none')) return 'pending';
	return 'consensus';
}
