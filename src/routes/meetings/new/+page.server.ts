import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '#lib/server/db/index.ts';
import { createMeeting } from '#lib/server/meetings/commands.ts';
import { fieldErrors, meetingInput } from '#lib/server/meetings/inputs.ts';
import { requireAllowed, runCommand } from '#lib/server/guard.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireAllowed(event, null, { type: 'meeting.create' });
};

export const actions: Actions = {
	default: async (event) => {
		const { user } = requireAllowed(event, null, { type: 'meeting.create' });
		const values = Object.fromEntries(await event.request.formData()) as Record<string, string>;
		const parsed = meetingInput.safeParse(values);
		if (!parsed.success) return fail(400, { values, errors: fieldErrors(parsed.error) });
		const id = await runCommand(() => createMeeting(getDb(), user, parsed.data));
		redirect(303, `/meetings/${id}/import`);
	}
};
