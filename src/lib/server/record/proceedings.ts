// The record of proceedings (docs/domain.md, "The record and the outputs"): the meeting's events turned into
// the domain's sentences (record.ts), grouped by sitting. Only what happened in public is on it: a
// group's drafts are not; positions are on the grid, not in the record.
import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/index.ts';
import { amendments, events, sittings } from '../db/schema.ts';
import { meetingNames } from '../amendments/mirror.ts';
import { membershipOf } from '../meetings/queries.ts';
import { loadDraftText } from '../meetings/text-store.ts';
import {
	recordSentence,
	type AmendmentOutcome,
	type Phrase,
	type RecordAmendment,
	type RecordAuthor,
	type RecordEvent,
	type RecordTarget
} from '#lib/domain/record.ts';
import { isGroupId, type GroupId } from '#lib/domain/roles.ts';
import { referenceOf } from '#lib/domain/numbering.ts';
import type { DraftText } from '#lib/domain/text.ts';

export interface RecordSitting {
	sitting: { id: string; number: number; date: string | null } | null;
	entries: { seq: number; at: Date; sentence: Phrase }[];
}

type EventRow = typeof events.$inferSelect;
type AmendmentRow = typeof amendments.$inferSelect;

const OUTCOMES: Record<string, AmendmentOutcome> = {
	'amendment.call': 'called',
	'amendment.adopt': 'adopted',
	'amendment.reject': 'rejected',
	'amendment.withdraw': 'withdrawn',
	'amendment.declareFallen': 'fell',
	'amendment.fellWithParent': 'fell',
	'amendment.declareNotSeconded': 'not_seconded',
	'amendment.return': 'returned'
};

// Taking a unit up is in the log, not in the record: a Chair walking the text would fill it (REC-4).
const DECIDED = {
	'unit.defer': 'deferred',
	'unit.delete': 'deleted'
} as const;

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** REC-5: the adoption's merge left conflicts in the text (the event counts them). */
const leftConflict = (p: EventRow['payload']): boolean => Number(p['conflicts'] ?? 0) > 0;

/** REC-2: a unit by the number it had at the event; a clause or heading as the text places it now. */
function unitTarget(text: DraftText, unitId: string | null, reference: string | null): RecordTarget {
	if (reference) return { kind: 'paragraph', reference };
	const clause = text.preamble.findIndex((c) => c.id === unitId);
	if (clause >= 0) return { kind: 'preamble', ordinal: clause + 1 };
	const heading = text.body.find((b) => b.id === unitId && b.kind === 'heading');
	if (heading) return { kind: 'heading', text: heading.text };
	return { kind: 'conclusions' };
}

function authorOf(a: Pick<AmendmentRow, 'groupId' | 'capacity' | 'tabledCountry'>): RecordAuthor {
	return a.capacity === 'national' && a.tabledCountry
		? { kind: 'national', country: a.tabledCountry }
		: { kind: 'group', groupId: a.groupId };
}

function amendmentOf(
	e: EventRow,
	byId: ReadonlyMap<string, AmendmentRow>,
	text: DraftText
): RecordAmendment | null {
	const p = e.payload;
	const a = byId.get(str(p['amendmentId']) ?? '');
	const code = str(p['code']) ?? a?.code;
	if (!a || !code) return null;
	const parent = a.kind === 'subamendment' && a.parentId ? byId.get(a.parentId) : undefined;
	const target: RecordTarget = parent?.code
		? { kind: 'amendment', code: parent.code }
		: unitTarget(text, a.targetId ?? a.afterId, str(p['reference']));
	return { code, author: authorOf(a), target };
}

