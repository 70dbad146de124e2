// A Word document as the plain text the text import reads (DOCX-4 … DOCX-12 in SPEC.md): one line per
// paragraph of the document, in order, tables included, so that line N of the text is paragraph N of
// the document and every warning, the text import's own included, points at the right paragraph.
// Word's numbers are written before their paragraphs as if typed; footnotes become [^k] references
// and `[^k]: text` lines after the last paragraph. What cannot be carried over is said, not dropped.
import type { Document, Element } from '@xmldom/xmldom';
import { shapeOf, type ImportWarning } from '#lib/domain/import-lines.ts';
import { ListCounters, formatNumber } from './numbering.ts';
import type { DocxParts } from './read-docx.ts';
import { readLists, type WordLists } from './word-lists.ts';
import { WordStyles } from './word-styles.ts';
import { MC, attr, child, descendants, elements, isOn, isW, val } from './word-xml.ts';

export type DocxTextResult =
	{ ok: true; text: string; warnings: ImportWarning[] } | { ok: false; error: string };

type NoteKind = 'footnote' | 'endnote';
interface NoteRef {
	kind: NoteKind;
	id: string;
	label: string;
}
interface Field {
	instruction: string;
	showingResult: boolean;
	reported: boolean;
}

const ON = ['1', 'true', 'on'];
const SEPARATORS = ['separator', 'continuationSeparator', 'continuationNotice'];

export function docxToText(parts: DocxParts): DocxTextResult {
	const body = child(parts.document.documentElement, 'body');
	const converter = new Converter(parts);
	if (body) converter.blocks(body);
	converter.notes();
	const { lines, warnings } = converter;
	if (lines.every((l) => l.trim() === ''))
		return { ok: false, error: 'The Word document has no text: there is nothing to import.' };
	return { ok: true, text: lines.join('\n') + '\n', warnings };
}

/** Rows of a table or cells of a row, including those inside content controls and custom XML. */
function wrapped(parent: Element, name: string): Element[] {
	return elements(parent).flatMap((element) => {
		if (isW(element, name)) return [element];
		if (isW(element, 'sdt')) {
			const content = child(element, 'sdtContent');
			return content ? wrapped(content, name) : [];
		}
		return isW(element, 'customXml') ? wrapped(element, name) : [];
	});
}

class Converter {
	readonly lines: string[] = [];
	readonly warnings: ImportWarning[] = [];
	private readonly parts: DocxParts;
	private readonly styles: WordStyles;
	private readonly lists: WordLists;
	private readonly counters: ListCounters;
	private readonly warned = new Set<string>();
	private readonly refs: NoteRef[] = [];
	private readonly noteCount: Record<NoteKind, number> = { footnote: 0, endnote: 0 };
	/** Word's fields can span paragraphs; their state runs on from one to the next. */
	private readonly fields: Field[] = [];
	/** A reference whose mark is the text that follows it (w:customMarkFollows). */
	private pendingMark: { kind: NoteKind; id: string } | null = null;
	private buffer = '';
	/** The 1-based paragraph being read: the line of everything said about it. */
	private line = 0;

	constructor(parts: DocxParts) {
		this.parts = parts;
		this.styles = new WordStyles(parts.styles);
		this.lists = readLists(parts.numbering, this.styles);
		this.counters = new ListCounters(this.lists.nums);
	}

	/** The paragraphs and tables of the body, a table cell or a content control. */
	blocks(container: Element): void {
		for (const element of elements(container)) {
			if (!isW(element)) continue;
			switch (element.localName) {
				case 'p':
					this.paragraph(element);
					break;
				case 'tbl':
					this.table(element);
					break;
				case 'sdt': {
					const content = child(element, 'sdtContent');
					if (content) this.blocks(content);
					break;
				}
				case 'customXml':
					this.blocks(element);
					break;
				case 'altChunk':
					this.warn(
						this.lines.length + 1,
						'docx-embedded-document',
						`A document embedded after paragraph ${this.lines.length} (such as pasted web content) ` +
							'was not imported: copy its text into the draft itself.'
					);
			}
		}
	}

	private table(table: Element): void {
		const first = this.lines.length + 1;
		for (const row of wrapped(table, 'tr')) {
			for (const cell of wrapped(row, 'tc')) this.blocks(cell);
		}
		const last = this.lines.length;
		const where = first === last ? `paragraph ${first}` : `paragraphs ${first} to ${last}`;
		this.warn(
			first,
			'docx-table',
			`A table (${where}) was imported as ordinary text, each paragraph of each cell on its own, ` +
				'row by row. Draft conclusions have no tables: check that text, and rewrite it as paragraphs.'
		);
	}

