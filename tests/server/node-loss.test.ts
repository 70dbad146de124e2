// A node lost mid-meeting (docs/deployment.md): three collab servers, each a process of its own on one
// database file, sharing a real Redis, behind a round-robin balancer with no sticky sessions. Members
// type through the balancer; at a random moment one node is killed with SIGKILL (nothing flushed,
// nothing said) and another is started in its place. Its clients reconnect through the balancer on their
// own. Afterwards every token any client ever saw is in the text, every token anyone typed is too, and
// every client and the database hold the same text. Ten trials, each killing a random node.
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { waitFor } from '../../server/collab/test-kit.ts';
import { createDocStore } from '#lib/server/collab-store/store.ts';
import { DEMO_MEETING_ID, seedDemo } from '#lib/server/demo/seed.ts';
import { startBalancer, type Balancer } from './balancer.ts';
import { authenticatedProvider, startChildServer } from './child-server.ts';
import { tempDb } from './temp-db.ts';
import { unitIdByReference } from './unit-ref.ts';

const DOC = `meeting/${DEMO_MEETING_ID}`;
const TRIALS = 10;
const TYPISTS = ['emp-member', 'wkr-member', 'gov-italy'] as const;

interface Member {
	name: string;
	doc: Y.Doc;
	provider: WebsocketProvider;
	/** Every token this client's copy ever held. */
	seen: Set<string>;
	typed: string[];
}

let t: ReturnType<typeof tempDb>;
let balancer: Balancer;
const nodes = new Map<number, ChildProcess>();
let unit: string;
let serial = 0;

async function startNode(): Promise<number> {
	const started = startChildServer(t.file, {
		env: { REDIS_URL: inject('redisUrl'), NODE_ID: `node-${++serial}` }
	});
	const port = await started.port;
	nodes.set(port, started.child);
	return port;
}

/** A random place outside every token (never inside one, which would break it). */
function boundary(s: string): number {
	const places = [0];
	for (let i = s.indexOf('>'); i !== -1; i = s.indexOf('>', i + 1)) places.push(i + 1);
	return places[Math.floor(Math.random() * places.length)]!;
}
const tokens = (s: string) => s.match(/<[a-z]\d+>/g) ?? [];
const textOf = (doc: Y.Doc) => doc.getMap<Y.Text>('texts').get(unit)?.toString() ?? '';

function member(name: string): Member {
	const { doc, provider } = authenticatedProvider(t.db, balancer.port, name, DOC, { maxBackoffTime: 250 });
	const m: Member = { name, doc, provider, seen: new Set(), typed: [] };
	doc.on('update', () => {
		for (const token of tokens(textOf(doc))) m.seen.add(token);
	});
	return m;
}

let members: Member[];

beforeAll(async () => {
	t = tempDb();
	await seedDemo(t.db, 'node-loss-password');
	unit = unitIdByReference(t.db, DEMO_MEETING_ID, '7');
	const ports = await Promise.all([startNode(), startNode(), startNode()]);
	balancer = await startBalancer(ports);
	members = [...TYPISTS.map(member), member('gov-kenya')];
	await waitFor(() => members.every((m) => m.provider.synced), 10_000);
}, 30_000);

afterAll(async () => {
	for (const m of members ?? []) m.provider.destroy();
	await balancer?.close();
	for (const child of nodes.values()) child.kill('SIGKILL');
	t?.cleanup();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a node killed with SIGKILL while members type through the others', () => {
	it(`loses nothing anyone saw, and everyone converges (${TRIALS} trials)`, async () => {
		// Measured from the kill; the typing goes on for up to 700 ms after it.
		const figures: { killed: string; syncedMs: number; convergedMs: number }[] = [];
		for (let trial = 0; trial < TRIALS; trial++) {
			const ports = [...nodes.keys()];
			const victim = ports[Math.floor(Math.random() * ports.length)]!;
			const killAt = 100 + Math.floor(Math.random() * 600);
			const typing = (async () => {
				for (let i = 0; i < 40; i++) {
					for (const [k, m] of members.slice(0, TYPISTS.length).entries()) {
						const token = `<${'ewg'[k]}${trial * 100 + i}>`;
						const text = m.doc.getMap<Y.Text>('texts').get(unit);
						if (!text) continue;
						text.insert(boundary(text.toString()), token);
						m.typed.push(token);
					}
					await sleep(20);
				}
			})();
			await sleep(killAt);
			nodes.get(victim)!.kill('SIGKILL');
			nodes.delete(victim);
			const killedAt = Date.now();
			balancer.nodes = [...nodes.keys()];
			// A replacement joins the pool, as an orchestrator would start one.
			balancer.nodes.push(await startNode());
			await typing;
			await waitFor(() => members.every((m) => m.provider.wsconnected && m.provider.synced), 15_000);
			const syncedMs = Date.now() - killedAt;
			const converged = () => {
				const first = textOf(members[0]!.doc);
				return members.every((m) => textOf(m.doc) === first);
			};
			await waitFor(converged, 15_000);
			const final = textOf(members[0]!.doc);
			const present = new Set(tokens(final));
			for (const m of members) {
				const lostSeen = [...m.seen].filter((token) => !present.has(token));
				const lostTyped = m.typed.filter((token) => !present.has(token));
				expect({ trial, member: m.name, lostSeen, lostTyped }).toEqual({
					trial,
					member: m.name,
					lostSeen: [],
					lostTyped: []
				});
			}
			figures.push({ killed: `:${victim}`, syncedMs, convergedMs: Date.now() - killedAt });
		}
		// And the database holds what everyone holds.
		await waitFor(() => {
			const stored = createDocStore(t.db).loadDoc(DOC);
			return stored !== null && textOf(stored) === textOf(members[0]!.doc);
		}, 10_000);
		expect(tokens(textOf(members[0]!.doc)).length).toBe(TRIALS * 40 * TYPISTS.length);
		console.log(`node-loss figures: ${JSON.stringify(figures)}`);
	}, 240_000);
});
