import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '#lib/server/db/index.ts';
import { changePassword } from '#lib/server/auth/change-password.ts';
import { MIN_PASSWORD_LENGTH } from '#lib/server/auth/password.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => ({
	mustChange: locals.user?.mustChangePassword ?? false,
	minLength: MIN_PASSWORD_LENGTH
});

export const actions: Actions = {
	default: async ({ request, locals }) => {
		if (!locals.user || !locals.session) redirect(303, '/login');
		const form = await request.formData();
		const error = await changePassword(getDb(), locals.user.id, locals.session.id, {
			current: String(form.get('current') ?? ''),
			next: String(form.get('next') ?? ''),
			confirm: String(form.get('confirm') ?? '')
		});
		if (error) return fail(400, { error });
		redirect(303, '/');
	}
};
