// The Chair's decisions on the text as server commands (DEC-n, CON-n): checked by the domain's decide(),
// written with their event and copied into the live meeting document in one IMMEDIATE transaction, so
// two clicks at once make one decision and the second is refused (the status it expected has gone).
// A decided unit is locked at once: the websocket validator asks the unit's status for every update.
import { and, eq, inArray } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Db, DbOrTx } from '../db/index.ts';
import { meetings, sittings, textUnits, unitBrackets } from '../db/schema.ts';
import { CommandError } from '../command-error.ts';
import { actorFor } from '../meetings/queries.ts';
import { loadDraftText } from '../meetings/text-store.ts';
import { meetingDocName } from '../collab-store/meeting-doc.ts';
import { command } from '../kernel/command.ts';
import type { LiveChanges } from '../kernel/live-changes.ts';
import { offsetIn } from './bracket-spans.ts';
import { mirrorStatuses, region, unitStatuses } from '../amendments/mirror.ts';
import { MEETING_KEYS, SERVER_ROOT } from '#lib/collab/live-records.ts';
import { amendmentsOnUnit } from './amendments-on-unit.ts';
import {
	DECISIONS,
	decide,
	mayMoveFocus,
	type Bracket,
	type DecisionAction,
	type DecisionRefusal
} from '#lib/domain/decision.ts';
import { referenceOf } from '#lib/domain/numbering.ts';
import { NO_AMENDMENTS } from '#lib/domain/unit-amendments.ts';

export interface CommandUser {
	id: string;
	isOffice: boolean;
}

/** A decision as a request states it: brackets by offsets in the unit's text as the Chair sees it. */
export type DecisionInput =
	Exclude<DecisionAction, { type: 'bracket' }> | { type: 'bracket'; start: number; end: number };

const TYPES = Object.keys(DECISIONS);

/** Refusals about the state of the text (a decision taken, brackets, amendments, the conclusions): 409. */
const CONFLICTS = ['DEC-2', 'DEC-5', 'DEC-9', 'DEC-10', 'DEC-11'];

function refuse({
	rule,
	reason,
	amendments
}: Pick<DecisionRefusal, 'rule' | 'reason' | 'amendments'>): never {
	if (reason === 'decision.notMember') throw new CommandError(404, reason);
	const conflict = CONFLICTS.includes(rule) || rule.startsWith('CON');
	// The amendments a refusal is about are named, so the Chair knows which to settle.
	const params: Record<string, string> = amendments ? { codes: amendments.join(', ') } : {};
	throw new CommandError(conflict ? 409 : rule === 'DEC-1' ? 403 : 400, reason, params);
}

function conclusionsAdopted(db: DbOrTx, meetingId: string): boolean {
	return !!db
		.select({ at: meetings.conclusionsAdoptedAt })
		.from(meetings)
		.where(eq(meetings.id, meetingId))
		.get()?.at;
}

/** The unit's live text: the live document's, which leads text_units by a moment. */
function liveText(live: LiveChanges, meetingId: string, unitId: string): Y.Text | null {
	const t = live.doc(meetingDocName(meetingId)).getMap<unknown>('texts').get(unitId);
	return t instanceof Y.Text ? t : null;
}

/** The unit's brackets where they are now in its text (their ends follow edits: Yjs relative positions). */
function bracketsNow(tx: DbOrTx, ytext: Y.Text, meetingId: string, unitId: string): Bracket[] {
	const doc = ytext.doc;
	if (!doc) return [];
	return tx
		.select()
		.from(unitBrackets)
		.where(and(eq(unitBrackets.meetingId, meetingId), eq(unitBrackets.unitId, unitId)))
		.all()
		.map((b) => ({ id: b.id, start: offsetIn(doc, b.start), end: offsetIn(doc, b.end) }))
		.sort((a, b) => a.start - b.start);
}

/** The brackets of every unit, as the live document shows them: unit id → [{id, start, end}] (relative). */
function mirrorBrackets(tx: DbOrTx, doc: Y.Doc, meetingId: string, unitId: string): void {
	const rows = tx
		.select({ id: unitBrackets.id, start: unitBrackets.start, end: unitBrackets.end })
		.from(unitBrackets)
		.where(and(eq(unitBrackets.meetingId, meetingId), eq(unitBrackets.unitId, unitId)))
		.all();
	const brackets = region(doc, MEETING_KEYS.brackets);
	if (rows.length) brackets.set(unitId, rows);
	else if (brackets.has(unitId)) brackets.delete(unitId);
}

