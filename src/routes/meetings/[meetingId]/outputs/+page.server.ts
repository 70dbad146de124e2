// The Outputs page: what the meeting has produced, in every format it comes in.
import { getDb } from '#lib/server/db/index.ts';
import { requireAllowed } from '#lib/server/guard.ts';
import { meetingHeading } from '#lib/server/outputs/heading.ts';
import { FORMATS_OF, OUTPUT_WHATS } from '#lib/domain/outputs/model.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await event.parent();
	requireAllowed(event, event.params.meetingId, { type: 'meeting.view' });
	return {
		adoptedOn: meetingHeading(getDb(), event.params.meetingId)?.adoptedOn ?? null,
		outputs: OUTPUT_WHATS.map((what) => ({ what, formats: [...FORMATS_OF[what]] }))
	};
};
