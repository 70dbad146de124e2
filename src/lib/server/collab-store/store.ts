// Durable storage of collaborative documents (docs/architecture.md, "Durability"): an append-only log of Yjs
// updates per document, folded now and then into a snapshot. Every method is synchronous, like
// better-sqlite3: when `append` returns, the update is committed (WAL, synchronous=FULL), so the caller
// may broadcast it.
//
// The statements are prepared once on the raw better-sqlite3 connection rather than built by drizzle's
// query builder on every call: `append` runs for every keystroke of every participant, and the builder
// costs several microseconds of CPU per call on top of the commit (bench.ts measures both). The tables are
// still declared in the drizzle schema, which owns their migration.
import type { Statement } from 'better-sqlite3';
import * as Y from 'yjs';
import type { Db } from '../db/index.ts';

/** What is stored for one document: apply `state` (if any), then each of `updates`, in order. */
export interface StoredDoc {
	state: Uint8Array | null;
	updates: Uint8Array[];
	/** The last seq folded into the snapshot or present in `updates`; 0 when nothing is stored. */
	lastSeq: number;
}

/** An appended update's place in its document's log: its seq and the one before it (0 for the first). */
export interface Linked {
	seq: number;
	prev: number;
}

/**
 * What a copy holding everything up to some seq lacks: the updates after it, or, when the log has been
 * folded past that seq, the snapshot (`state`, up to `stateSeq`) and the updates after the snapshot.
 */
export interface CatchUp {
	state: Uint8Array | null;
	stateSeq: number;
	updates: { seq: number; update: Uint8Array }[];
}

export interface LogStats {
	/** Updates in the log after the snapshot. */
	updates: number;
	/** Their total size in bytes. */
	bytes: number;
}

export interface DocStore {
	load(docName: string): StoredDoc;
	/** The stored document rebuilt into a fresh Y.Doc, or null when nothing is stored under that name. */
	loadDoc(docName: string): Y.Doc | null;
	/** Appends one update and returns its seq. Committed when it returns (unless called inside a caller's
	 * transaction: then it commits with that transaction). */
	append(docName: string, update: Uint8Array): number;
	/**
	 * `append`, also saying which seq precedes it in the document's log, read under the same write lock:
	 * a node relaying it lets the others see whether they hold everything before it (RLY-1).
	 */
	appendLinked(docName: string, update: Uint8Array): Linked;
	/** What a copy holding everything up to `afterSeq` lacks (see CatchUp); one consistent read. */
	catchUp(docName: string, afterSeq: number): CatchUp;
	/** Appends several updates in one transaction (one fsync): group commit for a busy tick. */
	appendMany(entries: readonly { docName: string; update: Uint8Array }[]): number[];
	/**
	 * Folds the log up to `upToSeq` into a snapshot of `doc`, in one transaction. `doc` must contain every
	 * update of this document up to `upToSeq` (it may contain later ones too: applying them again on load
	 * is harmless). Updates after `upToSeq` stay in the log. Returns false, writing nothing, when there is
	 * nothing up to `upToSeq` left to fold (a newer snapshot already folded it, or the doc was reset).
	 */
	compact(docName: string, doc: Y.Doc, upToSeq: number): boolean;
	/** Forgets the document entirely (snapshot and log), e.g. before it is rebuilt from a re-imported draft. */
	reset(docName: string): void;
	stats(docName: string): LogStats;
}

/** What `load` read, rebuilt into a fresh Y.Doc; null when nothing is stored. */
export function docOf(stored: StoredDoc): Y.Doc | null {
	if (!stored.state && stored.updates.length === 0) return null;
	const doc = new Y.Doc();
	doc.transact(() => {
		if (stored.state) Y.applyUpdate(doc, stored.state);
		for (const update of stored.updates) Y.applyUpdate(doc, update);
	});
	return doc;
}

export interface DocStoreOptions {
	/** Clock for the `at` columns (ms since the epoch). */
	now?: () => number;
}

interface SnapshotRow {
	state: Buffer;
	up_to_seq: number;
}

// better-sqlite3 binds Buffers as blobs; wrapping a Uint8Array's memory copies nothing.
const asBuffer = (u: Uint8Array): Buffer =>
	Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength);