/**
 * Takes one decision on one unit (DEC-1 … DEC-11) and returns the unit's new status. Deleting a
 * paragraph deletes its subparagraphs with it.
 */
export async function decideUnit(
	db: Db,
	user: CommandUser,
	meetingId: string,
	unitId: string,
	input: DecisionInput
): Promise<string> {
	const actor = actorFor(db, user, meetingId);
	if (!actor.membership) throw new CommandError(404, 'decision.notMember');
	if (!input || !TYPES.includes(input.type)) throw new CommandError(400, 'decision.unknown');
	const docName = meetingDocName(meetingId);
	return command(db, { meetingId, docs: [docName] }, ({ tx, live, record }) => {
		const unit = tx
			.select()
			.from(textUnits)
			.where(and(eq(textUnits.id, unitId), eq(textUnits.meetingId, meetingId)))
			.get();
		if (!unit) throw new CommandError(404, 'decision.unknownUnit');
		const adopted = conclusionsAdopted(tx, meetingId);
		const draft = loadDraftText(tx, meetingId).text;
		const ytext = liveText(live, meetingId, unitId);
		const text = ytext?.toString() ?? unit.text;
		const brackets = ytext ? bracketsNow(tx, ytext, meetingId, unitId) : [];
		const bracketId = crypto.randomUUID();
		const action: DecisionAction =
			input.type === 'bracket'
				? { type: 'bracket', bracket: { id: bracketId, start: input.start, end: input.end } }
				: input.type === 'reopen'
					? { type: 'reopen', reason: String(input.reason ?? '') }
					: input.type === 'adopt'
						? { type: 'adopt', asAmended: input.asAmended === true }
						: input;
		// Only an adoption asks what the amendments say (DEC-9 … DEC-11); the other decisions do not.
		const amendments =
			action.type === 'adopt' ? amendmentsOnUnit(tx, meetingId, draft, unitId) : NO_AMENDMENTS;
		const result = decide(
			actor,
			{ kind: unit.kind, status: unit.status, text, brackets, amendments },
			action,
			adopted
		);
		if (!result.ok) refuse(result);

		const reference = referenceOf(draft, unitId);
		const gone = new Set([unitId]);
		if (action.type === 'delete' && unit.kind === 'paragraph')
			for (const c of tx
				.select({ id: textUnits.id })
				.from(textUnits)
				.where(and(eq(textUnits.meetingId, meetingId), eq(textUnits.parentId, unitId)))
				.all())
				gone.add(c.id);
		tx.update(textUnits)
			.set({ status: result.status })
			.where(and(eq(textUnits.meetingId, meetingId), inArray(textUnits.id, [...gone])))
			.run();

		let words: string | null = null;
		if (action.type === 'bracket' && ytext) {
			const { start, end } = action.bracket;
			words = text.slice(start, end);
			tx.insert(unitBrackets)
				.values({
					id: bracketId,
					meetingId,
					unitId,
					// The end sticks to the character before it, so typing right after the bracket stays out.
					start: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(ytext, start)),
					end: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(ytext, end, -1)),
					words,
					createdBy: user.id
				})
				.run();
		} else if (action.type === 'unbracket') {
			const b = brackets.find((x) => x.id === action.bracketId);
			words = b ? text.slice(b.start, b.end) : null;
			tx.delete(unitBrackets).where(eq(unitBrackets.id, action.bracketId)).run();
		} else if (action.type === 'delete') {
			tx.delete(unitBrackets)
				.where(and(eq(unitBrackets.meetingId, meetingId), inArray(unitBrackets.unitId, [...gone])))
				.run();
		}

		record({
			meetingId,
			type: `unit.${action.type}`,
			actorUserId: user.id,
			membership: actor.membership,
			payload: {
				unitId,
				kind: unit.kind,
				reference,
				from: unit.status,
				to: result.status,
				...(action.type === 'adopt' ? { asAmended: action.asAmended } : {}),
				...(action.type === 'reopen' ? { reason: action.reason.trim() } : {}),
				...(words !== null ? { words } : {}),
				...(action.type === 'bracket' ? { bracketId } : {}),
				...(action.type === 'unbracket' ? { bracketId: action.bracketId } : {}),
				...(gone.size > 1 ? { alsoDeleted: [...gone].filter((id) => id !== unitId) } : {})
			}
		});
		live.change(docName, (doc) => {
			mirrorStatuses(doc, unitStatuses(tx, meetingId));
			for (const id of gone) mirrorBrackets(tx, doc, meetingId, id);
		});
		return result.status;
	});
}

