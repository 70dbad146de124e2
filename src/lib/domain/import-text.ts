// The Office text, pasted or saved as plain text, into a DraftText (rules IMP-n in SPEC.md).
// Nothing is silently dropped: every non-empty line becomes one block, and whatever the importer had
// to guess is reported with its line, in words a secretariat user can act on.
import { DraftBuilder } from './import-builder.ts';
import { footnoteWarnings } from './import-footnotes.ts';
import {
	finalMark,
	readLines,
	startsLowercase,
	type ImportWarning,
	type SourceLine
} from './import-lines.ts';
import { DOCUMENT_MAX_CHARS, UNIT_MAX_CHARS } from './text-limits.ts';
import { allBlocks, type DraftText } from './text.ts';

export type { ImportWarning } from './import-lines.ts';

export type ImportResult =
	{ ok: true; text: DraftText; warnings: ImportWarning[] } | { ok: false; error: string };

export interface ImportOptions {
	/** Makes block ids; fresh UUIDs by default. */
	newId?: () => string;
}

const NO_PARAGRAPH =
	'No numbered paragraph was found. Draft conclusions need paragraphs numbered "1.", "2.", … at the ' +
	'start of a line; if the numbers were lost when copying from the word processor, type them in and ' +
	'import again.';

export function parsePlainText(input: string, options: ImportOptions = {}): ImportResult {
	const read = readLines(input);
	if (!read.ok) return read;
	const { lines } = read;
	const firstParagraph = lines.findIndex((l) => l.shape.kind === 'paragraph');
	if (firstParagraph < 0) return { ok: false, error: NO_PARAGRAPH };

	const wrapped = hardWrapWarnings(lines);
	const warnings = [...read.warnings, ...wrapped];
	const newId = options.newId ?? (() => crypto.randomUUID());
	const builder = new DraftBuilder(newId, new Set(wrapped.map((w) => w.line)));
	const hasTitle = lines[0]?.shape.kind === 'plain';
	if (!hasTitle && lines[0]) warnings.push(missingTitle(lines[0]));
	const start = hasTitle ? 1 : 0;
	const preamble = preambleEnd(lines, start, firstParagraph);
	if (preamble.guessed) warnings.push(...guessedPreamble(lines.slice(start, preamble.end)));

	lines.forEach((line, i) => {
		if (i === 0 && hasTitle) builder.title(line);
		else if (i < preamble.end && line.shape.kind !== 'footnote') builder.preamble(line);
		else builder.body(line);
	});
	warnings.push(...builder.warnings, ...footnoteWarnings(builder.text, (id) => builder.lineOf(id)));
	const tooLong = sizeProblem(builder.text, (id) => builder.lineOf(id));
	if (tooLong !== null) return { ok: false, error: tooLong };
	return { ok: true, text: builder.text, warnings: warnings.sort((a, b) => a.line - b.line) };
}

/**
 * IMP-25 (TXT-8): a block longer than a unit may be, or a text longer than a document may be, is refused
 * rather than cut: the server would refuse to store it, and nobody could type in it.
 */
function sizeProblem(text: DraftText, lineOf: (id: string) => number): string | null {
	const number = (n: number) => n.toLocaleString('en');
	let total = 0;
	for (const block of allBlocks(text)) {
		total += block.text.length;
		if (block.text.length > UNIT_MAX_CHARS) {
			const line = lineOf(block.id);
			return (
				`Line ${line} holds ${number(block.text.length)} characters, more than one paragraph may hold ` +
				`(${number(UNIT_MAX_CHARS)}). Check that the paragraphs are on lines of their own: a text ` +
				'copied without its line breaks arrives as one long line.'
			);
		}
	}
	if (total > DOCUMENT_MAX_CHARS)
		return (
			`The text holds ${number(total)} characters, more than a meeting's text may hold ` +
			`(${number(DOCUMENT_MAX_CHARS)}). Import the conclusions alone, without annexes or other documents.`
		);
	return null;
}

/**
 * Where the preamble stops (IMP-9, IMP-10): after the enacting formula, the first clause before
 * paragraph 1 that ends with ':' ("Adopts … the following conclusions:"). Headings and recitals both
 * start with a capital and carry no number, so that colon is the one reliable marker. Failing it,
 * the preamble is the run of lines ending with punctuation, as recitals do and headings do not.
 */
function preambleEnd(lines: SourceLine[], start: number, firstParagraph: number) {
	const front = lines.slice(start, firstParagraph);
	const formula = front.findIndex((l) => l.shape.kind !== 'footnote' && finalMark(l.text) === ':');
	if (formula >= 0) return { end: start + formula + 1, guessed: false };
	const heading = front.findIndex((l) => l.shape.kind !== 'footnote' && finalMark(l.text) === null);
	return { end: heading < 0 ? firstParagraph : start + heading, guessed: true };
}

function guessedPreamble(preamble: SourceLine[]): ImportWarning[] {
	const clauses = preamble.filter((l) => l.shape.kind !== 'footnote');
	const last = clauses[clauses.length - 1];
	if (!last) return [];
	return [
		{
			line: last.line,
			code: 'no-enacting-formula',
			message:
				'The preamble has no closing clause ending with ":" (such as "Adopts … the following ' +
				`conclusions:"), so it was taken to end at line ${last.line}. Check that the preamble ` +
				'and the first heading are where you expect.'
		}
	];
}

function missingTitle(first: SourceLine): ImportWarning {
	const what =
		first.shape.kind === 'paragraph'
			? 'a numbered paragraph'
			: first.shape.kind === 'subparagraph'
				? 'a subparagraph'
				: 'a footnote';
	return {
		line: first.line,
		code: 'missing-title',
		message:
			`The first line is ${what}, so the text was imported without a title. If the conclusions ` +
			'have a title, add it as the first line.'
	};
}

/** IMP-20: a line that seems to continue the one before, cut by a hard line break. Kept, not joined. */
function hardWrapWarnings(lines: SourceLine[]): ImportWarning[] {
	return lines.flatMap((line, i) => {
		const before = lines[i - 1];
		if (!before || finalMark(before.text) !== null || !startsLowercase(line.text)) return [];
		return [
			{
				line: line.line,
				code: 'hard-wrap',
				message:
					`Line ${line.line} starts with a lowercase letter and the line before it ends without ` +
					'punctuation: it may be the rest of that line, cut by a line break. It was kept on its ' +
					'own; join the two lines if they belong together.'
			}
		];
	});
}
