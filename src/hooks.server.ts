// Identity is resolved once, here, into event.locals; every page but /login requires a session.
import { redirect } from '@sveltejs/kit';
import type { Handle } from '@sveltejs/kit/hooks';
import { getDb } from '#lib/server/db/index.ts';
import { SESSION_COOKIE, validateSessionToken } from '#lib/server/auth/session.ts';
import { clearSessionCookie, setSessionCookie } from '#lib/server/auth/cookie.ts';

const PUBLIC_PATHS = ['/login'];
const PASSWORD_PATH = '/account/password';

export const handle: Handle = async ({ event, resolve }) => {
	const token = event.cookies.get(SESSION_COOKIE);
	event.locals.user = null;
	event.locals.session = null;
	if (token) {
		const result = validateSessionToken(getDb(), token);
		if (result) {
			event.locals.user = result.user;
			event.locals.session = result.session;
			if (result.renewed) setSessionCookie(event.cookies, event.url, token, result.session.expiresAt);
		} else clearSessionCookie(event.cookies, event.url);
	}

	const path = event.url.pathname;
	const isPublic = PUBLIC_PATHS.includes(path) || path.startsWith('/_app/') || path === '/favicon.svg';
	if (!event.locals.user && !isPublic) {
		if (event.request.method !== 'GET') return new Response('Sign in required', { status: 401 });
		redirect(303, `/login?next=${encodeURIComponent(path + event.url.search)}`);
	}
	// Someone holding a password another person chose must set their own before anything else.
	if (event.locals.user?.mustChangePassword && path !== PASSWORD_PATH && path !== '/logout' && !isPublic)
		redirect(303, PASSWORD_PATH);

	return resolve(event);
};
