// The text as it stood at any event, and what changed between two moments (issue 5, "History"). Each
// unit's texts are in unit_versions, written by the database's own triggers on text_units; the text at an
// event is, unit by unit, the last version written no later than the event (HIS-1). The triggers keep
// only versions an event can read, and the newest (HIS-2): reading them here needs no other filter.
import { and, asc, eq, lte } from 'drizzle-orm';
import type { DbOrTx } from '../db/index.ts';
import { events, unitVersions } from '../db/schema.ts';
import { membershipOf } from '../meetings/queries.ts';
import { loadDraftText } from '../meetings/text-store.ts';
import { referenceOf } from '#lib/domain/numbering.ts';
import { allBlocks, type DraftText } from '#lib/domain/text.ts';

/** Unit id → its text at `at` (units that did not exist yet are absent). */
function textsAt(db: DbOrTx, meetingId: string, at: Date): Map<string, string> {
	const texts = new Map<string, string>();
	const rows = db
		.select({ unitId: unitVersions.unitId, text: unitVersions.text })
		.from(unitVersions)
		.where(and(eq(unitVersions.meetingId, meetingId), lte(unitVersions.at, at)))
		.orderBy(asc(unitVersions.seq))
		.all();
	for (const r of rows) texts.set(r.unitId, r.text);
	return texts;
}

function eventAt(db: DbOrTx, meetingId: string, seq: number): Date | null {
	return (
		db
			.select({ at: events.at })
			.from(events)
			.where(and(eq(events.meetingId, meetingId), eq(events.seq, seq)))
			.get()?.at ?? null
	);
}

/** The draft's shape as it is now, with each unit's text as it stood at `at`; units added later left out. */
function draftAt(db: DbOrTx, meetingId: string, at: Date): DraftText {
	const now = loadDraftText(db, meetingId).text;
	const texts = textsAt(db, meetingId, at);
	const keep = <T extends { id: string; text: string }>(b: T): T | null => {
		const t = texts.get(b.id);
		return t === undefined ? null : { ...b, text: t };
	};
	const present = <T>(x: T | null): x is T => x !== null;
	return {
		...now,
		title: now.title ? keep(now.title) : null,
		preamble: now.preamble.map(keep).filter(present),
		body: now.body
			.map((item) => {
				const kept = keep(item);
				if (!kept || kept.kind === 'heading') return kept;
				return {
					...kept,
					subparagraphs: item.kind === 'paragraph' ? item.subparagraphs.map(keep).filter(present) : []
				};
			})
			.filter(present),
		footnotes: now.footnotes.map(keep).filter(present)
	};
}

/** The text as it stood right after event `seq`; null for an unknown event or a non-participant. */
export function textAtEvent(db: DbOrTx, userId: string, meetingId: string, seq: number) {
	if (!membershipOf(db, meetingId, userId)) return null;
	const at = eventAt(db, meetingId, seq);
	return at ? { at, text: draftAt(db, meetingId, at) } : null;
}

export interface UnitChange {
	unitId: string;
	/** How people cite it at the later moment ('5(iii)'); null for clauses, headings and footnotes. */
	reference: string | null;
	before: string | null;
	after: string | null;
}

/** What changed between two events, unit by unit in reading order (show each as an inline diff). */
export function compareEvents(
	db: DbOrTx,
	userId: string,
	meetingId: string,
	fromSeq: number,
	toSeq: number
): UnitChange[] | null {
	if (!membershipOf(db, meetingId, userId)) return null;
	const from = eventAt(db, meetingId, fromSeq);
	const to = eventAt(db, meetingId, toSeq);
	if (!from || !to) return null;
	const before = textsAt(db, meetingId, from);
	const afterText = draftAt(db, meetingId, to);
	const after = textsAt(db, meetingId, to);
	const changes: UnitChange[] = [];
	for (const block of allBlocks(loadDraftText(db, meetingId).text)) {
		const b = before.get(block.id) ?? null;
		const a = after.get(block.id) ?? null;
		if (a !== b)
			changes.push({ unitId: block.id, reference: referenceOf(afterText, block.id), before: b, after: a });
	}
	return changes;
}
