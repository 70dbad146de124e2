// One contract, every engine: the document log (src/lib/server/storage/doc-log.ts, DLOG-1 … DLOG-6 in
// docs/collab-protocol.md) on SQLite and on a real PostgreSQL (tests/services/), each with two
// connections standing for two nodes sharing the database.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as Y from 'yjs';
import { openDatabase } from '#lib/server/db/index.ts';
import type { DocLog, Linked, StoredLog } from '#lib/server/storage/doc-log.ts';
import { sqliteDocLog } from '#lib/server/storage/sqlite-doc-log.ts';
import { openPostgres } from '#lib/server/storage/pg/open.ts';
import { pgDocLog } from '#lib/server/storage/pg/doc-log.ts';
import { tempDb } from './temp-db.ts';

interface Nodes {
	a: DocLog;
	b: DocLog;
	close(): Promise<void>;
}

const ENGINES: { name: string; dense: boolean; open: () => Promise<Nodes> }[] = [
	{
		name: 'SQLite',
		dense: false,
		async open() {
			const t = tempDb();
			const second = openDatabase(t.file);
			return {
				a: sqliteDocLog(t.db),
				b: sqliteDocLog(second),
				async close() {
					second.$client.close();
					t.cleanup();
				}
			};
		}
	},
	{
		name: 'PostgreSQL',
		dense: true,
		async open() {
			const url = inject('postgresUrl');
			// Two pools opened at once migrate once (advisory lock), as two nodes starting together would.
			const [a, b] = await Promise.all([openPostgres(url), openPostgres(url)]);
			const nodes = { a: pgDocLog(a), b: pgDocLog(b) };
			return {
				...nodes,
				async close() {
					await Promise.all([nodes.a.close(), nodes.b.close()]);
				}
			};
		}
	}
];

/** Keystrokes into a Y.Text, each one update, as a client's would arrive. */
function typist(letters: number, clientId?: number) {
	const doc = new Y.Doc();
	if (clientId !== undefined) doc.clientID = clientId;
	const updates: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => updates.push(u));
	const text = doc.getText('t');
	for (let i = 0; i < letters; i++) text.insert(text.length, String.fromCharCode(97 + (i % 26)));
	return { doc, updates };
}

function rebuilt(stored: StoredLog): Y.Doc {
	const doc = new Y.Doc();
	if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
	for (const u of stored.updates) Y.applyUpdate(doc, u.update);
	return doc;
}

