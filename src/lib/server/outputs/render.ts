// One output document in one format: the bytes, their media type and file extension. Each format has its
// library (README, "Outputs"): Typst for PDF, docx for DOCX, xmlbuilder2 for Akoma Ntoso. Every string of
// the model is made printable first (OUT-7), here where all formats pass, so no renderer can forget it;
// each renderer still escapes for its own format.
import type { OutputDocument, OutputFormat, OutputOptions } from '#lib/domain/outputs/model.ts';
import { printableAll } from '#lib/domain/outputs/printable.ts';
import { renderAknAmendmentList } from './akn/amendment-list.ts';
import { renderAknConclusions } from './akn/conclusions.ts';
import { renderDocx } from './docx/index.ts';
import { renderHtml } from './html/index.ts';
import { renderPdf } from './pdf/index.ts';
import { conclusionsText } from './text.ts';

export interface RenderedOutput {
	bytes: Uint8Array;
	contentType: string;
	extension: string;
}

const utf8 = (s: string) => new TextEncoder().encode(s);

/** Null when the document does not come in the format (FORMATS_OF says which do). */
export async function renderOutput(
	stored: OutputDocument,
	format: OutputFormat,
	options: OutputOptions = {}
): Promise<RenderedOutput | null> {
	const doc = printableAll(stored);
	switch (format) {
		case 'pdf':
			return { bytes: await renderPdf(doc, options), contentType: 'application/pdf', extension: 'pdf' };
		case 'docx':
			return {
				bytes: await renderDocx(doc, options),
				contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
				extension: 'docx'
			};
		case 'html':
			return { bytes: utf8(renderHtml(doc)), contentType: 'text/html; charset=utf-8', extension: 'html' };
		case 'akn':
			if (doc.what === 'proceedings') return null;
			return {
				bytes: utf8(doc.what === 'conclusions' ? renderAknConclusions(doc) : renderAknAmendmentList(doc)),
				contentType: 'application/akn+xml; charset=utf-8',
				extension: 'akn.xml'
			};
		case 'txt':
			if (doc.what !== 'conclusions') return null;
			return {
				bytes: utf8(conclusionsText(doc)),
				contentType: 'text/plain; charset=utf-8',
				extension: 'txt'
			};
	}
}
