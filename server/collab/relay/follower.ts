/**
 * A node's copy of a document kept in step with the database's log (docs/collab-protocol.md, RLY-1 …
 * RLY-3). Updates arrive over the bus with the seq the database gave them; they are applied in seq order
 * only, because the validator must never find the document holding pending structs (VAL-14). An update
 * after a gap waits while the missing ones are read from the database — the bus does not promise delivery,
 * the database is the truth — and a periodic read finds a last update whose message was lost.
 */
import * as Y from 'yjs';

/** Where missed updates are read back from: the document log (DocLog has this shape). */
export interface SeqSource {
	readSince(docName: string, afterSeq: number): Promise<{ seq: number; update: Uint8Array }[]>;
}

export class DocFollower {
	readonly docName: string;
	readonly doc: Y.Doc;
	#applied: number;
	readonly #source: SeqSource;
	readonly #origin: unknown;
	/** Updates that arrived ahead of a gap, by seq. */
	readonly #ahead = new Map<number, Uint8Array>();
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

	/** The last seq applied: everything up to it is in `doc`. */
	get applied(): number {
		return this.#applied;
	}

	/** RLY-1: an update with its seq, from the bus or from this node's own append. */
	receive(seq: number, update: Uint8Array): void {
		if (seq <= this.#applied) return; // a repeat: already in
		if (seq > this.#applied + 1) {
			// RLY-2: a gap. Keep it, and read what is missing from the database.
			this.#ahead.set(seq, update);
			void this.catchUp();
			return;
		}
		this.#apply(seq, update);
		this.#drain();
	}

	/** RLY-2, RLY-3: reads from the database whatever came after the last seq applied. One read at a time. */
	catchUp(): Promise<void> {
		if (this.#reading) {
			this.#again = true;
			return this.#reading;
		}
		this.#reading = (async () => {
			try {
				do {
					this.#again = false;
					for (const { seq, update } of await this.#source.readSince(this.docName, this.#applied))
						if (seq === this.#applied + 1) this.#apply(seq, update);
					this.#drain();
				} while (this.#again);
			} finally {
				this.#reading = null;
			}
		})();
		return this.#reading;
	}

	/** RLY-3: a message lost with nothing after it is found by reading every `ms`. */
	poll(ms: number): void {
		this.#timer ??= setInterval(() => void this.catchUp().catch(() => {}), ms);
		this.#timer.unref?.();
	}

	stop(): void {
		if (this.#timer) clearInterval(this.#timer);
		this.#timer = null;
	}

	#apply(seq: number, update: Uint8Array): void {
		// Set first, so that whoever observes the document's update sees the seq it belongs to.
		const before = this.#applied;
		this.#applied = seq;
		try {
			Y.applyUpdate(this.doc, update, this.#origin);
		} catch (error) {
			this.#applied = before;
			throw error;
		}
		this.#ahead.delete(seq);
	}

	#drain(): void {
		for (let next = this.#ahead.get(this.#applied + 1); next; next = this.#ahead.get(this.#applied + 1))
			this.#apply(this.#applied + 1, next);
		for (const seq of this.#ahead.keys()) if (seq <= this.#applied) this.#ahead.delete(seq);
	}
}
