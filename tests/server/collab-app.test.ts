// The collaboration endpoint as the app mounts it: sessions from a real SQLite file, the domain policy,
// and the meeting document built from the stored draft, reached by the stock y-websocket client.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createCollabServer, type CollabServer } from '../../server/collab/index.ts';
import { collabDeps } from '../../server/collab-app.ts';
import { waitFor } from '../../server/collab/test-kit.ts';
import { createSession, generateSessionToken } from '#lib/server/auth/session.ts';
import { users } from '#lib/server/db/schema.ts';
import { hashPassword } from '#lib/server/auth/password.ts';
import { DEMO_MEETING_ID, seedDemo } from '#lib/server/demo/seed.ts';
import { loadDraftText } from '#lib/server/meetings/text-store.ts';
import { numberedView } from '#lib/domain/numbering.ts';
import { eq } from 'drizzle-orm';
import { tempDb } from './temp-db.ts';

let t: ReturnType<typeof tempDb>;
let server: http.Server;
let collab: CollabServer;
let base: string;
const providers: WebsocketProvider[] = [];

function cookieFor(username: string): string {
	const user = t.db.select().from(users).where(eq(users.username, username)).get()!;
	const token = generateSessionToken();
	createSession(t.db, token, user.id);
	return `session=${token}`;
}

/** The HTTP status the upgrade was refused with, or 101 when it was accepted. */
function upgradeStatus(docName: string, headers: Record<string, string>): Promise<number> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(`${base}/collab/${docName}`, { headers });
		ws.on('open', () => {
			ws.close();
			resolve(101);
		});
		ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
		ws.on('error', reject);
	});
}

function connect(docName: string, cookie: string): Y.Doc {
	const doc = new Y.Doc();
	const origin = base.replace('ws:', 'http:');
	class Authenticated extends WebSocket {
		constructor(url: string) {
			super(url, { headers: { cookie, origin } });
		}
	}
	const [prefix, ...room] = `collab/${docName}`.split('/');
	providers.push(
		new WebsocketProvider(`${base}/${prefix}`, room.join('/'), doc, {
			WebSocketPolyfill: Authenticated as unknown as typeof globalThis.WebSocket,
			disableBc: true
		})
	);
	return doc;
}

beforeEach(async () => {
	t = tempDb();
	await seedDemo(t.db, 'collab-test-password');
	const outsiderHash = await hashPassword('outsider password');
	t.db
		.insert(users)
		.values({ id: 'outsider', username: 'outsider', displayName: 'Outsider', passwordHash: outsiderHash })
		.run();
	collab = createCollabServer(collabDeps(t.db), { idleUnloadMs: 0 });
	server = http.createServer((_req, res) => res.end());
	server.on('upgrade', (req, socket, head) => {
		if (!collab.handleUpgrade(req, socket, head)) socket.destroy();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	base = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
	for (const p of providers.splice(0)) p.destroy();
	await collab.close();
	await new Promise((resolve) => server.close(resolve));
	t.cleanup();
});

describe('the collaboration endpoint, as mounted by the app', () => {
	it('gives a member the meeting document: every unit of the stored draft, by stable id', async () => {
		const doc = connect(`meeting/${DEMO_MEETING_ID}`, cookieFor('observer'));
		const texts = doc.getMap<Y.Text>('texts');
		const { text } = loadDraftText(t.db, DEMO_MEETING_ID);
		const para5 = numberedView(text).body.find((b) => b.kind === 'paragraph' && b.number === '5');
		const sub = para5?.kind === 'paragraph' ? para5.subparagraphs[2]! : null;
		expect(sub?.reference).toBe('5(iii)');
		await waitFor(() => texts.size === 7 + 5 + 9 + 32 + 1 + 1);
		expect(texts.get(sub!.id)?.toString()).toMatch(/^In collaboration with constituents/);
		expect(doc.getMap('server').get('statuses')).toMatchObject({ [sub!.id]: 'draft' });
	});

	it('refuses at the upgrade: no session 401, a foreign origin 403, a non-member 404', async () => {
		const origin = base.replace('ws:', 'http:');
		const doc = `meeting/${DEMO_MEETING_ID}`;
		expect(await upgradeStatus(doc, { origin })).toBe(401);
		expect(await upgradeStatus(doc, { origin, cookie: 'session=forged' })).toBe(401);
		expect(await upgradeStatus(doc, { origin: 'https://evil.example', cookie: cookieFor('chair') })).toBe(
			403
		);
		expect(await upgradeStatus(doc, { origin, cookie: cookieFor('outsider') })).toBe(404);
		expect(await upgradeStatus('meeting/no-such-meeting', { origin, cookie: cookieFor('chair') })).toBe(404);
		expect(await upgradeStatus(doc, { origin, cookie: cookieFor('chair') })).toBe(101);
	});

	it('records refused upgrades as security events', async () => {
		const origin = base.replace('ws:', 'http:');
		await upgradeStatus(`meeting/${DEMO_MEETING_ID}`, { origin, cookie: cookieFor('outsider') });
		const rows = t.db.$client.prepare(`SELECT type, user_id FROM security_events`).all();
		expect(rows).toContainEqual({ type: 'collab.upgrade-refused', user_id: 'outsider' });
	});
});

describe('group rooms', () => {
	it("open only to the group's own members", async () => {
		const origin = base.replace('ws:', 'http:');
		const room = `group/${DEMO_MEETING_ID}/workers`;
		expect(await upgradeStatus(room, { origin, cookie: cookieFor('wkr-member') })).toBe(101);
		expect(await upgradeStatus(room, { origin, cookie: cookieFor('wkr-secretary') })).toBe(101);
		expect(await upgradeStatus(room, { origin, cookie: cookieFor('emp-secretary') })).toBe(403);
		expect(await upgradeStatus(room, { origin, cookie: cookieFor('secretariat') })).toBe(403);
		expect(await upgradeStatus(room, { origin, cookie: cookieFor('chair') })).toBe(403);
		expect(await upgradeStatus(room, { origin, cookie: cookieFor('outsider') })).toBe(404);
		expect(
			await upgradeStatus(`group/${DEMO_MEETING_ID}/chairs`, { origin, cookie: cookieFor('chair') })
		).toBe(404);
		expect(
			await upgradeStatus(`group/${DEMO_MEETING_ID}/employers`, { origin, cookie: cookieFor('emp-member') })
		).toBe(101);
	});
});
