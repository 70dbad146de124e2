// The text back to plain text (rules RND-n in SPEC.md): the shape the importer reads, so that
// importing what was rendered gives the same text again.
import { numberedView } from './numbering.ts';
import type { DraftText } from './text.ts';

export function renderPlainText(text: DraftText): string {
	const view = numberedView(text);
	const blocks: string[] = [];
	if (view.title) blocks.push(view.title.text);
	blocks.push(...view.preamble.map((clause) => clause.text));
	for (const item of view.body) {
		if (item.kind === 'heading') {
			blocks.push(item.text);
			continue;
		}
		blocks.push(`${item.number}. ${item.text}`);
		blocks.push(...item.subparagraphs.map((s) => `${s.label} ${s.text}`));
	}
	blocks.push(...view.footnotes.map((f) => `[^${f.label}]: ${f.text}`));
	return blocks.join('\n\n') + '\n';
}
