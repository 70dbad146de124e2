// Test support on the seeded demo meeting: a unit's text as stored, and an amendment to a unit's wording
// drafted in a group room and tabled by its secretary, through the server commands.
import { eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '#lib/server/db/index.ts';
import { textUnits } from '#lib/server/db/schema.ts';
import { DEMO_MEETING_ID } from '#lib/server/demo/seed.ts';
import { draftAmendment, tableAmendment } from '#lib/server/amendments/commands.ts';
import { demoUser } from './demo-users.ts';

/** The text of the unit `id` in text_units. */
export const storedUnitText = (db: DbOrTx, id: string): string =>
	db.select().from(textUnits).where(eq(textUnits.id, id)).get()!.text;

/** `drafter` drafts `text` as the wording of `targetId`; `secretary` tables it for the group. Its id. */
export async function tabledWording(
	db: Db,
	drafter: string,
	secretary: string,
	targetId: string,
	text: string
): Promise<string> {
	const id = await draftAmendment(db, demoUser(db, drafter), DEMO_MEETING_ID, {
		proposal: { kind: 'change_wording', targetId, text }
	});
	await tableAmendment(db, demoUser(db, secretary), DEMO_MEETING_ID, id, 'group');
	return id;
}
