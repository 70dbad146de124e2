import { redirect } from '@sveltejs/kit';
import { getDb } from '#lib/server/db/index.ts';
import { invalidateSession } from '#lib/server/auth/session.ts';
import { clearSessionCookie } from '#lib/server/auth/cookie.ts';
import type { Actions, PageServerLoad } from './$types';

// Signing out is a POST (a link that signs you out could be triggered by any page); GET just goes home.
export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: ({ locals, cookies, url }) => {
		if (locals.session) invalidateSession(getDb(), locals.session.id);
		clearSessionCookie(cookies, url);
		redirect(303, '/login');
	}
};
