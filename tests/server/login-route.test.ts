// The sign-in page, the hooks and the response headers through the real SvelteKit handler (`vite dev`,
// the app's own hooks, routes and config) over HTTP (issue 11, point 9).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startViteDev, type ViteDev } from './vite-dev.ts';

const PASSWORD = 'login-route-test-password';
let dev: ViteDev;
let base = '';

beforeAll(async () => {
	dev = await startViteDev(PASSWORD);
	base = dev.base;
}, 90_000);
afterAll(() => dev?.stop());

function postLogin(query: string, cookie?: string): Promise<Response> {
	// As a browser's form posts it (without `accept: text/html` SvelteKit answers as to `use:enhance`).
	const headers: Record<string, string> = {
		origin: base,
		accept: 'text/html',
		'content-type': 'application/x-www-form-urlencoded'
	};
	if (cookie) headers.cookie = cookie;
	return fetch(`${base}/login${query}`, {
		method: 'POST',
		redirect: 'manual',
		headers,
		body: new URLSearchParams({ username: 'observer', password: PASSWORD })
	});
}

function sessionCookie(response: Response): string {
	const cookie = response.headers.getSetCookie().find((c) => c.startsWith('session='));
	if (!cookie) throw new Error(`no session cookie (status ${response.status})`);
	return cookie.split(';')[0]!;
}

const get = (path: string, cookie?: string) =>
	fetch(`${base}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });

describe('where signing in leads (SEC-1)', () => {
	it('SEC-1: a ?next= that would leave the site goes home instead, after signing in and when already signed in', async () => {
		const crafted = ['/%5Cevil.example/', '/%09/evil.example/', '//evil.example/', 'https://evil.example/'];
		for (const next of crafted) {
			const response = await postLogin(`?next=${next}`);
			expect(`${next}: ${response.status} ${response.headers.get('location')}`).toBe(`${next}: 303 /`);
		}
		const cookie = sessionCookie(await postLogin(''));
		for (const next of crafted) {
			const response = await get(`/login?next=${next}`, cookie);
			expect(`${next}: ${response.status} ${response.headers.get('location')}`).toBe(`${next}: 303 /`);
		}
		const inside = await postLogin(`?next=${encodeURIComponent('/meetings/ttmlm-2013?tab=text#p5')}`);
		expect(inside.headers.get('location')).toBe('/meetings/ttmlm-2013?tab=text#p5');
	}, 60_000);
});

describe('security headers (SEC-2)', () => {
	const expectCommonHeaders = (response: Response) => {
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		expect(response.headers.get('x-frame-options')).toBe('DENY');
		expect(response.headers.get('referrer-policy')).toBe('same-origin');
		expect(response.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
	};

	it('SEC-2: a page carries a CSP with a script nonce and no inline scripts, and the other headers', async () => {
		const page = await get('/login');
		expect(page.status).toBe(200);
		expectCommonHeaders(page);
		const csp = page.headers.get('content-security-policy')!;
		const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src '))!;
		expect(scriptSrc).toMatch(/'self'/);
		expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
		expect(scriptSrc).not.toMatch(/unsafe-inline/);
		expect(csp).toMatch(/default-src 'self'/);
		expect(csp).toMatch(/object-src 'none'/);
		expect(csp).toMatch(/base-uri 'self'/);
		// Every inline script SvelteKit wrote carries the nonce the header allows.
		const nonce = scriptSrc.match(/'nonce-([^']+)'/)![1]!;
		const html = await page.text();
		const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((m) => m[1]!);
		expect(inline.length).toBeGreaterThan(0);
		for (const attributes of inline) expect(attributes).toContain(`nonce="${nonce}"`);
	}, 60_000);

	it('SEC-2: an endpoint response (a download) and a refusal carry them too', async () => {
		const cookie = sessionCookie(await postLogin(''));
		const file = await get('/meetings/ttmlm-2013/outputs/conclusions.txt', cookie);
		expect(file.status).toBe(200);
		expectCommonHeaders(file);
		expect(file.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
		const refused = await get('/meetings/ttmlm-2013/outputs/conclusions.rtf', cookie);
		expect(refused.status).toBe(400);
		expectCommonHeaders(refused);
	}, 60_000);
});

describe('signing in again in the same browser (AUTH-7)', () => {
	it('AUTH-7: ends the session the browser held, so its old cookie no longer works', async () => {
		const first = sessionCookie(await postLogin(''));
		expect((await get('/', first)).status).toBe(200);
		const second = sessionCookie(await postLogin('', first));
		expect(second).not.toBe(first);
		expect((await get('/', second)).status).toBe(200);
		const old = await get('/', first);
		expect(`${old.status} ${old.headers.get('location')}`).toBe('303 /login?next=%2F');
	}, 60_000);
});
