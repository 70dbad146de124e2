import { fail, redirect } from '@sveltejs/kit';
import { parsePlainText } from '#lib/domain/import-text.ts';
import { getDb } from '#lib/server/db/index.ts';
import { importDraft } from '#lib/server/meetings/commands.ts';
import { loadDraftText } from '#lib/server/meetings/text-store.ts';
import { requireAllowed, tryCommand } from '#lib/server/guard.ts';
import type { Actions, PageServerLoad } from './$types';

const MAX_SOURCE = 2_000_000; // characters: far beyond any conclusions, well below a memory risk

async function readSource(request: Request) {
	const source = String((await request.formData()).get('source') ?? '');
	return source.length > MAX_SOURCE ? null : source;
}

export const load: PageServerLoad = (event) => {
	requireAllowed(event, event.params.meetingId, { type: 'meeting.manage' });
	const current = loadDraftText(getDb(), event.params.meetingId).text;
	return { hasText: current.body.length > 0 || current.preamble.length > 0 };
};

export const actions: Actions = {
	preview: async (event) => {
		requireAllowed(event, event.params.meetingId, { type: 'meeting.manage' });
		const source = await readSource(event.request);
		if (source === null) return fail(413, { source: '', error: 'import.tooLarge' });
		const result = parsePlainText(source);
		if (!result.ok) return fail(400, { source, error: result.error });
		return { source, preview: { text: result.text, warnings: result.warnings } };
	},
	import: async (event) => {
		const { user } = requireAllowed(event, event.params.meetingId, { type: 'meeting.manage' });
		const source = await readSource(event.request);
		if (source === null) return fail(413, { source: '', error: 'import.tooLarge' });
		// Parsed again from the same source: the server never trusts a structure sent back by the browser.
		const result = parsePlainText(source);
		if (!result.ok) return fail(400, { source, error: result.error });
		// A refusal (amendments exist, a unit is decided) is said beside the form, the source kept.
		const done = await tryCommand(() => importDraft(getDb(), user, event.params.meetingId, result.text));
		if (!done.ok) return fail(done.status, { source, error: done.message });
		redirect(303, `/meetings/${event.params.meetingId}`);
	}
};
