// The list of amendments (OUT-3) as a Word table, one row per amendment in text order, on landscape pages:
// eight columns do not fit across a portrait A4 page at a readable size.
import {
	HeadingLevel,
	Paragraph,
	ShadingType,
	Table,
	TableCell,
	TableRow,
	TextRun,
	WidthType,
	type FileChild
} from 'docx';
import type {
	AmendmentListOutput,
	AmendmentListRow,
	OutputDiffPiece,
	OutputOptions
} from '#lib/domain/outputs/model.ts';
import { GROUPS } from '#lib/domain/roles.ts';
import { meetingLines, packDocx, stampLines, textWidth } from './page.ts';

/** Shares of the text width: code, author, target, change, the three groups, outcome. */
const SHARES = [7, 12, 12, 36, 8, 8, 8, 9];

const CELL_SIZE = 18;

/** The change inline, as the meeting reads it on screen: deletions struck through, insertions underlined. */
export function changeRuns(change: readonly OutputDiffPiece[]): TextRun[] {
	return change.map(
		(piece) =>
			new TextRun({
				text: piece.text,
				size: CELL_SIZE,
				...(piece.kind === 'delete' ? { strike: true } : {}),
				...(piece.kind === 'insert' ? { underline: {} } : {})
			})
	);
}

function cell(width: number, paragraphs: Paragraph[], header = false): TableCell {
	return new TableCell({
		width: { size: width, type: WidthType.DXA },
		margins: { top: 40, bottom: 40, left: 80, right: 80 },
		...(header ? { shading: { type: ShadingType.CLEAR, fill: 'E7E6E6', color: 'auto' } } : {}),
		children: paragraphs
	});
}

function textCell(width: number, text: string, bold = false): TableCell {
	return cell(
		width,
		[new Paragraph({ spacing: { after: 0 }, children: [new TextRun({ text, size: CELL_SIZE, bold })] })],
		bold
	);
}

function changeCell(width: number, row: AmendmentListRow, labels: AmendmentListOutput['labels']): TableCell {
	const paragraphs = [new Paragraph({ spacing: { after: 0 }, children: changeRuns(row.change) })];
	if (row.justification)
		paragraphs.push(
			new Paragraph({
				spacing: { before: 80, after: 0 },
				children: [
					new TextRun({ text: labels.justification, size: CELL_SIZE, italics: true }),
					new TextRun({ text: ` ${row.justification}`, size: CELL_SIZE })
				]
			})
		);
	return cell(width, paragraphs);
}

function table(doc: AmendmentListOutput, widths: number[]): Table {
	const w = (i: number) => widths[i] ?? 0;
	const { labels } = doc;
	const headings = [
		labels.code,
		labels.author,
		labels.target,
		labels.change,
		...GROUPS.map((g) => labels.groups[g]),
		labels.outcome
	];
	const head = new TableRow({
		tableHeader: true,
		cantSplit: true,
		children: headings.map((h, i) => textCell(w(i), h, true))
	});
	const rows = doc.rows.map(
		(row) =>
			new TableRow({
				cantSplit: true,
				children: [
					textCell(w(0), row.code, true),
					textCell(w(1), row.author),
					textCell(w(2), row.target),
					changeCell(w(3), row, labels),
					...GROUPS.map((g, i) => textCell(w(4 + i), row.positions[g])),
					textCell(w(7), row.outcome)
				]
			})
	);
	return new Table({
		width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
		columnWidths: widths,
		rows: [head, ...rows]
	});
}

export function renderAmendmentListDocx(
	doc: AmendmentListOutput,
	options: OutputOptions = {}
): Promise<Uint8Array> {
	const landscape = doc.rows.length > 0;
	const total = SHARES.reduce((a, b) => a + b, 0);
	const widths = SHARES.map((s) => Math.floor((textWidth(landscape) * s) / total));
	const children: FileChild[] = [
		...meetingLines(doc.meeting),
		new Paragraph({ heading: HeadingLevel.TITLE, text: doc.labels.document }),
		...stampLines(doc.stamp),
		doc.rows.length > 0 ? table(doc, widths) : new Paragraph({ text: doc.labels.none })
	];
	return packDocx({
		title: doc.labels.document,
		meeting: doc.meeting,
		stamp: doc.stamp,
		pageLabel: doc.labels.page,
		landscape,
		lineNumbers: options.lineNumbers === true,
		children
	});
}
