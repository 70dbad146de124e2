// The draft text in SQLite: one row per unit (see schema.ts, text_units), assembled into the domain's
// DraftText. Body items (headings and paragraphs) share one order; subparagraphs are ordered within
// their paragraph; preamble clauses and footnotes each have their own.
import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/index.ts';
import { meetings, textUnits } from '../db/schema.ts';
import type { BodyItem, DraftText, ParagraphItem } from '#lib/domain/text.ts';
import type { UnitStatus } from '#lib/domain/status.ts';

export interface StoredText {
	text: DraftText;
	statuses: Record<string, UnitStatus>;
}

export function loadDraftText(db: DbOrTx, meetingId: string): StoredText {
	const meeting = db
		.select({ scheme: meetings.subparagraphScheme })
		.from(meetings)
		.where(eq(meetings.id, meetingId))
		.get();
	const rows = db
		.select()
		.from(textUnits)
		.where(eq(textUnits.meetingId, meetingId))
		.orderBy(asc(textUnits.position))
		.all();
	const text: DraftText = {
		title: null,
		preamble: [],
		body: [],
		footnotes: [],
		scheme: meeting?.scheme ?? 'roman'
	};
	const statuses: Record<string, UnitStatus> = {};
	const paragraphs = new Map<string, ParagraphItem>();
	for (const r of rows) {
		statuses[r.id] = r.status;
		if (r.kind === 'title') text.title = { id: r.id, text: r.text };
		else if (r.kind === 'preamble') text.preamble.push({ id: r.id, text: r.text });
		else if (r.kind === 'footnote') text.footnotes.push({ id: r.id, label: r.label ?? '', text: r.text });
		else if (r.kind === 'heading') text.body.push({ kind: 'heading', id: r.id, text: r.text });
		else if (r.kind === 'paragraph') {
			const p: ParagraphItem = { kind: 'paragraph', id: r.id, text: r.text, subparagraphs: [] };
			paragraphs.set(r.id, p);
			text.body.push(p);
		}
	}
	// Rows come ordered by position, so subparagraphs arrive in order within each paragraph.
	for (const r of rows)
		if (r.kind === 'subparagraph' && r.parentId)
			paragraphs.get(r.parentId)?.subparagraphs.push({ id: r.id, text: r.text });
	return { text, statuses };
}

/** Replaces a meeting's whole draft (the Office text import). Callers run it inside their transaction. */
export function replaceDraftText(tx: DbOrTx, meetingId: string, text: DraftText): void {
	tx.delete(textUnits).where(eq(textUnits.meetingId, meetingId)).run();
	tx.update(meetings).set({ subparagraphScheme: text.scheme }).where(eq(meetings.id, meetingId)).run();
	type Row = typeof textUnits.$inferInsert;
	const rows: Row[] = [];
	const unit = (kind: Row['kind'], id: string, t: string, position: number, extra: Partial<Row> = {}) =>
		rows.push({ id, meetingId, kind, text: t, position, ...extra });
	if (text.title) unit('title', text.title.id, text.title.text, 0);
	text.preamble.forEach((c, i) => unit('preamble', c.id, c.text, i));
	text.body.forEach((item: BodyItem, i) => {
		unit(item.kind, item.id, item.text, i);
		if (item.kind === 'paragraph')
			item.subparagraphs.forEach((s, j) => unit('subparagraph', s.id, s.text, j, { parentId: item.id }));
	});
	text.footnotes.forEach((f, i) => unit('footnote', f.id, f.text, i, { label: f.label }));
	// SQLite caps bound variables per statement; insert in slices.
	for (let i = 0; i < rows.length; i += 100)
		tx.insert(textUnits)
			.values(rows.slice(i, i + 100))
			.run();
}
