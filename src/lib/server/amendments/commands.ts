// Amendments as server commands (docs/architecture.md, "Every structured change is a server command"):
// authorise with the domain (canAmend, transition), validate, then write the rows, the one event and the
// live documents' copies in a single transaction, through the command kernel (kernel/command.ts).
// Refusals are CommandErrors carrying the domain's key.
import { and, eq } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Db, DbOrTx } from '../db/index.ts';
import { amendmentMerges, amendmentOrders, amendments } from '../db/schema.ts';
import { CommandError } from '../command-error.ts';
import { loadDraftText } from '../meetings/text-store.ts';
import { groupDocName, meetingDocName } from '../collab-store/meeting-doc.ts';
import { command } from '../kernel/command.ts';
import type { LiveChanges } from '../kernel/live-changes.ts';
import {
	amendmentActorFor,
	baseTextOf,
	isProposal,
	referenceFor,
	refuse,
	requireMember,
	requireOpenText,
	unitFor,
	visibleTo,
	type CommandUser
} from './access.ts';
import { applyAdoption } from './adoption.ts';
import {
	draftWording,
	liveMergeOf,
	meetingNames,
	mirrorAmendment,
	mirrorDraft,
	mirrorMerge,
	mirrorOrder,
	removeDraft
} from './mirror.ts';
import {
	amendmentOf,
	lifecycleColumns,
	meetingAmendmentRows,
	proposalColumns,
	type AmendmentRow
} from './store.ts';
import {
	isOpen,
	proposalProblems,
	proposedText,
	type Amendment,
	type AmendmentProposal,
	type Capacity
} from '#lib/domain/amendment.ts';
import { canAmend, type AmendmentActor } from '#lib/domain/amendment-policy.ts';
import {
	AMENDMENT_TEXT_MAX_CHARS,
	forbiddenCharacter,
	JUSTIFICATION_MAX_CHARS
} from '#lib/domain/text-limits.ts';
import { changesDecidedUnit } from '#lib/domain/unit-amendments.ts';
import { transition, TRANSITION_TYPES, type TransitionAction } from '#lib/domain/amendment-lifecycle.ts';
import { proposalWith, targetOf, type LiveMerge } from '#lib/collab/live-records.ts';
import type { GroupId } from '#lib/domain/roles.ts';
import { referenceOf } from '#lib/domain/numbering.ts';
import type { DraftText } from '#lib/domain/text.ts';

export { amendmentActorFor, type CommandUser } from './access.ts';

export interface DraftInput {
	proposal: AmendmentProposal;
	justification?: string | null;
}

/** TXT-8: a wording is at most a unit's length, a justification a few sentences; the refusal says how long. */
function checkSizes(p: AmendmentProposal, justification: string | null): void {
	const wording = proposedText(p);
	const count = (n: number) => n.toLocaleString('en');
	if (wording !== null && wording.length > AMENDMENT_TEXT_MAX_CHARS)
		throw new CommandError(400, 'amendment.textTooLong', { max: count(AMENDMENT_TEXT_MAX_CHARS) });
	if (justification === null) return;
	if (justification.length > JUSTIFICATION_MAX_CHARS)
		throw new CommandError(400, 'amendment.justificationTooLong', { max: count(JUSTIFICATION_MAX_CHARS) });
	// Line breaks are the writer's; other controls are invisible, and the list of amendments in XML has no room for them.
	if (forbiddenCharacter(justification.replace(/\r\n?|\n/g, ' ')) !== null)
		throw new CommandError(400, 'amendment.justificationControl');
}

function rowOf(tx: DbOrTx, id: string): AmendmentRow {
	const row = tx.select().from(amendments).where(eq(amendments.id, id)).get();
	if (!row) throw new Error(`amendment ${id} vanished inside its own transaction`);
	return row;
}

/**
 * A new draft amendment in the actor's group room (AMD-4): its row, and its wording as a Y.Text in the
 * room that the group's members then co-write. Returns its id.
 */
