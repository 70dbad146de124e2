// The Word import: a .docx becomes the plain text the text import reads, and goes through the same
// parser, so that a Word draft and a pasted one give the same preview, JSON and warnings (DOCX-n).
import { parsePlainText, type ImportOptions, type ImportWarning } from '#lib/domain/import-text.ts';
import type { DraftText } from '#lib/domain/text.ts';
import { docxToText, type DocxTextResult } from './docx-to-text.ts';
import { readDocx } from './read-docx.ts';

export { looksLikeWordFile, MAX_DOCX_BYTES } from './read-docx.ts';
export type { DocxTextResult } from './docx-to-text.ts';

export type DocxImportResult =
	| {
			ok: true;
			text: DraftText;
			warnings: ImportWarning[];
			/** The plain text the document became: importing it again gives the same draft. */
			source: string;
	  }
	| { ok: false; error: string };

/** The document as plain text, one line per paragraph, with what the conversion had to leave out. */
export function docxToImportText(bytes: Uint8Array): DocxTextResult {
	const read = readDocx(bytes);
	return read.ok ? docxToText(read.parts) : read;
}

/** Imports a .docx as parsePlainText imports text; the conversion's warnings join the parser's. */
export function importDocx(bytes: Uint8Array, options: ImportOptions = {}): DocxImportResult {
	const converted = docxToImportText(bytes);
	if (!converted.ok) return converted;
	const result = parsePlainText(converted.text, options);
	if (!result.ok) return result;
	// Stable: at the same paragraph, what the conversion did comes before what the parser made of it.
	const warnings = [...converted.warnings, ...result.warnings].sort((a, b) => a.line - b.line);
	return { ok: true, text: result.text, warnings, source: converted.text };
}
