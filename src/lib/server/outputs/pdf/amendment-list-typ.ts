// The list of amendments: one row per amendment in text order, on landscape pages so that the change,
// the three groups' positions and the outcome sit side by side. In the change, deleted words are struck
// through and inserted words underlined, as the Office marks them.
export const AMENDMENT_LIST_TYP = String.raw`
#set document(title: doc.labels.document + " – " + doc.meeting.title)
#show: setup.with(flipped: true)

#masthead()
#title-block(doc.labels.document)

#let change(row) = {
  for (i, piece) in row.change.enumerate() {
    // A word struck out and the word put in its place would otherwise touch.
    if i > 0 and piece.kind == "insert" and row.change.at(i - 1).kind == "delete" { h(0.25em) }
    if piece.kind == "delete" {
      strike(piece.text)
    } else if piece.kind == "insert" {
      underline(piece.text)
    } else {
      piece.text
    }
  }
  if row.justification != none {
    block(above: 0.7em, text(size: 9pt, emph(doc.labels.justification + " " + row.justification)))
  }
}

#let groups = doc.labels.groups.keys()

#if doc.rows.len() == 0 {
  par(doc.labels.none)
} else {
  set text(size: 10pt)
  set par(justify: false)
  show table.cell.where(y: 0): strong
  table(
    // Code and positions are short words: as wide as they need; the change takes what is left.
    columns: (auto, 3cm, 2.8cm, 1fr) + groups.map(_ => auto) + (2.8cm,),
    stroke: 0.5pt + luma(120),
    inset: 5pt,
    table.header(
      doc.labels.code, doc.labels.author, doc.labels.target, doc.labels.change,
      ..groups.map(g => doc.labels.groups.at(g)),
      doc.labels.outcome,
    ),
    ..doc.rows.map(row => (
      strong(row.code),
      row.author,
      row.target,
      change(row),
      ..groups.map(g => row.positions.at(g, default: "")),
      row.outcome,
    )).flatten(),
  )
}
`;
