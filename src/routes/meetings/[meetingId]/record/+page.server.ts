import { asc, eq } from 'drizzle-orm';
import { fail } from '@sveltejs/kit';
import { getDb } from '#lib/server/db/index.ts';
import { meetings, sittings } from '#lib/server/db/schema.ts';
import { requireAllowed, tryCommand } from '#lib/server/guard.ts';
import { setCurrentSitting } from '#lib/server/decisions/commands.ts';
import { recordOfProceedings } from '#lib/server/record/proceedings.ts';
import { renderPhrase } from '#lib/i18n/index.ts';
import type { Actions, PageServerLoad } from './$types';

// The layout has already refused anyone who is not in the meeting. The sentences are rendered here, in
// the reader's language: the page only lays them out.
export const load: PageServerLoad = async ({ params, parent, locals }) => {
	await parent();
	const db = getDb();
	const record = recordOfProceedings(db, locals.user?.id ?? '', params.meetingId);
	return {
		sittings: record.map((s) => ({
			sitting: s.sitting,
			entries: s.entries.map((e) => ({ seq: e.seq, at: e.at.getTime(), sentence: renderPhrase(e.sentence) }))
		})),
		// For the secretariat's "sitting in progress": the record files what follows under it.
		allSittings: db
			.select({ id: sittings.id, number: sittings.number, date: sittings.date })
			.from(sittings)
			.where(eq(sittings.meetingId, params.meetingId))
			.orderBy(asc(sittings.number))
			.all(),
		currentSittingId:
			db
				.select({ id: meetings.currentSittingId })
				.from(meetings)
				.where(eq(meetings.id, params.meetingId))
				.get()?.id ?? null
	};
};

export const actions: Actions = {
	sitting: async (event) => {
		const { user } = requireAllowed(event, event.params.meetingId, { type: 'meeting.manage' });
		const value = String((await event.request.formData()).get('sittingId') ?? '');
		const done = await tryCommand(() =>
			setCurrentSitting(getDb(), user, event.params.meetingId, value === '' ? null : value)
		);
		if (!done.ok) return fail(done.status, { message: done.message });
		return { done: true };
	}
};
