// Word documents for the tests, built with the `docx` library as Word would save them.
import { readFileSync } from 'node:fs';
import {
	Document,
	FootnoteReferenceRun,
	HeadingLevel,
	LevelFormat,
	Packer,
	Paragraph,
	TextRun,
	type ISectionOptions
} from 'docx';
import { strToU8, zipSync } from 'fflate';
import { parsePlainText } from '#lib/domain/import-text.ts';
import { FIXTURE_URL } from '#lib/domain/test-support.ts';

export const fixtureText = (): string => readFileSync(FIXTURE_URL, 'utf8');

/** Level 0 "1.", level 1 "(i)": how the Office numbers paragraphs and subparagraphs. */
export const CONCLUSIONS_LIST = {
	reference: 'conclusions',
	levels: [
		{ level: 0, format: LevelFormat.DECIMAL, text: '%1.' },
		{ level: 1, format: LevelFormat.LOWER_ROMAN, text: '(%2)' }
	]
};

export async function pack(
	children: ISectionOptions['children'],
	extra: Omit<ConstructorParameters<typeof Document>[0], 'sections'> = {}
): Promise<Uint8Array> {
	const doc = new Document({
		numbering: { config: [CONCLUSIONS_LIST] },
		...extra,
		sections: [{ children }]
	});
	return new Uint8Array(await Packer.toBuffer(doc));
}

/** Text with `[^n]` references as runs, the references as real Word footnote references. */
function runs(text: string): Array<TextRun | FootnoteReferenceRun> {
	return text
		.split(/(\[\^\d+\])/)
		.filter((s) => s !== '')
		.map((s) => {
			const ref = /^\[\^(\d+)\]$/.exec(s);
			return ref ? new FootnoteReferenceRun(Number(ref[1])) : new TextRun(s);
		});
}

/**
 * The 2013 conclusions as the Office would write them in Word: headings in Heading 1, the footnote a
 * real one, and the numbers either Word's automatic list numbering or typed by hand.
 */
export async function fixtureDocx(numbers: 'automatic' | 'typed'): Promise<Uint8Array> {
	const text = fixtureText();
	const parsed = parsePlainText(text);
	if (!parsed.ok) throw new Error(parsed.error);
	const headings = new Set(parsed.text.body.flatMap((b) => (b.kind === 'heading' ? [b.text] : [])));
	const blocks = text
		.split(/\n\s*\n/)
		.map((b) => b.trim())
		.filter((b) => b !== '');
	const footnotes: Record<number, { children: Paragraph[] }> = {};
	const children: Paragraph[] = [];
	blocks.forEach((block, i) => {
		const footnote = /^\[\^(\d+)\]:\s*(.*)$/s.exec(block);
		const paragraph = /^\d+\.\s+(.*)$/s.exec(block);
		const sub = /^\([ivxlc]+\)\s+(.*)$/s.exec(block);
		if (footnote) footnotes[Number(footnote[1])] = { children: [new Paragraph(footnote[2] ?? '')] };
		else if (i === 0) children.push(new Paragraph({ heading: HeadingLevel.TITLE, children: runs(block) }));
		else if (headings.has(block))
			children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, text: block }));
		else if (numbers === 'automatic' && (paragraph || sub)) {
			children.push(
				new Paragraph({
					children: runs((paragraph ?? sub)?.[1] ?? ''),
					numbering: { reference: CONCLUSIONS_LIST.reference, level: paragraph ? 0 : 1 }
				})
			);
		} else children.push(new Paragraph({ children: runs(block) }));
	});
	return pack(children, { footnotes });
}

const W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

/**
 * A minimal .docx from hand-written WordprocessingML, for what the `docx` library cannot write:
 * numbering through styles, restarts, custom footnote marks, fields, text boxes.
 */
export function rawDocx(
	body: string,
	parts: { numbering?: string; styles?: string; footnotes?: string; endnotes?: string } = {}
): Uint8Array {
	const xml = (root: string, inner: string) =>
		strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:${root} ${W_NS}>${inner}</w:${root}>`);
	const files: Record<string, Uint8Array> = {
		'word/document.xml': xml('document', `<w:body>${body}</w:body>`)
	};
	if (parts.numbering !== undefined) files['word/numbering.xml'] = xml('numbering', parts.numbering);
	if (parts.styles !== undefined) files['word/styles.xml'] = xml('styles', parts.styles);
	if (parts.footnotes !== undefined) files['word/footnotes.xml'] = xml('footnotes', parts.footnotes);
	if (parts.endnotes !== undefined) files['word/endnotes.xml'] = xml('endnotes', parts.endnotes);
	return zipSync(files);
}

/** A paragraph: `p('text')`, or with its properties, `p('text', '<w:pStyle w:val="Heading1"/>')`. */
export function p(text: string, pPr = ''): string {
	return `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}<w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
}

export function numPr(numId: number, ilvl = 0): string {
	return `<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr>`;
}
