// Footnote-split text (Inline) into AKN inline content. A footnote is an <authorialNote> where it is first
// referred to, as AKN wants notes placed in the flow of the text; later references to it are <noteRef>s.
import type { Inline, OutputFootnote } from '#lib/domain/outputs/model.ts';
import { idPart, type EidSet, type El } from './xml.ts';

export class Notes {
	#texts: Map<string, Inline>;
	#placed = new Map<string, string>();
	#eIds: EidSet;

	constructor(footnotes: OutputFootnote[], eIds: EidSet) {
		this.#texts = new Map(footnotes.map((f) => [f.label, f.text]));
		this.#eIds = eIds;
	}

	/** Appends `inline` to `parent`, placing each footnote at its first reference. */
	append(parent: El, inline: Inline): void {
		for (const seg of inline) {
			if (seg.kind === 'text') {
				if (seg.text) parent.txt(seg.text);
				continue;
			}
			const placed = this.#placed.get(seg.label);
			const text = this.#texts.get(seg.label);
			if (placed) parent.ele('noteRef', { marker: seg.label, href: `#${placed}` });
			else if (text) {
				const eId = this.#eIds.claim(`note_${idPart(seg.label)}`);
				// Marked before its text is written, so a note that refers to itself cannot loop.
				this.#placed.set(seg.label, eId);
				const note = parent.ele('authorialNote', { eId, marker: seg.label, placement: 'bottom' });
				this.append(note.ele('p'), text);
			}
			// A reference to a footnote the text does not have: keep the marker the reader saw.
			else parent.ele('sup').txt(seg.label);
		}
	}

	/** Footnotes no text refers to (imported so), in their order. */
	unplaced(): { label: string; text: Inline }[] {
		return [...this.#texts]
			.filter(([label]) => !this.#placed.has(label))
			.map(([label, text]) => ({ label, text }));
	}

	/** Puts `label` down as placed at `eId` (for footnotes given their own place, such as meta/notes). */
	place(label: string): string {
		const eId = this.#eIds.claim(`note_${idPart(label)}`);
		this.#placed.set(label, eId);
		return eId;
	}
}
