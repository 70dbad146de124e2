// HTML for any output document.
import type { OutputDocument } from '#lib/domain/outputs/model.ts';
import { amendmentListHtml } from './amendment-list.ts';
import { conclusionsHtml } from './conclusions.ts';
import { recordHtml } from './record.ts';

export function renderHtml(doc: OutputDocument): string {
	if (doc.what === 'conclusions') return conclusionsHtml(doc);
	if (doc.what === 'amendments') return amendmentListHtml(doc);
	return recordHtml(doc);
}
