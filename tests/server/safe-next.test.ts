// Where signing in leads (SEC-1): the rule on its own; login-route.test.ts drives it through the handler.
import { describe, expect, it } from 'vitest';
import { safeNext } from '#lib/server/auth/safe-next.ts';

describe('safeNext (SEC-1)', () => {
	it('SEC-1: keeps a path on this site, query and fragment included', () => {
		expect(safeNext('/meetings/ttmlm-2013')).toBe('/meetings/ttmlm-2013');
		expect(safeNext('/meetings/ttmlm-2013/record?sitting=2#s3')).toBe(
			'/meetings/ttmlm-2013/record?sitting=2#s3'
		);
		expect(safeNext('/search?q=//not-a-host')).toBe('/search?q=//not-a-host');
	});

	it('SEC-1: sends anything that could lead to another site home', () => {
		const crafted = [
			null,
			'',
			'https://evil.example/',
			'evil.example',
			'//evil.example/',
			'/\\evil.example/', // ?next=/%5Cevil.example/
			'/\t/evil.example/', // ?next=/%09/evil.example/
			'/\n/evil.example/',
			'/\r\n/evil.example/',
			'/.//evil.example/',
			'/a/..//evil.example/',
			'/%2e%2e//evil.example/',
			'\\\\evil.example',
			'javascript:alert(1)'
		];
		for (const next of crafted) expect(safeNext(next), JSON.stringify(next)).toBe('/');
	});

	it('SEC-1: whatever it returns stays on this site when a browser resolves it', () => {
		const base = 'https://drafting.example.org/login';
		for (const next of ['/x', '/\\evil', '/\t/evil', '/.//evil', '/ok/../../..//evil', '/%5C%5Cevil'])
			expect(new URL(safeNext(next), base).origin, JSON.stringify(next)).toBe('https://drafting.example.org');
	});
});
