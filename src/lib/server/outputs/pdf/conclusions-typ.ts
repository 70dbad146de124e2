// The conclusions as the Office prints them: masthead, title with its footnote, preamble, headings, the
// paragraphs with their numbers and the subparagraphs with their labels in hanging indents, footnotes
// at the foot of the page. Numbers and labels are the model's: Typst numbers nothing here.
import type { ConclusionsOutput, Inline } from '#lib/domain/outputs/model.ts';

/** Where a footnote reference goes: 'note' makes the footnote, 'again' repeats its mark, 'mark' has none. */
export type NotePlace = 'note' | 'again' | 'mark';

type PlacedInline = (Inline[number] | { kind: 'footnote'; label: string; place: NotePlace })[];

/**
 * The model as the template reads it: each footnote reference says whether it is the first to its note
 * (in reading order: title, preamble, body), so the note is set once, at the foot of that page. Notes
 * nothing refers to are listed after the text, under the model's heading for them.
 */
export function conclusionsData(doc: ConclusionsOutput) {
	const known = new Set(doc.footnotes.map((f) => f.label));
	const placed = new Set<string>();
	const place = (inline: Inline): PlacedInline =>
		inline.map((s) => {
			if (s.kind !== 'footnote') return s;
			if (!known.has(s.label)) return { ...s, place: 'mark' };
			if (placed.has(s.label)) return { ...s, place: 'again' };
			placed.add(s.label);
			return { ...s, place: 'note' };
		});
	const title = doc.title ? place(doc.title) : null;
	const preamble = doc.preamble.map(place);
	const body = doc.body.map((item) =>
		item.kind === 'heading'
			? { ...item, text: place(item.text) }
			: {
					...item,
					text: place(item.text),
					subparagraphs: item.subparagraphs.map((s) => ({ ...s, text: place(s.text) }))
				}
	);
	return {
		...doc,
		title,
		preamble,
		body,
		unreferenced: doc.footnotes.filter((f) => !placed.has(f.label))
	};
}

export const CONCLUSIONS_TYP = String.raw`
#let numbered-lines = options.at("lineNumbers", default: false) == true
#let title-text = if doc.title == none { doc.labels.document } else { plain(doc.title) }

#set document(title: title-text + " – " + doc.meeting.title)
// Restarting on each page, as a word processor does: "page 3, line 12" finds the place on paper.
#set par.line(numbering: "1", numbering-scope: "page") if numbered-lines
#show: setup

#let indent = 1.2cm
#let hanging(mark, body) = par(hanging-indent: indent, box(width: indent, mark) + body)

#masthead()
#title-block(if doc.title == none { doc.labels.document } else { inline(doc.title) })

#for clause in doc.preamble {
  par(inline(clause))
}

#for item in doc.body {
  if item.kind == "heading" {
    heading(level: 1, inline(item.text))
  } else {
    hanging(item.number + ".", inline(item.text))
    for sub in item.subparagraphs {
      pad(left: indent, hanging(sub.label, inline(sub.text)))
    }
  }
}

#if doc.unreferenced.len() > 0 {
  heading(level: 1, doc.labels.footnotes)
  set text(size: 9pt)
  for f in doc.unreferenced {
    par(hanging-indent: 1em, box(width: 1em, f.label) + note-text(f.text))
  }
}
`;
