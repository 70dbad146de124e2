import { getDb } from '#lib/server/db/index.ts';
import { recordOfProceedings } from '#lib/server/record/proceedings.ts';
import { renderPhrase } from '#lib/i18n/index.ts';
import type { PageServerLoad } from './$types';

// The layout has already refused anyone who is not in the meeting. The sentences are rendered here, in
// the reader's language: the page only lays them out.
export const load: PageServerLoad = async ({ params, parent, locals }) => {
	await parent();
	const sittings = recordOfProceedings(getDb(), locals.user?.id ?? '', params.meetingId);
	return {
		sittings: sittings.map((s) => ({
			sitting: s.sitting,
			entries: s.entries.map((e) => ({ seq: e.seq, at: e.at.getTime(), sentence: renderPhrase(e.sentence) }))
		}))
	};
};
