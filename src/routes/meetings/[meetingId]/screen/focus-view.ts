// What the projector shows of the unit under discussion: a paragraph with its subparagraphs, a
// subparagraph under its paragraph's introductory words, or a preambular paragraph alone.
import type { NumberedText } from '#lib/domain/numbering.ts';
import { t } from '#lib/i18n/index.ts';

export interface FocusView {
	unitId: string;
	kind: 'preamble' | 'paragraph' | 'subparagraph';
	title: string;
	/** The paragraph's introductory words, shown above a subparagraph under discussion. */
	intro: { id: string; text: string } | null;
	blocks: { id: string; label: string | null; text: string }[];
}

export function focusView(view: NumberedText, unitId: string | null): FocusView | null {
	if (!unitId) return null;
	const clause = view.preamble.findIndex((c) => c.id === unitId);
	if (clause >= 0) {
		const c = view.preamble[clause]!;
		return {
			unitId,
			kind: 'preamble',
			title: t('decisions.screen.preamble', { ref: String(clause + 1) }),
			intro: null,
			blocks: [{ id: c.id, label: null, text: c.text }]
		};
	}
	for (const item of view.body) {
		if (item.kind === 'heading') continue;
		const subs = item.subparagraphs.map((s) => ({ id: s.id, label: s.label, text: s.text }));
		if (item.id === unitId)
			return {
				unitId,
				kind: 'paragraph',
				title: t('document.paragraph', { ref: item.number }),
				intro: null,
				blocks: [{ id: item.id, label: null, text: item.text }, ...subs]
			};
		const sub = item.subparagraphs.find((s) => s.id === unitId);
		if (sub)
			return {
				unitId,
				kind: 'subparagraph',
				title: t('document.paragraph', { ref: sub.reference }),
				intro: { id: item.id, text: item.text },
				blocks: [{ id: sub.id, label: sub.label, text: sub.text }]
			};
	}
	return null;
}
