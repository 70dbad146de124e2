import { getDb } from '#lib/server/db/index.ts';
import { loadDraftText } from '#lib/server/meetings/text-store.ts';
import type { PageServerLoad } from './$types';

// The layout has already refused anyone who is not in the meeting.
export const load: PageServerLoad = async ({ params, parent }) => {
	await parent();
	return loadDraftText(getDb(), params.meetingId);
};
