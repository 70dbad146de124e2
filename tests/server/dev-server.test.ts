// `npm run dev` mounts the same collaboration endpoint as production, through the plugin in
// vite.config.ts: a real `vite dev` on a free port, a real sign-in, a real websocket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startViteDev, type ViteDev } from './vite-dev.ts';

const PASSWORD = 'dev-server-test-password';
let dev: ViteDev;
let base = '';

beforeAll(async () => {
	dev = await startViteDev(PASSWORD);
	base = dev.base;
}, 90_000);
afterAll(() => dev?.stop());

async function signInCookie(): Promise<string> {
	const response = await fetch(`${base}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ username: 'observer', password: PASSWORD })
	});
	const cookie = response.headers.getSetCookie().find((c) => c.startsWith('session='));
	if (!cookie) throw new Error(`no session cookie (status ${response.status})`);
	return cookie.split(';')[0]!;
}

function firstMessage(cookie: string | null): Promise<string> {
	return new Promise((resolve) => {
		const headers: Record<string, string> = { origin: base };
		if (cookie) headers.cookie = cookie;
		const ws = new WebSocket(`${base.replace('http', 'ws')}/collab/meeting/ttmlm-2013`, { headers });
		ws.on('message', () => {
			resolve('message');
			ws.close();
		});
		ws.on('unexpected-response', (_req, res) => resolve(`refused ${res.statusCode}`));
		ws.on('error', (e) => resolve(`error ${e.message}`));
	});
}

describe('npm run dev', () => {
	it('seeds the demo and serves /collab on the dev server for a signed-in member only', async () => {
		expect(await firstMessage(null)).toBe('refused 401');
		expect(await firstMessage(await signInCookie())).toBe('message');
	}, 60_000);
});
