// What every output shows of a stored text (OUT-7). Outputs are made from whatever the database holds:
// texts from before the validator refused control characters (TXT-7), names, statements (which may
// hold line breaks, STM-4), amendment justifications. Some characters no output format can carry: XML
// 1.0 (Akoma Ntoso, DOCX) forbids C0 controls even as character references, lone surrogates are no
// characters at all (UTF-8 cannot encode them, and Typst's JSON reader refuses them), and a line break
// inside a one-line block breaks the plain text's shape (RND-1). Pure: no format's escaping is here.

/**
 * Tabs and line breaks of every kind: a block is one line (TXT-6), and a tab prints differently in every
 * format (TXT-7), so each becomes a space, as the importer makes controls spaces (IMP-5).
 */
const SPACE = /[\t\n\r\v\f\u0085\u2028\u2029]/;

/**
 * Every character OUT-7 replaces: the C0 controls, DEL and the C1 controls; the line and paragraph
 * separators; U+FFFE and U+FFFF (not characters, and outside XML 1.0); a surrogate without its partner.
 */
const UNPRINTABLE =
	// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's purpose
	/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * OUT-7: `text` with each tab and line break made a space and each other unprintable character made
 * U+FFFD, the replacement character (so that the reader sees something was there). One UTF-16 code
 * unit for one, so offsets into the text (brackets, DEC-6) still hold.
 */
export function printable(text: string): string {
	return text.replace(UNPRINTABLE, (c) => (SPACE.test(c) ? ' ' : '\uFFFD'));
}

/** `value` with `f` applied to every string in it (an output model is plain data: JSON). */
export function mapStrings<T>(value: T, f: (s: string) => string): T {
	if (typeof value === 'string') return f(value) as T;
	if (Array.isArray(value)) return value.map((v: unknown) => mapStrings(v, f)) as T;
	if (value !== null && typeof value === 'object')
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, f)])) as T;
	return value;
}

/** `value` with `printable` applied to every string in it. */
export function printableAll<T>(value: T): T {
	return mapStrings(value, printable);
}
