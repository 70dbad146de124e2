// From the bytes of a .docx to the XML parts the import reads (DOCX-1 … DOCX-3, DOCX-13 in SPEC.md), or
// a sentence saying why the file cannot be read. Only those parts are unpacked: images and the rest
// stay compressed, so a large picture costs nothing and a zip bomb is refused before it is inflated.
import { strFromU8 } from 'fflate';
import type { Document } from '@xmldom/xmldom';
import { W, W_STRICT, nestsDeeperThan, parseXml, relationships } from './word-xml.ts';
import { entryBytes, zipEntries } from './zip-entries.ts';

/** Far beyond any draft with its pictures; a larger upload is a mistake, or an attack. */
export const MAX_DOCX_BYTES = 20 * 1024 * 1024;
/** The parts read, once inflated: about a hundred times the text of the longest conclusions. */
export const MAX_XML_BYTES = 50 * 1024 * 1024;
/**
 * How deep a part's elements may nest (DOCX-13), as libxml2 allows by default. Word's documents nest a
 * few dozen levels (tables in tables, text boxes); the conversion walks the tree recursively, which
 * stays far inside the stack at this depth and overflowed it at 200,000 levels.
 */
export const MAX_XML_DEPTH = 256;
/**
 * Paragraphs a document may have (DOCX-15): a hundred times the longest conclusions. What the import
 * makes of them crosses from the worker thread to the server's event loop (import-in-worker.ts), at a
 * cost that grows with their number: 130,000 took the loop 70 ms, 20,000 take it about 10.
 */
export const MAX_PARAGRAPHS = 20_000;

type Files = Record<string, Uint8Array>;

export interface DocxParts {
	document: Document;
	styles: Document | null;
	numbering: Document | null;
	footnotes: Document | null;
	endnotes: Document | null;
}

export type ReadDocxResult = { ok: true; parts: DocxParts } | { ok: false; error: string };

const SAVE_AS_DOCX = 'Open it in Word and save it as "Word Document (.docx)", then import that file.';

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const RTF = [...'{\\rtf'].map((c) => c.charCodeAt(0));
const PDF = [...'%PDF'].map((c) => c.charCodeAt(0));

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
	return signature.every((b, i) => bytes[i] === b);
}

/** Whether the bytes are a file the Word import should read rather than the plain-text one. */
export function looksLikeWordFile(bytes: Uint8Array): boolean {
	return startsWith(bytes, ZIP) || startsWith(bytes, OLE);
}

export function readDocx(bytes: Uint8Array): ReadDocxResult {
	if (bytes.length === 0) return fail('The file is empty: there is nothing to import.');
	if (bytes.length > MAX_DOCX_BYTES) {
		return fail(
			`The file is ${megabytes(bytes.length)} MB; Word files up to ${megabytes(MAX_DOCX_BYTES)} MB ` +
				'are accepted. Remove pictures from the draft, or save it as plain text (.txt) and import that.'
		);
	}
	// Password-protected .docx files are stored in the same container as the old .doc format.
	if (startsWith(bytes, OLE))
		return fail(`This is an encrypted or old-format .doc file; save it as .docx. ${SAVE_AS_DOCX}`);
	if (startsWith(bytes, RTF)) return fail(`This is a Rich Text (.rtf) file, not a .docx. ${SAVE_AS_DOCX}`);
	if (startsWith(bytes, PDF))
		return fail('This is a PDF, not a Word file. Import the Word document the PDF was made from.');
	if (!startsWith(bytes, ZIP)) {
		return fail(
			'This is not a Word .docx file (a .docx is a zip archive, and this file is not one). ' + SAVE_AS_DOCX
		);
	}
	const files = unzip(bytes);
	if (!files.ok) return files;
	return parts(files.files);
}

function unzip(bytes: Uint8Array): { ok: true; files: Files } | { ok: false; error: string } {
	try {
		const wanted = zipEntries(bytes).filter((e) => e.name.endsWith('.xml') || e.name.endsWith('.rels'));
		// Each part is inflated no further than it declares (zip-entries.ts), so what the declared
		// sizes allow is all that can be inflated.
		if (wanted.reduce((n, e) => n + e.declaredSize, 0) > MAX_XML_BYTES) throw new TooLarge();
		const files: Files = {};
		for (const entry of wanted) files[entry.name] = entryBytes(bytes, entry);
		return { ok: true, files };
	} catch (error) {
		if (error instanceof TooLarge) {
			return fail(
				`The text of this Word file unpacks to more than ${megabytes(MAX_XML_BYTES)} MB, far more ` +
					'than any draft; it was not read.'
			);
		}
		// A DamagedZip, or fflate's own error for deflated data that is not deflate.
		return fail(
			'This Word file is damaged: it could not be unpacked. Open it in Word, save it again as .docx, ' +
				'and import the new file.'
		);
	}
}

