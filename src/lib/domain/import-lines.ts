// First stage of the plain-text import: from pasted text to numbered, cleaned lines, each with the
// shape its start gives it. Which part of the document a line belongs to is decided in import-text.ts.
import { parseSubparagraphLabel, type LabelReading } from './numbering.ts';

export interface ImportWarning {
	/** 1-based line of the input, as an editor counts them. */
	line: number;
	code: string;
	/** Plain English, understandable without this code. */
	message: string;
}

export type LineShape =
	| { kind: 'paragraph'; written: number; text: string }
	| { kind: 'subparagraph'; mark: string; readings: LabelReading[]; text: string }
	| { kind: 'footnote'; label: string; text: string }
	| { kind: 'plain'; text: string };

export interface SourceLine {
	line: number;
	/** The whole line, trimmed: what a block keeps when the line's marker is not taken as one. */
	text: string;
	shape: LineShape;
}

export type ReadResult =
	{ ok: true; lines: SourceLine[]; warnings: ImportWarning[] } | { ok: false; error: string };

// Word's manual line break (\v) and page break (\f) arrive inside pasted paragraphs; CR and LF end
// lines. DEL and the C1 controls (NEL, U+0085, among them) are as meaningless as the C0 controls, and
// U+2028 and U+2029 are line breaks of other programs: a unit holds none of them (TXT-7).
const CONTROL =
	// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's purpose
	/[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// A tab is whitespace, often what a word processor puts after a list number: a space, unannounced.
const TAB = /\t/g;
// Controls other than \v and \f, and U+FFFD (what undecodable bytes become), are what binary files
// are made of; a real document holds next to none (IMP-2).
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's purpose
const BINARY_SIGN = /[\u0001-\u0008\u000e-\u001f\u007f\ufffd]/g;

/** Splits the input into its non-empty lines (IMP-4), or says why it is not a text at all (IMP-1, IMP-2). */
export function readLines(input: string): ReadResult {
	// trim() counts a byte-order mark (U+FEFF) as whitespace, so it goes with the spaces.
	if (input.trim() === '') return { ok: false, error: 'The text is empty: there is nothing to import.' };
	if (input.includes('\u0000') || (input.match(BINARY_SIGN)?.length ?? 0) * 100 > input.length) {
		return {
			ok: false,
			error:
				'This is not plain text: it contains binary data, as word-processor files (.docx, .odt) and PDFs do. ' +
				'Save the document as plain text (.txt) and import that file.'
		};
	}
	const lines: SourceLine[] = [];
	const warnings: ImportWarning[] = [];
	input.split(/\r\n|\r|\n/).forEach((raw, i) => {
		const line = i + 1;
		const cleaned = raw.replace(CONTROL, ' ');
		const spaced = cleaned.replace(TAB, ' ');
		if (cleaned !== raw) {
			warnings.push({
				line,
				code: 'control-character',
				message:
					`Line ${line} contained invisible control characters (such as a manual line break from ` +
					'the word processor); they were replaced by spaces.'
			});
		}
		const text = spaced.trim();
		if (text !== '') lines.push({ line, text, shape: shapeOf(text) });
	});
	return { ok: true, lines, warnings };
}

// \s takes in tabs and non-breaking spaces: word processors put either after a number (IMP-6, IMP-11).
// A number or label alone is its block with no text yet (IMP-24): how the export writes an emptied one.
const PARAGRAPH = /^(\d{1,4})\.(?:\s+(.+))?$/s;
const SUBPARAGRAPH = /^\(([a-z]{1,15}|\d{1,4})\)(?:\s+(.+))?$/s;
const FOOTNOTE = /^\[\^([^\]\s]+)\]:\s*(.*)$/s;

/** What a trimmed line is by its start: `5. …`, `(iii) …`, `[^1]: …`, or anything else. */
export function shapeOf(text: string): LineShape {
	const paragraph = PARAGRAPH.exec(text);
	if (paragraph) return { kind: 'paragraph', written: Number(paragraph[1]), text: paragraph[2] ?? '' };
	const sub = SUBPARAGRAPH.exec(text);
	const readings = sub ? parseSubparagraphLabel(sub[1] ?? '') : [];
	if (sub && readings.length > 0) {
		return { kind: 'subparagraph', mark: `(${sub[1]})`, readings, text: sub[2] ?? '' };
	}
	const footnote = FOOTNOTE.exec(text);
	if (footnote) return { kind: 'footnote', label: footnote[1] ?? '', text: footnote[2] ?? '' };
	return { kind: 'plain', text };
}

// Footnote references and closing quotes or brackets come after a sentence's punctuation.
const TRAILERS = /(?:\[\^[^\]\s]+\]|["'\u201d\u2019\u00bb)\]])+$/u;

/** The punctuation mark that ends the line, once footnote references and closing quotes are set aside. */
export function finalMark(text: string): string | null {
	const last = text.replace(TRAILERS, '').slice(-1);
	return last !== '' && '.,;:!?\u2026'.includes(last) ? last : null;
}

export function startsLowercase(text: string): boolean {
	return /^\p{Ll}/u.test(text);
}
