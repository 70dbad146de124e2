// The record of proceedings: a heading per sitting, and under it each entry with its time of day in a
// hanging indent, so the times line up down the page.
export const RECORD_TYP = String.raw`
#set document(title: doc.labels.document + " – " + doc.meeting.title)
#show: setup

#masthead()
#title-block(doc.labels.document)

#let indent = 1.4cm

#if doc.sittings.len() == 0 {
  par(doc.labels.empty)
}

#for sitting in doc.sittings {
  heading(level: 1, sitting.heading)
  for entry in sitting.entries {
    par(hanging-indent: indent, box(width: indent, entry.time) + entry.sentence)
  }
}
`;
