// Votes as server commands (VOT-n): the composition counted from the participants as they are now, the
// ballot tallied by the domain, stored with its tally and the sitting, one event for the record.
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/index.ts';
import { amendments, meetings, participants, textUnits, votes } from '../db/schema.ts';
import { currentSitting } from '../events.ts';
import { command } from '../kernel/command.ts';
import { CommandError } from '../command-error.ts';
import { actorFor, membershipOf } from '../meetings/queries.ts';
import { loadDraftText } from '../meetings/text-store.ts';
import { referenceOf } from '#lib/domain/numbering.ts';
import { tally, type Ballot, type Composition, type Tally } from '#lib/domain/vote.ts';

/**
 * Members entitled to vote, per group (VOT-1): the meeting's participants who sit in a group. Counted
 * afresh for every vote, so the weights follow the composition as it changes.
 */
export function compositionOf(db: DbOrTx, meetingId: string): Composition {
	const rows = db
		.select({ groupId: participants.groupId, n: sql<number>`count(*)` })
		.from(participants)
		.where(and(eq(participants.meetingId, meetingId), isNotNull(participants.groupId)))
		.groupBy(participants.groupId)
		.all();
	const c: Composition = { government: 0, employers: 0, workers: 0 };
	for (const r of rows) if (r.groupId) c[r.groupId] = r.n;
	return c;
}

function requireOfficer(
	db: DbOrTx,
	user: { id: string; isOffice: boolean },
	meetingId: string,
	roles: string[]
) {
	const actor = actorFor(db, user, meetingId);
	if (!actor.membership) throw new CommandError(404, 'vote.notMember');
	if (!actor.membership.roles.some((r) => roles.includes(r))) throw new CommandError(403, 'vote.notOfficer');
	return actor;
}

/** The quorum for votes (VOT-4), set by the secretariat: members who must take part. */
export async function setQuorum(
	db: Db,
	user: { id: string; isOffice: boolean },
	meetingId: string,
	quorum: number
): Promise<void> {
	const actor = requireOfficer(db, user, meetingId, ['secretariat']);
	if (!Number.isInteger(quorum) || quorum < 0 || quorum > 100_000)
		throw new CommandError(400, 'vote.badQuorum');
	await command(db, { meetingId }, ({ tx, record }) => {
		tx.update(meetings).set({ quorum }).where(eq(meetings.id, meetingId)).run();
		record({
			meetingId,
			type: 'meeting.quorum',
			actorUserId: user.id,
			membership: actor.membership,
			payload: { quorum }
		});
	});
}

export type VoteSubject = { kind: 'unit'; unitId: string } | { kind: 'amendment'; amendmentId: string };

/**
 * Records a vote the Chair has put (VOT-2 … VOT-5), by the Chair or the secretariat: the tally against
 * the composition and the quorum as they are now; never after the conclusions are adopted (CON-3).
 * Returns the tally.
 */
export async function recordVote(
	db: Db,
	user: { id: string; isOffice: boolean },
	meetingId: string,
	request: { subject: VoteSubject; ballot: Ballot }
): Promise<Tally> {
	const actor = requireOfficer(db, user, meetingId, ['chair', 'secretariat']);
	const { subject, ballot } = request ?? {};
	if (!subject || !ballot || (ballot.kind !== 'members' && ballot.kind !== 'groups'))
		throw new CommandError(400, 'vote.badCount');
	return command(db, { meetingId }, ({ tx, record }) => {
		// CON-3: a vote decides something, and once the conclusions are adopted nothing is left to decide.
		if (
			tx.select({ at: meetings.conclusionsAdoptedAt }).from(meetings).where(eq(meetings.id, meetingId)).get()
				?.at
		)
			throw new CommandError(409, 'decision.conclusionsAdopted');
		let reference: string | null = null;
		let code: string | null = null;
		if (subject.kind === 'unit') {
			const unit = tx
				.select({ id: textUnits.id })
				.from(textUnits)
				.where(and(eq(textUnits.id, subject.unitId), eq(textUnits.meetingId, meetingId)))
				.get();
			if (!unit) throw new CommandError(404, 'decision.unknownUnit');
			reference = referenceOf(loadDraftText(tx, meetingId).text, subject.unitId);
		} else {
			const a = tx
				.select({ code: amendments.code, status: amendments.status })
				.from(amendments)
				.where(and(eq(amendments.id, subject.amendmentId), eq(amendments.meetingId, meetingId)))
				.get();
			if (!a || a.status === 'draft') throw new CommandError(404, 'amendment.notFound');
			code = a.code;
		}
		if (ballot.kind === 'members')
			for (const v of ballot.votes) {
				// A member's vote counts for the group they sit in, as the roll says now.
				const m = membershipOf(tx, meetingId, String(v.voterId));
				if (!m || m.groupId !== v.groupId) throw new CommandError(400, 'vote.notEntitled');
			}
		const composition = compositionOf(tx, meetingId);
		const quorum =
			tx.select({ q: meetings.quorum }).from(meetings).where(eq(meetings.id, meetingId)).get()?.q ?? 0;
		const counted = tally(ballot, composition, quorum);
		if (!counted.ok) throw new CommandError(400, counted.problem);
		const at = new Date();
		const id = crypto.randomUUID();
		tx.insert(votes)
			.values({
				id,
				meetingId,
				subjectKind: subject.kind,
				subjectId: subject.kind === 'unit' ? subject.unitId : subject.amendmentId,
				ballot: ballot as unknown as Record<string, unknown>,
				tally: counted.tally as unknown as Record<string, unknown>,
				result: counted.tally.result,
				recordedBy: user.id,
				sittingId: currentSitting(tx, meetingId, at),
				at
			})
			.run();
		record({
			meetingId,
			type: 'vote.taken',
			actorUserId: user.id,
			membership: actor.membership,
			payload: {
				voteId: id,
				subjectKind: subject.kind,
				subjectId: subject.kind === 'unit' ? subject.unitId : subject.amendmentId,
				reference,
				code,
				composition,
				weights: counted.tally.weights.perMember,
				total: counted.tally.total,
				participants: counted.tally.participants,
				quorum,
				result: counted.tally.result
			}
		});
		return counted.tally;
	});
}