/**
 * What the meeting is discussing now (the Chair's console): a unit, and possibly one of its amendments.
 * Taking up a unit that is not yet under discussion is the `discuss` decision, on the record.
 */
export async function setFocus(
	db: Db,
	user: CommandUser,
	meetingId: string,
	focus: { unitId: string; amendmentId: string | null } | null
): Promise<void> {
	const actor = actorFor(db, user, meetingId);
	if (!actor.membership) throw new CommandError(404, 'decision.notMember');
	// CON-3: once the conclusions are adopted there is nothing left to take up or move on to.
	const may = mayMoveFocus(actor, conclusionsAdopted(db, meetingId));
	if (!may.ok) refuse(may);
	if (focus?.unitId && DECISIONS.discuss.includes(statusOf(db, meetingId, focus.unitId)))
		await decideUnit(db, user, meetingId, focus.unitId, { type: 'discuss' });
	const docName = meetingDocName(meetingId);
	await command(db, { meetingId, docs: [docName] }, ({ tx, live, record }) => {
		// Checked again inside the transaction: the conclusions may have been adopted meanwhile.
		if (conclusionsAdopted(tx, meetingId)) refuse({ rule: 'CON-3', reason: 'decision.conclusionsAdopted' });
		if (focus) {
			const unit = tx
				.select({ id: textUnits.id })
				.from(textUnits)
				.where(and(eq(textUnits.id, focus.unitId), eq(textUnits.meetingId, meetingId)))
				.get();
			if (!unit) throw new CommandError(404, 'decision.unknownUnit');
		}
		tx.update(meetings)
			.set({ focusUnitId: focus?.unitId ?? null, focusAmendmentId: focus?.amendmentId ?? null })
			.where(eq(meetings.id, meetingId))
			.run();
		// KRN-2: on the record too, though the record of proceedings says nothing of it (REC-1).
		record({
			meetingId,
			type: 'meeting.focus',
			actorUserId: user.id,
			membership: actor.membership,
			payload: { unitId: focus?.unitId ?? null, amendmentId: focus?.amendmentId ?? null }
		});
		live.change(docName, (doc) =>
			doc.getMap<unknown>(SERVER_ROOT).set(MEETING_KEYS.focus, focus ? { ...focus } : null)
		);
	});
}

function statusOf(db: DbOrTx, meetingId: string, unitId: string) {
	const row = db
		.select({ status: textUnits.status })
		.from(textUnits)
		.where(and(eq(textUnits.id, unitId), eq(textUnits.meetingId, meetingId)))
		.get();
	if (!row) throw new CommandError(404, 'decision.unknownUnit');
	return row.status;
}

export { adoptConclusions } from './conclusions.ts';
export { listStatements, recordStatement, type StatementRequest, type StatementView } from './statements.ts';
export { compositionOf, recordVote, setQuorum, type VoteSubject } from './votes.ts';

/**
 * The sitting in progress, declared by the secretariat (null: go by the date). Every event recorded
 * from now on carries it, so the record of proceedings is grouped by sitting.
 */
export async function setCurrentSitting(
	db: Db,
	user: CommandUser,
	meetingId: string,
	sittingId: string | null
): Promise<void> {
	const actor = actorFor(db, user, meetingId);
	if (!actor.membership) throw new CommandError(404, 'decision.notMember');
	if (!actor.membership.roles.includes('secretariat')) throw new CommandError(403, 'policy.notSecretariat');
	await command(db, { meetingId }, ({ tx, record }) => {
		if (sittingId !== null) {
			const s = tx
				.select({ id: sittings.id })
				.from(sittings)
				.where(and(eq(sittings.id, sittingId), eq(sittings.meetingId, meetingId)))
				.get();
			if (!s) throw new CommandError(404, 'sitting.unknown');
		}
		tx.update(meetings).set({ currentSittingId: sittingId }).where(eq(meetings.id, meetingId)).run();
		record({
			meetingId,
			type: 'meeting.sitting',
			actorUserId: user.id,
			membership: actor.membership,
			payload: { sittingId }
		});
	});
}
