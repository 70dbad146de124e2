// Appending to the event log. Only inserts: the log is append-only (see the migration's triggers).
import type { DbOrTx } from './db/index.ts';
import { events } from './db/schema.ts';
import type { Membership } from '#lib/domain/roles.ts';

export interface EventInput {
	meetingId: string | null;
	type: string;
	actorUserId: string | null;
	membership?: Membership | null;
	payload: Record<string, unknown>;
}

export function appendEvent(db: DbOrTx, e: EventInput): void {
	db.insert(events)
		.values({
			meetingId: e.meetingId,
			type: e.type,
			actorUserId: e.actorUserId,
			actorGroup: e.membership?.groupId ?? null,
			actorRoles: e.membership ? e.membership.roles.join(',') : null,
			at: new Date(),
			payload: e.payload
		})
		.run();
}
