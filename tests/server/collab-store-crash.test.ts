// kill -9 at random moments: nothing that was broadcast may be lost (docs/architecture.md, "Durability").
// A child process (fixtures/append-child.ts) edits a document, appending each update and only then
// printing it (the broadcast). We kill it mid-stream, also inside a compaction, reopen the file, and
// check that the stored document holds every printed edit and is a whole Yjs document.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createDocStore } from '#lib/server/collab-store/store.ts';
import { openDatabase } from '#lib/server/db/index.ts';
import { applyMigrations } from '#lib/server/db/migrate.ts';
import { seededRandom } from '../support/seeded-random.ts';

const CHILD = fileURLToPath(new URL('./fixtures/append-child.ts', import.meta.url));
const DOC = 'meeting/crash-test';

type Line =
	| { t: 'ready'; clientID: number; text: string; lastSeq: number }
	| { t: 'edit'; n: number; pos: number; deleteLen: number; insert: string }
	| { t: 'ack'; n: number; seq: number; clock: number }
	| { t: 'compacting' }
	| { t: 'compacted'; upTo: number }
	| { t: 'error'; message: string }
	| { t: 'done' };
type Edit = Extract<Line, { t: 'edit' }>;

/** How a round ends: on the k-th broadcast, after a random delay, or inside a compaction. */
type KillAt = { on: 'ack'; k: number } | { on: 'delay'; ms: number } | { on: 'compacting'; ms: number };

const applyEdit = (s: string, e: Edit) => s.slice(0, e.pos) + e.insert + s.slice(e.pos + e.deleteLen);

/** Runs the child until it is killed; resolves with every line it managed to print. */
function runChild(file: string, seed: number, compactEvery: number, killAt: KillAt) {
	return new Promise<{ lines: Line[]; signal: NodeJS.Signals | null; stderr: string }>((resolve, reject) => {
		const options = { seed, compactEvery, spinMs: 40, maxEdits: 3000 };
		const child = spawn(process.execPath, [CHILD, file, DOC, JSON.stringify(options)], {
			stdio: ['ignore', 'pipe', 'pipe']
		});
		const lines: Line[] = [];
		let partial = '';
		let stderr = '';
		let acks = 0;
		const kill = () => child.kill('SIGKILL');
		child.stdout.setEncoding('utf8');
		child.stdout.on('data', (chunk: string) => {
			const parts = (partial + chunk).split('\n');
			partial = parts.pop() ?? '';
			for (const part of parts) {
				const line = JSON.parse(part) as Line;
				lines.push(line);
				if (line.t === 'ready' && killAt.on === 'delay') setTimeout(kill, killAt.ms);
				if (line.t === 'ack' && killAt.on === 'ack' && ++acks === killAt.k) kill();
				if (line.t === 'compacting' && killAt.on === 'compacting') setTimeout(kill, killAt.ms);
			}
		});
		child.stderr.setEncoding('utf8');
		child.stderr.on('data', (chunk: string) => (stderr += chunk));
		child.on('error', reject);
		// 'close': the process is gone and its stdout drained, so `lines` is everything it printed.
		child.on('close', (_code, signal) => resolve({ lines, signal, stderr }));
	});
}

