// Reading the DOCX renderers' output in their tests: the package's parts, WordprocessingML elements, and
// the numbers Word would display for numbered paragraphs. Test support only.
import { formatNumber } from '../../docx-import/numbering.ts';
import { strFromU8, unzipSync } from 'fflate';
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';

export const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

export interface Package {
	/** Part names: 'word/document.xml', … */
	names: string[];
	text(name: string): string;
	xml(name: string): Document;
}

export function unpack(bytes: Uint8Array): Package {
	const files = unzipSync(bytes);
	const text = (name: string) => {
		const file = files[name];
		if (!file) throw new Error(`no part ${name}`);
		return strFromU8(file);
	};
	return {
		names: Object.keys(files),
		text,
		xml: (name) => {
			const doc = new DOMParser({
				onError: (level, message) => {
					if (level !== 'warning') throw new Error(`${name}: ${message}`);
				}
			}).parseFromString(text(name), 'text/xml');
			return doc;
		}
	};
}

/** Descendant w: elements named `name`, in document order. */
export function all(parent: Element | Document, name: string): Element[] {
	return Array.from(parent.getElementsByTagNameNS(W, name));
}

export function first(parent: Element | Document, name: string): Element | null {
	return all(parent, name)[0] ?? null;
}

/** A w: attribute (w:val, w:id …). */
export function attr(element: Element | null, name: string): string | null {
	return element?.getAttributeNS(W, name) ?? null;
}

/** What a paragraph or run reads: its w:t, with tabs as '\t'. */
export function textOf(element: Element): string {
	let out = '';
	const walk = (node: Element) => {
		for (let n = node.firstChild; n; n = n.nextSibling) {
			if (n.nodeType !== 1) continue;
			const e = n as Element;
			if (e.namespaceURI === W && e.localName === 't') out += e.textContent ?? '';
			else if (e.namespaceURI === W && e.localName === 'tab' && (e.parentNode as Element)?.localName === 'r')
				out += '\t';
			else walk(e);
		}
	};
	walk(element);
	return out;
}

export function paragraphs(doc: Document | Element): Element[] {
	return all(doc, 'p');
}

export function styleOf(p: Element): string | null {
	return attr(first(p, 'pStyle'), 'val');
}

export function numPrOf(p: Element): { numId: string; level: number } | null {
	const numPr = first(p, 'numPr');
	if (!numPr) return null;
	return {
		numId: attr(first(numPr, 'numId'), 'val') ?? '',
		level: Number(attr(first(numPr, 'ilvl'), 'val') ?? '0')
	};
}

export interface Level {
	format: string;
	text: string;
	start: number;
	/** w:lvlRestart: null for Word's default (restart after any higher level), 0 for never. */
	restart: number | null;
	indentLeft: number;
	hanging: number;
}

/** The levels of the abstract numbering a w:num uses, by level, with the w:num's start overrides applied. */
export function levelsOf(numbering: Document, numId: string): Map<number, Level> {
	const num = all(numbering, 'num').find((n) => attr(n, 'numId') === numId);
	if (!num) throw new Error(`no w:num ${numId}`);
	const abstractId = attr(first(num, 'abstractNumId'), 'val');
	const abstract = all(numbering, 'abstractNum').find((a) => attr(a, 'abstractNumId') === abstractId);
	if (!abstract) throw new Error(`no w:abstractNum ${abstractId}`);
	const levels = new Map<number, Level>();
	for (const lvl of all(abstract, 'lvl')) {
		const ind = first(lvl, 'ind');
		const restart = attr(first(lvl, 'lvlRestart'), 'val');
		levels.set(Number(attr(lvl, 'ilvl')), {
			format: attr(first(lvl, 'numFmt'), 'val') ?? 'decimal',
			text: attr(first(lvl, 'lvlText'), 'val') ?? '',
			start: Number(attr(first(lvl, 'start'), 'val') ?? '0'),
			restart: restart === null ? null : Number(restart),
			indentLeft: Number(attr(ind, 'left') ?? '0'),
			hanging: Number(attr(ind, 'hanging') ?? '0')
		});
	}
	for (const override of all(num, 'lvlOverride')) {
		const level = levels.get(Number(attr(override, 'ilvl')));
		const start = attr(first(override, 'startOverride'), 'val');
		if (level && start !== null) level.start = Number(start);
	}
	return levels;
}

/** A counter as Word writes it in a number format, as our Word import computes it. */
export function formatCounter(format: string, n: number): string {
	const shown = formatNumber(n, format);
	if (shown === null) throw new Error(`number format ${format} not read by the tests`);
	return shown;
}

/**
 * What Word displays before each numbered paragraph of the body, in order: one counter per list and level,
 * a level's counter starting again after a paragraph at a higher level (unless its w:lvlRestart says not).
 */
export function wordNumbers(
	document: Document,
	numbering: Document
): Array<{ level: number; shown: string }> {
	const counters = new Map<string, Map<number, number>>();
	const out: Array<{ level: number; shown: string }> = [];
	for (const p of paragraphs(document)) {
		const pr = numPrOf(p);
		if (!pr) continue;
		const levels = levelsOf(numbering, pr.numId);
		const count = counters.get(pr.numId) ?? new Map<number, number>();
		counters.set(pr.numId, count);
		const here = levels.get(pr.level);
		if (!here) throw new Error(`level ${pr.level} not defined`);
		count.set(pr.level, (count.get(pr.level) ?? here.start - 1) + 1);
		for (const [l, level] of levels)
			if (l > pr.level && (level.restart === null || pr.level < level.restart)) count.delete(l);
		const shown = here.text.replace(/%(\d)/g, (_, d: string) => {
			const l = Number(d) - 1;
			const level = levels.get(l);
			if (!level) throw new Error(`level ${l} not defined`);
			return formatCounter(level.format, count.get(l) ?? level.start);
		});
		out.push({ level: pr.level, shown });
	}
	return out;
}