export async function draftAmendment(
	db: Db,
	user: CommandUser,
	meetingId: string,
	input: DraftInput
): Promise<string> {
	const actor = amendmentActorFor(db, user, meetingId);
	requireMember(actor, 'amendment.notMember');
	requireOpenText(db, meetingId);
	const groupId = actor.membership?.groupId;
	// The Chair, the secretariat and observers have no group room to draft in.
	if (!groupId) refuse('amendment.notOwnGroup');
	const d = canAmend(actor, { type: 'amendment.draft', groupId });
	if (!d.allowed) refuse(d.reason);
	if (!isProposal(input.proposal)) throw new CommandError(400, 'amendment.invalidProposal');
	const justification = input.justification?.trim() || null;
	checkSizes(input.proposal, justification);
	const id = crypto.randomUUID();
	const room = groupDocName(meetingId, groupId);
	await command(db, { meetingId, docs: [room] }, ({ tx, live, record }) => {
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
		record({
			meetingId,
			type: 'amendment.drafted',
			actorUserId: user.id,
			membership: actor.membership,
			payload: { amendmentId: id, groupId, kind: p.kind }
		});
		const names = meetingNames(tx, meetingId);
		live.change(room, (doc) => mirrorDraft(doc, rowOf(tx, id), names));
	});
	return id;
}

function loadForStep(tx: DbOrTx, actor: AmendmentActor, meetingId: string, amendmentId: string) {
	const rows = meetingAmendmentRows(tx, meetingId);
	const all = rows.map(amendmentOf);
	const row = rows.find((r) => r.id === amendmentId);
	const amendment = all.find((a) => a.id === amendmentId);
	if (!row || !amendment || !visibleTo(actor, amendment)) throw new CommandError(404, 'amendment.notFound');
	return { rows, row, amendment, all };
}

/** The group of an amendment `actor` may see, before any transaction (to settle its room). */
function groupOfVisible(db: Db, actor: AmendmentActor, meetingId: string, amendmentId: string): GroupId {
	const row = db
		.select({ groupId: amendments.groupId, status: amendments.status })
		.from(amendments)
		.where(and(eq(amendments.id, amendmentId), eq(amendments.meetingId, meetingId)))
		.get();
	if (!row || !visibleTo(actor, row)) throw new CommandError(404, 'amendment.notFound');
	return row.groupId;
}

/** Discards a draft never tabled, with its wording (AMD-4: the group's own business). */
export async function discardDraft(db: Db, user: CommandUser, meetingId: string, amendmentId: string) {
	const actor = amendmentActorFor(db, user, meetingId);
	requireMember(actor, 'amendment.notMember');
	requireOpenText(db, meetingId);
	const groupId = groupOfVisible(db, actor, meetingId, amendmentId);
	const room = groupDocName(meetingId, groupId);
	await command(db, { meetingId, docs: [room] }, ({ tx, live, record }) => {
		const { row } = loadForStep(tx, actor, meetingId, amendmentId);
		const d = canAmend(actor, { type: 'amendment.draft', groupId: row.groupId });
		if (!d.allowed) refuse(d.reason);
		if (row.status !== 'draft') refuse('amendment.wrongStatus');
		// A returned amendment keeps its code and its history: it is withdrawn, not discarded.
		if (row.code !== null) throw new CommandError(409, 'amendment.wasTabled');
		tx.delete(amendments).where(eq(amendments.id, amendmentId)).run();
		record({
			meetingId,
			type: 'amendment.discarded',
			actorUserId: user.id,
			membership: actor.membership,
			payload: { amendmentId, groupId: row.groupId }
		});
		live.change(room, (doc) => removeDraft(doc, amendmentId));
	});
}

/** The working text of a unit now: the live document's, which leads text_units by a moment. */
function liveTextOf(live: LiveChanges, meetingId: string, unitId: string): string | null {
	const t = live.doc(meetingDocName(meetingId)).getMap<unknown>('texts').get(unitId);
	return t instanceof Y.Text ? t.toString() : null;
}

function stepPayload(text: DraftText, before: AmendmentRow, after: Amendment, all: readonly Amendment[]) {
	return {
		amendmentId: after.id,
		code: after.code,
		groupId: after.groupId,
		from: before.status,
		to: after.status,
		// The unit by its stable id and by the number it had at this moment (issue 5: the event log).
		unitId: unitFor(after.proposal, all),
		reference: referenceFor(text, after.proposal, all)
	};
}

