// kill -9 at any moment loses nothing anyone has seen: the server runs in a child process, two members
// type without pause, the server is killed at a random moment and restarted on the same port; what
// each client had received from the other before the kill must be on the restarted server, and the
// clients reconnect by themselves and converge.
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { waitFor } from '../../server/collab/test-kit.ts';
import { DEMO_MEETING_ID, seedDemo } from '#lib/server/demo/seed.ts';
import { loadDraftText } from '#lib/server/meetings/text-store.ts';
import { authenticatedProvider, startChildServer } from './child-server.ts';
import { tempDb } from './temp-db.ts';
import { seededRandom } from '../support/seeded-random.ts';

const SEED = Number(process.env.CRASH_SEED ?? 20131108);
const ROUNDS = 4;

let t: ReturnType<typeof tempDb>;
let child: ChildProcess | null = null;
const providers: WebsocketProvider[] = [];

async function startServer(port: number): Promise<number> {
	const server = startChildServer(t.file, { port });
	child = server.child;
	return server.port;
}

function killServer(): Promise<void> {
	const c = child!;
	child = null;
	return new Promise((resolve) => {
		c.once('exit', () => resolve());
		c.kill('SIGKILL');
	});
}

function connect(port: number, username: string): { doc: Y.Doc; provider: WebsocketProvider } {
	const { doc, provider } = authenticatedProvider(t.db, port, username, `meeting/${DEMO_MEETING_ID}`, {
		maxBackoffTime: 200
	});
	providers.push(provider);
	return { doc, provider };
}

const texts = (doc: Y.Doc) => doc.getMap<Y.Text>('texts');
const clockOf = (doc: Y.Doc, client: number) =>
	Y.decodeStateVector(Y.encodeStateVector(doc)).get(client) ?? 0;

beforeAll(async () => {
	t = tempDb();
	await seedDemo(t.db, 'crash-test-password');
});
afterAll(async () => {
	for (const p of providers) p.destroy();
	if (child) await killServer();
	t.cleanup();
});

describe('the collaboration server under kill -9', () => {
	it(`keeps every update any client received, and clients converge by themselves (seed ${SEED})`, async () => {
		const random = seededRandom(SEED);
		const port = await startServer(0);
		const a = connect(port, 'wkr-member');
		const b = connect(port, 'emp-member');
		await waitFor(() => a.provider.synced && b.provider.synced && texts(a.doc).size > 0, 10_000);
		const { text } = loadDraftText(t.db, DEMO_MEETING_ID);
		const paragraphs = text.body.filter((x) => x.kind === 'paragraph').map((p) => p.id);
		const [pa, pb] = [paragraphs[0]!, paragraphs[1]!];

		let typing = true;
		const type = (who: { doc: Y.Doc }, id: string, letter: string) => {
			const tick = () => {
				if (!typing) return;
				const ytext = texts(who.doc).get(id)!;
				ytext.insert(Math.floor(random() * (ytext.length + 1)), letter);
				setTimeout(tick, 2 + Math.floor(random() * 8));
			};
			tick();
		};
		type(a, pa, 'a');
		type(b, pb, 'b');

		for (let round = 0; round < ROUNDS; round++) {
			// Fresh traffic in both directions since the last restart, then a random moment to strike.
			const [sawA, sawB] = [clockOf(b.doc, a.doc.clientID), clockOf(a.doc, b.doc.clientID)];
			await waitFor(
				() => clockOf(b.doc, a.doc.clientID) > sawA + 5 && clockOf(a.doc, b.doc.clientID) > sawB + 5,
				20_000
			);
			await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 300)));
			// What each has received from the other, read just before the kill.
			const bSawOfA = clockOf(b.doc, a.doc.clientID);
			const aSawOfB = clockOf(a.doc, b.doc.clientID);
			await killServer();
			await startServer(port);
			const probe = connect(port, 'observer');
			await waitFor(() => probe.provider.synced && texts(probe.doc).size > 0, 10_000);
			expect(
				clockOf(probe.doc, a.doc.clientID),
				`round ${round}: A's updates B had seen`
			).toBeGreaterThanOrEqual(bSawOfA);
			expect(
				clockOf(probe.doc, b.doc.clientID),
				`round ${round}: B's updates A had seen`
			).toBeGreaterThanOrEqual(aSawOfB);
			probe.provider.destroy();
		}

		typing = false;
		await waitFor(() => a.provider.wsconnected && b.provider.wsconnected, 10_000);
		const final = connect(port, 'observer');
		await waitFor(() => {
			const ta = texts(a.doc).get(pa)?.toString();
			const tb = texts(b.doc).get(pb)?.toString();
			return (
				final.provider.synced &&
				ta === texts(b.doc).get(pa)?.toString() &&
				ta === texts(final.doc).get(pa)?.toString() &&
				tb === texts(a.doc).get(pb)?.toString() &&
				tb === texts(final.doc).get(pb)?.toString()
			);
		}, 15_000);
		const typedA = [...texts(final.doc).get(pa)!.toString()].filter((c) => c === 'a').length;
		expect(typedA).toBeGreaterThan(10);
	}, 120_000);
});
