// `npm run dev` mounts the same collaboration endpoint as production, through the plugin in
// vite.config.ts: a real `vite dev` on a free port, a real sign-in, a real websocket.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';

let vite: ChildProcess;
let base = '';
let dir = '';

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dr-dev-'));
	const env: NodeJS.ProcessEnv = {
		...process.env,
		DATABASE_PATH: path.join(dir, 'dev.db'),
		DEMO_PASSWORD: 'dev-server-test-password'
	};
	delete env.VITEST; // the plugin stays out of vitest's own Vite server, not out of this one
	vite = spawn(
		process.execPath,
		['node_modules/vite/bin/vite.js', 'dev', '--port', '0', '--host', '127.0.0.1'],
		{
			env,
			stdio: ['ignore', 'pipe', 'pipe']
		}
	);
	let output = '';
	base = await new Promise<string>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`vite dev did not start:\n${output}`)), 60_000);
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			// eslint-disable-next-line no-control-regex -- Vite colours its output
			const m = output.replace(/\x1b\[[0-9;]*m/g, '').match(/Local:\s+(http:\/\/\S+?)\/?\s/);
			if (m) {
				clearTimeout(timer);
				resolve(m[1]!);
			}
		};
		vite.stdout!.on('data', onData);
		vite.stderr!.on('data', onData);
		vite.once('exit', (code) => reject(new Error(`vite dev exited (${code}):\n${output}`)));
	});
}, 90_000);

afterAll(async () => {
	if (vite && vite.exitCode === null) {
		vite.kill('SIGTERM');
		await new Promise((resolve) => vite.once('exit', resolve));
	}
	fs.rmSync(dir, { recursive: true, force: true });
});

async function signInCookie(): Promise<string> {
	const response = await fetch(`${base}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ username: 'observer', password: 'dev-server-test-password' })
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
