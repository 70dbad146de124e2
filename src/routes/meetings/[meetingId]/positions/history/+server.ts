// Every position recorded on one subject, oldest first (POS-1's history), for the grid's "History".
import { error, json } from '@sveltejs/kit';
import { getDb } from '#lib/server/db/index.ts';
import { requireAllowed } from '#lib/server/guard.ts';
import { positionHistory } from '#lib/server/amendments/queries.ts';
import { tKey } from '#lib/i18n/index.ts';
import type { PositionSubject } from '#lib/domain/position.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => {
	const { user } = requireAllowed(event, event.params.meetingId, { type: 'meeting.view' });
	const kind = event.url.searchParams.get('kind');
	const id = event.url.searchParams.get('id') ?? '';
	if ((kind !== 'amendment' && kind !== 'paragraph') || !id) error(400, tKey('position.unknownSubject'));
	const subject: PositionSubject =
		kind === 'amendment' ? { kind: 'amendment', amendmentId: id } : { kind: 'paragraph', unitId: id };
	const history = positionHistory(getDb(), user.id, event.params.meetingId, subject);
	return json(history.map((h) => ({ ...h, at: h.at.getTime() })));
};
