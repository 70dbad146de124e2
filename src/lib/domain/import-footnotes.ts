// Footnote checks of the plain-text import (IMP-16 … IMP-19): references and definitions must match.
import type { ImportWarning } from './import-lines.ts';
import { splitFootnoteRefs } from './footnote-refs.ts';
import { allBlocks, type DraftText, type Footnote } from './text.ts';

export function footnoteWarnings(text: DraftText, lineOf: (id: string) => number): ImportWarning[] {
	const warnings: ImportWarning[] = [];
	const warn = (id: string, code: string, message: string) =>
		warnings.push({ line: lineOf(id), code, message });

	const defined = new Map<string, Footnote>();
	for (const footnote of text.footnotes) {
		const { label } = footnote;
		const first = defined.get(label);
		if (first) {
			warn(
				footnote.id,
				'footnote-duplicate',
				`Footnote [^${label}] is defined twice (first at line ${lineOf(first.id)}); both were kept. ` +
					'Give each footnote its own label.'
			);
		} else defined.set(label, footnote);
		if (footnote.text === '') warn(footnote.id, 'footnote-empty', `Footnote [^${label}] has no text.`);
	}

	const referenced = new Set<string>();
	for (const block of allBlocks(text)) {
		for (const segment of splitFootnoteRefs(block.text)) {
			if (segment.kind !== 'footnote') continue;
			const { label } = segment;
			if (!defined.has(label) && !referenced.has(label)) {
				warn(
					block.id,
					'footnote-undefined',
					`The footnote reference [^${label}] has no footnote: add a line starting "[^${label}]:" ` +
						'with the footnote text.'
				);
			}
			referenced.add(label);
		}
	}
	for (const [label, footnote] of defined) {
		if (!referenced.has(label)) {
			warn(
				footnote.id,
				'footnote-unused',
				`Footnote [^${label}] is never referred to: add [^${label}] to the text where it belongs, ` +
					'or remove the footnote.'
			);
		}
	}
	return warnings;
}
