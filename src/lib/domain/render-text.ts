// The text back to plain text (rules RND-n in SPEC.md): the shape the importer reads, so that
// importing what was rendered gives the same text again.
import { numberedView } from './numbering.ts';
import type { DraftText } from './text.ts';

export function renderPlainText(text: DraftText): string {
	const view = numberedView(text);
	const blocks: string[] = [];
	// RND-6: each block as the importer will read it, trimmed (IMP-4); a paragraph or subparagraph
	// emptied by typing is its number or label alone, which the importer reads back as it (IMP-24).
	const marked = (mark: string, words: string) => (words.trim() === '' ? mark : `${mark} ${words.trim()}`);
	if (view.title) blocks.push(view.title.text.trim());
	blocks.push(...view.preamble.map((clause) => clause.text.trim()));
	for (const item of view.body) {
		if (item.kind === 'heading') {
			blocks.push(item.text.trim());
			continue;
		}
		blocks.push(marked(`${item.number}.`, item.text));
		blocks.push(...item.subparagraphs.map((s) => marked(s.label, s.text)));
	}
	blocks.push(...view.footnotes.map((f) => `[^${f.label}]: ${f.text.trim()}`.trim()));
	return blocks.join('\n\n') + '\n';
}
