// Where the square brackets of a meeting's units are now (DEC-6): their ends are Yjs relative positions
// in the live text, so the offsets are read from the meeting document, live or stored.
import { eq } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Db } from '../db/index.ts';
import { unitBrackets } from '../db/schema.ts';
import { meetingDocName } from '../collab-store/meeting-doc.ts';
import { LiveChanges, settleDocs } from '../kernel/live-changes.ts';
import type { BracketSpan } from '#lib/domain/outputs/conclusions.ts';

/** The offset a stored relative position points at in `doc` now (0 when its text is gone). */
export function offsetIn(doc: Y.Doc, json: Record<string, unknown>): number {
	return (
		Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(json), doc)?.index ?? 0
	);
}

/** Unit id → its bracketed stretches by offset, in text order; empty when nothing is bracketed. */
export async function bracketSpans(db: Db, meetingId: string): Promise<Map<string, BracketSpan[]>> {
	const spans = new Map<string, BracketSpan[]>();
	const rows = db.select().from(unitBrackets).where(eq(unitBrackets.meetingId, meetingId)).all();
	if (rows.length === 0) return spans;
	const name = meetingDocName(meetingId);
	await settleDocs([name]);
	// Read only: nothing is changed through it, so nothing is flushed.
	const doc = new LiveChanges(db).doc(name);
	for (const b of rows) {
		const list = spans.get(b.unitId) ?? [];
		list.push({ start: offsetIn(doc, b.start), end: offsetIn(doc, b.end) });
		spans.set(b.unitId, list);
	}
	for (const list of spans.values()) list.sort((a, b) => a.start - b.start);
	return spans;
}
