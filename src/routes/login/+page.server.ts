import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '#lib/server/db/index.ts';
import { signIn } from '#lib/server/auth/sign-in.ts';
import { throttles } from '#lib/server/auth/throttles.ts';
import { setSessionCookie } from '#lib/server/auth/cookie.ts';
import { safeNext } from '#lib/server/auth/safe-next.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next')));
};

export const actions: Actions = {
	default: async ({ request, cookies, url, locals, getClientAddress }) => {
		const form = await request.formData();
		const username = String(form.get('username') ?? '');
		const password = String(form.get('password') ?? '');
		if (!username || !password) return fail(400, { username, error: 'login.missing' as const, wait: 0 });
		// Signing in again in this browser ends the session it held (AUTH-7): its token must not outlive it.
		const result = await signIn(getDb(), throttles, {
			username,
			password,
			address: getClientAddress(),
			replacesSession: locals.session?.id ?? null
		});
		if (!result.ok && result.error === 'throttled')
			return fail(429, { username, error: 'login.throttled' as const, wait: result.waitSeconds });
		if (!result.ok) return fail(400, { username, error: 'login.invalid' as const, wait: 0 });
		setSessionCookie(cookies, url, result.token, result.session.expiresAt);
		redirect(303, safeNext(url.searchParams.get('next')));
	}
};
