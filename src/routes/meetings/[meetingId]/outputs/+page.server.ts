// The Outputs page: what the meeting has produced, in every format it comes in.
import { eq } from 'drizzle-orm';
import { getDb } from '#lib/server/db/index.ts';
import { meetings } from '#lib/server/db/schema.ts';
import { localDay } from '#lib/server/events.ts';
import { requireAllowed } from '#lib/server/guard.ts';
import { FORMATS_OF, OUTPUT_WHATS } from '#lib/domain/outputs/model.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await event.parent();
	requireAllowed(event, event.params.meetingId, { type: 'meeting.view' });
	const adoptedAt = getDb()
		.select({ at: meetings.conclusionsAdoptedAt })
		.from(meetings)
		.where(eq(meetings.id, event.params.meetingId))
		.get()?.at;
	return {
		adoptedOn: adoptedAt ? localDay(adoptedAt) : null,
		outputs: OUTPUT_WHATS.map((what) => ({ what, formats: [...FORMATS_OF[what]] }))
	};
};
