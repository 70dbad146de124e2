// Typst 0.13.1 (the pinned addon, compiler.ts) panics on some texts holding a bidi embedding or override
// (U+202A–U+202E): "begin <= end … when slicing" while it reorders a line, which kills the process, so
// one such character in one paragraph made the whole PDF impossible (OUT-7). Measured with seeded random
// strings of letters, digits, punctuation, Hebrew, Arabic and every bidi control: 85 crashes in 3,000
// as they are, none once the embeddings and overrides are written as the isolates Unicode has
// recommended in their place since 6.3. An isolate keeps the direction the writer asked for; only an
// override's forced reversal of left-to-right letters is lost, and the PDF then shows the words in the
// order they were written, as the other formats' plain text does.
const ISOLATE: Record<string, string> = {
	'\u202a': '\u2066', // LRE → LRI
	'\u202d': '\u2066', // LRO → LRI
	'\u202b': '\u2067', // RLE → RLI
	'\u202e': '\u2067', // RLO → RLI
	'\u202c': '\u2069' // PDF → PDI
};

/** `text` with each bidi embedding or override made the matching isolate, for Typst. */
export function isolateBidi(text: string): string {
	return text.replace(/[\u202a-\u202e]/g, (c) => ISOLATE[c] ?? c);
}