	private paragraph(p: Element): void {
		this.line = this.lines.length + 1;
		this.buffer = '';
		const pPr = child(p, 'pPr');
		const styleId = this.styles.paragraphStyle(val(pPr, 'pStyle'));
		const outline = val(pPr, 'outlineLvl');
		const heading = this.styles.isHeading(styleId) || (outline !== null && Number(outline) < 9);
		const number = this.listNumber(pPr, styleId);
		this.inline(p);
		this.flushMark();
		const text = this.buffer.replace(/[\r\n\v\f]/g, ' ');
		this.lines.push(number === '' ? text : this.numbered(number, text, heading));
	}

	/** What Word shows before the paragraph, from its own list settings or its style's. */
	private listNumber(pPr: Element | null, styleId: string | null): string {
		const own = child(pPr, 'numPr');
		const fromStyle = this.styles.numbering(styleId);
		const numId = val(own, 'numId') ?? fromStyle.numId;
		// numId 0 is how a paragraph says "no list", even when its style has one.
		if (numId === null || numId === '0') return '';
		const ilvlText = val(own, 'ilvl');
		const ilvl =
			ilvlText !== null
				? Number(ilvlText)
				: (fromStyle.ilvl ?? (styleId === null ? null : this.lists.levelOfStyle(numId, styleId)) ?? 0);
		const shown = this.counters.next(numId, ilvl);
		if (shown.kind === 'missing') {
			this.warn(
				this.line,
				'docx-list-missing',
				`Paragraph ${this.line} is numbered by a Word list the document does not define, so its ` +
					'number could not be worked out and was left out. Type the number if it needs one.'
			);
			return '';
		}
		if (shown.kind === 'bullet') {
			this.warn(
				this.line,
				'docx-bullet',
				`Paragraph ${this.line} is a bulleted list item; the bullet was left out. Draft conclusions ` +
					'number their paragraphs and label their subparagraphs: type a number or label if it needs one.'
			);
			return '';
		}
		if (shown.unsupported !== null) {
			this.warn(
				this.line,
				'docx-number-format',
				`Paragraph ${this.line} is numbered in a style the import does not know (Word's ` +
					`"${shown.unsupported}"); it was written with arabic numerals as "${shown.text}". Check it.`
			);
		}
		return shown.text.trim();
	}

	private numbered(number: string, text: string, heading: boolean): string {
		const line = `${number} ${text}`;
		const kind = shapeOf(line.trim()).kind;
		if (heading && (kind === 'paragraph' || kind === 'subparagraph')) {
			this.warn(
				this.line,
				'docx-heading-number',
				`Paragraph ${this.line} is a heading numbered "${number}" by Word; the number was left out ` +
					'so that it stays a heading and does not count as a paragraph of the conclusions.'
			);
			return text;
		}
		return line;
	}

	private inline(parent: Element): void {
		for (const element of elements(parent)) {
			if (element.namespaceURI === MC && element.localName === 'AlternateContent') {
				this.drawing(element);
				continue;
			}
			if (element.localName === 'oMath' || element.localName === 'oMathPara') {
				this.warn(
					this.line,
					'docx-equation',
					`Paragraph ${this.line} contains an equation, which was left out. Write it as text if it is needed.`
				);
				continue;
			}
			if (!isW(element)) continue;
			switch (element.localName) {
				case 'r':
					this.run(element);
					break;
				case 'ins':
				case 'moveTo':
					this.trackedChange();
					this.inline(element);
					break;
				case 'del':
				case 'moveFrom':
					this.trackedChange();
					break;
				case 'hyperlink':
					this.warnHere(
						'docx-link',
						`Paragraph ${this.line} contains a link; its text was kept, the address it points to was not.`
					);
					this.inline(element);
					break;
				case 'fldSimple':
					this.fieldWarning(attr(element, 'instr') ?? '');
					this.inline(element);
					break;
				case 'sdt': {
					const content = child(element, 'sdtContent');
					if (content) this.inline(content);
					break;
				}
				case 'commentRangeStart':
					this.comment();
					break;
				case 'pPr':
				case 'rPr':
					break;
				default:
					// Containers such as w:smartTag, w:customXml, w:dir and w:bdo hold runs; the
					// markers (bookmarks, proofing errors, range ends) hold nothing, so reading into
					// anything unknown loses nothing.
					this.inline(element);
			}
		}
	}

