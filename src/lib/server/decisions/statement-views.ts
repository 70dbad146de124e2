// Statements as pages and the live document show them (STM-n).
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/index.ts';
import { statements, users } from '../db/schema.ts';
import { membershipOf } from '../meetings/queries.ts';
import type { StatementKind, StatementSubject } from '#lib/domain/statement.ts';
import type { GroupId } from '#lib/domain/roles.ts';

/** A statement as pages show it (and the live document carries it). */
export interface StatementView {
	id: string;
	kind: StatementKind;
	subject: StatementSubject;
	speakerName: string;
	speakerGroup: GroupId;
	country: string | null;
	onBehalfOfGroup: boolean;
	text: string;
	/** ms since the epoch. */
	at: number;
}

type Row = typeof statements.$inferSelect;

export function viewOf(r: Row, speakerName: string): StatementView {
	return {
		id: r.id,
		kind: r.kind,
		subject: r.unitId ? { kind: 'unit', unitId: r.unitId } : { kind: 'conclusions' },
		speakerName,
		speakerGroup: r.speakerGroup,
		country: r.speakerCountry,
		onBehalfOfGroup: r.onBehalfOfGroup,
		text: r.text,
		at: r.at.getTime()
	};
}

/** Every statement of a meeting, oldest first; [] for someone outside it. */
export function listStatements(db: DbOrTx, userId: string, meetingId: string): StatementView[] {
	return membershipOf(db, meetingId, userId) ? allStatements(db, meetingId) : [];
}

/** Every statement of a meeting, oldest first, whoever asks (the live copy is the meeting's). */
export function allStatements(db: DbOrTx, meetingId: string): StatementView[] {
	return db
		.select({ s: statements, name: users.displayName })
		.from(statements)
		.innerJoin(users, eq(users.id, statements.speakerId))
		.where(eq(statements.meetingId, meetingId))
		.orderBy(statements.at)
		.all()
		.map(({ s, name }) => viewOf(s, name));
}
