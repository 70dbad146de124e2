// When to fold a document's update log into its snapshot. Compaction runs from a timer, never on the
// stack of the append that crossed the threshold (that stack is about to broadcast), and a failure is
// reported, never thrown: the log is still complete without it, only longer to load.
import type * as Y from 'yjs';
import type { DocStore } from './store.ts';

export interface CompactionThreshold {
	/** Compact once the log after the snapshot holds this many updates... */
	updates: number;
	/** ...or this many bytes, whichever comes first. */
	bytes: number;
}

export const DEFAULT_THRESHOLD: CompactionThreshold = { updates: 500, bytes: 1_000_000 };

export interface CompactorOptions {
	store: Pick<DocStore, 'compact' | 'stats'>;
	threshold?: CompactionThreshold;
	/** How long after the threshold is crossed the compaction runs; appends meanwhile join it. */
	delayMs?: number;
	onError?: (error: unknown, docName: string) => void;
	/**
	 * With several nodes: the seq up to which the copy in memory holds the log without a gap (null: all
	 * of it, one node). Compaction folds no further, so it never folds what this copy has not seen.
	 */
	heldUpTo?: (docName: string) => number | null;
	/** Told after each compaction that wrote a snapshot (for logs and tests). */
	onCompacted?: (docName: string, upToSeq: number) => void;
}

export interface Compactor {
	/**
	 * Tells the compactor that `lastSeq` was appended for `docName` (`bytes` long, when known). `getDoc`
	 * must return, whenever it is called, the in-memory document containing every update up to `lastSeq`.
	 */
	noteAppended(docName: string, getDoc: () => Y.Doc, lastSeq: number, bytes?: number): void;
	/** Compacts now, synchronously: one document, or every one the compactor knows (unload, shutdown). */
	flush(docName?: string): void;
	/** Drops a document: its pending compaction is cancelled (unload after flush, reset). */
	forget(docName: string): void;
	/** Cancels every pending compaction; later notes are ignored. Does not flush. */
	stop(): void;
	/** Bytes in the document's log since its last snapshot, as counted here (0 for one not tracked). */
	loggedBytes(docName: string): number;
}

interface Tracked {
	getDoc: () => Y.Doc;
	lastSeq: number;
	/** Log size after the snapshot, as counted here since the last look at the store. */
	updates: number;
	bytes: number;
	timer: ReturnType<typeof setTimeout> | null;
}

export function createCompactor(options: CompactorOptions): Compactor {
	const { store } = options;
	const threshold = options.threshold ?? DEFAULT_THRESHOLD;
	const delayMs = options.delayMs ?? 1000;
	const report = (error: unknown, docName: string) => {
		try {
			options.onError?.(error, docName);
		} catch {
			// The reporter itself failed; there is nobody left to tell, and the server must go on.
		}
	};
	const tracked = new Map<string, Tracked>();
	let stopped = false;

	const over = (t: Tracked) => t.updates >= threshold.updates || t.bytes >= threshold.bytes;

	// Counts from the store, which also covers appends made before this compactor knew the document.
	const recount = (docName: string, t: Tracked) => {
		const s = store.stats(docName);
		t.updates = s.updates;
		t.bytes = s.bytes;
	};

	const compactNow = (docName: string, t: Tracked) => {
		if (t.timer) clearTimeout(t.timer);
		t.timer = null;
		try {
			const upToSeq = Math.min(t.lastSeq, options.heldUpTo?.(docName) ?? Infinity);
			if (store.compact(docName, t.getDoc(), upToSeq)) options.onCompacted?.(docName, upToSeq);
			recount(docName, t);
		} catch (error) {
			report(error, docName);
		}
	};

	return {
		noteAppended(docName, getDoc, lastSeq, bytes) {
			if (stopped) return;
			try {
				let t = tracked.get(docName);
				if (!t) {
					t = { getDoc, lastSeq, updates: 0, bytes: 0, timer: null };
					tracked.set(docName, t);
					recount(docName, t);
				} else {
					t.updates += 1;
					t.bytes += bytes ?? 0;
				}
				t.getDoc = getDoc;
				t.lastSeq = Math.max(t.lastSeq, lastSeq);
				if (over(t) && !t.timer) {
					const entry = t;
					entry.timer = setTimeout(() => {
						entry.timer = null;
						if (tracked.get(docName) === entry) compactNow(docName, entry);
					}, delayMs);
					// A pending compaction alone must not keep the process alive.
					entry.timer.unref?.();
				}
			} catch (error) {
				report(error, docName);
			}
		},

		flush(docName) {
			const names = docName === undefined ? [...tracked.keys()] : [docName];
			for (const name of names) {
				const t = tracked.get(name);
				if (t && t.updates > 0) compactNow(name, t);
			}
		},

		forget(docName) {
			const t = tracked.get(docName);
			if (t?.timer) clearTimeout(t.timer);
			tracked.delete(docName);
		},

		loggedBytes: (docName) => tracked.get(docName)?.bytes ?? 0,

		stop() {
			stopped = true;
			for (const t of tracked.values()) if (t.timer) clearTimeout(t.timer);
			tracked.clear();
		}
	};
}