/**
 * Tables a draft (AMD-5 … AMD-8, AMD-13) with the wording its group wrote in the room: gives it the next
 * code (or keeps the one it had), records who tabled it and in which capacity, and the text it changes
 * as it stands now (live). The code is chosen inside an IMMEDIATE transaction, so two tablings at once
 * (even from two processes) get distinct codes; the unique index on (meeting_id, code) is the backstop.
 * The draft leaves the room and appears to everyone in the meeting document, in the same transaction.
 */
export async function tableAmendment(
	db: Db,
	user: CommandUser,
	meetingId: string,
	amendmentId: string,
	capacity: Capacity
): Promise<string> {
	const actor = amendmentActorFor(db, user, meetingId);
	requireMember(actor, 'amendment.notMember');
	requireOpenText(db, meetingId);
	if (capacity !== 'group' && capacity !== 'national')
		throw new CommandError(400, 'amendment.unknownCapacity');
	const room = groupDocName(meetingId, groupOfVisible(db, actor, meetingId, amendmentId));
	const meetingDoc = meetingDocName(meetingId);
	return command(db, { meetingId, docs: [room, meetingDoc] }, ({ tx, live, record }) => {
		const { row, amendment, all } = loadForStep(tx, actor, meetingId, amendmentId);
		// What the group wrote in its room is what is tabled; the row's wording is where it started.
		const wording = draftWording(live.doc(room), amendmentId);
		const drafted: Amendment =
			wording === null
				? amendment
				: { ...amendment, proposal: proposalWith(targetOf(amendment.proposal), wording.trim()) };
		const others = all.map((a) => (a.id === amendmentId ? drafted : a));
		const result = transition(drafted, { type: 'table', capacity }, actor, { amendments: others });
		if (!result.ok) refuse(result.reason);
		const next = result.amendment;
		const text = loadDraftText(tx, meetingId).text;
		// The target may have changed (or gone) since drafting.
		const problems = proposalProblems(next.proposal, text);
		if (problems.length) throw new CommandError(400, problems[0]!);
		checkSizes(next.proposal, next.justification);
		const p = next.proposal;
		const baseText =
			p.kind === 'change_wording' || p.kind === 'change_clause' || p.kind === 'delete'
				? (liveTextOf(live, meetingId, p.targetId) ?? baseTextOf(text, p, others))
				: baseTextOf(text, p, others);
		tx.update(amendments)
			.set({ ...proposalColumns(p), ...lifecycleColumns(next), baseText, updatedAt: new Date() })
			.where(eq(amendments.id, amendmentId))
			.run();
		record({
			meetingId,
			type: 'amendment.tabled',
			actorUserId: user.id,
			membership: actor.membership,
			payload: {
				...stepPayload(text, row, next, others),
				capacity,
				country: next.tabledBy?.country ?? null,
				proposal: next.proposal,
				justification: next.justification,
				baseText
			}
		});
		const names = meetingNames(tx, meetingId);
		const tabled = rowOf(tx, amendmentId);
		live.change(room, (doc) => removeDraft(doc, amendmentId));
		live.change(meetingDoc, (doc) => mirrorAmendment(doc, tabled, names));
		return next.code ?? '';
	});
}

export type StepAction = Exclude<TransitionAction, { type: 'table' }>;

/** Where a parent's going leaves its subamendments without an object (AMD-21). */
const FALLS_WITH_PARENT: readonly Amendment['status'][] = ['withdrawn', 'fell', 'not_seconded', 'rejected'];

/** The open subamendments of `parentId`, and theirs, depth first. */
function openSubamendments(all: readonly Amendment[], parentId: string, depth = 0): Amendment[] {
	if (depth > 32) return [];
	return all
		.filter((a) => a.proposal.kind === 'subamendment' && a.proposal.parentId === parentId && isOpen(a.status))
		.flatMap((a) => [...openSubamendments(all, a.id, depth + 1), a]);
}

export interface StepOutcome {
	amendment: Amendment;
	/** What an adoption did to a wording: conflicts for the secretariat, moot amendments for the Chair. */
	merge: LiveMerge | null;
}

