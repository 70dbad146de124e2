// What every output (PDF, DOCX, HTML, Akoma Ntoso, plain text) is made from: the documents the meeting
// gives the world, already numbered and worded (rules OUT-n in SPEC.md). Renderers only lay these out:
// they hold no rules and no interface language, so that the PDF, the DOCX and the HTML cannot disagree.
import type { AmendmentKind, AmendmentStatus } from '../amendment.ts';
import type { TextSegment } from '../footnote-refs.ts';
import type { GroupId } from '../roles.ts';
import type { DraftText } from '../text.ts';

/** A run of text with its footnote references split out: `[^1]` becomes { kind: 'footnote', label: '1' }. */
export type Inline = TextSegment[];

export interface OutputMeeting {
	/** The meeting's stable id (for identifiers such as Akoma Ntoso's FRBR URIs). */
	id: string;
	title: string;
	venue: string;
	/** ISO dates (YYYY-MM-DD). */
	startDate: string;
	endDate: string;
	/** As the Office writes them: 'Geneva, 4–8 November 2013'. */
	placeAndDates: string;
}

/**
 * Where the document stands (OUT-2): the adopted conclusions carry their adoption date; anything else is
 * a draft as of the day it was made, and says so on every page.
 */
export interface OutputStamp {
	kind: 'adopted' | 'draft';
	/** ISO date: the adoption, or the day the draft was exported. */
	date: string;
	/** 'Adopted on 8 November 2013' / 'Draft, 22 November 2026'. */
	label: string;
}

export interface OutputFootnote {
	/** As written in the text ('1'); references use it. */
	label: string;
	text: Inline;
}

export interface OutputSubparagraph {
	id: string;
	/** '(iii)' */
	label: string;
	/** '5(iii)' */
	reference: string;
	text: Inline;
}

export type OutputBodyItem =
	| { kind: 'heading'; id: string; text: Inline }
	| {
			kind: 'paragraph';
			id: string;
			/** '5': continuous through the sections (NUM-1), deleted paragraphs not counted (OUT-1). */
			number: string;
			/** The whole paragraph, or its introductory words when it has subparagraphs. */
			text: Inline;
			subparagraphs: OutputSubparagraph[];
	  };

/** The conclusions: adopted, or the draft as it stands (OUT-1). */
export interface ConclusionsOutput {
	what: 'conclusions';
	meeting: OutputMeeting;
	stamp: OutputStamp;
	title: Inline | null;
	preamble: Inline[];
	body: OutputBodyItem[];
	footnotes: OutputFootnote[];
	/** The same text in the domain's shape (deleted units out, brackets in), for plain text (RND-n). */
	shown: DraftText;
	/** The ILO's subparagraph scheme, for formats that number by themselves (DOCX, AKN). */
	scheme: 'roman' | 'alpha' | 'arabic';
	labels: { document: string; page: string; footnotes: string };
}

export interface OutputDiffPiece {
	kind: 'same' | 'insert' | 'delete';
	text: string;
}

export interface AmendmentListRow {
	id: string;
	/** 'D.12' */
	code: string;
	kind: AmendmentKind;
	status: AmendmentStatus;
	/** "Workers' group" or 'Government of Kenya'. */
	author: string;
	authorGroup: GroupId;
	/** 'Paragraph 5(iii)', 'Preamble, clause 3', 'New subparagraph after 5(iii)', 'Subamendment to D.3'. */
	target: string;
	/** The text unit it changes (or follows, for an insertion), by stable id; null for a subamendment. */
	targetUnitId: string | null;
	/** Its reference in the text as it stands ('5(iii)'), null when it has none (clause, heading, gone). */
	targetReference: string | null;
	parentCode: string | null;
	/** The change shown inline: the base text with deletions and insertions. */
	change: OutputDiffPiece[];
	/** Each group's position, worded ('Support'); '' when the group stated none. */
	positions: Record<GroupId, string>;
	/** The outcome, worded: 'Adopted', 'Fell', 'Pending'. */
	outcome: string;
	justification: string | null;
}

/** Every tabled amendment in text order (OUT-3); group drafts never (OUT-4). */
export interface AmendmentListOutput {
	what: 'amendments';
	meeting: OutputMeeting;
	stamp: OutputStamp;
	rows: AmendmentListRow[];
	labels: {
		document: string;
		page: string;
		none: string;
		code: string;
		author: string;
		target: string;
		change: string;
		groups: Record<GroupId, string>;
		outcome: string;
		deleted: string;
		inserted: string;
		justification: string;
	};
}

export interface RecordEntryOutput {
	/** ISO timestamp, and the time of day as the record prints it ('10:32'). */
	at: string;
	time: string;
	sentence: string;
}

/** The record of proceedings, sitting by sitting (OUT-5). */
export interface RecordOutput {
	what: 'proceedings';
	meeting: OutputMeeting;
	stamp: OutputStamp;
	sittings: { heading: string; entries: RecordEntryOutput[] }[];
	labels: { document: string; page: string; empty: string };
}

export type OutputDocument = ConclusionsOutput | AmendmentListOutput | RecordOutput;
export type OutputWhat = OutputDocument['what'];
export const OUTPUT_WHATS: readonly OutputWhat[] = ['conclusions', 'amendments', 'proceedings'];

export const OUTPUT_FORMATS = ['pdf', 'docx', 'html', 'akn', 'txt'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Which formats each document comes in (OUT-6). */
export const FORMATS_OF: Record<OutputWhat, readonly OutputFormat[]> = {
	conclusions: ['pdf', 'docx', 'html', 'akn', 'txt'],
	amendments: ['pdf', 'docx', 'html', 'akn'],
	proceedings: ['pdf', 'docx', 'html']
};

/** Options a reader may set; each renderer reads those it understands. */
export interface OutputOptions {
	/** Line numbers in the margin (PDF and DOCX). */
	lineNumbers?: boolean;
}
