// Reading meetings and memberships. Every page that shows a meeting goes through membershipOf first:
// a user sees only the meetings they belong to.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/index.ts';
import { meetings, participantRoles, participants, sittings, users } from '../db/schema.ts';
import type { Actor } from '#lib/domain/policy.ts';
import { ROLES, type GroupId, type Membership, type Role } from '#lib/domain/roles.ts';

export interface MeetingSummary {
	id: string;
	title: string;
	venue: string;
	startDate: string;
	endDate: string;
}

export function listMeetingsFor(db: DbOrTx, userId: string): MeetingSummary[] {
	return db
		.select({
			id: meetings.id,
			title: meetings.title,
			venue: meetings.venue,
			startDate: meetings.startDate,
			endDate: meetings.endDate
		})
		.from(meetings)
		.innerJoin(participants, eq(participants.meetingId, meetings.id))
		.where(eq(participants.userId, userId))
		.orderBy(asc(meetings.startDate))
		.all();
}

export function getMeeting(db: DbOrTx, meetingId: string) {
	const meeting = db.select().from(meetings).where(eq(meetings.id, meetingId)).get();
	if (!meeting) return null;
	const sittingRows = db
		.select({ number: sittings.number, date: sittings.date })
		.from(sittings)
		.where(eq(sittings.meetingId, meetingId))
		.orderBy(asc(sittings.number))
		.all();
	return { ...meeting, sittings: sittingRows };
}

export type MembershipRow = Membership & { participantId: string; country: string | null };

export function membershipOf(db: DbOrTx, meetingId: string, userId: string): MembershipRow | null {
	const p = db
		.select()
		.from(participants)
		.where(and(eq(participants.meetingId, meetingId), eq(participants.userId, userId)))
		.get();
	if (!p) return null;
	const roles = db
		.select({ role: participantRoles.role })
		.from(participantRoles)
		.where(eq(participantRoles.participantId, p.id))
		.all()
		.map((r) => r.role);
	return { participantId: p.id, groupId: p.groupId, roles, country: p.country };
}

export function actorFor(
	db: DbOrTx,
	user: { id: string; isOffice: boolean },
	meetingId: string | null
): Actor {
	return {
		userId: user.id,
		isOffice: user.isOffice,
		membership: meetingId ? membershipOf(db, meetingId, user.id) : null
	};
}

export interface ParticipantView {
	participantId: string;
	userId: string;
	username: string;
	displayName: string;
	groupId: GroupId | null;
	country: string | null;
	roles: Role[];
}

const GROUP_ORDER: Record<string, number> = { government: 1, employers: 2, workers: 3 };

export function listParticipants(db: DbOrTx, meetingId: string): ParticipantView[] {
	const rows = db
		.select({
			participantId: participants.id,
			userId: users.id,
			username: users.username,
			displayName: users.displayName,
			groupId: participants.groupId,
			country: participants.country
		})
		.from(participants)
		.innerJoin(users, eq(users.id, participants.userId))
		.where(eq(participants.meetingId, meetingId))
		.all();
	const roleRows = rows.length
		? db
				.select()
				.from(participantRoles)
				.where(
					inArray(
						participantRoles.participantId,
						rows.map((r) => r.participantId)
					)
				)
				.all()
		: [];
	return rows
		.map((r) => ({
			...r,
			roles: roleRows
				.filter((x) => x.participantId === r.participantId)
				.map((x) => x.role)
				.sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b))
		}))
		.sort(
			(a, b) =>
				(GROUP_ORDER[a.groupId ?? ''] ?? 0) - (GROUP_ORDER[b.groupId ?? ''] ?? 0) ||
				a.displayName.localeCompare(b.displayName)
		);
}
