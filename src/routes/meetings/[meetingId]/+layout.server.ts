import { error } from '@sveltejs/kit';
import { can } from '#lib/domain/policy.ts';
import { getDb } from '#lib/server/db/index.ts';
import { getMeeting } from '#lib/server/meetings/queries.ts';
import { requireAllowed } from '#lib/server/guard.ts';
import { tKey } from '#lib/i18n/index.ts';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = (event) => {
	const { actor } = requireAllowed(event, event.params.meetingId, { type: 'meeting.view' });
	const meeting = getMeeting(getDb(), event.params.meetingId);
	if (!meeting) error(404, tKey('policy.notMember'));
	return {
		meeting: {
			id: meeting.id,
			title: meeting.title,
			venue: meeting.venue,
			startDate: meeting.startDate,
			endDate: meeting.endDate,
			sittings: meeting.sittings.length
		},
		membership: actor.membership,
		canManage: can(actor, { type: 'meeting.manage' }).allowed
	};
};
