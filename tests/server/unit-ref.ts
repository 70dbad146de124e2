// Test support: a unit's stable id by how people cite it ('5', '5(iii)'), in the text as stored.
import type { DbOrTx } from '#lib/server/db/index.ts';
import { loadDraftText } from '#lib/server/meetings/text-store.ts';
import { numberedView } from '#lib/domain/numbering.ts';

export function unitIdByReference(db: DbOrTx, meetingId: string, reference: string): string {
	for (const item of numberedView(loadDraftText(db, meetingId).text).body) {
		if (item.kind !== 'paragraph') continue;
		if (item.number === reference) return item.id;
		const sub = item.subparagraphs.find((s) => s.reference === reference);
		if (sub) return sub.id;
	}
	throw new Error(`no unit ${reference}`);
}