	private run(r: Element): void {
		if (isOn(child(r, 'rPr'), 'vanish')) {
			if (descendants(r, 't').some((t) => (t.textContent ?? '') !== '')) {
				this.warnHere(
					'docx-hidden-text',
					`Paragraph ${this.line} contains text formatted as hidden, which Word does not show; it was left out.`
				);
			}
			return;
		}
		for (const element of elements(r)) {
			if (element.namespaceURI === MC && element.localName === 'AlternateContent') {
				this.drawing(element);
				continue;
			}
			if (!isW(element)) continue;
			switch (element.localName) {
				case 't':
					this.emit(element.textContent ?? '');
					break;
				case 'tab':
				case 'ptab':
					this.emit('\t');
					break;
				case 'br':
				case 'cr':
					this.emit(' ');
					if (!['page', 'column'].includes(attr(element, 'type') ?? '')) {
						this.warnHere(
							'docx-line-break',
							`Paragraph ${this.line} contained a manual line break; it was replaced by a space. If the ` +
								'line after the break is a paragraph of its own, press Enter there in Word and import again.'
						);
					}
					break;
				case 'noBreakHyphen':
					this.emit('\u2011');
					break;
				case 'sym':
					this.symbol(element);
					break;
				case 'footnoteReference':
					this.noteReference(element, 'footnote');
					break;
				case 'endnoteReference':
					this.noteReference(element, 'endnote');
					break;
				case 'commentReference':
					this.comment();
					break;
				case 'drawing':
				case 'pict':
				case 'object':
					this.drawing(element);
					break;
				case 'fldChar':
					this.fieldChar(attr(element, 'fldCharType'));
					break;
				case 'instrText': {
					const field = this.fields[this.fields.length - 1];
					if (field && !field.showingResult) field.instruction += element.textContent ?? '';
					break;
				}
			}
		}
	}

	private emit(text: string): void {
		if (this.fields.some((f) => !f.showingResult)) return;
		if (this.pendingMark) {
			const { kind, id } = this.pendingMark;
			this.pendingMark = null;
			// A label cannot hold spaces or brackets in the [^label] syntax.
			const mark = text.replace(/[\s[\]^]/g, '');
			if (mark !== '') {
				this.buffer += `[^${this.register(kind, id, mark)}]`;
				return;
			}
			this.buffer += `[^${this.register(kind, id, null)}]`;
		}
		this.buffer += text;
	}

	private flushMark(): void {
		if (!this.pendingMark) return;
		const { kind, id } = this.pendingMark;
		this.pendingMark = null;
		this.buffer += `[^${this.register(kind, id, null)}]`;
	}

	private noteReference(element: Element, kind: NoteKind): void {
		if (this.fields.some((f) => !f.showingResult)) return;
		const id = attr(element, 'id') ?? '';
		if (kind === 'endnote') {
			this.warnHere(
				'docx-endnote',
				`Paragraph ${this.line} refers to an endnote; it was imported as a footnote, since draft ` +
					'conclusions have footnotes only.'
			);
		}
		const known = this.refs.find((r) => r.kind === kind && r.id === id);
		if (known) {
			this.buffer += `[^${known.label}]`;
			return;
		}
		if (ON.includes(attr(element, 'customMarkFollows') ?? '')) {
			this.flushMark();
			this.pendingMark = { kind, id };
			return;
		}
		this.buffer += `[^${this.register(kind, id, null)}]`;
	}

	/**
	 * The label a note is shown with: its own mark, or the next number, as Word numbers notes by order
	 * of reference: footnotes 1, 2, 3 …, endnotes i, ii, iii …, which also keeps the two apart.
	 */
	private register(kind: NoteKind, id: string, mark: string | null): string {
		const label =
			mark ??
			(kind === 'footnote'
				? String(++this.noteCount.footnote)
				: (formatNumber(++this.noteCount.endnote, 'lowerRoman') ?? ''));
		this.refs.push({ kind, id, label });
		return label;
	}

	private fieldChar(type: string | null): void {
		if (type === 'begin') this.fields.push({ instruction: '', showingResult: false, reported: false });
		const field = this.fields[this.fields.length - 1];
		if (!field) return;
		if (type === 'separate' || type === 'end') {
			if (!field.reported) this.fieldWarning(field.instruction);
			field.reported = true;
			field.showingResult = true;
		}
		if (type === 'end') this.fields.pop();
	}

