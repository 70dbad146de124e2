// The copies of amendments, positions, orders and merges that the server keeps in the live documents
// (src/lib/collab/live-records.ts says where each lives). Built from the rows, written after each command
// in its transaction, and reconciled whenever a document is loaded, so a copy can never stay stale.
import { and, eq, inArray } from 'drizzle-orm';
import * as Y from 'yjs';
import type { DbOrTx } from '../db/index.ts';
import {
	amendmentMerges,
	amendmentOrders,
	amendments,
	meetings,
	participants,
	positions,
	textUnits,
	unitBrackets,
	users
} from '../db/schema.ts';
import { proposalOf, type AmendmentRow } from './store.ts';
import { allStatements } from '../decisions/statement-views.ts';
import {
	GROUP_META_KEY,
	GROUP_TEXTS_ROOT,
	MEETING_KEYS,
	SERVER_ROOT,
	positionKey,
	targetOf,
	type LiveAmendment,
	type LiveDraft,
	type LiveMerge,
	type LivePosition,
	type LivePositionRow
} from '#lib/collab/live-records.ts';
import type { GroupId } from '#lib/domain/roles.ts';
import type { PositionSubject } from '#lib/domain/position.ts';

/** Display names of the people who appear in a meeting's amendments, by user id. */
export type Names = ReadonlyMap<string, string>;

export function meetingNames(db: DbOrTx, meetingId: string): Map<string, string> {
	const rows = db
		.select({ id: users.id, name: users.displayName })
		.from(participants)
		.innerJoin(users, eq(users.id, participants.userId))
		.where(eq(participants.meetingId, meetingId))
		.all();
	return new Map(rows.map((r) => [r.id, r.name]));
}

function nameOf(names: Names, userId: string | null): string | null {
	return userId === null ? null : (names.get(userId) ?? null);
}

export function liveAmendmentOf(r: AmendmentRow, names: Names): LiveAmendment {
	return {
		id: r.id,
		code: r.code,
		groupId: r.groupId,
		proposal: proposalOf(r),
		justification: r.justification,
		status: r.status,
		capacity: r.capacity,
		country: r.tabledCountry,
		tablerId: r.tabledBy,
		tablerName: nameOf(names, r.tabledBy),
		seconder: r.secondedBy
			? { userId: r.secondedBy, name: nameOf(names, r.secondedBy) ?? '', country: r.secondedCountry ?? '' }
			: null,
		baseText: r.baseText
	};
}

export function liveDraftOf(r: AmendmentRow, names: Names): LiveDraft {
	return {
		id: r.id,
		target: targetOf(proposalOf(r)),
		justification: r.justification,
		createdByName: nameOf(names, r.createdBy) ?? '',
		createdAt: r.createdAt.getTime(),
		code: r.code
	};
}

