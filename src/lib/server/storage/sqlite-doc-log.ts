// The document log on SQLite (DLOG-n, doc-log.ts), over the collab store's tables: one writer at a time
// (IMMEDIATE transactions), so seqs become visible in order; the seq is global (AUTOINCREMENT) and so
// increasing per document too, and an append reads the seq before it under the same lock (DLOG-1). The
// collab server itself uses the synchronous store (collab-store/store.ts) on its hot path; this is the
// same log behind the engine-neutral port.
import * as Y from 'yjs';
import type { Db } from '../db/index.ts';
import { createDocStore } from '../collab-store/store.ts';
import type { DocLog, StoredLog } from './doc-log.ts';

export function sqliteDocLog(db: Db, now: () => number = Date.now): DocLog {
	const store = createDocStore(db, { now });
	const sqlite = db.$client;
	const snapshotOf = sqlite.prepare<[string], { state: Buffer; up_to_seq: number }>(
		'SELECT state, up_to_seq FROM collab_snapshots WHERE doc_name = ?'
	);
	const updatesAfter = sqlite.prepare<[string, number], { seq: number; update: Buffer }>(
		'SELECT seq, "update" FROM collab_updates WHERE doc_name = ? AND seq > ? ORDER BY seq'
	);
	const lastSeqOf = sqlite.prepare<[string], { last: number | null }>(
		'SELECT max(seq) AS last FROM collab_updates WHERE doc_name = ?'
	);
	const takeLease = sqlite.prepare<[string, string, number, string, number]>(
		`INSERT INTO collab_leases (doc_name, holder, until) VALUES (?, ?, ?)
		 ON CONFLICT (doc_name) DO UPDATE SET holder = excluded.holder, until = excluded.until
		 WHERE collab_leases.holder = ? OR collab_leases.until <= ?`
	);
	const leaseOf = sqlite.prepare<[string], { holder: string; until: number }>(
		'SELECT holder, until FROM collab_leases WHERE doc_name = ?'
	);
	const bytes = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
	const readSince = (docName: string, afterSeq: number) =>
		updatesAfter.all(docName, afterSeq).map((r) => ({ seq: r.seq, update: bytes(r.update) }));

	const load = sqlite.transaction((docName: string): StoredLog => {
		const snap = snapshotOf.get(docName);
		const snapshotSeq = snap?.up_to_seq ?? 0;
		return {
			snapshot: snap ? bytes(snap.state) : null,
			snapshotSeq,
			updates: readSince(docName, snapshotSeq)
		};
	});
	const lease = (docName: string, holder: string, ttlMs: number): boolean => {
		const at = now();
		return takeLease.run(docName, holder, at + ttlMs, holder, at).changes === 1;
	};
	const compact = sqlite.transaction(
		(docName: string, holder: string, state: Uint8Array, upToSeq: number) => {
			const held = leaseOf.get(docName);
			if (!held || held.holder !== holder || held.until <= now()) return false;
			// Only what the log holds: a seq it has not given yet cannot be folded.
			if (upToSeq > (lastSeqOf.get(docName)?.last ?? 0)) return false;
			const doc = new Y.Doc();
			Y.applyUpdate(doc, state);
			return store.compact(docName, doc, upToSeq);
		}
	);

	return {
		append: async (docName, update) => store.appendLinked(docName, update),
		catchUp: async (docName, afterSeq) => {
			const missing = store.catchUp(docName, afterSeq);
			return {
				state: missing.state && bytes(missing.state as Buffer),
				stateSeq: missing.stateSeq,
				updates: missing.updates.map((u) => ({ seq: u.seq, update: bytes(u.update as Buffer) }))
			};
		},
		readSince: async (docName, afterSeq) => readSince(docName, afterSeq),
		load: async (docName) => load.immediate(docName),
		lease: async (docName, holder, ttlMs) => lease(docName, holder, ttlMs),
		compact: async (docName, holder, state, upToSeq) => compact.immediate(docName, holder, state, upToSeq),
		close: async () => {}
	};
}
