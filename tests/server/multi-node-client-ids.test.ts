// One Yjs client id claimed at the same moment on two nodes goes to one user (validator README,
// VAL-OWN-1; docs/collab-protocol.md, "Between nodes"). Two collab servers on one database file and a real
// Redis, as in multi-node.test.ts. In each round two drafting members, each on a different node, open the
// meeting with documents forced to the same client id and no presence (so that nothing claims the id
// before they write), then both type as many characters in the same paragraph at once: in one tick, or
// the second a few milliseconds later but before it can have heard of the first. The database decides
// (collab_clients, one row per document and id): for every id exactly one of them owns it, the other's
// socket is refused (4403), and the other's words are nowhere — not on either node, not on disk, not on
// anyone else's screen — while the owner's are everywhere. Many rounds, so that both orders of arrival
// occur: the owner's update relayed to the other node before the other's own update arrives there, and after.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as Y from 'yjs';
import { DEFAULT_ALLOWANCE } from '../../server/collab/budgets.ts';
import { waitFor } from '../../server/collab/test-kit.ts';
import { createDocStore } from '#lib/server/collab-store/store.ts';
import { demoUser } from './demo-users.ts';
import { MEETING_DOC, startCollab, type Client } from './collab-harness.ts';

const ROUNDS = 50;
/** Two drafting-committee members, both allowed to write in paragraph 7. */
const USERS = ['emp-member', 'wkr-member'] as const;
/** How long a refusal (or a word reaching a screen) may take before the round counts as failed. */
const DEADLINE_MS = 3_000;
/**
 * How far apart the two writes are, round after round, in random order: in one tick, or the second a
 * moment later — so that the first one's update has reached the other node, through Redis, before the
 * second's in some rounds and not in others. A round whose second writer has already heard the first
 * (its document then takes a new client id, as Yjs does) is not a claim at once and does not count.
 */
const GAPS = [null, 'next turn', 1, 2, 4] as const;

function gap(kind: (typeof GAPS)[number]): Promise<void> | null {
	if (kind === null) return null;
	if (kind === 'next turn') return new Promise((resolve) => setImmediate(resolve));
	return new Promise((resolve) => setTimeout(resolve, kind));
}

type Node = Awaited<ReturnType<typeof startCollab>>;
let a: Node;
let b: Node;

beforeAll(async () => {
	const redis = inject('redisUrl');
	// Each user opens a socket per round: more upgrades than the default burst allows one user.
	const options = {
		idleUnloadMs: 0,
		allowance: { ...DEFAULT_ALLOWANCE, upgradesPerUser: { burst: 1_000, perSecond: 100 } }
	};
	b = await startCollab(options, undefined, redis);
	a = await startCollab(options, b.file, redis);
});
afterAll(async () => {
	await a?.stop();
	await b?.stop();
});

/** A document that writes under `clientId`. */
function docAs(clientId: number): Y.Doc {
	const doc = new Y.Doc();
	doc.clientID = clientId;
	return doc;
}

/** Distinct random Yjs client ids (uint32, never 0). */
function randomIds(count: number): number[] {
	const ids = new Set<number>();
	while (ids.size < count) ids.add(1 + Math.floor(Math.random() * 0xfffffffe));
	return [...ids];
}

/** A client of `node` as `username` writing under `clientId`, announcing no presence, once synced. */
async function writerAs(node: Node, username: string, clientId: number): Promise<Client> {
	const c = node.connect(username, docAs(clientId));
	// Before the socket opens: the stock provider announces a non-null local state on open, and an
	// announced presence claims its id (VAL-OWN-1). Here only the write may claim it.
	c.provider.awareness.setLocalState(null);
	await waitFor(() => c.provider.synced, DEADLINE_MS);
	return c;
}

/**
 * Closes `c` for good. A document that heard someone else write under its id has taken a new one (Yjs
 * does that), which the provider's awareness never learnt: its goodbye would then fail, so it says it
 * under the id it announced with.
 */
function discard(c: Client): void {
	c.doc.clientID = c.provider.awareness.clientID;
	c.provider.destroy();
}

interface Outcome {
	code: number;
	reason: string;
}

/** How `c`'s socket was closed by the server, or null if it is still open after `ms`. */
function closedWithin(c: Client, ms: number): Promise<Outcome | null> {
	let timer: ReturnType<typeof setTimeout>;
	return Promise.race([
		c.closed.finally(() => clearTimeout(timer)),
		new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)))
	]);
}

