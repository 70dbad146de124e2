import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { HOST_HEADER, PROTOCOL_HEADER, stampOrigin } from '../../server/app-server.ts';
import { isAllowedOrigin } from '../../server/collab-app.ts';
import { setSessionCookie } from '#lib/server/auth/cookie.ts';
import type { Cookies } from '@sveltejs/kit';

const request = (headers: Record<string, string>) =>
	({ headers: { ...headers } }) as unknown as IncomingMessage;

describe('the request origin SvelteKit sees', () => {
	it('is plain http on the Host the client used, whatever origin headers a client forges', () => {
		const req = request({
			host: 'localhost:3000',
			[PROTOCOL_HEADER]: 'https',
			[HOST_HEADER]: 'evil.example'
		});
		stampOrigin(req, null);
		expect(req.headers[PROTOCOL_HEADER]).toBe('http');
		expect(req.headers[HOST_HEADER]).toBe('localhost:3000');
	});

	it('is ORIGIN when configured (behind a TLS proxy)', () => {
		const req = request({ host: '10.0.0.5:3000' });
		stampOrigin(req, new URL('https://drafting.example.org'));
		expect(req.headers[PROTOCOL_HEADER]).toBe('https');
		expect(req.headers[HOST_HEADER]).toBe('drafting.example.org');
	});
});

describe('websocket origins', () => {
	it('must match the configured ORIGIN, or else the host the socket was opened on', () => {
		const req = request({ host: 'localhost:3000' });
		expect(isAllowedOrigin('http://localhost:3000', req, undefined)).toBe(true);
		expect(isAllowedOrigin('http://evil.example', req, undefined)).toBe(false);
		expect(isAllowedOrigin(undefined, req, undefined)).toBe(false);
		expect(isAllowedOrigin('not a url', req, undefined)).toBe(false);
		expect(isAllowedOrigin('https://drafting.example.org', req, 'https://drafting.example.org')).toBe(true);
		expect(isAllowedOrigin('http://localhost:3000', req, 'https://drafting.example.org')).toBe(false);
	});
});

describe('the session cookie', () => {
	function captured(url: string) {
		let options: Record<string, unknown> = {};
		const cookies = {
			set: (_name: string, _value: string, o: Record<string, unknown>) => (options = o)
		} as unknown as Cookies;
		setSessionCookie(cookies, new URL(url), 'token', new Date(0));
		return options;
	}

	it('is HttpOnly and SameSite=Lax always, and Secure when served over https', () => {
		expect(captured('https://drafting.example.org/login')).toMatchObject({
			httpOnly: true,
			sameSite: 'lax',
			secure: true,
			path: '/'
		});
		expect(captured('http://localhost:3000/login')).toMatchObject({
			httpOnly: true,
			sameSite: 'lax',
			secure: false
		});
	});
});
