// Footnote references inside a unit's text are written [^label] (as the Office text arrives); renderers
// split the text around them to show superscript links.
export type TextSegment = { kind: 'text'; text: string } | { kind: 'footnote'; label: string };

const REF = /\[\^([^\]\s]+)\]/g;

export function splitFootnoteRefs(text: string): TextSegment[] {
	const out: TextSegment[] = [];
	let last = 0;
	for (const m of text.matchAll(REF)) {
		if (m.index > last) out.push({ kind: 'text', text: text.slice(last, m.index) });
		out.push({ kind: 'footnote', label: m[1]! });
		last = m.index + m[0].length;
	}
	if (last < text.length) out.push({ kind: 'text', text: text.slice(last) });
	return out;
}