export function createDocStore(db: Db, options: DocStoreOptions = {}): DocStore {
	const now = options.now ?? Date.now;
	const sqlite = db.$client;

	const insertUpdate = sqlite.prepare<[string, Buffer, number, number]>(
		'INSERT INTO collab_updates (doc_name, "update", bytes, at) VALUES (?, ?, ?, ?)'
	);
	const selectSnapshot = sqlite.prepare<[string], SnapshotRow>(
		'SELECT state, up_to_seq FROM collab_snapshots WHERE doc_name = ?'
	);
	const selectUpdatesAfter = sqlite.prepare<[string, number], { seq: number; update: Buffer }>(
		'SELECT seq, "update" FROM collab_updates WHERE doc_name = ? AND seq > ? ORDER BY seq'
	);
	const selectStats = sqlite.prepare<[string], { updates: number; bytes: number }>(
		'SELECT count(*) AS updates, coalesce(sum(bytes), 0) AS bytes FROM collab_updates WHERE doc_name = ?'
	);
	const anyUpToSeq = sqlite.prepare<[string, number], { one: number }>(
		'SELECT 1 AS one FROM collab_updates WHERE doc_name = ? AND seq <= ? LIMIT 1'
	);
	const upsertSnapshot = sqlite.prepare<[string, Buffer, number, number]>(
		`INSERT INTO collab_snapshots (doc_name, state, up_to_seq, at) VALUES (?, ?, ?, ?)
		 ON CONFLICT (doc_name) DO UPDATE SET state = excluded.state, up_to_seq = excluded.up_to_seq, at = excluded.at`
	);
	const deleteUpTo = sqlite.prepare<[string, number]>(
		'DELETE FROM collab_updates WHERE doc_name = ? AND seq <= ?'
	);
	const lastBefore = sqlite.prepare<[string, number], { seq: number | null }>(
		'SELECT max(seq) AS seq FROM collab_updates WHERE doc_name = ? AND seq < ?'
	);
	const deleteSnapshot = sqlite.prepare<[string]>('DELETE FROM collab_snapshots WHERE doc_name = ?');
	const deleteUpdates = sqlite.prepare<[string]>('DELETE FROM collab_updates WHERE doc_name = ?');

	// seq is INTEGER PRIMARY KEY AUTOINCREMENT: it never goes back, even when compaction has emptied the
	// table, so an update appended after a snapshot always has a seq above the snapshot's up_to_seq.
	const insert = (stmt: Statement<[string, Buffer, number, number]>, docName: string, update: Uint8Array) =>
		Number(stmt.run(docName, asBuffer(update), update.byteLength, now()).lastInsertRowid);

	const append = (docName: string, update: Uint8Array): number => insert(insertUpdate, docName, update);

	// One transaction (a savepoint inside a caller's): no other writer can append or fold in between.
	const appendLinked = sqlite.transaction((docName: string, update: Uint8Array): Linked => {
		const seq = append(docName, update);
		const below = lastBefore.get(docName, seq)?.seq ?? null;
		// Nothing left below it: the one before was folded into the snapshot (or this is the first).
		const prev = below ?? Math.min(selectSnapshot.get(docName)?.up_to_seq ?? 0, seq - 1);
		return { seq, prev };
	});

	const catchUp = sqlite.transaction((docName: string, afterSeq: number): CatchUp => {
		const snapshot = selectSnapshot.get(docName);
		const folded = snapshot !== undefined && snapshot.up_to_seq > afterSeq;
		const from = folded ? snapshot.up_to_seq : afterSeq;
		return {
			state: folded ? snapshot.state : null,
			stateSeq: folded ? snapshot.up_to_seq : 0,
			updates: selectUpdatesAfter.all(docName, from)
		};
	});

	const appendMany = sqlite.transaction((entries: readonly { docName: string; update: Uint8Array }[]) =>
		entries.map((e) => insert(insertUpdate, e.docName, e.update))
	);

	// A read transaction, so that the snapshot and the updates after it are one consistent view even when
	// another process compacts in between.
	const load = sqlite.transaction((docName: string): StoredDoc => {
		const snapshot = selectSnapshot.get(docName);
		const after = snapshot?.up_to_seq ?? 0;
		const rows = selectUpdatesAfter.all(docName, after);
		return {
			state: snapshot?.state ?? null,
			updates: rows.map((r) => r.update),
			lastSeq: rows.at(-1)?.seq ?? after
		};
	});

	const loadDoc = (docName: string): Y.Doc | null => docOf(load(docName));

	const folding = sqlite.transaction((docName: string, doc: Y.Doc, upToSeq: number): boolean => {
		// Nothing left to fold up to upToSeq means this compaction is stale: a newer snapshot has folded
		// (and deleted) updates that `doc` is not promised to contain, or the document was reset and must
		// not be resurrected. Seqs only grow, so no update at or below upToSeq can arrive later.
		if (!anyUpToSeq.get(docName, upToSeq)) return false;
		upsertSnapshot.run(docName, asBuffer(Y.encodeStateAsUpdate(doc)), upToSeq, now());
		deleteUpTo.run(docName, upToSeq);
		return true;
	});

	// A writer from its first read: two nodes folding at once would otherwise both read, then one fail to
	// upgrade its snapshot to a write (SQLITE_BUSY_SNAPSHOT). Inside a caller's transaction, a savepoint.
	const compact = (docName: string, doc: Y.Doc, upToSeq: number): boolean =>
		sqlite.inTransaction ? folding(docName, doc, upToSeq) : folding.immediate(docName, doc, upToSeq);

	const reset = sqlite.transaction((docName: string): void => {
		deleteSnapshot.run(docName);
		deleteUpdates.run(docName);
	});

	const stats = (docName: string): LogStats => selectStats.get(docName) ?? { updates: 0, bytes: 0 };

	return { load, loadDoc, append, appendLinked, catchUp, appendMany, compact, reset, stats };
}
