// What a paragraph inherits from its style (styles.xml, following w:basedOn): list numbering and
// whether it is a heading. Direct formatting on the paragraph wins over the style (word-paragraph.ts).
import type { Document, Element } from '@xmldom/xmldom';
import { attr, child, elements, val } from './word-xml.ts';

export interface StyleNumbering {
	numId: string | null;
	ilvl: number | null;
}

export class WordStyles {
	private readonly byId = new Map<string, Element>();
	private readonly defaultParagraph: string | null = null;

	constructor(styles: Document | null) {
		const root = styles?.documentElement;
		if (!root) return;
		for (const style of elements(root, 'style')) {
			const id = attr(style, 'styleId');
			if (id === null) continue;
			this.byId.set(id, style);
			const isDefault = attr(style, 'default');
			if (attr(style, 'type') === 'paragraph' && (isDefault === '1' || isDefault === 'true'))
				this.defaultParagraph ??= id;
		}
	}

	/** The style a paragraph with this w:pStyle (or none) has. */
	paragraphStyle(pStyle: string | null): string | null {
		return pStyle ?? this.defaultParagraph;
	}

	/** The style and those it is based on, nearest first; cycles, which damaged files have, are cut. */
	private chain(styleId: string | null): Element[] {
		const out: Element[] = [];
		const seen = new Set<string>();
		for (let id = styleId; id !== null && !seen.has(id);) {
			seen.add(id);
			const style = this.byId.get(id);
			if (!style) break;
			out.push(style);
			id = val(style, 'basedOn');
		}
		return out;
	}

	numbering(styleId: string | null): StyleNumbering {
		let numId: string | null = null;
		let ilvl: string | null = null;
		for (const style of this.chain(styleId)) {
			const numPr = child(child(style, 'pPr'), 'numPr');
			numId ??= val(numPr, 'numId');
			ilvl ??= val(numPr, 'ilvl');
		}
		return { numId, ilvl: ilvl === null ? null : Number(ilvl) };
	}

	/** Headings by name ("heading 1" … "heading 9", "Title") or by an outline level. */
	isHeading(styleId: string | null): boolean {
		return this.chain(styleId).some((style) => {
			const name = (val(style, 'name') ?? '').toLowerCase();
			const outline = val(child(style, 'pPr'), 'outlineLvl');
			return /^heading [1-9]$/.test(name) || name === 'title' || (outline !== null && Number(outline) < 9);
		});
	}
}
