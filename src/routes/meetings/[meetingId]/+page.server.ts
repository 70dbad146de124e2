import { getDb } from '#lib/server/db/index.ts';
import { loadDraftText } from '#lib/server/meetings/text-store.ts';
import type { PageServerLoad } from './$types';

// The layout has already refused anyone who is not in the meeting.
export const load: PageServerLoad = async ({ params, parent, locals }) => {
	await parent();
	// The presence list shows the viewer first and counts their other tabs as them.
	return { ...loadDraftText(getDb(), params.meetingId), viewerId: locals.user?.id ?? '' };
};
