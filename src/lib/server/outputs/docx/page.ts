// What every DOCX output shares: A4 pages with the Office's margins, a serif body, real Heading styles,
// the stamp of a draft on every page, and the meeting and page number at the foot of each page.
import {
	AlignmentType,
	Document,
	Footer,
	Header,
	LineNumberRestartFormat,
	Packer,
	PageNumber,
	PageOrientation,
	Paragraph,
	Tab,
	TabStopType,
	TextRun,
	type FileChild,
	type INumberingOptions,
	type ISectionOptions,
	type IStylesOptions
} from 'docx';
import type { OutputMeeting, OutputStamp } from '#lib/domain/outputs/model.ts';

const FONT = 'Times New Roman';
/** Half-points. */
const BODY_SIZE = 22;
const SMALL_SIZE = 18;

/** A4 in twips; 2.5 cm margins (1 cm = 567 twips). */
const A4 = { short: 11906, long: 16838 };
const MARGIN = 1418;

/** The width between the margins, for tab stops and table columns. */
export function textWidth(landscape = false): number {
	return (landscape ? A4.long : A4.short) - 2 * MARGIN;
}

const black = { color: '000000', font: FONT };

function styles(): IStylesOptions {
	return {
		default: {
			document: {
				run: { font: FONT, size: BODY_SIZE },
				paragraph: { spacing: { after: 120, line: 252 } }
			},
			// Word's own Title and Heading styles, so the headings are in its navigation pane and outline.
			title: {
				run: { ...black, size: 26, bold: true },
				paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 240, after: 240 } }
			},
			heading1: {
				run: { ...black, size: BODY_SIZE, bold: true },
				paragraph: {
					spacing: { before: 240, after: 120 },
					keepNext: true,
					keepLines: true,
					outlineLevel: 0
				}
			},
			footnoteText: { run: { font: FONT, size: SMALL_SIZE }, paragraph: { spacing: { after: 0 } } },
			lineNumber: { run: { font: FONT, size: SMALL_SIZE, color: '666666' } }
		}
	};
}

export interface PageSetup {
	meeting: OutputMeeting;
	stamp: OutputStamp;
	/** The word before the page number ('Page'). */
	pageLabel: string;
	landscape?: boolean;
	lineNumbers?: boolean;
}

/** A draft says so at the top of every page (OUT-2); the adopted text carries its stamp once, under the title. */
function header(stamp: OutputStamp): Header | undefined {
	if (stamp.kind !== 'draft') return undefined;
	return new Header({
		children: [
			new Paragraph({
				alignment: AlignmentType.RIGHT,
				children: [new TextRun({ text: stamp.label, bold: true, size: SMALL_SIZE })]
			})
		]
	});
}

function footer(setup: PageSetup): Footer {
	const small = { size: SMALL_SIZE };
	return new Footer({
		children: [
			new Paragraph({
				spacing: { after: 0 },
				tabStops: [{ type: TabStopType.RIGHT, position: textWidth(setup.landscape) }],
				children: [
					new TextRun({ ...small, text: setup.meeting.title }),
					new TextRun({ ...small, children: [new Tab(), `${setup.pageLabel} `, PageNumber.CURRENT] })
				]
			}),
			new Paragraph({
				spacing: { after: 0 },
				children: [new TextRun({ ...small, text: setup.meeting.placeAndDates })]
			})
		]
	});
}

/** One section of the document: its pages, header, footer and (when asked) line numbers in the margin. */
function section(setup: PageSetup, children: FileChild[]): ISectionOptions {
	const draftHeader = header(setup.stamp);
	return {
		properties: {
			page: {
				// Given as portrait: docx swaps width and height itself for a landscape page.
				size: {
					width: A4.short,
					height: A4.long,
					orientation: setup.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT
				},
				margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, header: 709, footer: 709 }
			},
			...(setup.lineNumbers
				? { lineNumbers: { countBy: 1, restart: LineNumberRestartFormat.NEW_PAGE, distance: 283 } }
				: {})
		},
		...(draftHeader ? { headers: { default: draftHeader } } : {}),
		footers: { default: footer(setup) },
		children
	};
}

/** The meeting's name and its place and dates, at the top of the first page, as the Office heads its documents. */
export function meetingLines(meeting: OutputMeeting): Paragraph[] {
	return [
		new Paragraph({
			alignment: AlignmentType.CENTER,
			spacing: { after: 0 },
			children: [new TextRun({ text: meeting.title, bold: true })]
		}),
		new Paragraph({
			alignment: AlignmentType.CENTER,
			spacing: { after: 240 },
			children: [new TextRun({ text: meeting.placeAndDates })]
		})
	];
}

/** Under the title: the adoption stamp (a draft's is in the header of every page instead). */
export function stampLines(stamp: OutputStamp): Paragraph[] {
	if (stamp.kind === 'draft') return [];
	return [
		new Paragraph({
			alignment: AlignmentType.CENTER,
			spacing: { after: 240 },
			children: [new TextRun({ text: stamp.label, italics: true })]
		})
	];
}

/** One document: its page setup, its content, and its notes and lists when it has them. */
export interface DocxParts extends PageSetup {
	/** Core properties: the document's title as Word shows it in File › Info (the meeting is its subject). */
	title: string;
	children: FileChild[];
	footnotes?: Record<string, { children: Paragraph[] }>;
	numbering?: INumberingOptions;
}

export async function packDocx(parts: DocxParts): Promise<Uint8Array> {
	const doc = new Document({
		title: parts.title,
		subject: parts.meeting.title,
		creator: 'Drafting Room',
		lastModifiedBy: 'Drafting Room',
		styles: styles(),
		...(parts.numbering ? { numbering: parts.numbering } : {}),
		...(parts.footnotes ? { footnotes: parts.footnotes } : {}),
		sections: [section(parts, parts.children)]
	});
	return Packer.pack(doc, 'uint8array');
}