	private fieldWarning(instruction: string): void {
		const name = instruction.trim().split(/\s+/)[0]?.toUpperCase() ?? '';
		this.warnHere(
			'docx-field',
			`Paragraph ${this.line} contains a Word field${name ? ` (${name})` : ''}; the text it showed was ` +
				'kept, not the field, so it will not update.'
		);
	}

	private trackedChange(): void {
		this.warnHere(
			'docx-tracked-changes',
			`Paragraph ${this.line} has tracked changes; it was imported as it reads with all changes ` +
				'accepted. Check it against the Word document.'
		);
	}

	private comment(): void {
		this.warnHere('docx-comment', `Paragraph ${this.line} has a comment in Word; comments are not imported.`);
	}

	private symbol(sym: Element): void {
		const code = parseInt(attr(sym, 'char') ?? '', 16);
		// Symbol fonts put their characters in the private use area, where they mean nothing elsewhere.
		if (Number.isFinite(code) && (code < 0xe000 || code > 0xf8ff)) {
			this.emit(String.fromCodePoint(code));
			return;
		}
		this.warnHere(
			'docx-symbol',
			`Paragraph ${this.line} contains a symbol from the ${attr(sym, 'font') ?? 'symbol'} font, ` +
				'which has no plain-text equivalent; it was left out.'
		);
	}

	private drawing(element: Element): void {
		const box = descendants(element, 'txbxContent')[0];
		if (box) {
			const words = descendants(box, 't')
				.map((t) => t.textContent ?? '')
				.join('')
				.trim();
			const excerpt = words.length > 60 ? `${words.slice(0, 60)}…` : words;
			this.warn(
				this.line,
				'docx-text-box',
				`Paragraph ${this.line} has a text box${excerpt ? ` ("${excerpt}")` : ''}, which was not ` +
					'imported. Move its text into the document itself if it belongs to the draft.'
			);
			return;
		}
		this.warnHere(
			'docx-image',
			`Paragraph ${this.line} contains a picture, drawing or embedded object, which was left out: ` +
				'the draft is text only.'
		);
	}

	/** The notes referred to, then any never referred to, as `[^label]: text` lines after the body. */
	notes(): void {
		this.fields.length = 0;
		const unreferenced: NoteRef[] = [];
		for (const kind of ['footnote', 'endnote'] as const) {
			for (const note of this.noteElements(kind)) {
				const id = attr(note, 'id') ?? '';
				if (!this.refs.some((r) => r.kind === kind && r.id === id))
					unreferenced.push({ kind, id, label: '' });
			}
		}
		for (const ref of this.refs) this.noteLine(ref);
		// Word shows no footnote nobody refers to; kept all the same, the text import warns about it.
		for (const ref of unreferenced) this.noteLine({ ...ref, label: this.register(ref.kind, ref.id, null) });
	}

	private noteElements(kind: NoteKind): Element[] {
		const doc: Document | null = kind === 'footnote' ? this.parts.footnotes : this.parts.endnotes;
		const root = doc?.documentElement;
		if (!root) return [];
		return elements(root, kind).filter((n) => !SEPARATORS.includes(attr(n, 'type') ?? ''));
	}

	private noteLine(ref: NoteRef): void {
		this.line = this.lines.length + 1;
		const note = this.noteElements(ref.kind).find((n) => attr(n, 'id') === ref.id);
		const texts: string[] = [];
		for (const p of note ? descendants(note, 'p') : []) {
			this.buffer = '';
			this.inline(p);
			this.flushMark();
			const text = this.buffer.replace(/[\r\n\v\f]/g, ' ').trim();
			if (text !== '') texts.push(text);
		}
		if (texts.length > 1) {
			this.warn(
				this.line,
				'docx-note-paragraphs',
				`The ${ref.kind} [^${ref.label}] has ${texts.length} paragraphs in Word; they were joined into one.`
			);
		}
		this.lines.push(`[^${ref.label}]: ${texts.join(' ')}`);
	}

	/** A warning about the paragraph being read. */
	private warnHere(code: string, message: string): void {
		this.warn(this.line, code, message);
	}

	/** One warning of each kind per paragraph: the first says all there is to say. */
	private warn(line: number, code: string, message: string): void {
		const key = `${line}:${code}`;
		if (this.warned.has(key)) return;
		this.warned.add(key);
		this.warnings.push({ line, code, message });
	}
}
