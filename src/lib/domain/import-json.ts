// The text as the CLI's `import --json` prints it (RND-5): the structure with computed numbers and
// labels, and no ids, since ids are made afresh by every import.
import { numberedView } from './numbering.ts';
import type { DraftText } from './text.ts';

export type ImportJsonBodyItem =
	| { type: 'heading'; text: string }
	| {
			type: 'paragraph';
			number: string;
			/** The introductory words when there are subparagraphs, the whole paragraph otherwise. */
			text: string;
			subparagraphs: Array<{ label: string; text: string }>;
	  };

export interface ImportJson {
	title: string | null;
	preamble: string[];
	body: ImportJsonBodyItem[];
	footnotes: Array<{ label: string; text: string }>;
}

export function toImportJson(text: DraftText): ImportJson {
	const view = numberedView(text);
	return {
		title: view.title?.text ?? null,
		preamble: view.preamble.map((clause) => clause.text),
		body: view.body.map((item): ImportJsonBodyItem =>
			item.kind === 'heading'
				? { type: 'heading', text: item.text }
				: {
						type: 'paragraph',
						number: item.number,
						text: item.text,
						subparagraphs: item.subparagraphs.map((s) => ({ label: s.label, text: s.text }))
					}
		),
		footnotes: view.footnotes.map((f) => ({ label: f.label, text: f.text }))
	};
}
