// Amendments and positions as server commands (architecture.md, "Every structured change is a server
// command"): authorise with the domain (canAmend, transition, setPosition), validate, then write the
// rows and the one event in a single transaction. Refusals are CommandErrors carrying the domain's key.
import { and, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/index.ts';
import { amendments, positions, textUnits } from '../db/schema.ts';
import { appendEvent } from '../events.ts';
import { CommandError } from '../command-error.ts';
import { membershipOf } from '../meetings/queries.ts';
import { loadDraftText } from '../meetings/text-store.ts';
import {
	amendmentOf,
	lifecycleColumns,
	meetingAmendmentRows,
	proposalColumns,
	type AmendmentRow
} from './store.ts';
import {
	AMENDMENT_KINDS,
	anchorId,
	proposalProblems,
	proposedText,
	type Amendment,
	type AmendmentProposal,
	type Capacity
} from '#lib/domain/amendment.ts';
import { canAmend, type AmendmentActor } from '#lib/domain/amendment-policy.ts';
import {
	transition,
	TRANSITION_TYPES,
	type LifecycleReason,
	type TransitionAction
} from '#lib/domain/amendment-lifecycle.ts';
import { referenceOf } from '#lib/domain/numbering.ts';
import {
	setPosition as decidePosition,
	STANCES,
	type PositionSubject,
	type Stance
} from '#lib/domain/position.ts';
import type { GroupId } from '#lib/domain/roles.ts';
import type { DraftText } from '#lib/domain/text.ts';

export interface CommandUser {
	id: string;
	isOffice: boolean;
}

/** The actor as the amendment rules see them: membership plus, for a Government delegate, the country. */
export function amendmentActorFor(db: DbOrTx, user: CommandUser, meetingId: string): AmendmentActor {
	const m = membershipOf(db, meetingId, user.id);
	return {
		userId: user.id,
		isOffice: user.isOffice,
		membership: m ? { groupId: m.groupId, roles: m.roles } : null,
		country: m?.country ?? null
	};
}

/** Refusals about the amendment's state rather than the person: the request conflicts with it. */
const CONFLICTS: readonly LifecycleReason[] = [
	'amendment.wrongStatus',
	'amendment.noSeconderNeeded',
	'amendment.needsSeconder',
	'amendment.parentNotOpen',
	'amendment.openSubamendments',
	'amendment.wasSubamended',
	'amendment.noAdoptedSubamendment'
];

function refuse(reason: string): never {
	// Someone outside the meeting learns nothing about it, not even that it exists (as POL-2).
	if (reason === 'amendment.notMember' || reason === 'position.notMember')
		throw new CommandError(404, reason);
	throw new CommandError(CONFLICTS.includes(reason as LifecycleReason) ? 409 : 403, reason);
}

function requireMember(actor: AmendmentActor, reason: 'amendment.notMember' | 'position.notMember'): void {
	if (!actor.membership) refuse(reason);
}

/** A draft is seen only by its group (AMD-4): for anyone else it does not exist. */
function visibleTo(actor: AmendmentActor, a: Pick<Amendment, 'status' | 'groupId'>): boolean {
	return a.status !== 'draft' || actor.membership?.groupId === a.groupId;
}

/** The paragraph reference ('5', '5(iii)') of the block an amendment is about, as the text stands now. */
function referenceFor(text: DraftText, p: AmendmentProposal, all: readonly Amendment[]): string | null {
	const anchor = anchorId(p);
	if (anchor !== null) return referenceOf(text, anchor);
	if (p.kind === 'subamendment') {
		const parent = all.find((a) => a.id === p.parentId);
		return parent ? referenceFor(text, parent.proposal, all) : null;
	}
	return null;
}

/** What the amendment changes, as it stands now: the target's text, or the parent's proposed text. */
function baseTextOf(text: DraftText, p: AmendmentProposal, all: readonly Amendment[]): string | null {
	if (p.kind === 'subamendment') {
		const parent = all.find((a) => a.id === p.parentId);
		return parent ? proposedText(parent.proposal) : null;
	}
	if (p.kind === 'insert_after') return null;
	if (text.title?.id === p.targetId) return text.title.text;
	for (const c of text.preamble) if (c.id === p.targetId) return c.text;
	for (const item of text.body) {
		if (item.id === p.targetId) return item.text;
		if (item.kind === 'paragraph') for (const s of item.subparagraphs) if (s.id === p.targetId) return s.text;
	}
	return null;
}

/** Whether untyped input (a form, a request body) is a proposal of the right shape; AMD-1 is checked after. */
function isProposal(p: unknown): p is AmendmentProposal {
	if (typeof p !== 'object' || p === null) return false;
	const o = p as Record<string, unknown>;
	const str = (k: string) => typeof o[k] === 'string';
	if (!AMENDMENT_KINDS.includes(o['kind'] as AmendmentProposal['kind'])) return false;
	switch (o['kind']) {
		case 'change_wording':
		case 'change_clause':
			return str('targetId') && str('text');
		case 'delete':
			return str('targetId');
		case 'insert_after':
			return str('afterId') && str('text') && (o['level'] === 'paragraph' || o['level'] === 'subparagraph');
		default:
			return str('parentId') && str('text');
	}
}

export interface DraftInput {
	proposal: AmendmentProposal;
	justification?: string | null;
}

/** A new draft amendment in the actor's group room (AMD-4); returns its id. */
export function draftAmendment(db: Db, user: CommandUser, meetingId: string, input: DraftInput): string {
	const actor = amendmentActorFor(db, user, meetingId);
	requireMember(actor, 'amendment.notMember');
	const groupId = actor.membership?.groupId;
	// The Chair, the secretariat and observers have no group room to draft in.
	if (!groupId) refuse('amendment.notOwnGroup');
	const d = canAmend(actor, { type: 'amendment.draft', groupId });
	if (!d.allowed) refuse(d.reason);
	if (!isProposal(input.proposal)) throw new CommandError(400, 'amendment.invalidProposal');
	const justification = input.justification?.trim() || null;
	const id = crypto.randomUUID();
	db.transaction((tx) => {
		const p = input.proposal;
		if (p.kind === 'subamendment') {
			const parent = tx
				.select()
				.from(amendments)
				.where(and(eq(amendments.id, p.parentId), eq(amendments.meetingId, meetingId)))
				.get();
			if (!parent || !visibleTo(actor, parent)) throw new CommandError(404, 'amendment.notFound');
		}
		const problems = proposalProblems(p, loadDraftText(tx, meetingId).text);
		if (problems.length) throw new CommandError(400, problems[0]!);
		tx.insert(amendments)
			.values({
				id,
				meetingId,
				groupId,
				...proposalColumns(p),
				justification,
				status: 'draft',
				createdBy: user.id,
				updatedAt: new Date()
			})
			.run();
		// Drafts are private to the group (AMD-4): the record says a draft exists, not what it says.
		appendEvent(tx, {
			meetingId,
			type: 'amendment.drafted',
			actorUserId: user.id,
			membership: actor.membership,
			payload: { amendmentId: id, groupId, kind: p.kind }
		});
	});
	return id;
}

function loadForStep(tx: DbOrTx, actor: AmendmentActor, meetingId: string, amendmentId: string) {
	const rows = meetingAmendmentRows(tx, meetingId);
	const all = rows.map(amendmentOf);
	const row = rows.find((r) => r.id === amendmentId);
	const amendment = all.find((a) => a.id === amendmentId);
	if (!row || !amendment || !visibleTo(actor, amendment)) throw new CommandError(404, 'amendment.notFound');
	return { row, amendment, all };
}

function stepPayload(text: DraftText, before: AmendmentRow, after: Amendment, all: readonly Amendment[]) {
	return {
		amendmentId: after.id,
		code: after.code,
		groupId: after.groupId,
		from: before.status,
		to: after.status,
		reference: referenceFor(text, after.proposal, all)
	};
}

/**
 * Tables a draft (AMD-5 … AMD-8, AMD-13): gives it the next code (or keeps the one it had), records who
 * tabled it and in which capacity, and the text it changes as it stands now. The code is chosen inside
 * an IMMEDIATE transaction, so two tablings at once (even from two processes) get distinct codes; the
 * unique index on (meeting_id, code) is the backstop.
 */
export function tableAmendment(
	db: Db,
	user: CommandUser,
	meetingId: string,
	amendmentId: string,
	capacity: Capacity
): string {
	const actor = amendmentActorFor(db, user, meetingId);
	requireMember(actor, 'amendment.notMember');
	if (capacity !== 'group' && capacity !== 'national')
		throw new CommandError(400, 'amendment.unknownCapacity');
	return db.transaction(
		(tx) => {
			const { row, amendment, all } = loadForStep(tx, actor, meetingId, amendmentId);
			const result = transition(amendment, { type: 'table', capacity }, actor, { amendments: all });
			if (!result.ok) refuse(result.reason);
			const next = result.amendment;
			const text = loadDraftText(tx, meetingId).text;
			// The target may have changed (or gone) since drafting.
			const problems = next.proposal.kind === 'subamendment' ? [] : proposalProblems(next.proposal, text);
			if (problems.length) throw new CommandError(400, problems[0]!);
			const baseText = baseTextOf(text, next.proposal, all);
			tx.update(amendments)
				.set({ ...lifecycleColumns(next), baseText, updatedAt: new Date() })
				.where(eq(amendments.id, amendmentId))
				.run();
			appendEvent(tx, {
				meetingId,
				type: 'amendment.tabled',
				actorUserId: user.id,
				membership: actor.membership,
				payload: {
					...stepPayload(text, row, next, all),
					capacity,
					country: next.tabledBy?.country ?? null,
					proposal: next.proposal,
					justification: next.justification,
					baseText
				}
			});
			return next.code ?? '';
		},
		{ behavior: 'immediate' }
	);
}

export type StepAction = Exclude<TransitionAction, { type: 'table' }>;

/** Every other step of the lifecycle (AMD-2, AMD-9 … AMD-15); the event is `amendment.<action>`. */
export function transitionAmendment(
	db: Db,
	user: CommandUser,
	meetingId: string,
	amendmentId: string,
	action: StepAction
): Amendment {
	const actor = amendmentActorFor(db, user, meetingId);
	requireMember(actor, 'amendment.notMember');
	// Tabling has its own command (code, base text); anything not a step is bad input.
	if (action.type === ('table' as string) || !TRANSITION_TYPES.includes(action.type))
		throw new CommandError(400, 'amendment.unknownAction');
	return db.transaction(
		(tx) => {
			const { row, amendment, all } = loadForStep(tx, actor, meetingId, amendmentId);
			const result = transition(amendment, action, actor, { amendments: all });
			if (!result.ok) refuse(result.reason);
			const next = result.amendment;
			tx.update(amendments)
				.set({ ...lifecycleColumns(next), updatedAt: new Date() })
				.where(eq(amendments.id, amendmentId))
				.run();
			const text = loadDraftText(tx, meetingId).text;
			appendEvent(tx, {
				meetingId,
				type: `amendment.${action.type}`,
				actorUserId: user.id,
				membership: actor.membership,
				payload: {
					...stepPayload(text, row, next, all),
					...(action.type === 'second' ? { seconder: next.secondedBy } : {})
				}
			});
			return next;
		},
		{ behavior: 'immediate' }
	);
}

/** Records one group's position on an amendment or a paragraph (POS-1 … POS-3); replaces that entry only. */
export function setPosition(
	db: Db,
	user: CommandUser,
	meetingId: string,
	subject: PositionSubject,
	groupId: GroupId,
	stance: Stance,
	note: string | null = null
): void {
	const actor = amendmentActorFor(db, user, meetingId);
	requireMember(actor, 'position.notMember');
	if (!STANCES.includes(stance)) throw new CommandError(400, 'position.unknownStance');
	const decision = decidePosition(actor, subject, groupId, stance, note);
	if (!decision.ok) refuse(decision.reason);
	const entry = decision.entry;
	const subjectId = subject.kind === 'amendment' ? subject.amendmentId : subject.unitId;
	db.transaction((tx) => {
		const text = loadDraftText(tx, meetingId).text;
		let reference: string | null;
		let code: string | null = null;
		if (subject.kind === 'amendment') {
			const rows = meetingAmendmentRows(tx, meetingId);
			const all = rows.map(amendmentOf);
			const a = all.find((x) => x.id === subject.amendmentId);
			if (!a || !visibleTo(actor, a)) throw new CommandError(404, 'amendment.notFound');
			// A position answers a proposal put to the meeting: not a group's own draft.
			if (a.status === 'draft') throw new CommandError(409, 'position.amendmentNotTabled');
			code = a.code;
			reference = referenceFor(text, a.proposal, all);
		} else {
			const unit = tx
				.select({ kind: textUnits.kind })
				.from(textUnits)
				.where(and(eq(textUnits.id, subject.unitId), eq(textUnits.meetingId, meetingId)))
				.get();
			if (!unit || (unit.kind !== 'paragraph' && unit.kind !== 'subparagraph'))
				throw new CommandError(404, 'position.unknownSubject');
			reference = referenceOf(text, subject.unitId);
		}
		const key = and(
			eq(positions.meetingId, meetingId),
			eq(positions.subjectKind, subject.kind),
			eq(positions.subjectId, subjectId),
			eq(positions.groupId, groupId)
		);
		const previous = tx
			.select({ stance: positions.stance, note: positions.note })
			.from(positions)
			.where(key)
			.get();
		const values = { stance: entry.stance, note: entry.note, setBy: user.id, setAt: new Date() };
		tx.insert(positions)
			.values({ meetingId, subjectKind: subject.kind, subjectId, groupId, ...values })
			.onConflictDoUpdate({
				target: [positions.meetingId, positions.subjectKind, positions.subjectId, positions.groupId],
				set: values
			})
			.run();
		appendEvent(tx, {
			meetingId,
			type: 'position.set',
			actorUserId: user.id,
			membership: actor.membership,
			payload: {
				subjectKind: subject.kind,
				subjectId,
				code,
				reference,
				groupId,
				stance: entry.stance,
				note: entry.note,
				previous: previous ?? null
			}
		});
	});
}