/** A nested map of a document's server region, made on first use. */
export function region(doc: Y.Doc, key: string): Y.Map<unknown> {
	const server = doc.getMap<unknown>(SERVER_ROOT);
	const current = server.get(key);
	if (current instanceof Y.Map) return current;
	const made = new Y.Map<unknown>();
	server.set(key, made);
	return made;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Sets one entry unless it already holds that value: an unchanged copy costs no update. */
function put(map: Y.Map<unknown>, key: string, value: unknown): void {
	if (value === null) {
		if (map.has(key)) map.delete(key);
	} else if (!same(map.get(key), value)) map.set(key, value);
}

// --- the meeting document ---------------------------------------------------------------------------

/** A public amendment's copy; a draft (or one returned to its group) has none. */
export function mirrorAmendment(doc: Y.Doc, r: AmendmentRow, names: Names): void {
	put(region(doc, MEETING_KEYS.amendments), r.id, r.status === 'draft' ? null : liveAmendmentOf(r, names));
}

export function mirrorPositionRow(doc: Y.Doc, subject: PositionSubject, row: LivePositionRow | null): void {
	put(region(doc, MEETING_KEYS.positions), positionKey(subject), row);
}

export function mirrorOrder(doc: Y.Doc, unitId: string, ids: readonly string[] | null): void {
	put(region(doc, MEETING_KEYS.order), unitId, ids && ids.length ? [...ids] : null);
}

export function mirrorMerge(doc: Y.Doc, merge: LiveMerge): void {
	put(region(doc, MEETING_KEYS.merges), merge.amendmentId, merge);
}

export function mirrorStatuses(doc: Y.Doc, statuses: Record<string, string>): void {
	const server = doc.getMap<unknown>(SERVER_ROOT);
	if (!same(server.get(MEETING_KEYS.statuses), statuses)) server.set(MEETING_KEYS.statuses, { ...statuses });
}

/** Every unit's status now, as the meeting document's `statuses` copy holds them. */
export function unitStatuses(db: DbOrTx, meetingId: string): Record<string, string> {
	const rows = db
		.select({ id: textUnits.id, status: textUnits.status })
		.from(textUnits)
		.where(eq(textUnits.meetingId, meetingId))
		.all();
	return Object.fromEntries(rows.map((r) => [r.id, r.status]));
}

/** Tells pages that units were added or removed: they reload the text's shape. */
export function bumpStructure(doc: Y.Doc): void {
	const server = doc.getMap<unknown>(SERVER_ROOT);
	const n = server.get(MEETING_KEYS.structure);
	server.set(MEETING_KEYS.structure, (typeof n === 'number' ? n : 0) + 1);
}

/** Every group's current position on every subject of a meeting, as the mirror holds them. */
export function positionRows(db: DbOrTx, meetingId: string, names: Names, subjectIds?: readonly string[]) {
	const where = subjectIds
		? and(eq(positions.meetingId, meetingId), inArray(positions.subjectId, [...subjectIds]))
		: eq(positions.meetingId, meetingId);
	const rows = new Map<string, { subject: PositionSubject; row: LivePositionRow }>();
	for (const p of db.select().from(positions).where(where).all()) {
		const subject: PositionSubject =
			p.subjectKind === 'amendment'
				? { kind: 'amendment', amendmentId: p.subjectId }
				: { kind: 'paragraph', unitId: p.subjectId };
		const key = positionKey(subject);
		const entry = rows.get(key) ?? { subject, row: {} };
		const live: LivePosition = {
			stance: p.stance,
			note: p.note,
			by: nameOf(names, p.setBy) ?? '',
			at: p.setAt.getTime()
		};
		entry.row[p.groupId] = live;
		rows.set(key, entry);
	}
	return rows;
}

export function liveMergeOf(m: typeof amendmentMerges.$inferSelect, names: Names): LiveMerge {
	return {
		amendmentId: m.amendmentId,
		unitId: m.unitId,
		conflicts: m.conflicts,
		moot: m.moot,
		resolvedBy: nameOf(names, m.resolvedBy),
		at: m.createdAt.getTime()
	};
}

/** Brings a meeting document's copies in line with the rows (at load; also after a crash). */
export function reconcileMeetingDoc(db: DbOrTx, meetingId: string, doc: Y.Doc): void {
	const names = meetingNames(db, meetingId);
	const rows = db.select().from(amendments).where(eq(amendments.meetingId, meetingId)).all();
	const positionsNow = positionRows(db, meetingId, names);
	const orders = db.select().from(amendmentOrders).where(eq(amendmentOrders.meetingId, meetingId)).all();
	const merges = db.select().from(amendmentMerges).where(eq(amendmentMerges.meetingId, meetingId)).all();
	const brackets = new Map<string, { id: string; start: unknown; end: unknown }[]>();
	for (const b of db.select().from(unitBrackets).where(eq(unitBrackets.meetingId, meetingId)).all())
		brackets.set(b.unitId, [...(brackets.get(b.unitId) ?? []), { id: b.id, start: b.start, end: b.end }]);
	const meeting = db
		.select({
			unitId: meetings.focusUnitId,
			amendmentId: meetings.focusAmendmentId,
			adoptedAt: meetings.conclusionsAdoptedAt
		})
		.from(meetings)
		.where(eq(meetings.id, meetingId))
		.get();
	const focus = meeting?.unitId ? { unitId: meeting.unitId, amendmentId: meeting.amendmentId } : null;
	const statementsNow = allStatements(db, meetingId);
	doc.transact(() => {
		const amendmentMap = region(doc, MEETING_KEYS.amendments);
		const wanted = new Set<string>();
		for (const r of rows) {
			if (r.status !== 'draft') wanted.add(r.id);
			mirrorAmendment(doc, r, names);
		}
		for (const key of [...amendmentMap.keys()]) if (!wanted.has(key)) amendmentMap.delete(key);
		syncRegion(region(doc, MEETING_KEYS.positions), new Map([...positionsNow].map(([k, v]) => [k, v.row])));
		syncRegion(region(doc, MEETING_KEYS.order), new Map(orders.map((o) => [o.unitId, o.ids])));
		syncRegion(
			region(doc, MEETING_KEYS.merges),
			new Map(merges.map((m) => [m.amendmentId, liveMergeOf(m, names)]))
		);
		syncRegion(region(doc, MEETING_KEYS.brackets), brackets);
		syncRegion(region(doc, MEETING_KEYS.statements), new Map(statementsNow.map((st) => [st.id, st])));
		const server = doc.getMap<unknown>(SERVER_ROOT);
		if (!same(server.get(MEETING_KEYS.focus) ?? null, focus)) server.set(MEETING_KEYS.focus, focus);
		if (meeting?.adoptedAt && !server.has(MEETING_KEYS.conclusions))
			server.set(MEETING_KEYS.conclusions, {
				adoptedAt: meeting.adoptedAt.getTime(),
				asAmended: !!db
					.select({ id: textUnits.id })
					.from(textUnits)
					.where(and(eq(textUnits.meetingId, meetingId), eq(textUnits.status, 'adopted_as_amended')))
					.get()
			});
	});
}

function syncRegion(map: Y.Map<unknown>, wanted: ReadonlyMap<string, unknown>): void {
	for (const [key, value] of wanted) put(map, key, value);
	for (const key of [...map.keys()]) if (!wanted.has(key)) map.delete(key);
}

// --- a group room -----------------------------------------------------------------------------------

/** The draft's wording in the group room, or null when the room has no text for it. */
export function draftWording(doc: Y.Doc, id: string): string | null {
	const text = doc.getMap<unknown>(GROUP_TEXTS_ROOT).get(id);
	return text instanceof Y.Text ? text.toString() : null;
}

/** Puts a draft in its group room: what it is about, and (if it has none yet) its wording. */
export function mirrorDraft(doc: Y.Doc, r: AmendmentRow, names: Names): void {
	put(region(doc, GROUP_META_KEY), r.id, liveDraftOf(r, names));
	const texts = doc.getMap<unknown>(GROUP_TEXTS_ROOT);
	if (!(texts.get(r.id) instanceof Y.Text)) texts.set(r.id, new Y.Text(r.proposedText ?? ''));
}

/** Takes a draft out of its group room (tabled, or discarded). */
export function removeDraft(doc: Y.Doc, id: string): void {
	const meta = region(doc, GROUP_META_KEY);
	if (meta.has(id)) meta.delete(id);
	const texts = doc.getMap<unknown>(GROUP_TEXTS_ROOT);
	if (texts.has(id)) texts.delete(id);
}

/** Brings a group room in line with the group's drafts: adds missing ones, removes those gone. */
export function reconcileGroupDoc(db: DbOrTx, meetingId: string, groupId: GroupId, doc: Y.Doc): void {
	const names = meetingNames(db, meetingId);
	const drafts = db
		.select()
		.from(amendments)
		.where(
			and(
				eq(amendments.meetingId, meetingId),
				eq(amendments.groupId, groupId),
				eq(amendments.status, 'draft')
			)
		)
		.all();
	const ids = new Set(drafts.map((d) => d.id));
	doc.transact(() => {
		for (const d of drafts) mirrorDraft(doc, d, names);
		const meta = region(doc, GROUP_META_KEY);
		for (const id of [...meta.keys()]) if (!ids.has(id)) removeDraft(doc, id);
		for (const id of [...doc.getMap<unknown>(GROUP_TEXTS_ROOT).keys()])
			if (!ids.has(id)) removeDraft(doc, id);
	});
}
