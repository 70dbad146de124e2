// What one durable append costs on this machine: `node src/lib/server/collab-store/bench.ts [count]`.
// The collaboration server appends every keystroke before broadcasting it, so this is its latency floor
// and (without group commit) its throughput ceiling. Prints JSON lines, one per variant.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { openDatabase, type Db } from '../db/index.ts';
import { applyMigrations } from '../db/migrate.ts';
import { collabUpdates } from '../db/schema.ts';
import { createDocStore } from './store.ts';

/** Keystroke-sized updates: one character typed at a time into a Y.Text, as a browser sends them. */
export function keystrokeUpdates(count: number): Uint8Array[] {
	const doc = new Y.Doc();
	const text = doc.getText('t');
	const updates: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => updates.push(u));
	for (let i = 0; i < count; i++) text.insert(Math.floor(text.length / 2), 'abcdefghij'[i % 10] ?? 'x');
	return updates;
}

export interface BenchResult {
	variant: string;
	synchronous: string;
	appends: number;
	perSecond: number;
	p50us: number;
	p99us: number;
	maxUs: number;
	meanBytes: number;
}

const quantile = (sorted: number[], q: number) =>
	sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

/** Times `one` on each of `batches` (a batch is one call); rates count the updates inside. */
function timeEach(
	variant: string,
	db: Db,
	batches: Uint8Array[][],
	one: (batch: Uint8Array[]) => void
): BenchResult {
	const times: number[] = [];
	const start = process.hrtime.bigint();
	for (const b of batches) {
		const t0 = process.hrtime.bigint();
		one(b);
		times.push(Number(process.hrtime.bigint() - t0) / 1000);
	}
	const totalS = Number(process.hrtime.bigint() - start) / 1e9;
	times.sort((a, b) => a - b);
	const updates = batches.flat();
	return {
		variant,
		synchronous:
			['OFF', 'NORMAL', 'FULL', 'EXTRA'][Number(db.$client.pragma('synchronous', { simple: true }))] ?? '?',
		appends: updates.length,
		perSecond: Math.round(updates.length / totalS),
		p50us: Math.round(quantile(times, 0.5)),
		p99us: Math.round(quantile(times, 0.99)),
		maxUs: Math.round(times.at(-1) ?? 0),
		meanBytes: Math.round(updates.reduce((n, u) => n + u.byteLength, 0) / updates.length)
	};
}

export function runBench(count: number, synchronous: 'FULL' | 'NORMAL' | 'OFF' = 'FULL'): BenchResult[] {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dr-bench-'));
	const db = openDatabase(path.join(dir, 'bench.db'));
	try {
		applyMigrations(db);
		db.$client.pragma(`synchronous = ${synchronous}`);
		const store = createDocStore(db);
		const updates = keystrokeUpdates(count);
		const singles = updates.map((u) => [u]);
		// Group commit: the same updates, 20 per transaction (one commit per tick of a busy server).
		const twenties: Uint8Array[][] = [];
		for (let i = 0; i < updates.length; i += 20) twenties.push(updates.slice(i, i + 20));
		return [
			timeEach('store.append (prepared statement)', db, singles, ([u]) => store.append('bench/a', u!)),
			timeEach('drizzle query builder insert', db, singles, ([u]) => {
				db.insert(collabUpdates)
					.values({ docName: 'bench/b', update: Buffer.from(u!), bytes: u!.byteLength, at: new Date() })
					.run();
			}),
			timeEach('store.appendMany, 20 per commit (latency per batch)', db, twenties, (b) => {
				store.appendMany(b.map((update) => ({ docName: 'bench/c', update })));
			})
		];
	} finally {
		db.$client.close();
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

if (import.meta.main) {
	const count = Number(process.argv[2] ?? 2000);
	for (const sync of ['FULL', 'OFF'] as const) {
		for (const r of runBench(count, sync)) console.log(JSON.stringify(r));
	}
}