describe('VAL-OWN-1 across nodes: one client id written under at once on two nodes', () => {
	it(`goes to one user, refuses the other, and keeps none of the other's words (${ROUNDS} ids)`, async () => {
		const unit = a.unitId('7');
		const watchers = { a: await a.connectSynced('gov-kenya'), b: await b.connectSynced('gov-kenya') };
		const textOn = (node: Node) =>
			node.collab.liveDocument(MEETING_DOC)!.getMap<Y.Text>('texts').get(unit)!.toString();
		const ownersOf = a.db.$client.prepare<[string, number], { user: string }>(
			'SELECT user_id AS user FROM collab_clients WHERE doc_name = ? AND client_id = ?'
		);
		const failures: string[] = [];
		const wins = { A: 0, B: 0 };
		let rounds = 0;
		let heardFirst = 0;

		for (const [round, id] of randomIds(3 * ROUNDS).entries()) {
			if (rounds === ROUNDS) break;
			// Who is on which node alternates, so that neither user is always on the same node.
			const [onA, onB] = round % 2 === 0 ? USERS : ([USERS[1], USERS[0]] as const);
			const sides = [
				{ node: 'A', user: onA, token: `<a${round}>`, client: await writerAs(a, onA, id) },
				{ node: 'B', user: onB, token: `<b${round}>`, client: await writerAs(b, onB, id) }
			] as const;
			const open = sides.map(() => true);
			sides.forEach((side, i) => void side.client.closed.then(() => (open[i] = false)));

			// At once: the second writes before it can have heard of the first's write.
			const [early, late] = Math.random() < 0.5 ? [sides[0], sides[1]] : [sides[1], sides[0]];
			const spacing = GAPS[round % GAPS.length]!;
			early.client.texts.get(unit)!.insert(0, early.token);
			await gap(spacing);
			if (late.client.doc.clientID !== id) {
				heardFirst++;
				for (const side of sides) discard(side.client);
				continue;
			}
			late.client.texts.get(unit)!.insert(0, late.token);
			rounds++;
			const how = `${early.node} first, then ${late.node} after ${spacing ?? 'nothing'}`;

			// The database has decided: one owner, one of the two.
			const problems: string[] = [];
			const owners = await waitFor(() => {
				const rows = ownersOf.all(MEETING_DOC, id);
				return rows.length > 0 && rows.map((r) => r.user);
			}, DEADLINE_MS).catch((): string[] => []);
			const winnerIndex = sides.findIndex((side) => owners.includes(demoUser(a.db, side.user).id));
			if (owners.length !== 1 || winnerIndex < 0) {
				failures.push(`round ${round}, id ${id} (${how}): owners in collab_clients: ${owners.join(', ')}`);
				for (const side of sides) discard(side.client);
				continue;
			}
			const winner = sides[winnerIndex]!;
			const loser = sides[1 - winnerIndex]!;
			wins[winner.node]++;

			// The other one is refused (4403), and its words are nowhere; the owner's are everywhere.
			const refused = await closedWithin(loser.client, DEADLINE_MS);
			if (refused === null) {
				const own = loser.client.texts.get(unit)!.toString().includes(loser.token);
				problems.push(
					`${loser.user}'s socket on node ${loser.node} was not refused within ${DEADLINE_MS} ms ` +
						`(still open: ${open[1 - winnerIndex]}; its own screen shows its ${loser.token}: ${own})`
				);
			} else if (refused.code !== 4403 || !/client id/.test(refused.reason))
				problems.push(`${loser.user} was closed with ${refused.code} ${refused.reason}`);
			const reached = await waitFor(
				() => [watchers.a, watchers.b].every((w) => w.texts.get(unit)!.toString().includes(winner.token)),
				DEADLINE_MS
			).catch(() => false);
			if (!reached) problems.push(`${winner.token} did not reach the clients of both nodes`);
			const places: [string, string][] = [
				['node A', textOn(a)],
				['node B', textOn(b)],
				[
					'the database',
					createDocStore(a.db).loadDoc(MEETING_DOC)!.getMap<Y.Text>('texts').get(unit)!.toString()
				],
				['a client on A', watchers.a.texts.get(unit)!.toString()],
				['a client on B', watchers.b.texts.get(unit)!.toString()]
			];
			for (const [place, text] of places) {
				if (text.includes(loser.token)) problems.push(`the loser's ${loser.token} is in ${place}`);
				if (!text.includes(winner.token)) problems.push(`the owner's ${winner.token} is not in ${place}`);
			}
			if (!open[winnerIndex] || !winner.client.provider.wsconnected)
				problems.push(`the owner's socket (${winner.user} on node ${winner.node}) closed`);
			if (problems.length > 0)
				failures.push(
					`round ${round}, id ${id} (${how}), owner ${winner.user} on ${winner.node}: ${problems.join('; ')}`
				);
			for (const side of sides) discard(side.client);
		}

		console.info(
			`${rounds} ids claimed at once: won on node A ${wins.A}, on node B ${wins.B}; ` +
				`${heardFirst} rounds skipped (the second writer had heard the first); failed: ${failures.length}`
		);
		expect(failures).toEqual([]);
		expect(rounds).toBe(ROUNDS);
	}, 180_000);
});
