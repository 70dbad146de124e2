// Second stage of the plain-text import: lines, once their part of the document is known, become
// blocks with fresh ids, and whatever does not fit the expected numbering is reported (IMP-n).
import { finalMark, startsLowercase, type ImportWarning, type SourceLine } from './import-lines.ts';
import { chooseReading, labelMark, type LabelReading } from './numbering.ts';
import type { DraftText, ParagraphItem, SubparagraphScheme } from './text.ts';

/** Longer than any real heading: the fixture's longest is 154 characters, paragraphs usually run longer. */
const HEADING_MAX_LENGTH = 200;

const SCHEME_NAMES: Record<SubparagraphScheme, string> = {
	roman: 'roman numerals ((i), (ii), …)',
	alpha: 'letters ((a), (b), …)',
	arabic: 'numbers ((1), (2), …)'
};

const RENUMBERED = 'in the imported text, since numbers follow the order of the paragraphs.';
const RELABELLED = 'in the imported text, since labels follow the order of the subparagraphs.';

export class DraftBuilder {
	readonly text: DraftText = { title: null, preamble: [], body: [], footnotes: [], scheme: 'roman' };
	readonly warnings: ImportWarning[] = [];
	private readonly lines = new Map<string, number>();
	private readonly newId: () => string;
	/** Lines already reported as hard-wrapped: one warning per cause is enough. */
	private readonly wrapped: ReadonlySet<number>;
	private paragraph: ParagraphItem | null = null;
	private paragraphCount = 0;
	private lastWritten: number | null = null;
	private readonly writtenAt = new Map<number, number>();
	private lastReading: LabelReading | null = null;
	private lastMark = '';
	private schemeSetAt: number | null = null;

	constructor(newId: () => string, wrapped: ReadonlySet<number>) {
		this.newId = newId;
		this.wrapped = wrapped;
	}

	/** The input line each block came from. */
	lineOf(id: string): number {
		return this.lines.get(id) ?? 0;
	}

	title(line: SourceLine): void {
		this.text.title = this.block(line, line.text);
	}

	preamble(line: SourceLine): void {
		if (line.shape.kind === 'subparagraph') this.stray(line, line.shape.mark, 'a preamble clause');
		this.text.preamble.push(this.block(line, line.text));
	}

	/** A line of the body, or a line before paragraph 1 that is not in the preamble. */
	body(line: SourceLine): void {
		const { shape } = line;
		if (shape.kind === 'paragraph') return this.numberedParagraph(line, shape.written, shape.text);
		if (shape.kind === 'footnote') {
			this.text.footnotes.push({ ...this.block(line, shape.text), label: shape.label });
			return;
		}
		if (shape.kind === 'subparagraph' && this.paragraph) {
			return this.subparagraph(this.paragraph, line, shape.readings, shape.mark, shape.text);
		}
		if (shape.kind === 'subparagraph') this.stray(line, shape.mark, 'a heading');
		else this.checkHeading(line);
		this.text.body.push({ kind: 'heading', ...this.block(line, line.text) });
		this.paragraph = null;
	}

	private block(line: SourceLine, text: string): { id: string; text: string } {
		const id = this.newId();
		this.lines.set(id, line.line);
		return { id, text };
	}

	private warn(line: SourceLine, code: string, message: string): void {
		this.warnings.push({ line: line.line, code, message });
	}

