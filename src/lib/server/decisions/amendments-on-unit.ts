// The amendments bearing on a unit as the stored rows have them, for the Chair's decision on it
// (DEC-9 … DEC-11): the domain's unitAmendments over the meeting's public amendments and merges.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/index.ts';
import { amendmentMerges } from '../db/schema.ts';
import { amendmentOf, meetingAmendmentRows } from '../amendments/store.ts';
import type { DraftText } from '#lib/domain/text.ts';
import { unitAmendments, type UnitAmendments } from '#lib/domain/unit-amendments.ts';

export function amendmentsOnUnit(
	db: DbOrTx,
	meetingId: string,
	text: DraftText,
	unitId: string
): UnitAmendments {
	// A group's drafts are its own business (AMD-4) and hold nothing back: only tabled amendments count.
	const all = meetingAmendmentRows(db, meetingId)
		.filter((r) => r.status !== 'draft')
		.map(amendmentOf);
	const merges = db
		.select()
		.from(amendmentMerges)
		.where(eq(amendmentMerges.meetingId, meetingId))
		.all()
		.map((m) => ({
			amendmentId: m.amendmentId,
			unitId: m.unitId,
			conflicts: m.conflicts,
			resolved: m.resolvedBy !== null
		}));
	return unitAmendments(text, unitId, all, merges);
}
