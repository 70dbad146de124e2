// The history (issue 5): every moment of the record to choose from; the text at one; two compared; who
// shaped a paragraph. All read-only, from the event log, the unit versions and the live document.
import { getDb } from '#lib/server/db/index.ts';
import { requireAllowed } from '#lib/server/guard.ts';
import { loadDraftText } from '#lib/server/meetings/text-store.ts';
import { recordOfProceedings } from '#lib/server/record/proceedings.ts';
import { compareEvents, textAtEvent } from '#lib/server/record/history.ts';
import { paragraphHistory } from '#lib/server/record/contributors.ts';
import { renderPhrase } from '#lib/i18n/index.ts';
import type { PageServerLoad } from './$types';

const seqParam = (v: string | null) => (v && /^\d+$/.test(v) ? Number(v) : null);

export const load: PageServerLoad = async (event) => {
	await event.parent();
	const { user } = requireAllowed(event, event.params.meetingId, { type: 'meeting.view' });
	const db = getDb();
	const meetingId = event.params.meetingId;
	const moments = recordOfProceedings(db, user.id, meetingId).flatMap((s) =>
		s.entries.map((e) => ({
			seq: e.seq,
			sitting: s.sitting?.number ?? null,
			label: renderPhrase(e.sentence)
		}))
	);
	const q = event.url.searchParams;
	const at = seqParam(q.get('at'));
	const from = seqParam(q.get('from'));
	const to = seqParam(q.get('to'));
	const unit = q.get('unit');
	return {
		moments,
		units: loadDraftText(db, meetingId).text,
		at,
		atText: at !== null ? (textAtEvent(db, user.id, meetingId, at)?.text ?? null) : null,
		from,
		to,
		changes: from !== null && to !== null ? compareEvents(db, user.id, meetingId, from, to) : null,
		unit,
		shaped: unit ? paragraphHistory(db, user.id, meetingId, unit) : null
	};
};
