import { error } from '@sveltejs/kit';
import { getDb } from '#lib/server/db/index.ts';
import { requireAllowed } from '#lib/server/guard.ts';
import { getMeeting } from '#lib/server/meetings/queries.ts';
import { loadDraftText } from '#lib/server/meetings/text-store.ts';
import { tKey } from '#lib/i18n/index.ts';
import type { PageServerLoad } from './$types';

// The projector's view has no meeting bar (`+page@.svelte`), so the meeting layout's check does not run:
// the same check here. Outsiders get 404, as everywhere (POL-2).
export const load: PageServerLoad = (event) => {
	const { actor } = requireAllowed(event, event.params.meetingId, { type: 'meeting.view' });
	const meeting = getMeeting(getDb(), event.params.meetingId);
	if (!meeting) error(404, tKey('policy.notMember'));
	return {
		meeting: { id: meeting.id, title: meeting.title },
		viewerId: actor.userId,
		membership: actor.membership,
		...loadDraftText(getDb(), meeting.id)
	};
};
