// The document log as a storage port (docs/architecture.md, "Where it is going"): what every engine must
// keep for a collaborative document, so that several nodes can share one. An accepted Yjs update is
// appended and numbered by the database; a node that missed some reads them since the last number it
// holds; one node at a time, under a lease, folds the log into a snapshot, and only what the database
// holds. The rules are DLOG-1 … DLOG-6 in docs/collab-protocol.md; the contract suite
// (tests/server/doc-log-contract.test.ts) runs them against every engine.

export interface LoggedUpdate {
	seq: number;
	update: Uint8Array;
}

export interface StoredLog {
	/** The snapshot, if any: apply it first. */
	snapshot: Uint8Array | null;
	/** The last seq folded into the snapshot (0 without one). */
	snapshotSeq: number;
	/** Every update after the snapshot, in seq order. */
	updates: LoggedUpdate[];
}

/** An appended update's place: its seq, and the seq before it in the document's log (0 for the first). */
export interface Linked {
	seq: number;
	prev: number;
}

/**
 * DLOG-7: what a copy holding everything up to a seq lacks: the updates after it or, when the log was
 * folded past it, the snapshot (`state`, up to `stateSeq`) and the updates after the snapshot.
 */
export interface Missing {
	state: Uint8Array | null;
	stateSeq: number;
	updates: LoggedUpdate[];
}

export interface DocLog {
	/** DLOG-1: appends one update, committed when the promise resolves; says its seq and the one before. */
	append(docName: string, update: Uint8Array): Promise<Linked>;
	/** DLOG-2: every update with a seq above `afterSeq`, in order; none below one of them can appear later. */
	readSince(docName: string, afterSeq: number): Promise<LoggedUpdate[]>;
	/** DLOG-7: what a copy holding everything up to `afterSeq` lacks, as of one moment. */
	catchUp(docName: string, afterSeq: number): Promise<Missing>;
	/** DLOG-3: the snapshot and the updates after it. */
	load(docName: string): Promise<StoredLog>;
	/**
	 * DLOG-4: takes (or renews) the right to fold this document's log for `ttlMs`; false while another
	 * holder's lease runs.
	 */
	lease(docName: string, holder: string, ttlMs: number): Promise<boolean>;
	/**
	 * DLOG-5: folds the log up to `upToSeq` into `state` (which must hold every update up to it), only
	 * while `holder`'s lease runs and only up to what the log holds: false, writing nothing, otherwise.
	 * DLOG-6: updates after `upToSeq`, appended meanwhile by anyone, stay.
	 */
	compact(docName: string, holder: string, state: Uint8Array, upToSeq: number): Promise<boolean>;
	close(): Promise<void>;
}
