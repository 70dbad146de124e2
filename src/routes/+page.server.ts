import { getDb } from '#lib/server/db/index.ts';
import { listMeetingsFor } from '#lib/server/meetings/queries.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => ({
	meetings: locals.user ? listMeetingsFor(getDb(), locals.user.id) : [],
	canCreate: locals.user?.isOffice ?? false
});
