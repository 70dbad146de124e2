// The record of proceedings (OUT-5): a heading per sitting, and under it each entry as its time, then the
// sentence, the time hanging so the sentences line up.
import { HeadingLevel, Paragraph, Tab, TabStopType, TextRun, type FileChild } from 'docx';
import type { OutputOptions, RecordOutput } from '#lib/domain/outputs/model.ts';
import { meetingLines, packDocx, stampLines } from './page.ts';

/** Twips: room for '10:32' before the sentence. */
const TIME_WIDTH = 1134;

export function renderRecordDocx(doc: RecordOutput, options: OutputOptions = {}): Promise<Uint8Array> {
	const children: FileChild[] = [
		...meetingLines(doc.meeting),
		new Paragraph({ heading: HeadingLevel.TITLE, text: doc.labels.document }),
		...stampLines(doc.stamp)
	];
	if (doc.sittings.length === 0) children.push(new Paragraph({ text: doc.labels.empty }));
	for (const sitting of doc.sittings) {
		children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, text: sitting.heading }));
		for (const entry of sitting.entries)
			children.push(
				new Paragraph({
					indent: { left: TIME_WIDTH, hanging: TIME_WIDTH },
					tabStops: [{ type: TabStopType.LEFT, position: TIME_WIDTH }],
					children: [
						new TextRun({ text: entry.time }),
						new TextRun({ children: [new Tab(), entry.sentence] })
					]
				})
			);
	}
	return packDocx({
		title: doc.labels.document,
		meeting: doc.meeting,
		stamp: doc.stamp,
		pageLabel: doc.labels.page,
		lineNumbers: options.lineNumbers === true,
		children
	});
}
