// Reading amendments and positions. A draft is seen only by its own group's members (AMD-4); someone
// outside the meeting sees nothing.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/index.ts';
import { events, positions, users } from '../db/schema.ts';
import { membershipOf } from '../meetings/queries.ts';
import { amendmentOf, meetingAmendmentRows } from './store.ts';
import { compareByCode, type Amendment } from '#lib/domain/amendment.ts';
import {
	consensusOf,
	emptyRow,
	withPosition,
	type Consensus,
	type PositionRow,
	type PositionSubject,
	type Stance
} from '#lib/domain/position.ts';
import type { GroupId } from '#lib/domain/roles.ts';

export interface AmendmentView extends Amendment {
	/** What it changes, as it stood when tabled; null while never tabled, and for an insertion. */
	baseText: string | null;
	createdAt: Date;
	updatedAt: Date;
}

/** The meeting's amendments `userId` may see, by code (drafts last); [] for a non-participant. */
export function listAmendments(db: DbOrTx, userId: string, meetingId: string): AmendmentView[] {
	const m = membershipOf(db, meetingId, userId);
	if (!m) return [];
	return meetingAmendmentRows(db, meetingId)
		.filter((r) => r.status !== 'draft' || (m.groupId !== null && r.groupId === m.groupId))
		.map((r) => ({ ...amendmentOf(r), baseText: r.baseText, createdAt: r.createdAt, updatedAt: r.updatedAt }))
		.sort(compareByCode);
}

export interface PositionGridRow {
	subject: PositionSubject;
	row: PositionRow;
	consensus: Consensus;
}

/**
 * The positions grid (POS-1, POS-4): one row per subject that has at least one recorded position,
 * groups without one shown as 'none'. Positions on an amendment `userId` may not see are left out.
 */
export function positionsGrid(db: DbOrTx, userId: string, meetingId: string): PositionGridRow[] {
	const m = membershipOf(db, meetingId, userId);
	if (!m) return [];
	const visible = new Set(listAmendments(db, userId, meetingId).map((a) => a.id));
	const rows = db.select().from(positions).where(eq(positions.meetingId, meetingId)).all();
	const grid = new Map<string, PositionGridRow>();
	for (const p of rows) {
		if (p.subjectKind === 'amendment' && !visible.has(p.subjectId)) continue;
		const key = `${p.subjectKind}:${p.subjectId}`;
		const subject: PositionSubject =
			p.subjectKind === 'amendment'
				? { kind: 'amendment', amendmentId: p.subjectId }
				: { kind: 'paragraph', unitId: p.subjectId };
		const current = grid.get(key) ?? { subject, row: emptyRow(), consensus: 'pending' as Consensus };
		current.row = withPosition(current.row, { groupId: p.groupId, stance: p.stance, note: p.note });
		current.consensus = consensusOf(current.row);
		grid.set(key, current);
	}
	return [...grid.values()];
}

export interface PositionChange {
	groupId: GroupId;
	stance: Stance;
	note: string | null;
	/** Who set it, by name, and when. */
	by: string;
	at: Date;
}

/**
 * Every position ever recorded on one subject, oldest first (POS-1: "every change kept in the
 * history"), read from the `position.set` events. Nothing for a subject `userId` may not see.
 */
export function positionHistory(
	db: DbOrTx,
	userId: string,
	meetingId: string,
	subject: PositionSubject
): PositionChange[] {
	const m = membershipOf(db, meetingId, userId);
	if (!m) return [];
	const subjectId = subject.kind === 'amendment' ? subject.amendmentId : subject.unitId;
	if (subject.kind === 'amendment' && !listAmendments(db, userId, meetingId).some((a) => a.id === subjectId))
		return [];
	const rows = db
		.select({ payload: events.payload, at: events.at, name: users.displayName })
		.from(events)
		.leftJoin(users, eq(users.id, events.actorUserId))
		.where(
			and(
				eq(events.meetingId, meetingId),
				eq(events.type, 'position.set'),
				sql`json_extract(${events.payload}, '$.subjectKind') = ${subject.kind}`,
				sql`json_extract(${events.payload}, '$.subjectId') = ${subjectId}`
			)
		)
		.orderBy(asc(events.seq))
		.all();
	return rows.map((r) => ({
		groupId: r.payload['groupId'] as GroupId,
		stance: r.payload['stance'] as Stance,
		note: (r.payload['note'] as string | null) ?? null,
		by: r.name ?? '',
		at: r.at
	}));
}