/** The sentence an event gives the record, or null when it is not one the record keeps. */
function recordEventOf(
	e: EventRow,
	byId: ReadonlyMap<string, AmendmentRow>,
	text: DraftText,
	names: ReadonlyMap<string, string>
): RecordEvent | null {
	const p = e.payload;
	if (e.type === 'amendment.tabled' || e.type === 'amendment.second' || e.type in OUTCOMES) {
		const amendment = amendmentOf(e, byId, text);
		if (!amendment) return null;
		if (e.type === 'amendment.tabled') return { type: 'amendment.tabled', amendment };
		if (e.type === 'amendment.second') {
			const seconder = p['seconder'] as { country?: string } | null;
			return { type: 'amendment.seconded', amendment, country: seconder?.country ?? '' };
		}
		if (e.type === 'amendment.adopt')
			return { type: 'amendment.outcome', amendment, outcome: 'adopted', conflict: leftConflict(p) };
		return { type: 'amendment.outcome', amendment, outcome: OUTCOMES[e.type]! };
	}
	if (e.type === 'amendment.conflictsResolved') {
		const unitId = str(p['unitId']);
		// Older events carry neither the references nor the words: the unit as the text places it now.
		const reference = str(p['reference']) ?? (unitId ? referenceOf(text, unitId) : null);
		// The merge is on the amendment's own target: one reference names both.
		const amendment = amendmentOf({ ...e, payload: { ...p, reference } }, byId, text);
		if (!amendment) return null;
		return {
			type: 'amendment.conflictResolved',
			amendment,
			unit: unitTarget(text, unitId, reference),
			text: str(p['text'])
		};
	}
	if (e.type === 'amendment.adoptAsSubamended') {
		const amendment = amendmentOf(e, byId, text);
		if (!amendment) return null;
		const id = str(p['amendmentId']);
		// By whoever's subamendment was adopted (the last one, if several were).
		const sub = [...byId.values()]
			.filter((s) => s.parentId === id && s.status === 'adopted')
			.sort((x, y) => (x.code ?? '').localeCompare(y.code ?? '', 'en', { numeric: true }))
			.at(-1);
		return {
			type: 'amendment.adoptedAsSubamended',
			amendment,
			subamendedBy: sub ? authorOf(sub) : amendment.author,
			conflict: leftConflict(p)
		};
	}
	const target = () => unitTarget(text, str(p['unitId']), str(p['reference']));
	if (e.type in DECIDED)
		return { type: 'unit.decided', target: target(), decision: DECIDED[e.type as keyof typeof DECIDED] };
	if (e.type === 'unit.adopt')
		return {
			type: 'unit.decided',
			target: target(),
			decision: p['asAmended'] ? 'adopted_as_amended' : 'adopted'
		};
	if (e.type === 'unit.reopen')
		return { type: 'unit.reopened', target: target(), reason: str(p['reason']) ?? '' };
	if (e.type === 'unit.bracket')
		return { type: 'unit.bracketed', target: target(), words: str(p['words']) ?? '' };
	if (e.type === 'unit.unbracket')
		return { type: 'unit.unbracketed', target: target(), words: str(p['words']) ?? '' };
	if (e.type === 'statement.made') {
		const group = p['speakerGroup'];
		if (!isGroupId(group)) return null;
		const speaker = p['onBehalfOfGroup']
			? { kind: 'group' as const, groupId: group as GroupId }
			: {
					kind: 'member' as const,
					name: names.get(str(p['speakerId']) ?? '') ?? '',
					groupId: group as GroupId,
					country: str(p['country'])
				};
		return {
			type: 'statement',
			speaker,
			kind: p['kind'] === 'reservation' ? 'reservation' : 'interpretive',
			subject: p['unitId'] ? target() : { kind: 'conclusions' },
			text: str(p['text']) ?? ''
		};
	}
	if (e.type === 'vote.taken') {
		const total = p['total'] as { yes: number; no: number; abstain: number };
		const code = str(p['code']);
		return {
			type: 'vote',
			subject: code ? { kind: 'amendment', code } : target(),
			total,
			result: p['result'] === 'carried' ? 'carried' : p['result'] === 'lost' ? 'lost' : 'no_quorum',
			participants: Number(p['participants'] ?? 0),
			quorum: Number(p['quorum'] ?? 0)
		};
	}
	if (e.type === 'conclusions.adopt')
		return { type: 'conclusions.adopted', asAmended: p['asAmended'] === true };
	return null;
}

/** The record, sitting by sitting, for a participant (everything on it is public to the meeting). */
export function recordOfProceedings(db: DbOrTx, userId: string, meetingId: string): RecordSitting[] {
	return membershipOf(db, meetingId, userId) ? meetingRecord(db, meetingId) : [];
}

/** The record, sitting by sitting; callers check who may read it. */
export function meetingRecord(db: DbOrTx, meetingId: string): RecordSitting[] {
	const text = loadDraftText(db, meetingId).text;
	const byId = new Map(
		db
			.select()
			.from(amendments)
			.where(eq(amendments.meetingId, meetingId))
			.all()
			.map((a) => [a.id, a])
	);
	const people = meetingNames(db, meetingId);
	const rows = db.select().from(events).where(eq(events.meetingId, meetingId)).orderBy(asc(events.seq)).all();
	const bySitting = new Map<string | null, RecordSitting['entries']>();
	for (const e of rows) {
		const r = recordEventOf(e, byId, text, people);
		if (!r) continue;
		const list = bySitting.get(e.sittingId) ?? [];
		list.push({ seq: e.seq, at: e.at, sentence: recordSentence(r) });
		bySitting.set(e.sittingId, list);
	}
	const all = db
		.select()
		.from(sittings)
		.where(eq(sittings.meetingId, meetingId))
		.orderBy(asc(sittings.number))
		.all();
	const out: RecordSitting[] = [];
	for (const s of all) {
		const entries = bySitting.get(s.id);
		if (entries) out.push({ sitting: { id: s.id, number: s.number, date: s.date }, entries });
	}
	const outside = bySitting.get(null);
	if (outside) out.push({ sitting: null, entries: outside });
	return out;
}
