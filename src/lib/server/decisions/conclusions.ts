// Adopting the conclusions as a whole (CON-1, CON-2): once every clause, paragraph and subparagraph is
// decided, the Chair declares them adopted; the text is then final, with its date.
import { eq } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { meetings, textUnits } from '../db/schema.ts';
import { CommandError } from '../command-error.ts';
import { actorFor } from '../meetings/queries.ts';
import { meetingDocName } from '../collab-store/meeting-doc.ts';
import { command } from '../kernel/command.ts';
import { MEETING_KEYS, SERVER_ROOT } from '#lib/collab/live-records.ts';
import { mayAdoptConclusions } from '#lib/domain/decision.ts';

export async function adoptConclusions(db: Db, user: { id: string; isOffice: boolean }, meetingId: string) {
	const actor = actorFor(db, user, meetingId);
	const docName = meetingDocName(meetingId);
	await command(db, { meetingId, docs: [docName] }, ({ tx, live, record }) => {
		const units = tx
			.select({ id: textUnits.id, kind: textUnits.kind, status: textUnits.status })
			.from(textUnits)
			.where(eq(textUnits.meetingId, meetingId))
			.all();
		const adoptedAt = tx
			.select({ at: meetings.conclusionsAdoptedAt })
			.from(meetings)
			.where(eq(meetings.id, meetingId))
			.get()?.at;
		const d = mayAdoptConclusions(actor, units, !!adoptedAt);
		if (!d.ok) {
			const status = d.reason === 'decision.notMember' ? 404 : d.reason === 'decision.notChair' ? 403 : 409;
			throw new CommandError(status, d.reason, d.pending ? { count: d.pending.length } : undefined);
		}
		const at = new Date();
		tx.update(meetings).set({ conclusionsAdoptedAt: at }).where(eq(meetings.id, meetingId)).run();
		const asAmended = units.some((u) => u.status === 'adopted_as_amended');
		record({
			meetingId,
			type: 'conclusions.adopt',
			actorUserId: user.id,
			membership: actor.membership,
			payload: { asAmended, at: at.toISOString() }
		});
		live.change(docName, (doc) =>
			doc.getMap<unknown>(SERVER_ROOT).set(MEETING_KEYS.conclusions, { adoptedAt: at.getTime(), asAmended })
		);
	});
}