/**
 * Every other step of the lifecycle (AMD-2, AMD-9 … AMD-15); the event is `amendment.<action>`. An
 * adoption is merged into the text in the same transaction (adoption.ts); a return sends the amendment
 * back to its group's room with its wording.
 */
export async function transitionAmendment(
	db: Db,
	user: CommandUser,
	meetingId: string,
	amendmentId: string,
	action: StepAction
): Promise<StepOutcome> {
	const actor = amendmentActorFor(db, user, meetingId);
	requireMember(actor, 'amendment.notMember');
	requireOpenText(db, meetingId);
	// Tabling has its own command (code, base text); anything not a step is bad input.
	if (action.type === ('table' as string) || !TRANSITION_TYPES.includes(action.type))
		throw new CommandError(400, 'amendment.unknownAction');
	const room = groupDocName(meetingId, groupOfVisible(db, actor, meetingId, amendmentId));
	const meetingDoc = meetingDocName(meetingId);
	return command(db, { meetingId, docs: [room, meetingDoc] }, ({ tx, live, record }) => {
		const { rows, row, amendment, all } = loadForStep(tx, actor, meetingId, amendmentId);
		const result = transition(amendment, action, actor, { amendments: all });
		if (!result.ok) refuse(result.reason);
		const next = result.amendment;
		// AMD-23: an adoption does not change the words of a unit already decided behind the decision.
		if (next.status === 'adopted' || next.status === 'adopted_as_subamended') {
			const stored = loadDraftText(tx, meetingId);
			if (changesDecidedUnit(stored.text, stored.statuses, next.proposal))
				throw new CommandError(409, 'amendment.unitDecided');
		}
		tx.update(amendments)
			.set({ ...lifecycleColumns(next), updatedAt: new Date() })
			.where(eq(amendments.id, amendmentId))
			.run();
		const names = meetingNames(tx, meetingId);
		const after = all.map((a) => (a.id === amendmentId ? next : a));
		let merge: LiveMerge | null = null;
		if (next.status === 'adopted' || next.status === 'adopted_as_subamended') {
			const byId = new Map(rows.map((r) => [r.id, r]));
			merge = applyAdoption({ tx, live, meetingId, names, all: after, rows: byId }, next);
		}
		const text = loadDraftText(tx, meetingId).text;
		record({
			meetingId,
			type: `amendment.${action.type}`,
			actorUserId: user.id,
			membership: actor.membership,
			payload: {
				...stepPayload(text, row, next, all),
				...(action.type === 'second' ? { seconder: next.secondedBy } : {}),
				...(merge ? { unitId: merge.unitId, conflicts: merge.conflicts.length, moot: merge.moot } : {})
			}
		});
		const updated = rowOf(tx, amendmentId);
		live.change(meetingDoc, (doc) => mirrorAmendment(doc, updated, names));
		if (next.status === 'draft') live.change(room, (doc) => mirrorDraft(doc, updated, names));
		// AMD-21: an amendment that goes without being adopted takes its open subamendments with it.
		if (FALLS_WITH_PARENT.includes(next.status)) {
			for (const sub of openSubamendments(after, amendmentId)) {
				const fell: Amendment = { ...sub, status: 'fell' };
				tx.update(amendments)
					.set({ ...lifecycleColumns(fell), updatedAt: new Date() })
					.where(eq(amendments.id, sub.id))
					.run();
				record({
					meetingId,
					type: 'amendment.fellWithParent',
					actorUserId: user.id,
					membership: actor.membership,
					payload: {
						...stepPayload(
							text,
							rows.find((r) => r.id === sub.id)!,
							fell,
							all
						),
						parentCode: next.code
					}
				});
				const fallen = rowOf(tx, sub.id);
				live.change(meetingDoc, (doc) => mirrorAmendment(doc, fallen, names));
			}
		}
		return { amendment: next, merge };
	});
}

/**
 * The Chair's order of discussion for the amendments to one unit (AMD-20): `ids` first, in that order;
 * the rest follow in their computed places. An empty list goes back to the computed order.
 */
