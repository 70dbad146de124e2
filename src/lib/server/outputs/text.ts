// The conclusions as plain text: the shape the importer reads (RND-n), so that the text exported and
// imported again is the same text. Only the text: the stamp and the meeting are in the file's name.
import { renderPlainText } from '#lib/domain/render-text.ts';
import type { ConclusionsOutput } from '#lib/domain/outputs/model.ts';

export function conclusionsText(doc: ConclusionsOutput): string {
	return renderPlainText(doc.shown);
}