	private numberedParagraph(line: SourceLine, written: number, text: string): void {
		const number = ++this.paragraphCount;
		const last = this.lastWritten;
		const expected = (last ?? 0) + 1;
		const seenAt = this.writtenAt.get(written);
		if (written !== expected) {
			const missing =
				expected === written - 1 ? `number ${expected} is` : `numbers ${expected} to ${written - 1} are`;
			const what =
				last === null
					? `The first paragraph is numbered ${written}, not 1.`
					: seenAt !== undefined
						? `Paragraph number ${written} is used twice (also at line ${seenAt}).`
						: written > expected
							? `Paragraph ${written} comes after paragraph ${last}: ${missing} missing.`
							: `Paragraph ${written} comes after paragraph ${last}, where ${expected} was expected.`;
			this.warn(line, 'paragraph-number', `${what} It is paragraph ${number} ${RENUMBERED}`);
		}
		if (seenAt === undefined) this.writtenAt.set(written, line.line);
		if (text === '') this.empty(line, `Paragraph ${number}`);
		this.lastWritten = written;
		this.lastReading = null;
		this.paragraph = { kind: 'paragraph', ...this.block(line, text), subparagraphs: [] };
		this.text.body.push(this.paragraph);
	}

	private subparagraph(
		paragraph: ParagraphItem,
		line: SourceLine,
		readings: LabelReading[],
		mark: string,
		text: string
	): void {
		const documentScheme = this.schemeSetAt === null ? null : this.text.scheme;
		const reading = chooseReading(readings, { previous: this.lastReading, documentScheme });
		if (!reading) throw new Error(`${mark} was taken for a label but has no reading`);
		if (this.schemeSetAt === null) {
			this.text.scheme = reading.scheme;
			this.schemeSetAt = line.line;
		}
		const { scheme } = this.text;
		const index = paragraph.subparagraphs.length;
		const label = `(${labelMark(scheme, index)})`;
		const where = `Subparagraph ${mark} of paragraph ${this.paragraphCount}`;
		const expected = (this.lastReading?.index ?? -1) + 1;
		if (reading.scheme !== scheme) {
			this.warn(
				line,
				'subparagraph-scheme',
				`${where} is labelled with ${SCHEME_NAMES[reading.scheme]}, but this document uses ` +
					`${SCHEME_NAMES[scheme]}, like its first subparagraph at line ${this.schemeSetAt}. ` +
					`It is ${label} ${RELABELLED}`
			);
		} else if (reading.index !== expected) {
			const after = this.lastReading ? `comes after ${this.lastMark}` : 'is the first of its paragraph';
			this.warn(
				line,
				'subparagraph-sequence',
				`${where} ${after}, where (${labelMark(scheme, expected)}) was expected. It is ${label} ${RELABELLED}`
			);
		}
		if (text === '') this.empty(line, `Subparagraph ${label} of paragraph ${this.paragraphCount}`);
		this.lastReading = reading;
		this.lastMark = mark;
		paragraph.subparagraphs.push(this.block(line, text));
	}

	/** IMP-24: a number or label alone is its block with no text yet (as the export writes one emptied). */
	private empty(line: SourceLine, what: string): void {
		this.warn(
			line,
			'empty-block',
			`${what} (line ${line.line}) has no text. Type it in, or remove the line.`
		);
	}

	private stray(line: SourceLine, mark: string, keptAs: string): void {
		this.warn(
			line,
			'subparagraph-outside-paragraph',
			`Line ${line.line} starts with the subparagraph label ${mark} but is not under a numbered ` +
				`paragraph, so it was kept as ${keptAs}, label included. Move it under its paragraph, ` +
				'or remove the label.'
		);
	}

	private checkHeading(line: SourceLine): void {
		if (this.wrapped.has(line.line)) return;
		const doubts: string[] = [];
		const mark = finalMark(line.text);
		if (mark !== null && '.;,:'.includes(mark)) doubts.push(`ends with '${mark}'`);
		if (startsLowercase(line.text)) doubts.push('starts with a lowercase letter');
		const length = [...line.text].length;
		if (length > HEADING_MAX_LENGTH) doubts.push(`is ${length} characters long`);
		if (doubts.length === 0) return;
		this.warn(
			line,
			'doubtful-heading',
			`Line ${line.line} was taken as a heading, but it ${doubts.join(' and ')}, which headings ` +
				'rarely do. If it is a paragraph, give it its number; if it belongs to the line before, join them.'
		);
	}
}
