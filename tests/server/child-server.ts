// The collaboration server in a process of its own (tests/server/fixtures/collab-server-child.ts), for the
// kill -9 tests and the abuse bench, and a stock y-websocket client signed in to it.
import { spawn, type ChildProcess } from 'node:child_process';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { Db } from '#lib/server/db/index.ts';
import { createSession, generateSessionToken } from '#lib/server/auth/session.ts';
import { demoUser } from './demo-users.ts';

export interface ChildServer {
	child: ChildProcess;
	/** The port it listens on, once it says "listening <port>"; rejects if it exits before. */
	port: Promise<number>;
}

/**
 * Spawns the child server on the database file at `databasePath`, on 127.0.0.1:`port` (0: any). Its
 * standard input is a pipe only when asked for (`crash-in-command` lines); its errors go to ours. `env`
 * adds to its environment (REDIS_URL and NODE_ID for one node of several).
 */
export function startChildServer(
	databasePath: string,
	{
		port = 0,
		stdin = 'ignore',
		env = {}
	}: { port?: number; stdin?: 'ignore' | 'pipe'; env?: Record<string, string> } = {}
): ChildServer {
	const child = spawn(process.execPath, ['tests/server/fixtures/collab-server-child.ts'], {
		env: { ...process.env, ...env, DATABASE_PATH: databasePath, PORT: String(port) },
		stdio: [stdin, 'pipe', 'inherit']
	});
	let out = '';
	const listening = new Promise<number>((resolve, reject) => {
		child.stdout!.on('data', (chunk: Buffer) => {
			out += chunk.toString();
			const m = out.match(/listening (\d+)/);
			if (m) resolve(Number(m[1]));
		});
		child.once('exit', (code) => reject(new Error(`server exited early (${code}): ${out}`)));
	});
	return { child, port: listening };
}

/** A fresh session of the demo account `username`, as the cookie a browser sends with it. */
export function sessionCookie(db: Db, username: string): string {
	const user = demoUser(db, username);
	const token = generateSessionToken();
	createSession(db, token, user.id);
	return `session=${token}`;
}

/**
 * A y-websocket client of `docName` on the server at 127.0.0.1:`port`, signed in as `username` (a fresh
 * session's cookie and the site's origin on its handshake). `options` go to the provider as they are.
 */
export function authenticatedProvider(
	db: Db,
	port: number,
	username: string,
	docName: string,
	options: { maxBackoffTime?: number } = {}
): { doc: Y.Doc; provider: WebsocketProvider } {
	const headers = { cookie: sessionCookie(db, username), origin: `http://127.0.0.1:${port}` };
	class Authenticated extends WebSocket {
		constructor(url: string) {
			super(url, { headers });
		}
	}
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(`ws://127.0.0.1:${port}/collab`, docName, doc, {
		WebSocketPolyfill: Authenticated as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		...options
	});
	return { doc, provider };
}
