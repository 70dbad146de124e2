// `dr.sh cluster` for real (scripts/cluster.ts, docs/deployment.md): the script starts two app nodes, a
// Redis and HAProxy on a free port, in a temporary folder (DR_CLUSTER_DIR). Through the balancer a page
// loads and members sign in with the form; two stock y-websocket clients land on different nodes (each
// node publishes what it accepts on Redis under its NODE_ID, which is how we know whose it was) and see
// each other's edits; a node stopped with SIGTERM drains (1001) and its client comes back through the
// balancer to the other. SIGTERM to the script stops every process it started.
//
// It runs `node scripts/cluster.ts`, which is what `dr.sh cluster` execs once it has checked the
// dependencies: that check may run `npm ci`, which must never happen under a test run.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as decoding from 'lib0/decoding';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { waitFor } from '../../server/collab/test-kit.ts';
import { openDatabase, type Db } from '#lib/server/db/index.ts';
import { createDocStore } from '#lib/server/collab-store/store.ts';
import { DEMO_MEETING_ID } from '#lib/server/demo/seed.ts';
import { freePort } from '../services/postgres.ts';
import { unitIdByReference } from './unit-ref.ts';

const PASSWORD = 'cluster-script-password';
const DOC = `meeting/${DEMO_MEETING_ID}`;

interface Started {
	balancer: string;
	nodes: Map<string, number>;
	pids: number[];
	redisUrl: string;
}

let dir: string;
let cluster: ChildProcess;
let output = '';
let started: Started;
const exited = () => cluster.exitCode !== null || cluster.signalCode !== null;

/** What the script printed about where everything is, once it has printed all of it. */
function parseSummary(text: string): Started {
	const row = (name: string) => {
		const m = text.match(new RegExp(`^\\s+${name}\\s+(\\S+)\\s+pid (\\d+)`, 'm'));
		if (!m) throw new Error(`no ${name} row in:\n${text}`);
		return { url: m[1]!, pid: Number(m[2]) };
	};
	const balancer = row('balancer');
	const redis = row('redis');
	const nodes = new Map(['node-1', 'node-2'].map((name) => [name, row(name).pid]));
	return {
		balancer: balancer.url,
		nodes,
		pids: [balancer.pid, redis.pid, ...nodes.values()],
		redisUrl: redis.url
	};
}

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dr-cluster-'));
	const port = await freePort();
	const env: NodeJS.ProcessEnv = {
		...process.env,
		PORT: String(port),
		HOST: '127.0.0.1',
		DR_CLUSTER_DIR: dir,
		DEMO_PASSWORD: PASSWORD
	};
	for (const name of ['ORIGIN', 'DATABASE_PATH', 'REDIS_URL', 'NODE_ID', 'DEMO']) delete env[name];
	cluster = spawn(process.execPath, ['scripts/cluster.ts', '2'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(
			() => reject(new Error(`the cluster did not start within 45 s:\n${output}`)),
			45_000
		);
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			if (output.includes('Ctrl-C stops everything')) {
				clearTimeout(timer);
				resolve();
			}
		};
		cluster.stdout!.on('data', onData);
		cluster.stderr!.on('data', onData);
		cluster.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`the cluster exited while starting (${code}):\n${output}`));
		});
	});
	started = parseSummary(output);
	expect(started.balancer).toBe(`http://127.0.0.1:${port}`);
}, 60_000);

