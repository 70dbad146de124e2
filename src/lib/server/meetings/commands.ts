// The meeting's structured changes as server commands: authorise with the domain policy, validate,
// then write the rows and the event in one transaction (docs/architecture.md, "Every structured change is a
// server command"). Routes call these; nothing else writes these tables.
import { and, eq, inArray } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/index.ts';
import {
	amendments,
	collabClients,
	collabSnapshots,
	collabUpdates,
	meetings,
	participantRoles,
	participants,
	sittings,
	textUnits,
	users
} from '../db/schema.ts';
import { meetingDocName } from '../collab-store/meeting-doc.ts';
import { collabBridge } from '../collab-bridge.ts';
import { command } from '../kernel/command.ts';
import { CommandError } from '../command-error.ts';
import { generatePassword, hashPassword } from '../auth/password.ts';
import { actorFor } from './queries.ts';
import { replaceDraftText } from './text-store.ts';
import type { MeetingInput, MembershipInput, ParticipantInput } from './inputs.ts';
import { can, type Action, type Actor } from '#lib/domain/policy.ts';
import { participantProblems, type Membership, type Role } from '#lib/domain/roles.ts';
import { isDecided } from '#lib/domain/status.ts';
import type { DraftText } from '#lib/domain/text.ts';

export interface CommandUser {
	id: string;
	isOffice: boolean;
}

function authorize(actor: Actor, action: Action): void {
	const d = can(actor, action);
	// Someone outside the meeting learns nothing about it, not even that it exists.
	if (!d.allowed) throw new CommandError(d.rule === 'POL-2' ? 404 : 403, d.reason);
}

function checkMembership(m: Membership): void {
	const problems = participantProblems(m);
	if (problems.length) throw new CommandError(400, problems[0]!);
}

export async function createMeeting(db: Db, user: CommandUser, input: MeetingInput): Promise<string> {
	authorize(actorFor(db, user, null), { type: 'meeting.create' });
	const meetingId = crypto.randomUUID();
	await command(db, {}, ({ tx, record }) => {
		tx.insert(meetings)
			.values({
				id: meetingId,
				title: input.title,
				venue: input.venue,
				startDate: input.startDate,
				endDate: input.endDate,
				createdBy: user.id
			})
			.run();
		for (let n = 1; n <= input.sittings; n++)
			tx.insert(sittings).values({ id: crypto.randomUUID(), meetingId, number: n }).run();
		// Whoever creates the meeting runs it: they join as its secretariat.
		const participantId = crypto.randomUUID();
		tx.insert(participants).values({ id: participantId, meetingId, userId: user.id, groupId: null }).run();
		tx.insert(participantRoles).values({ participantId, role: 'secretariat' }).run();
		record({
			meetingId,
			type: 'meeting.created',
			actorUserId: user.id,
			membership: { groupId: null, roles: ['secretariat'] },
			payload: { ...input }
		});
	});
	return meetingId;
}

export interface AddedParticipant {
	participantId: string;
	userId: string;
	/** Set when a new account was created: shown once to the secretariat, never stored in clear. */
	oneTimePassword: string | null;
}

export async function addParticipant(
	db: Db,
	user: CommandUser,
	meetingId: string,
	input: ParticipantInput
): Promise<AddedParticipant> {
	const actor = actorFor(db, user, meetingId);
	authorize(actor, { type: 'meeting.manage' });
	checkMembership(input);
	const existing = db.select().from(users).where(eq(users.username, input.username)).get();
	if (!existing && !input.displayName) throw new CommandError(400, 'participant.nameRequired');
	// Hash outside the transaction: argon2 is slow by design and the write lock should not wait on it.
	const oneTimePassword = existing ? null : generatePassword();
	const passwordHash = oneTimePassword ? await hashPassword(oneTimePassword) : null;
	const participantId = crypto.randomUUID();
	const userId = existing?.id ?? crypto.randomUUID();
	await command(db, { meetingId }, ({ tx, record }) => {
		if (!existing && passwordHash)
			tx.insert(users)
				.values({
					id: userId,
					username: input.username,
					displayName: input.displayName,
					passwordHash,
					mustChangePassword: true
				})
				.run();
		const already = tx
			.select({ id: participants.id })
			.from(participants)
			.where(and(eq(participants.meetingId, meetingId), eq(participants.userId, userId)))
			.get();
		if (already) throw new CommandError(409, 'participant.alreadyIn', { username: input.username });
		tx.insert(participants)
			.values({ id: participantId, meetingId, userId, groupId: input.groupId, country: input.country })
			.run();
		insertRoles(tx, participantId, input.roles);
		record({
			meetingId,
			type: 'participant.added',
			actorUserId: user.id,
			membership: actor.membership,
			payload: {
				participantId,
				userId,
				username: input.username,
				groupId: input.groupId,
				country: input.country,
				roles: input.roles,
				newAccount: !existing
			}
		});
	});
	return { participantId, userId, oneTimePassword };
}

function insertRoles(tx: DbOrTx, participantId: string, roles: Role[]) {
	if (roles.length)
		tx.insert(participantRoles)
			.values(roles.map((role) => ({ participantId, role })))
			.run();
}