let dir: string;
let file: string;
beforeAll(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dr-crash-'));
	file = path.join(dir, 'crash.db');
	const db = openDatabase(file);
	applyMigrations(db);
	db.$client.close();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the document store under kill -9', () => {
	it(
		'keeps every broadcast update across random kills, also mid-compaction',
		{ timeout: 120_000 },
		async () => {
			const seed = Number(process.env.CRASH_SEED ?? Date.now() % 100_000);
			const random = seededRandom(seed);
			let text = ''; // what the store held after the previous round
			let lastSeq = 0;
			let killedInCompaction = 0;
			let compactions = 0;
			let broadcasts = 0;
			const rounds = Number(process.env.CRASH_ROUNDS ?? 24);

			for (let round = 0; round < rounds; round++) {
				// Half the kills follow a broadcast at once: that is where broadcasting before appending loses one.
				const kind = round % 4;
				const killAt: KillAt =
					kind === 0 || kind === 2
						? { on: 'ack', k: 1 + Math.floor(random() * 100) }
						: kind === 1
							? { on: 'delay', ms: Math.floor(random() * 400) }
							: { on: 'compacting', ms: Math.floor(random() * 30) };
				const where = `seed ${seed}, round ${round}, kill ${JSON.stringify(killAt)}`;
				const compactEvery = 15 + Math.floor(random() * 40);
				const { lines, signal, stderr } = await runChild(file, seed * 1000 + round, compactEvery, killAt);
				expect(signal, `${where}: the child must die by SIGKILL, not end by itself. ${stderr}`).toBe(
					'SIGKILL'
				);
				expect(
					lines.filter((l) => l.t === 'error' || l.t === 'done'),
					where
				).toEqual([]);

				// The child loaded what the store held after the last kill.
				const ready = lines[0];
				if (ready?.t !== 'ready') throw new Error(`${where}: no ready line`);
				expect(ready.text, where).toBe(text);
				expect(ready.lastSeq, where).toBe(lastSeq);

				const edits = lines.filter((l): l is Edit => l.t === 'edit');
				const acks = lines.filter((l) => l.t === 'ack');
				acks.forEach((a, i) => expect(a.n, where).toBe(i));
				acks.forEach((a, i) => expect(a.seq, where).toBeGreaterThan(i === 0 ? lastSeq : acks[i - 1]!.seq));
				// At most one edit was made but not broadcast: the one the kill interrupted.
				expect(edits.length - acks.length, where).toBeGreaterThanOrEqual(0);
				expect(edits.length - acks.length, where).toBeLessThanOrEqual(1);
				broadcasts += acks.length;
				compactions += lines.filter((l) => l.t === 'compacted').length;
				const lastCompacting = lines.findLastIndex((l) => l.t === 'compacting');
				if (lastCompacting > lines.findLastIndex((l) => l.t === 'compacted')) killedInCompaction++;

				const broadcast = edits.slice(0, acks.length).reduce(applyEdit, text);
				const interrupted = edits[acks.length];
				const allowed = interrupted ? [broadcast, applyEdit(broadcast, interrupted)] : [broadcast];

				const db = openDatabase(file);
				try {
					expect(db.$client.pragma('integrity_check', { simple: true }), where).toBe('ok');
					const store = createDocStore(db);
					const stored = store.load(DOC);
					const doc = store.loadDoc(DOC) ?? new Y.Doc();
					const loaded = doc.getText('t').toString();
					expect(allowed, `${where}: stored text is not the broadcast one`).toContain(loaded);
					const last = acks.at(-1);
					if (last) {
						expect(stored.lastSeq, where).toBeGreaterThanOrEqual(last.seq);
						expect(Y.getState(doc.store, ready.clientID), where).toBeGreaterThanOrEqual(last.clock);
					}
					// A whole document: nothing waits on a missing dependency, and it re-encodes to itself.
					expect(doc.store.pendingStructs, where).toBeNull();
					expect(doc.store.pendingDs, where).toBeNull();
					const copy = new Y.Doc();
					Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
					expect(copy.getText('t').toString(), where).toBe(loaded);
					text = loaded;
					lastSeq = stored.lastSeq;
				} finally {
					db.$client.close();
				}
			}

			console.log(
				`crash test (seed ${seed}): ${rounds} kills, ${broadcasts} broadcasts, ${compactions} compactions, ` +
					`${killedInCompaction} kills inside a compaction, final text ${text.length} chars`
			);
			expect(broadcasts).toBeGreaterThan(rounds);
			expect(compactions).toBeGreaterThan(0);
			expect(killedInCompaction).toBeGreaterThan(0);
		}
	);
});
