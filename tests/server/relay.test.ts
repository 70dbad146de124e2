// Live documents between nodes (docs/collab-protocol.md, RLY-1 … RLY-3): two nodes hold one document,
// share a real PostgreSQL document log and a real Redis (tests/services/). An update accepted on one
// node is appended (numbered by the database), applied, then published; the other applies updates in
// seq order, reads any gap back from the database, and finds a lost last message by polling.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as Y from 'yjs';
import { DocFollower } from '../../server/collab/relay/follower.ts';
import { redisBus, type UpdateBus } from '../../server/collab/relay/redis-bus.ts';
import { waitFor } from '../../server/collab/test-kit.ts';
import type { DocLog } from '#lib/server/storage/doc-log.ts';
import { openPostgres } from '#lib/server/storage/pg/open.ts';
import { pgDocLog } from '#lib/server/storage/pg/doc-log.ts';

interface Node {
	log: DocLog;
	bus: UpdateBus;
}

let a: Node;
let b: Node;
beforeAll(async () => {
	const node = async (id: string): Promise<Node> => ({
		log: pgDocLog(await openPostgres(inject('postgresUrl'))),
		bus: await redisBus(inject('redisUrl'), id)
	});
	[a, b] = await Promise.all([node('node-a'), node('node-b')]);
});
afterAll(async () => {
	for (const n of [a, b]) await Promise.all([n.log.close(), n.bus.close()]);
});

/** A node holding `docName`: its copy follows the log, fed by the bus. */
async function hold(node: Node, docName: string) {
	const doc = new Y.Doc();
	const follower = new DocFollower(docName, doc, node.log, 0, 'relay');
	const unsubscribe = await node.bus.subscribe(docName, (m) => {
		if (m.kind === 'update') follower.receive(m.prev, m.seq, m.update);
	});
	return { doc, follower, unsubscribe };
}

/** A node accepts a client's update: durable first (the database numbers it), then applied and published. */
async function accept(
	node: Node,
	held: { follower: DocFollower },
	docName: string,
	update: Uint8Array,
	publish = true
): Promise<number> {
	const { seq, prev } = await node.log.append(docName, update);
	held.follower.receive(prev, seq, update);
	if (publish) await node.bus.publish(docName, { kind: 'update', prev, seq, update });
	return seq;
}

function keystrokes(letters: string, clientId: number): Uint8Array[] {
	const doc = new Y.Doc();
	doc.clientID = clientId;
	const out: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => out.push(u));
	for (const letter of letters) doc.getText('t').insert(doc.getText('t').length, letter);
	return out;
}

const text = (doc: Y.Doc) => doc.getText('t').toString();
const docName = () => `meeting/${crypto.randomUUID()}`;

describe('two nodes, one document', () => {
	it('RLY-1: typing on both nodes at once converges on both, applied in seq order', async () => {
		const name = docName();
		const onA = await hold(a, name);
		const onB = await hold(b, name);
		const applied: number[] = [];
		onB.doc.on('update', () => applied.push(onB.follower.applied));
		const one = keystrokes('abcdefghijklmnopqrstuvwxyz'.repeat(4), 1);
		const two = keystrokes('ABCDEFGHIJKLMNOPQRSTUVWXYZ'.repeat(4), 2);
		await Promise.all([
			(async () => {
				for (const u of one) await accept(a, onA, name, u);
			})(),
			(async () => {
				for (const u of two) await accept(b, onB, name, u);
			})()
		]);
		await waitFor(() => onA.follower.applied === 208 && onB.follower.applied === 208);
		expect(text(onA.doc)).toBe(text(onB.doc));
		expect(text(onA.doc)).toHaveLength(208);
		// Every update went in at the next seq: no document ever held one out of order.
		expect(applied).toEqual(Array.from({ length: 208 }, (_, i) => i + 1));
		// And no struct was left pending (the validator's tripwire, VAL-14).
		expect(onB.doc.store.pendingStructs).toBeNull();
		await Promise.all([onA.unsubscribe(), onB.unsubscribe()]);
	});

	it('RLY-2: messages lost on the bus are read back from the database at the next one', async () => {
		const name = docName();
		const onA = await hold(a, name);
		const onB = await hold(b, name);
		const updates = keystrokes('lost in transit', 3);
		// Every third message is never published: node B sees gaps.
		for (const [i, u] of updates.entries()) await accept(a, onA, name, u, i % 3 !== 1);
		await waitFor(() => onB.follower.applied === updates.length);
		expect(text(onB.doc)).toBe('lost in transit');
		await Promise.all([onA.unsubscribe(), onB.unsubscribe()]);
	});

	it('RLY-3: a last message lost with nothing after it is found by polling the log', async () => {
		const name = docName();
		const onA = await hold(a, name);
		const onB = await hold(b, name);
		const updates = keystrokes('end', 4);
		for (const [i, u] of updates.entries()) await accept(a, onA, name, u, i < updates.length - 1);
		await new Promise((resolve) => setTimeout(resolve, 200));
		// Without polling the last keystroke never arrives.
		expect(text(onB.doc)).toBe('en');
		onB.follower.poll(50);
		await waitFor(() => text(onB.doc) === 'end');
		onB.follower.stop();
		await Promise.all([onA.unsubscribe(), onB.unsubscribe()]);
	});
});
