// DOCX for every output the meeting gives the world (OUT-6), made with the `docx` library.
import type { OutputDocument, OutputOptions } from '#lib/domain/outputs/model.ts';
import { renderAmendmentListDocx } from './amendment-list.ts';
import { renderConclusionsDocx } from './conclusions.ts';
import { renderRecordDocx } from './record.ts';

export function renderDocx(doc: OutputDocument, options: OutputOptions = {}): Promise<Uint8Array> {
	switch (doc.what) {
		case 'conclusions':
			return renderConclusionsDocx(doc, options);
		case 'amendments':
			return renderAmendmentListDocx(doc, options);
		case 'proceedings':
			return renderRecordDocx(doc, options);
	}
}
