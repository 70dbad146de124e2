// How a notice names a unit of text: "paragraph 5(iii)", "the title", "footnote 1".
import { referenceOf } from '#lib/domain/numbering.ts';
import type { DraftText } from '#lib/domain/text.ts';
import { LOCALES, t } from '#lib/i18n/index.ts';

export function unitName(text: DraftText, id: string): string {
	const ref = referenceOf(text, id);
	if (ref !== null) return t('collab.unit.paragraph', { ref });
	if (text.title?.id === id) return t('collab.unit.title');
	if (text.preamble.some((c) => c.id === id)) return t('collab.unit.preamble');
	if (text.body.some((item) => item.id === id)) return t('collab.unit.heading');
	const footnote = text.footnotes.find((f) => f.id === id);
	if (footnote) return t('collab.unit.footnote', { label: footnote.label });
	return t('collab.unit.unknown');
}

/** "paragraph 5(iii) and paragraph 7", joined the way the interface language joins lists. */
export function unitNames(text: DraftText, ids: readonly string[]): string {
	// One interface language for now; this follows the catalogue once the page can switch.
	const list = new Intl.ListFormat(LOCALES[0], { style: 'long', type: 'conjunction' });
	return list.format(ids.map((id) => unitName(text, id)));
}
