// Inline text (with its footnote references split out) as Word runs. Word keeps a footnote's text beside its
// one reference and numbers references in reading order, so each footnote becomes a Word footnote at its
// first reference; content must therefore be built in reading order.
import { FootnoteReferenceRun, Paragraph, TextRun, type IRunOptions, type ParagraphChild } from 'docx';
import type { Inline, OutputFootnote } from '#lib/domain/outputs/model.ts';

/** How a run looks (bold, strike …), without its text. */
export type RunLook = Omit<IRunOptions, 'text' | 'children' | 'break'>;

/** Runs where Word allows no footnote (headers, footnotes themselves): a reference stays a superscript mark. */
export function plainRuns(inline: Inline, look: RunLook = {}): TextRun[] {
	return inline.map((seg) =>
		seg.kind === 'text'
			? new TextRun({ ...look, text: seg.text })
			: new TextRun({ ...look, text: seg.label, superScript: true })
	);
}

export interface WordFootnotes {
	/** The inline's runs, its references made Word footnote references. */
	runs(inline: Inline, look?: RunLook): ParagraphChild[];
	/** For Document({ footnotes }): id → the footnote's paragraphs, for every footnote referred to so far. */
	notes(): Record<string, { children: Paragraph[] }>;
	/** Footnotes no text referred to (so far), which Word cannot place at the foot of any page. */
	unreferenced(): OutputFootnote[];
}

/** Word footnotes for the model's footnotes, given ids 1, 2 … in the order their references are met. */
export function wordFootnotes(footnotes: readonly OutputFootnote[]): WordFootnotes {
	const byLabel = new Map(footnotes.map((f) => [f.label, f]));
	const ids = new Map<string, number>();
	const notes: Record<string, { children: Paragraph[] }> = {};

	function reference(label: string, look: RunLook): ParagraphChild {
		const note = byLabel.get(label);
		// A reference to a footnote the model lacks keeps its mark rather than inventing an empty note.
		if (!note) return new TextRun({ ...look, text: label, superScript: true });
		const known = ids.get(label);
		// Word's footnotes have one reference each; a second reference shows the number Word gave the first.
		if (known !== undefined) return new TextRun({ ...look, text: String(known), superScript: true });
		const id = ids.size + 1;
		ids.set(label, id);
		notes[String(id)] = {
			children: [new Paragraph({ style: 'FootnoteText', children: plainRuns(note.text) })]
		};
		return new FootnoteReferenceRun(id);
	}

	return {
		runs: (inline, look = {}) =>
			inline.map((seg) =>
				seg.kind === 'text' ? new TextRun({ ...look, text: seg.text }) : reference(seg.label, look)
			),
		notes: () => ({ ...notes }),
		unreferenced: () => footnotes.filter((f) => !ids.has(f.label))
	};
}