afterAll(async () => {
	if (cluster && !exited()) {
		cluster.kill('SIGTERM');
		await new Promise((resolve) => cluster.once('exit', resolve));
	}
	if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function signIn(username: string): Promise<string> {
	const response = await fetch(`${started.balancer}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: started.balancer,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({ username, password: PASSWORD })
	});
	expect(response.status).toBe(303);
	const cookie = response.headers.getSetCookie().find((c) => c.startsWith('session='));
	if (!cookie) throw new Error(`no session cookie for ${username}`);
	return cookie.split(';')[0]!;
}

interface Member {
	doc: Y.Doc;
	provider: WebsocketProvider;
	closes: number[];
}

function connect(cookie: string): Member {
	const headers = { cookie, origin: started.balancer };
	class Authenticated extends WebSocket {
		constructor(url: string) {
			super(url, { headers });
		}
	}
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(`${started.balancer.replace('http:', 'ws:')}/collab`, DOC, doc, {
		WebSocketPolyfill: Authenticated as unknown as typeof globalThis.WebSocket,
		disableBc: true
	});
	const member: Member = { doc, provider, closes: [] };
	provider.on('connection-close', (event) => member.closes.push(event?.code ?? 0));
	return member;
}

/** Each update the nodes publish on the document's channel, with the NODE_ID of the node that accepted it. */
async function listenToNodes(): Promise<{
	updates: { node: string; update: Buffer }[];
	close(): Promise<void>;
}> {
	const updates: { node: string; update: Buffer }[] = [];
	const client = createClient({ url: started.redisUrl });
	await client.connect();
	await client.subscribe(
		`drafting-room:doc:${DOC}`,
		(raw: Buffer) => {
			const decoder = decoding.createDecoder(new Uint8Array(raw));
			const kind = decoding.readVarUint(decoder);
			const node = decoding.readVarString(decoder);
			if (kind !== 0) return; // presence or a re-import
			decoding.readVarUint(decoder); // prev
			decoding.readVarUint(decoder); // seq
			updates.push({ node, update: Buffer.from(decoding.readVarUint8Array(decoder)) });
		},
		true
	);
	return { updates, close: () => client.close() };
}

describe('dr.sh cluster', () => {
	it('serves through HAProxy: sign-in, clients on different nodes editing together, a node drained, all stopped', async () => {
		const { balancer, nodes, pids } = started;
		expect((await fetch(`${balancer}/login`)).status).toBe(200);
		const [employer, worker] = [await signIn('emp-member'), await signIn('wkr-member')];

		const db: Db = openDatabase(path.join(dir, 'drafting-room.db'));
		const unit = unitIdByReference(db, DEMO_MEETING_ID, '7');
		const text = (m: Member) => m.doc.getMap<Y.Text>('texts').get(unit)?.toString() ?? '';
		const bus = await listenToNodes();
		/** The node that accepted the update carrying `words`. */
		const nodeOf = async (words: string) =>
			(await waitFor(() => bus.updates.find((u) => u.update.includes(words)), 10_000)).node;
		const type = async (from: Member, to: Member, words: string) => {
			from.doc.getMap<Y.Text>('texts').get(unit)!.insert(0, words);
			await waitFor(() => text(to).includes(words), 10_000);
			return nodeOf(words);
		};

		// One after the other, so that round robin gives each its own node.
		const a = connect(employer);
		await waitFor(() => a.provider.synced, 10_000);
		const b = connect(worker);
		await waitFor(() => b.provider.synced, 10_000);
		const run = Date.now().toString(36);
		const nodeOfA = await type(a, b, `[a ${run}]`);
		const nodeOfB = await type(b, a, `[b ${run}]`);
		expect([nodeOfA, nodeOfB].sort()).toEqual(['node-1', 'node-2']);

		// A's node drains: A is told to go (1001), comes back through the balancer to B's node, types on.
		process.kill(nodes.get(nodeOfA)!, 'SIGTERM');
		await waitFor(() => a.closes.includes(1001), 10_000);
		await waitFor(() => a.provider.wsconnected && a.provider.synced, 15_000);
		expect(await type(a, b, `[a again ${run}]`)).toBe(nodeOfB);
		await waitFor(() => output.includes(`${nodeOfA} exited (code 0); 1 node left`), 5_000);

		// What the clients see is what the database holds.
		await waitFor(
			() => createDocStore(db).loadDoc(DOC)?.getMap<Y.Text>('texts').get(unit)?.toString() === text(a)
		);
		expect(text(a)).toBe(text(b));
		for (const m of [a, b]) m.provider.destroy();
		await bus.close();
		db.$client.close();

		cluster.kill('SIGTERM');
		const code = await new Promise<number | null>((resolve) => cluster.once('exit', (c) => resolve(c)));
		expect(code).toBe(0);
		expect(output).toContain('Stopped: nodes, HAProxy and Redis.');
		const running = pids.filter((pid) => {
			try {
				process.kill(pid, 0);
				return true;
			} catch {
				return false;
			}
		});
		expect(running).toEqual([]);
		await expect(fetch(`${balancer}/login`)).rejects.toThrow();
	}, 60_000);
});
