// What the three PDF templates share: reading the model, the page (A4, margins, the serif face), the
// draft's stamp in the header of every page, the footer with the meeting and the page number, and the
// masthead. Kept as a TypeScript string so that plain Node and the SvelteKit server build both carry it
// without reading files; each template is this text followed by its own.
//
// Everything worded comes from the model, read as JSON from `sys.inputs.data`: user text reaches Typst
// only as string values, never as markup, so `#`, `$`, `*`, `[` and the rest print as they are.
export const COMMON_TYP = String.raw`
#let doc = json(bytes(sys.inputs.data))
#let options = json(bytes(sys.inputs.at("options", default: "{}")))
#let is-draft = doc.stamp.kind == "draft"

// Footnotes by their label, for the references in the text.
#let notes = doc.at("footnotes", default: ()).fold((:), (acc, f) => {
  acc.insert(f.label, f.text)
  acc
})

// An Inline as plain text (the PDF's metadata has no room for notes).
#let plain(segs) = segs.filter(s => s.kind == "text").map(s => s.text).sum(default: "")

// An Inline inside a footnote: a reference there can only show its mark.
#let note-text(segs) = {
  for s in segs {
    if s.kind == "text" { s.text } else { super(s.label) }
  }
}

// An Inline in the text. The data says which reference comes first ("note": it makes the footnote, so
// the note sits at the foot of that page), which repeat one ("again": the same mark, pointing to it) and
// which name no footnote ("mark"). The mark is the model's label: Typst must not number notes itself.
#let inline(segs) = {
  for s in segs {
    if s.kind == "text" {
      s.text
    } else if s.at("place", default: "mark") == "note" {
      [#footnote(numbering: _ => s.label, note-text(notes.at(s.label)))#label("dr-note-" + s.label)]
    } else if s.at("place", default: "mark") == "again" {
      footnote(label("dr-note-" + s.label))
    } else {
      super(s.label)
    }
  }
}

#let page-mark = context {
  let here = counter(page).get().first()
  let total = counter(page).final().first()
  doc.labels.page + " " + str(here) + " / " + str(total)
}

#let setup(flipped: false, body) = {
  set page(
    paper: "a4",
    flipped: flipped,
    margin: (x: if flipped { 2cm } else { 2.5cm }, top: 2.5cm, bottom: 2.5cm),
    header: if is-draft {
      set text(size: 9pt)
      set par(justify: false)
      align(right, strong(doc.stamp.label))
    },
    footer: {
      set text(size: 9pt)
      set par(justify: false)
      grid(
        columns: (1fr, auto),
        column-gutter: 1em,
        align: (left, right),
        doc.meeting.title, page-mark,
      )
    },
  )
  // No hyphenation, as in the Office's documents: words copied from the PDF stay whole.
  set text(font: "Libertinus Serif", size: 11pt, hyphenate: false)
  set par(justify: true, spacing: 0.9em, leading: 0.6em)
  set footnote.entry(separator: line(length: 30%, stroke: 0.5pt), gap: 0.5em)
  // The note's mark (the model's label) in a hanging indent, then its text; notes are not line-numbered,
  // as in a word processor, so the numbers count only the text being negotiated.
  show footnote.entry: it => {
    set text(size: 9pt)
    set par.line(numbering: none)
    let mark = numbering(it.note.numbering, ..counter(footnote).at(it.note.location()))
    par(hanging-indent: 1.2em, box(width: 1.2em, super(mark)) + it.note.body)
  }
  set heading(numbering: none)
  show heading: set text(size: 11pt, weight: "bold")
  show heading: set block(above: 1.6em, below: 0.9em, sticky: true)
  body
}

// The meeting's name and its place and dates, above the title.
#let masthead() = {
  set par(justify: false)
  align(center, block(below: 1.2em, {
    text(weight: "bold", doc.meeting.title)
    linebreak()
    doc.meeting.placeAndDates
  }))
}

// The document's title, centred, and under it the adoption when there is one (a draft says so in the
// header of every page instead).
#let title-block(content) = {
  set par(justify: false)
  align(center, block(above: 1.6em, below: 0.6em, text(size: 13pt, weight: "bold", content)))
  if not is-draft {
    align(center, block(below: 1.4em, emph(doc.stamp.label)))
  } else {
    v(0.8em)
  }
}
`;