/** A participant of this meeting (not of another), or 404. */
function participantOf(tx: DbOrTx, meetingId: string, participantId: string): { userId: string } {
	const p = tx
		.select({ userId: participants.userId })
		.from(participants)
		.where(and(eq(participants.id, participantId), eq(participants.meetingId, meetingId)))
		.get();
	if (!p) throw new CommandError(404, 'participant.notFound');
	return p;
}

/** The meeting must keep someone who can manage it: refuses to take the secretariat from its last member. */
function keepsSecretariat(tx: DbOrTx, meetingId: string, participantId: string): void {
	const secretariat = tx
		.select({ id: participantRoles.participantId })
		.from(participantRoles)
		.innerJoin(participants, eq(participants.id, participantRoles.participantId))
		.where(and(eq(participants.meetingId, meetingId), eq(participantRoles.role, 'secretariat')))
		.all();
	if (secretariat.length === 1 && secretariat[0]!.id === participantId)
		throw new CommandError(409, 'participant.lastSecretariat');
}

export async function updateParticipant(
	db: Db,
	user: CommandUser,
	meetingId: string,
	participantId: string,
	input: MembershipInput
): Promise<void> {
	const actor = actorFor(db, user, meetingId);
	authorize(actor, { type: 'meeting.manage' });
	checkMembership(input);
	await command(db, { meetingId }, ({ tx, record, after }) => {
		const p = participantOf(tx, meetingId, participantId);
		if (!input.roles.includes('secretariat')) keepsSecretariat(tx, meetingId, participantId);
		tx.update(participants)
			.set({ groupId: input.groupId, country: input.country })
			.where(eq(participants.id, participantId))
			.run();
		tx.delete(participantRoles).where(eq(participantRoles.participantId, participantId)).run();
		insertRoles(tx, participantId, input.roles);
		record({
			meetingId,
			type: 'participant.updated',
			actorUserId: user.id,
			membership: actor.membership,
			payload: {
				participantId,
				userId: p.userId,
				groupId: input.groupId,
				country: input.country,
				roles: input.roles
			}
		});
		// Their open sockets were opened with the old group and roles: they close (4409) and reopen anew.
		after(() => collabBridge()?.identityChanged({ userId: p.userId }));
	});
}

/**
 * Takes someone out of the meeting: their membership and roles go; what they did stays on the record
 * (events name users, not memberships). Their open sockets close (4409); the upgrade then refuses them.
 */
export async function removeParticipant(
	db: Db,
	user: CommandUser,
	meetingId: string,
	participantId: string
): Promise<void> {
	const actor = actorFor(db, user, meetingId);
	authorize(actor, { type: 'meeting.manage' });
	await command(db, { meetingId }, ({ tx, record, after }) => {
		const p = participantOf(tx, meetingId, participantId);
		keepsSecretariat(tx, meetingId, participantId);
		tx.delete(participants).where(eq(participants.id, participantId)).run();
		record({
			meetingId,
			type: 'participant.removed',
			actorUserId: user.id,
			membership: actor.membership,
			payload: { participantId, userId: p.userId }
		});
		after(() => collabBridge()?.identityChanged({ userId: p.userId }));
	});
}

/** Replaces the meeting's draft with the Office text, as long as nothing in it has been decided. */
export async function importDraft(
	db: Db,
	user: CommandUser,
	meetingId: string,
	text: DraftText
): Promise<void> {
	const actor = actorFor(db, user, meetingId);
	await command(db, { meetingId }, ({ tx, record, after }) => {
		const statuses = tx
			.select({ status: textUnits.status })
			.from(textUnits)
			.where(
				and(
					eq(textUnits.meetingId, meetingId),
					inArray(textUnits.status, ['adopted', 'adopted_as_amended', 'deleted'])
				)
			)
			.all();
		authorize(actor, { type: 'text.import', anyUnitDecided: statuses.some((s) => isDecided(s.status)) });
		// Amendments name their paragraphs by id; a new import would leave every one of them pointing nowhere.
		const amended = tx
			.select({ id: amendments.id })
			.from(amendments)
			.where(eq(amendments.meetingId, meetingId))
			.get();
		if (amended) throw new CommandError(409, 'amendment.tabledExist');
		replaceDraftText(tx, meetingId, text);
		// The live document was built from the old draft; it is rebuilt from the new one on next use.
		tx.delete(collabUpdates)
			.where(eq(collabUpdates.docName, meetingDocName(meetingId)))
			.run();
		tx.delete(collabSnapshots)
			.where(eq(collabSnapshots.docName, meetingDocName(meetingId)))
			.run();
		tx.delete(collabClients)
			.where(eq(collabClients.docName, meetingDocName(meetingId)))
			.run();
		const paragraphs = text.body.filter((b) => b.kind === 'paragraph').length;
		record({
			meetingId,
			type: 'text.imported',
			actorUserId: user.id,
			membership: actor.membership,
			payload: { preamble: text.preamble.length, paragraphs, footnotes: text.footnotes.length }
		});
		// Right after COMMIT, in the same turn: no keystroke lands on the old document in between.
		after(() => collabBridge()?.documentReplaced(meetingDocName(meetingId)));
	});
}
