// The draft text as data (docs/domain.md, "The text"). Rules TXT-n in SPEC.md.
// Ids are identities and never numbers: paragraph numbers and subparagraph labels are computed from
// order (numbering.ts), so inserting a paragraph renumbers the rest while every id stays put.

/** How subparagraphs are labelled: (i), (ii) … / (a), (b) … / (1), (2) … One scheme per document. */
export const SUBPARAGRAPH_SCHEMES = ['roman', 'alpha', 'arabic'] as const;
export type SubparagraphScheme = (typeof SUBPARAGRAPH_SCHEMES)[number];

export interface TextBlock {
	id: string;
	text: string;
}

export interface HeadingItem {
	kind: 'heading';
	id: string;
	text: string;
}

/** `text` is the introductory words when there are subparagraphs, the whole paragraph otherwise. */
export interface ParagraphItem {
	kind: 'paragraph';
	id: string;
	text: string;
	subparagraphs: TextBlock[];
}

export type BodyItem = HeadingItem | ParagraphItem;

/** `label` is kept as written ('1'); any text refers to the footnote as `[^1]`. */
export interface Footnote {
	id: string;
	label: string;
	text: string;
}

export interface DraftText {
	title: TextBlock | null;
	preamble: TextBlock[];
	body: BodyItem[];
	footnotes: Footnote[];
	scheme: SubparagraphScheme;
}

/** Every block of text with its id, in reading order: title, preamble, body, footnotes. */
export function allBlocks(text: DraftText): TextBlock[] {
	const blocks: TextBlock[] = [];
	if (text.title) blocks.push(text.title);
	blocks.push(...text.preamble);
	for (const item of text.body) {
		blocks.push(item);
		if (item.kind === 'paragraph') blocks.push(...item.subparagraphs);
	}
	blocks.push(...text.footnotes);
	return blocks;
}
