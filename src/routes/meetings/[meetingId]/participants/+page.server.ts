import { fail } from '@sveltejs/kit';
import { getDb } from '#lib/server/db/index.ts';
import { addParticipant, removeParticipant, updateParticipant } from '#lib/server/meetings/commands.ts';
import { fieldErrors, membershipInput, participantInput } from '#lib/server/meetings/inputs.ts';
import { listParticipants } from '#lib/server/meetings/queries.ts';
import { requireAllowed, tryCommand } from '#lib/server/guard.ts';
import type { Actions, PageServerLoad } from './$types';

async function readForm(request: Request) {
	const form = await request.formData();
	const field = (name: string) => String(form.get(name) ?? '');
	return {
		participantId: field('participantId'),
		username: field('username'),
		displayName: field('displayName'),
		groupId: field('groupId'),
		country: field('country'),
		roles: form.getAll('roles').map(String)
	};
}

export const load: PageServerLoad = (event) => {
	requireAllowed(event, event.params.meetingId, { type: 'meeting.manage' });
	return { participants: listParticipants(getDb(), event.params.meetingId) };
};

export const actions: Actions = {
	add: async (event) => {
		const { user } = requireAllowed(event, event.params.meetingId, { type: 'meeting.manage' });
		const values = await readForm(event.request);
		const parsed = participantInput.safeParse(values);
		if (!parsed.success)
			return fail(400, { action: 'add' as const, values, errors: fieldErrors(parsed.error) });
		const added = await tryCommand(() => addParticipant(getDb(), user, event.params.meetingId, parsed.data));
		if (!added.ok) return fail(added.status, { action: 'add' as const, values, refusal: added.message });
		return {
			action: 'add' as const,
			added: { username: parsed.data.username, oneTimePassword: added.value.oneTimePassword }
		};
	},
	update: async (event) => {
		const { user } = requireAllowed(event, event.params.meetingId, { type: 'meeting.manage' });
		const values = await readForm(event.request);
		const parsed = membershipInput.safeParse(values);
		if (!parsed.success)
			return fail(400, { action: 'update' as const, values, errors: fieldErrors(parsed.error) });
		const done = await tryCommand(() =>
			updateParticipant(getDb(), user, event.params.meetingId, values.participantId, parsed.data)
		);
		if (!done.ok) return fail(done.status, { action: 'update' as const, values, refusal: done.message });
		return { action: 'update' as const, updated: values.participantId };
	},
	remove: async (event) => {
		const { user } = requireAllowed(event, event.params.meetingId, { type: 'meeting.manage' });
		const values = await readForm(event.request);
		const done = await tryCommand(() =>
			removeParticipant(getDb(), user, event.params.meetingId, values.participantId)
		);
		if (!done.ok) return fail(done.status, { action: 'remove' as const, values, refusal: done.message });
		return { action: 'remove' as const, removed: values.participantId };
	}
};
