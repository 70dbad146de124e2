// The conclusions as an Akoma Ntoso 3.0 <statement> (OUT-1, OUT-6): the official document of a body, with
// the ILO's preamble, a <section> per heading and the numbered paragraphs and points in it.
import type { ConclusionsOutput, Inline, OutputBodyItem } from '#lib/domain/outputs/model.ts';
import {
	appendIdentification,
	appendPreface,
	appendReferences,
	appendWorkflow,
	conclusionsWorkIri,
	paragraphEid,
	pointEid,
	REF
} from './meta.ts';
import { Notes } from './inline.ts';
import { aknRoot, EidSet, serialize, type El } from './xml.ts';

type Paragraph = Extract<OutputBodyItem, { kind: 'paragraph' }>;

export function renderAknConclusions(doc: ConclusionsOutput): string {
	const root = aknRoot();
	const statement = root.ele('statement', { name: 'conclusions' });
	const eIds = new EidSet();
	const notes = new Notes(doc.footnotes, eIds);

	const meta = statement.ele('meta');
	appendIdentification(meta, {
		work: conclusionsWorkIri(doc.meeting),
		name: 'conclusions',
		subtype: 'conclusions',
		number: doc.meeting.id,
		workDates: [
			{ date: doc.meeting.startDate, name: 'meeting' },
			...(doc.stamp.kind === 'adopted' ? [{ date: doc.stamp.date, name: 'adoption' }] : [])
		],
		workAuthor: REF.meeting,
		stamp: doc.stamp
	});
	appendWorkflow(meta, doc.stamp);
	appendReferences(meta, doc.meeting, doc.stamp);

	appendPreface(statement, doc.meeting, doc.stamp, (docTitle) =>
		notes.append(docTitle, doc.title ?? [{ kind: 'text', text: doc.labels.document }])
	);
	if (doc.preamble.length > 0) appendPreamble(statement.ele('preamble'), doc.preamble, notes);
	appendBody(statement.ele('mainBody'), doc.body, notes, eIds);

	// A footnote nothing refers to has no place in the flow; it goes with the document's notes.
	const unplaced = notes.unplaced();
	if (unplaced.length > 0) {
		const list = meta.ele('notes', { source: `#${REF.ilo}` });
		for (const f of unplaced) {
			const note = list.ele('note', { eId: notes.place(f.label), marker: f.label, placement: 'bottom' });
			notes.append(note.ele('p'), f.text);
		}
	}
	return serialize(root);
}

/**
 * The ILO preamble names the meeting, recites what it considered ('Having met…', 'Recognizing…') and ends
 * with the formula by which it adopts the text: the first clause a plain line, the last the formula, those
 * between recitals.
 */
function appendPreamble(preamble: El, clauses: Inline[], notes: Notes): void {
	if (clauses.length === 1) return notes.append(preamble.ele('p'), clauses[0]!);
	const [first, ...rest] = clauses;
	const formula = rest.pop()!;
	notes.append(preamble.ele('p'), first!);
	if (rest.length > 0) {
		const recitals = preamble.ele('recitals', { eId: 'recs_1' });
		rest.forEach((clause, i) =>
			notes.append(recitals.ele('recital', { eId: `recs_1__rec_${i + 1}` }).ele('p'), clause)
		);
	}
	notes.append(preamble.ele('formula', { eId: 'formula_1', name: 'adoptingFormula' }).ele('p'), formula);
}

/** Paragraphs before the first heading stand in mainBody itself; each heading opens a section. */
function appendBody(mainBody: El, body: OutputBodyItem[], notes: Notes, eIds: EidSet): void {
	let container = mainBody;
	let sections = 0;
	for (const item of body) {
		if (item.kind === 'heading') {
			container = mainBody.ele('section', { eId: eIds.claim(`sec_${++sections}`), GUID: item.id });
			notes.append(container.ele('heading'), item.text);
		} else appendParagraph(container, item, notes, eIds);
	}
	// mainBody may not be empty; a text with nothing in it yet still makes a valid document.
	if (body.length === 0) mainBody.ele('p');
}

function appendParagraph(parent: El, item: Paragraph, notes: Notes, eIds: EidSet): void {
	const paragraph = parent.ele('paragraph', { eId: eIds.claim(paragraphEid(item.number)), GUID: item.id });
	paragraph.ele('num').txt(`${item.number}.`);
	if (item.subparagraphs.length === 0) {
		notes.append(paragraph.ele('content').ele('p'), item.text);
		return;
	}
	if (item.text.length > 0) notes.append(paragraph.ele('intro').ele('p'), item.text);
	for (const sub of item.subparagraphs) {
		const point = paragraph.ele('point', {
			eId: eIds.claim(pointEid(item.number, sub.label)),
			GUID: sub.id
		});
		point.ele('num').txt(sub.label);
		notes.append(point.ele('content').ele('p'), sub.text);
	}
}
