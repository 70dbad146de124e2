// The Word import itself, on whatever thread calls it: a .docx becomes the plain text the text import
// reads, and goes through the same parser, so that a Word draft and a pasted one give the same preview,
// JSON and warnings (DOCX-n). The server calls it through import-in-worker.ts, never on its event loop.
import { parsePlainText, type ImportOptions, type ImportWarning } from '#lib/domain/import-text.ts';
import type { DraftText } from '#lib/domain/text.ts';
import { docxToText, type DocxTextResult } from './docx-to-text.ts';
import { readDocx } from './read-docx.ts';

export type DocxImportResult =
	| {
			ok: true;
			text: DraftText;
			warnings: ImportWarning[];
			/** The plain text the document became: importing it again gives the same draft. */
			source: string;
	  }
	| {
			ok: false;
			error: string;
			/** The text is longer than `maxTextLength`: the caller's own limit, which it may word its own way. */
			tooLong?: true;
	  };

/** Far more than anyone reads: the 2013 conclusions, converted from Word, have none. */
export const MAX_WARNINGS = 1000;

export interface DocxImportOptions extends ImportOptions {
	/** Characters of converted text beyond which the document is refused (tooLong) before it is parsed. */
	maxTextLength?: number;
}

/** The document as plain text, one line per paragraph, with what the conversion had to leave out. */
export function docxToImportText(bytes: Uint8Array): DocxTextResult {
	const read = readDocx(bytes);
	return read.ok ? docxToText(read.parts) : read;
}

/** Imports a .docx as parsePlainText imports text; the conversion's warnings join the parser's. */
export function importDocx(bytes: Uint8Array, options: DocxImportOptions = {}): DocxImportResult {
	const converted = docxToImportText(bytes);
	if (!converted.ok) return converted;
	const { maxTextLength } = options;
	if (maxTextLength !== undefined && converted.text.length > maxTextLength) {
		return {
			ok: false,
			tooLong: true,
			error:
				`The text of this Word file is ${converted.text.length.toLocaleString('en')} characters long; ` +
				`up to ${maxTextLength.toLocaleString('en')} are accepted.`
		};
	}
	const result = parsePlainText(converted.text, options);
	if (!result.ok) return result;
	// Stable: at the same paragraph, what the conversion did comes before what the parser made of it.
	const warnings = [...converted.warnings, ...result.warnings].sort((a, b) => a.line - b.line);
	return { ok: true, text: result.text, warnings: listed(warnings), source: converted.text };
}

/**
 * Warnings listed (DOCX-15): a document can be made to raise a dozen at every paragraph, far more than
 * anyone reads, and each costs the event loop to receive from the worker thread. Past MAX_WARNINGS,
 * one last warning says how many more there were.
 */
function listed(warnings: ImportWarning[]): ImportWarning[] {
	const first = warnings[MAX_WARNINGS - 1];
	if (warnings.length <= MAX_WARNINGS || !first) return warnings;
	const more = (warnings.length - (MAX_WARNINGS - 1)).toLocaleString('en');
	const message =
		`${more} more warnings, from paragraph ${first.line} on, are not listed: a document with this ` +
		'many is far from a draft as the import reads one. Check it in Word before importing it.';
	return [...warnings.slice(0, MAX_WARNINGS - 1), { line: first.line, code: 'docx-more-warnings', message }];
}
