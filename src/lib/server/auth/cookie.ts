import type { Cookies } from '@sveltejs/kit';
import { SESSION_COOKIE } from './session.ts';

/**
 * HttpOnly so scripts never see the token; SameSite=Lax so other sites cannot post with it; Secure
 * whenever the app is served over HTTPS, which is how production runs (ORIGIN=https://…). Over plain
 * http (a laptop demo) a Secure cookie would be dropped by some browsers and nobody could sign in.
 */
export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: Date): void {
	cookies.set(SESSION_COOKIE, token, {
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		expires: expiresAt,
		path: '/'
	});
}

export function clearSessionCookie(cookies: Cookies, url: URL): void {
	cookies.delete(SESSION_COOKIE, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:'
	});
}
