// What one unit of text may hold, and how much text there may be (TXT-7, TXT-8 in SPEC.md). One module
// for everyone who lets text in: the update validator (server/collab/validate), the paragraph editor,
// the importer and the amendment commands, so that what the editor lets through the server accepts.
//
// Lengths are JavaScript string lengths (UTF-16 code units): what Y.Text.length, CodeMirror and the
// database's text all count, so an emoji counts 2. The limits are far above any real text, so nobody
// meets them by writing; they stop a paste of a megabyte, not a long paragraph.

/**
 * Characters in one unit (a paragraph, a subparagraph, a clause, a heading, a footnote). The longest
 * paragraph of the 2013 conclusions has 558; ILO paragraphs rarely pass 2,000.
 */
export const UNIT_MAX_CHARS = 20_000;

/** An amendment's proposed wording becomes a unit's text, so it has the unit's limit. */
export const AMENDMENT_TEXT_MAX_CHARS = UNIT_MAX_CHARS;

/** A justification is a few sentences said beside an amendment, never a second text. */
export const JUSTIFICATION_MAX_CHARS = 5_000;

/**
 * All the units of one document (a meeting's text, or one group's drafts) together: the import's own
 * ceiling on a pasted source. The 2013 conclusions have 13,000 characters.
 */
export const DOCUMENT_MAX_CHARS = 2_000_000;

/**
 * A document's update log after its last snapshot, in bytes. The server folds the log into a snapshot
 * once it holds 1 MB (collab-store/compactor.ts), a second later: only a flood of updates, or a
 * compaction that keeps failing, gets it anywhere near this, and then the log stops growing.
 */
export const DOCUMENT_LOG_MAX_BYTES = 16 * 1024 * 1024;

/**
 * What a unit may not hold (TXT-7): the C0 controls (tab, line feed and carriage return included), DEL,
 * the C1 controls (NEL, U+0085, is a line break too), the line and paragraph separators U+2028 and
 * U+2029, and a UTF-16 surrogate without its partner (it is no character, and UTF-8 cannot store it).
 */
const FORBIDDEN =
	// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's purpose
	/[\u0000-\u001f\u007f-\u009f\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The first character a unit may not hold (TXT-7), with its index, or null when there is none. */
export function forbiddenCharacter(text: string): { index: number; code: string } | null {
	const found = FORBIDDEN.exec(text);
	return found ? { index: found.index, code: codePoint(found[0]) } : null;
}

/** U+000A, as the Unicode charts write it: the words of a refusal. */
function codePoint(char: string): string {
	return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

// Line breaks of every kind and the tab: whitespace the writer meant, so each run becomes one space.
const BREAKS = /[ \u00a0]*[\t\n\v\f\r\u0085\u2028\u2029]+[ \u00a0]*/g;
const DROPPED =
	// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's purpose
	/[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text typed or pasted into a unit, made fit for it (TXT-7): a line break or tab, with the spaces
 * around it, becomes one space (a paragraph is one run of text); other controls and lone surrogates,
 * invisible and meaningless, are dropped.
 */
export function toUnitText(text: string): string {
	return text.replace(BREAKS, ' ').replace(DROPPED, '');
}
