// The conclusions as a Word document laid out like the Office's: meeting, title with its footnote, preamble,
// headings, and paragraphs numbered by Word itself, so that a paragraph added in Word is numbered as Word users
// expect. The numbering is defined to give exactly the model's numbers (NUM-1, continuous through headings)
// and labels (the scheme's '(iii)', starting again under each paragraph).
import { AlignmentType, HeadingLevel, LevelFormat, Paragraph, type INumberingOptions } from 'docx';
import { inlineText } from '#lib/domain/outputs/conclusions.ts';
import type { ConclusionsOutput, OutputOptions } from '#lib/domain/outputs/model.ts';
import { plainRuns, wordFootnotes } from './inline.ts';
import { meetingLines, packDocx, stampLines } from './page.ts';

const PARAGRAPHS = 'conclusions-paragraphs';

/** Twips: the paragraph number hangs in the first 1 cm, a subparagraph's label in the next. */
const STEP = 567;

const SUB_FORMAT = {
	roman: LevelFormat.LOWER_ROMAN,
	alpha: LevelFormat.LOWER_LETTER,
	arabic: LevelFormat.DECIMAL
} as const;

/**
 * One list for the whole body: level 0 '1.', level 1 '(i)'. Headings are outside the list, so they do not
 * restart it; a level-1 counter restarts after every level-0 item by Word's default (no w:lvlRestart).
 */
export function paragraphNumbering(scheme: ConclusionsOutput['scheme']): INumberingOptions {
	return {
		config: [
			{
				reference: PARAGRAPHS,
				levels: [
					{
						level: 0,
						format: LevelFormat.DECIMAL,
						text: '%1.',
						start: 1,
						alignment: AlignmentType.LEFT,
						style: { paragraph: { indent: { left: STEP, hanging: STEP } } }
					},
					{
						level: 1,
						format: SUB_FORMAT[scheme],
						text: '(%2)',
						start: 1,
						alignment: AlignmentType.LEFT,
						style: { paragraph: { indent: { left: 2 * STEP, hanging: STEP } } }
					}
				]
			}
		]
	};
}

function numbered(level: 0 | 1) {
	// custom: no implicit ListParagraph style, whose contextual spacing would run the paragraphs together.
	return { numbering: { reference: PARAGRAPHS, level, custom: true }, alignment: AlignmentType.JUSTIFIED };
}

export function renderConclusionsDocx(
	doc: ConclusionsOutput,
	options: OutputOptions = {}
): Promise<Uint8Array> {
	const notes = wordFootnotes(doc.footnotes);
	// Built strictly in reading order: footnotes are numbered as their references are met.
	const children: Paragraph[] = [...meetingLines(doc.meeting)];
	children.push(
		new Paragraph({
			heading: HeadingLevel.TITLE,
			children: doc.title ? notes.runs(doc.title) : plainRuns([{ kind: 'text', text: doc.labels.document }])
		}),
		...stampLines(doc.stamp)
	);
	for (const clause of doc.preamble)
		children.push(new Paragraph({ alignment: AlignmentType.JUSTIFIED, children: notes.runs(clause) }));
	for (const item of doc.body) {
		if (item.kind === 'heading') {
			children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: notes.runs(item.text) }));
			continue;
		}
		children.push(new Paragraph({ ...numbered(0), children: notes.runs(item.text) }));
		for (const sub of item.subparagraphs)
			children.push(new Paragraph({ ...numbered(1), children: notes.runs(sub.text) }));
	}
	// Word has no footnote without a reference, so footnotes nothing refers to are listed after the text.
	const loose = notes.unreferenced();
	if (loose.length > 0) {
		children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, text: doc.labels.footnotes }));
		for (const f of loose)
			children.push(
				new Paragraph({
					style: 'FootnoteText',
					children: [
						...plainRuns([
							{ kind: 'footnote', label: f.label },
							{ kind: 'text', text: ' ' }
						]),
						...plainRuns(f.text)
					]
				})
			);
	}

	return packDocx({
		title: doc.title ? inlineText(doc.title.filter((s) => s.kind === 'text')) : doc.labels.document,
		meeting: doc.meeting,
		stamp: doc.stamp,
		pageLabel: doc.labels.page,
		lineNumbers: options.lineNumbers === true,
		numbering: paragraphNumbering(doc.scheme),
		footnotes: notes.notes(),
		children
	});
}