class TooLarge extends Error {}

function parts(files: Files): ReadDocxResult {
	const read = (path: string | null): string | null => {
		const data = path === null ? undefined : files[path];
		return data === undefined ? null : strFromU8(data);
	};
	const packageRels = readRels(read('_rels/.rels'));
	const documentPath = resolve('', packageRels.get('officeDocument') ?? 'word/document.xml');
	const documentXml = read(documentPath);
	if (documentXml === null) {
		return fail(
			'This zip file is not a Word document: it has no document text (word/document.xml). ' +
				'If it comes from another word processor (.odt, .pages), save it as .docx. ' +
				SAVE_AS_DOCX
		);
	}
	const folder = documentPath.slice(0, documentPath.lastIndexOf('/') + 1);
	const documentRels = readRels(read(`${folder}_rels/${documentPath.slice(folder.length)}.rels`));
	const partPath = (kind: string) => resolve(folder, documentRels.get(kind) ?? `${kind}.xml`);

	const document = parsePart(documentXml, 'the document text');
	if (!document.ok) return document;
	const root = document.doc.documentElement;
	if (root?.namespaceURI === W_STRICT) {
		return fail(
			'This .docx is saved in the "Strict Open XML" format, which the import does not read. ' + SAVE_AS_DOCX
		);
	}
	if (root?.namespaceURI !== W || root.localName !== 'document')
		return fail('This zip file is not a Word document: its main part is not Word text. ' + SAVE_AS_DOCX);

	const optional: Partial<Record<'styles' | 'numbering' | 'footnotes' | 'endnotes', Document>> = {};
	const names = {
		styles: 'the styles',
		numbering: 'the list numbering',
		footnotes: 'the footnotes',
		endnotes: 'the endnotes'
	};
	for (const kind of ['styles', 'numbering', 'footnotes', 'endnotes'] as const) {
		const xml = read(partPath(kind));
		if (xml === null) continue;
		const part = parsePart(xml, names[kind]);
		if (!part.ok) return part;
		optional[kind] = part.doc;
	}
	const found: DocxParts = {
		document: document.doc,
		styles: optional.styles ?? null,
		numbering: optional.numbering ?? null,
		footnotes: optional.footnotes ?? null,
		endnotes: optional.endnotes ?? null
	};
	const lines = linesOf(found);
	if (lines > MAX_PARAGRAPHS) {
		return fail(
			`This Word file has ${lines.toLocaleString('en')} paragraphs and notes, far more than any draft ` +
				`(the import reads up to ${MAX_PARAGRAPHS.toLocaleString('en')}); it was not read. Import the ` +
				'conclusions alone, without annexes or other documents.'
		);
	}
	return { ok: true, parts: found };
}

/** At most the lines the text will have (DOCX-4, DOCX-7): the document's paragraphs and one per note. */
function linesOf(parts: DocxParts): number {
	const count = (doc: Document | null, name: string) => doc?.getElementsByTagNameNS(W, name).length ?? 0;
	return count(parts.document, 'p') + count(parts.footnotes, 'footnote') + count(parts.endnotes, 'endnote');
}

function parsePart(xml: string, what: string): { ok: true; doc: Document } | { ok: false; error: string } {
	const parsed = parseXml(xml);
	if (!parsed.ok) {
		return fail(
			`This Word file is damaged: ${what} could not be read (${parsed.error.split('\n')[0]}). ` +
				'Open it in Word, save it again as .docx, and import the new file.'
		);
	}
	if (nestsDeeperThan(parsed.doc, MAX_XML_DEPTH)) {
		return fail(
			`In ${what} of this Word file, elements are nested more than ${MAX_XML_DEPTH} levels deep, far ` +
				'deeper than Word nests any document; it was not read.'
		);
	}
	return parsed;
}

function readRels(xml: string | null): Map<string, string> {
	if (xml === null) return new Map();
	const parsed = parseXml(xml);
	return parsed.ok ? relationships(parsed.doc) : new Map();
}

/** A relationship target, relative to the folder of the part it belongs to, as a path in the zip. */
function resolve(folder: string, target: string): string {
	const segments = (target.startsWith('/') ? target.slice(1) : folder + target).split('/');
	const out: string[] = [];
	for (const s of segments) {
		if (s === '..') out.pop();
		else if (s !== '.' && s !== '') out.push(s);
	}
	return out.join('/');
}

function megabytes(bytes: number): string {
	return String(Math.round((bytes / 1024 / 1024) * 10) / 10);
}

function fail(error: string): { ok: false; error: string } {
	return { ok: false, error };
}
