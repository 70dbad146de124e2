// numbering.xml as numbering.ts reads it: list instances with their definition's levels and their
// own overrides applied.
import type { Document, Element } from '@xmldom/xmldom';
import type { ListLevel, ListNum } from './numbering.ts';
import type { WordStyles } from './word-styles.ts';
import { attr, child, elements, isOn, val } from './word-xml.ts';

export interface WordLists {
	nums: Map<string, ListNum>;
	/** The level of a list definition tied to a paragraph style (w:lvl/w:pStyle), by instance and style. */
	levelOfStyle(numId: string, styleId: string): number | null;
}

export function readLists(numbering: Document | null, styles: WordStyles): WordLists {
	const root = numbering?.documentElement;
	const abstracts = new Map<string, Element>();
	const numElements = new Map<string, Element>();
	if (root) {
		for (const a of elements(root, 'abstractNum')) {
			const id = attr(a, 'abstractNumId');
			if (id !== null) abstracts.set(id, a);
		}
		for (const n of elements(root, 'num')) {
			const id = attr(n, 'numId');
			if (id !== null) numElements.set(id, n);
		}
	}

	/** The definition an instance uses, through a numbering style if the definition only links to one. */
	const definitionOf = (numId: string, depth = 0): Element | null => {
		const abstractId = val(numElements.get(numId), 'abstractNumId');
		const abstract = abstractId === null ? undefined : abstracts.get(abstractId);
		if (!abstract) return null;
		const link = val(abstract, 'numStyleLink');
		if (link === null || depth > 3) return abstract;
		const linked = styles.numbering(link).numId;
		return linked === null ? abstract : (definitionOf(linked, depth + 1) ?? abstract);
	};

	const nums = new Map<string, ListNum>();
	for (const [numId, num] of numElements) {
		const abstract = definitionOf(numId);
		if (!abstract) continue;
		const levels: Array<ListLevel | undefined> = [];
		for (const lvl of elements(abstract, 'lvl')) {
			const ilvl = Number(attr(lvl, 'ilvl') ?? 0);
			if (ilvl >= 0 && ilvl < 9) levels[ilvl] = readLevel(lvl);
		}
		const startOverrides: number[] = [];
		for (const override of elements(num, 'lvlOverride')) {
			const ilvl = Number(attr(override, 'ilvl') ?? 0);
			if (!(ilvl >= 0 && ilvl < 9)) continue;
			const lvl = child(override, 'lvl');
			if (lvl) levels[ilvl] = readLevel(lvl);
			const start = val(override, 'startOverride');
			const level = levels[ilvl];
			if (start !== null && level) {
				levels[ilvl] = { ...level, start: Number(start) };
				startOverrides.push(ilvl);
			}
		}
		nums.set(numId, { abstractId: attr(abstract, 'abstractNumId') ?? numId, levels, startOverrides });
	}

	return {
		nums,
		levelOfStyle(numId, styleId) {
			const abstract = definitionOf(numId);
			if (!abstract) return null;
			const lvl = elements(abstract, 'lvl').find((l) => val(l, 'pStyle') === styleId);
			return lvl ? Number(attr(lvl, 'ilvl') ?? 0) : null;
		}
	};
}

function readLevel(lvl: Element): ListLevel {
	const start = val(lvl, 'start');
	const restart = val(lvl, 'lvlRestart');
	return {
		// Word always states where its lists start; a level that does not was set up by hand, to count from 1.
		start: start === null || !Number.isFinite(Number(start)) ? 1 : Number(start),
		format: val(lvl, 'numFmt') ?? 'decimal',
		text: val(lvl, 'lvlText') ?? '',
		restart: restart === null ? null : Number(restart),
		legal: isOn(lvl, 'isLgl')
	};
}
