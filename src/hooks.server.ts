// Identity is resolved once, here, into event.locals; every page but /login requires a session. Every
// response the app makes leaves with the security headers (SEC-2).
import { redirect } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import type { Handle } from '@sveltejs/kit/hooks';
import { getDb } from '#lib/server/db/index.ts';
import { SESSION_COOKIE, validateSessionToken } from '#lib/server/auth/session.ts';
import { clearSessionCookie, setSessionCookie } from '#lib/server/auth/cookie.ts';
import { SECURITY_HEADERS } from '#lib/server/security-headers.ts';

const PUBLIC_PATHS = ['/login'];
const PASSWORD_PATH = '/account/password';

// SEC-2. Pages get their Content-Security-Policy from SvelteKit (kit.csp in vite.config.ts, with a nonce
// for each inline script); anything else (a download, a refusal, JSON) is no page to run: it may load
// nothing, and its inline styles only for the plain error page SvelteKit falls back to.
const NON_PAGE_CSP =
	"default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
	if (!response.headers.has('content-security-policy'))
		response.headers.set('content-security-policy', NON_PAGE_CSP);
	return response;
};

const authenticate: Handle = async ({ event, resolve }) => {
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

// The headers go on last, over whatever the routes made. (A redirect thrown by the gate above leaves
// without them: it has no body to sniff or frame.)
export const handle = sequence(securityHeaders, authenticate);