export async function reorderAmendments(
	db: Db,
	user: CommandUser,
	meetingId: string,
	unitId: string,
	ids: readonly string[]
): Promise<void> {
	const actor = amendmentActorFor(db, user, meetingId);
	requireMember(actor, 'amendment.notMember');
	requireOpenText(db, meetingId);
	// Ordering is the Chair's, like calling an amendment (AMD-10).
	const d = canAmend(actor, { type: 'amendment.call' });
	if (!d.allowed) refuse(d.reason);
	if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string') || new Set(ids).size !== ids.length)
		throw new CommandError(400, 'amendment.badOrder');
	const meetingDoc = meetingDocName(meetingId);
	await command(db, { meetingId, docs: [meetingDoc] }, ({ tx, live, record }) => {
		const all = meetingAmendmentRows(tx, meetingId).map(amendmentOf);
		const byId = new Map(all.map((a) => [a.id, a]));
		// Every id must be a public amendment about this unit (directly, or a subamendment of one).
		const about = (a: Amendment | undefined, depth = 0): boolean => {
			if (!a || a.status === 'draft' || depth > 32) return false;
			const p = a.proposal;
			if (p.kind === 'subamendment') return about(byId.get(p.parentId), depth + 1);
			return (p.kind === 'insert_after' ? p.afterId : p.targetId) === unitId;
		};
		if (!ids.every((id) => about(byId.get(id)))) throw new CommandError(400, 'amendment.badOrder');
		const now = new Date();
		if (ids.length === 0)
			tx.delete(amendmentOrders)
				.where(and(eq(amendmentOrders.meetingId, meetingId), eq(amendmentOrders.unitId, unitId)))
				.run();
		else
			tx.insert(amendmentOrders)
				.values({ meetingId, unitId, ids: [...ids], setBy: user.id, setAt: now })
				.onConflictDoUpdate({
					target: [amendmentOrders.meetingId, amendmentOrders.unitId],
					set: { ids: [...ids], setBy: user.id, setAt: now }
				})
				.run();
		record({
			meetingId,
			type: 'amendment.reordered',
			actorUserId: user.id,
			membership: actor.membership,
			payload: { unitId, codes: ids.map((id) => byId.get(id)?.code ?? null) }
		});
		live.change(meetingDoc, (doc) => mirrorOrder(doc, unitId, ids));
	});
}

/** The secretariat has dealt with the conflicts an adoption left (MRG-4): recorded, and shown as settled. */
export async function resolveMerge(db: Db, user: CommandUser, meetingId: string, amendmentId: string) {
	const actor = amendmentActorFor(db, user, meetingId);
	requireMember(actor, 'amendment.notMember');
	requireOpenText(db, meetingId);
	const d = canAmend(actor, { type: 'amendment.return' });
	if (!d.allowed) refuse(d.reason);
	const meetingDoc = meetingDocName(meetingId);
	await command(db, { meetingId, docs: [meetingDoc] }, ({ tx, live, record }) => {
		const row = tx
			.select()
			.from(amendmentMerges)
			.where(and(eq(amendmentMerges.amendmentId, amendmentId), eq(amendmentMerges.meetingId, meetingId)))
			.get();
		if (!row || row.conflicts.length === 0 || row.resolvedBy !== null)
			throw new CommandError(409, 'amendment.noConflicts');
		const resolved = tx
			.update(amendmentMerges)
			.set({ resolvedBy: user.id, resolvedAt: new Date() })
			.where(eq(amendmentMerges.amendmentId, amendmentId))
			.returning()
			.get();
		// REC-5: the record says which amendment's conflict was resolved, and how the words then read.
		const code = tx
			.select({ code: amendments.code })
			.from(amendments)
			.where(eq(amendments.id, amendmentId))
			.get()?.code;
		const text = loadDraftText(tx, meetingId).text;
		record({
			meetingId,
			type: 'amendment.conflictsResolved',
			actorUserId: user.id,
			membership: actor.membership,
			payload: {
				amendmentId,
				code: code ?? null,
				unitId: row.unitId,
				reference: referenceOf(text, row.unitId),
				conflicts: row.conflicts.length,
				text: liveTextOf(live, meetingId, row.unitId)
			}
		});
		const names = meetingNames(tx, meetingId);
		if (resolved) live.change(meetingDoc, (doc) => mirrorMerge(doc, liveMergeOf(resolved, names)));
	});
}