const name = () => `meeting/${crypto.randomUUID()}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(ENGINES)('the document log on $name', ({ open, dense }) => {
	let n: Nodes;
	beforeAll(async () => (n = await open()));
	afterAll(() => n.close());

	it('DLOG-1, DLOG-2: appends are numbered in order and read back after any seq', async () => {
		const doc = name();
		const { updates } = typist(5);
		const seqs: number[] = [];
		for (const u of updates) seqs.push((await n.a.append(doc, u)).seq);
		expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
		expect(new Set(seqs).size).toBe(5);
		const after = await n.b.readSince(doc, seqs[1]!);
		expect(after.map((u) => u.seq)).toEqual(seqs.slice(2));
		expect(after.map((u) => [...u.update])).toEqual(updates.slice(2).map((u) => [...u]));
		expect(await n.b.readSince(name(), 0)).toEqual([]);
	});

	it('DLOG-2: two nodes appending at once — a reader following "since the last seq" misses nothing', async () => {
		const doc = name();
		const one = typist(150, 1);
		const two = typist(150, 2);
		const seen: number[] = [];
		const appended: Linked[] = [];
		let last = 0;
		let writing = true;
		const reader = (async () => {
			while (writing) {
				for (const u of await n.b.readSince(doc, last)) {
					seen.push(u.seq);
					last = u.seq;
				}
				await sleep(1);
			}
		})();
		await Promise.all([
			Promise.all(one.updates.map(async (u) => appended.push(await n.a.append(doc, u)))),
			Promise.all(two.updates.map(async (u) => appended.push(await n.b.append(doc, u))))
		]);
		writing = false;
		await reader;
		for (const u of await n.b.readSince(doc, last)) seen.push(u.seq);
		const all = (await n.a.readSince(doc, 0)).map((u) => u.seq);
		// DLOG-1: each append named the seq before it in the log, whichever node appended that one.
		const links = new Map(appended.map((l) => [l.seq, l.prev]));
		expect(all.map((seq) => links.get(seq))).toEqual([0, ...all.slice(0, -1)]);
		expect(all).toHaveLength(300);
		expect(new Set(all).size).toBe(300);
		// DLOG-1 on PostgreSQL: 1 … 300, no gap, whichever node appended (the relay's RLY-2 needs it).
		if (dense) expect(all).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
		// Followed in steps, the reader saw every update, each once, in order.
		expect(seen).toEqual(all);
	});

	it('DLOG-3, DLOG-5, DLOG-6: a snapshot folds the log; what was appended after it stays', async () => {
		const doc = name();
		const { doc: source, updates } = typist(20);
		const seqs: number[] = [];
		for (const u of updates.slice(0, 12)) seqs.push((await n.a.append(doc, u)).seq);
		const folded = new Y.Doc();
		for (const u of updates.slice(0, 12)) Y.applyUpdate(folded, u);
		expect(await n.a.lease(doc, 'node-a', 10_000)).toBe(true);
		expect(await n.a.compact(doc, 'node-a', Y.encodeStateAsUpdate(folded), seqs[11]!)).toBe(true);
		for (const u of updates.slice(12)) await n.b.append(doc, u);
		const stored = await n.b.load(doc);
		expect(stored.snapshotSeq).toBe(seqs[11]);
		expect(stored.updates).toHaveLength(8);
		expect(rebuilt(stored).getText('t').toString()).toBe(source.getText('t').toString());
		// Folding again up to the same seq has nothing left to do.
		expect(await n.a.compact(doc, 'node-a', Y.encodeStateAsUpdate(folded), seqs[11]!)).toBe(false);
	});

	it('DLOG-7: a copy behind is told what it lacks, from the snapshot when the log was folded past it', async () => {
		const doc = name();
		const { doc: source, updates } = typist(10);
		const seqs: number[] = [];
		for (const u of updates) seqs.push((await n.a.append(doc, u)).seq);
		const behind = await n.b.catchUp(doc, seqs[3]!);
		expect(behind.state).toBeNull();
		expect(behind.updates.map((u) => u.seq)).toEqual(seqs.slice(4));
		const folded = new Y.Doc();
		for (const u of updates.slice(0, 7)) Y.applyUpdate(folded, u);
		expect(await n.a.lease(doc, 'node-a', 10_000)).toBe(true);
		expect(await n.a.compact(doc, 'node-a', Y.encodeStateAsUpdate(folded), seqs[6]!)).toBe(true);
		// A copy at seq 4 cannot be given 5 … 7 any more: it gets the snapshot, then 8 … 10.
		const after = await n.b.catchUp(doc, seqs[3]!);
		expect(after.stateSeq).toBe(seqs[6]);
		expect(after.updates.map((u) => u.seq)).toEqual(seqs.slice(7));
		const copy = new Y.Doc();
		for (const u of updates.slice(0, 4)) Y.applyUpdate(copy, u);
		Y.applyUpdate(copy, after.state!);
		for (const u of after.updates) Y.applyUpdate(copy, u.update);
		expect(copy.getText('t').toString()).toBe(source.getText('t').toString());
		// A copy past the snapshot is given only what follows it.
		const ahead = await n.b.catchUp(doc, seqs[8]!);
		expect(ahead.state).toBeNull();
		expect(ahead.updates.map((u) => u.seq)).toEqual(seqs.slice(9));
	});

	it('DLOG-4, DLOG-5: one holder folds at a time, and only what the log holds', async () => {
		const doc = name();
		const { doc: source, updates } = typist(4);
		let last = 0;
		for (const u of updates) last = (await n.a.append(doc, u)).seq;
		const state = Y.encodeStateAsUpdate(source);
		expect(await n.a.lease(doc, 'node-a', 300)).toBe(true);
		expect(await n.b.lease(doc, 'node-b', 300)).toBe(false);
		expect(await n.b.compact(doc, 'node-b', state, last)).toBe(false);
		// Renewed by its holder; a seq the log has not given cannot be folded.
		expect(await n.a.lease(doc, 'node-a', 300)).toBe(true);
		expect(await n.a.compact(doc, 'node-a', state, last + 1)).toBe(false);
		await sleep(350);
		// Run out: another node takes it, and the first may no longer fold.
		expect(await n.b.lease(doc, 'node-b', 10_000)).toBe(true);
		expect(await n.a.compact(doc, 'node-a', state, last)).toBe(false);
		expect(await n.b.compact(doc, 'node-b', state, last)).toBe(true);
		expect(
			rebuilt(await n.a.load(doc))
				.getText('t')
				.toString()
		).toBe(source.getText('t').toString());
	});

	it('DLOG-6: compaction on one node while another appends loses nothing', async () => {
		const doc = name();
		const writer = typist(200, 7);
		const follower = new Y.Doc();
		let folded = 0;
		let writing = true;
		let compactions = 0;
		await n.a.lease(doc, 'node-a', 60_000);
		const compactor = (async () => {
			while (writing) {
				// Node A folds what it has read, and only that.
				for (const u of await n.a.readSince(doc, folded)) {
					Y.applyUpdate(follower, u.update);
					folded = u.seq;
				}
				if (folded > 0 && (await n.a.compact(doc, 'node-a', Y.encodeStateAsUpdate(follower), folded)))
					compactions++;
				await sleep(2);
			}
		})();
		for (const [i, u] of writer.updates.entries()) {
			await n.b.append(doc, u);
			// SQLite's appends resolve at once: give the compacting node its turns, as a second process would.
			if (i % 10 === 0) await sleep(1);
		}
		writing = false;
		await compactor;
		expect(compactions).toBeGreaterThan(1);
		const stored = await n.b.load(doc);
		expect(rebuilt(stored).getText('t').toString()).toBe(writer.doc.getText('t').toString());
	});
});
