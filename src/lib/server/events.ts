// Appending to the event log. Only inserts: the log is append-only (see the migration's triggers). Each
// event of a meeting carries the sitting in progress, so that the record can be grouped by sitting.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from './db/index.ts';
import { events, meetings, sittings } from './db/schema.ts';
import type { Membership } from '#lib/domain/roles.ts';

export interface EventInput {
	meetingId: string | null;
	type: string;
	actorUserId: string | null;
	membership?: Membership | null;
	payload: Record<string, unknown>;
}

/** The calendar day (YYYY-MM-DD) of `at` where the server runs: the meeting room's day. */
export function localDay(at: Date): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/**
 * The sitting in progress: the one the secretariat declared current, else the meeting's sitting on
 * today's date (the first, if two share the day), else none.
 */
export function currentSitting(db: DbOrTx, meetingId: string, at = new Date()): string | null {
	const declared = db
		.select({ id: meetings.currentSittingId })
		.from(meetings)
		.where(eq(meetings.id, meetingId))
		.get()?.id;
	if (declared) return declared;
	const today = db
		.select({ id: sittings.id })
		.from(sittings)
		.where(and(eq(sittings.meetingId, meetingId), eq(sittings.date, localDay(at))))
		.orderBy(sittings.number)
		.get();
	return today?.id ?? null;
}

/**
 * Appends one event. A command records through its kernel scope (kernel/command.ts), which first writes
 * the meeting's pending typing to disk, so that the history finds the text as it stood at the event.
 */
export function appendEvent(db: DbOrTx, e: EventInput): void {
	const at = new Date();
	db.insert(events)
		.values({
			meetingId: e.meetingId,
			type: e.type,
			actorUserId: e.actorUserId,
			actorGroup: e.membership?.groupId ?? null,
			actorRoles: e.membership ? e.membership.roles.join(',') : null,
			at,
			payload: e.payload,
			sittingId: e.meetingId ? currentSitting(db, e.meetingId, at) : null
		})
		.run();
}
