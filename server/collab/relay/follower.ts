/**
 * A node's copy of a document kept in step with the database's log (docs/collab-protocol.md, RLY-1 …
 * RLY-4). Every accepted update comes with its seq and the seq before it in the document's log; updates
 * are applied in log order only, because the validator must never find the document holding pending
 * structs (VAL-14). An update whose predecessor this copy lacks waits while the missing ones are read from
 * the database — the bus does not promise delivery, the database is the truth — and a periodic read finds
 * a last update whose message was lost. A copy that fell behind a compaction starts from the snapshot.
 */
import * as Y from 'yjs';

/** What a copy holding everything up to a seq lacks (the stores' CatchUp). */
export interface Missing {
	/** The snapshot, when the log was folded past that seq: everything up to `stateSeq`. */
	state: Uint8Array | null;
	stateSeq: number;
	updates: readonly { seq: number; update: Uint8Array }[];
}

/** Where missed updates are read back from: the document log. */
export interface SeqSource {
	catchUp(docName: string, afterSeq: number): Promise<Missing>;
}

interface Ahead {
	seq: number;
	/** Null for this node's own update: it is in the document already. */
	update: Uint8Array | null;
}

export class DocFollower {
	readonly docName: string;
	readonly doc: Y.Doc;
	#applied: number;
	readonly #source: SeqSource;
	readonly #origin: unknown;
	/** Updates that arrived before their predecessor, by the seq they follow. */
	readonly #ahead = new Map<number, Ahead>();
	#reading: Promise<void> | null = null;
	#again = false;
	#timer: ReturnType<typeof setInterval> | null = null;

	/** `doc` holds everything up to `appliedSeq` (a load of the log); `origin` marks the updates applied. */
	constructor(docName: string, doc: Y.Doc, source: SeqSource, appliedSeq: number, origin: unknown) {
		this.docName = docName;
		this.doc = doc;
		this.#source = source;
		this.#applied = appliedSeq;
		this.#origin = origin;
	}

	/** The last seq of the unbroken run applied: everything up to it is in `doc`. */
	get applied(): number {
		return this.#applied;
	}

	/**
	 * RLY-1: an update with its seq and its predecessor's, from the bus (`update`), or this node's own,
	 * already applied (`update` null). A repeat is dropped; one whose predecessor is missing waits (RLY-2).
	 */
	receive(prev: number, seq: number, update: Uint8Array | null): void {
		if (seq <= this.#applied) return;
		if (prev !== this.#applied) {
			this.#ahead.set(prev, { seq, update });
			if (prev > this.#applied) void this.catchUp().catch(() => {});
			return;
		}
		this.#apply(seq, update);
		this.#drain();
	}

	/**
	 * RLY-2, RLY-3: reads from the database whatever came after the last seq applied, the snapshot first
	 * when the log was folded past it (RLY-4). One read at a time; a request during one reads again.
	 */
	catchUp(): Promise<void> {
		if (this.#reading) {
			this.#again = true;
			return this.#reading;
		}
		this.#reading = (async () => {
			try {
				do {
					this.#again = false;
					const missing = await this.#source.catchUp(this.docName, this.#applied);
					if (missing.state && missing.stateSeq > this.#applied) this.#apply(missing.stateSeq, missing.state);
					// Read in one consistent view, so these follow each other in the log.
					for (const { seq, update } of missing.updates) if (seq > this.#applied) this.#apply(seq, update);
					this.#drain();
				} while (this.#again);
			} finally {
				this.#reading = null;
			}
		})();
		return this.#reading;
	}

	/** RLY-3: a message lost with nothing after it is found by reading every `ms`. */
	poll(ms: number, onError: (error: unknown) => void = () => {}): void {
		this.#timer ??= setInterval(() => void this.catchUp().catch(onError), ms);
		this.#timer.unref?.();
	}

	stop(): void {
		if (this.#timer) clearInterval(this.#timer);
		this.#timer = null;
	}

	#apply(seq: number, update: Uint8Array | null): void {
		// Set first, so that whoever observes the document's update sees the seq it belongs to.
		const before = this.#applied;
		this.#applied = seq;
		if (update === null) return;
		try {
			Y.applyUpdate(this.doc, update, this.#origin);
		} catch (error) {
			this.#applied = before;
			throw error;
		}
	}

	#drain(): void {
		for (let next = this.#ahead.get(this.#applied); next; next = this.#ahead.get(this.#applied)) {
			this.#ahead.delete(this.#applied);
			if (next.seq > this.#applied) this.#apply(next.seq, next.update);
		}
		for (const prev of this.#ahead.keys()) if (prev < this.#applied) this.#ahead.delete(prev);
	}
}
