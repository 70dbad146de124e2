/**
 * Knows which local changes the server has confirmed, so the page can say "kept on this device, not yet
 * saved" and, when the server rejects an update, which paragraphs lost what.
 *
 * The y-websocket protocol has no acknowledgement, but it has order: the server handles one socket's
 * messages in turn, and answers every sync step 1 with a sync step 2. So a step 1 sent after our updates
 * (a probe) is answered only once those updates were accepted; a rejection closes the socket before the
 * answer. Counting local transactions (not the state vector: deleting text does not advance the clock)
 * and matching answers to probes, first in first out, gives an acknowledgement without a protocol change.
 */
export class SaveTracker {
	#seq = 0;
	#acked = 0;
	/** unit id → the last local change that touched it */
	#touched = new Map<string, number>();
	/** per probe in flight on the current socket, the change it confirms; null confirms nothing */
	#probes: (number | null)[] = [];
	readonly #onChange: () => void;

	constructor(onChange: () => void = () => {}) {
		this.#onChange = onChange;
	}

	get unsaved(): boolean {
		return this.#seq > this.#acked;
	}

	/** Units with changes the server has not confirmed, in the order they were first changed. */
	unsavedUnits(): string[] {
		return [...this.#touched.keys()];
	}

	/** A local transaction changed these units. */
	recordLocal(unitIds: Iterable<string>): void {
		this.#seq++;
		for (const id of unitIds) {
			this.#touched.delete(id); // re-insert: most recently changed last
			this.#touched.set(id, this.#seq);
		}
		this.#onChange();
	}

	/** A new socket opened; the provider's own opening step 1 confirms nothing of ours. */
	socketOpened(): void {
		this.#probes = [null];
	}

	/** The socket closed: answers to its probes will never come. */
	socketClosed(): void {
		this.#probes = [];
	}

	/** Whether a probe would confirm anything not already confirmed or being confirmed. */
	needsProbe(): boolean {
		const last = this.#probes.findLast((p) => p !== null) ?? this.#acked;
		return this.#seq > last;
	}

	/** We sent a sync step 1 after every local change so far. */
	probeSent(): void {
		this.#probes.push(this.#seq);
	}

	/** The server answered a sync step 1. */
	answerReceived(): void {
		const confirms = this.#probes.shift();
		if (confirms === undefined || confirms === null || confirms <= this.#acked) return;
		this.#acked = confirms;
		for (const [id, seq] of this.#touched) if (seq <= confirms) this.#touched.delete(id);
		this.#onChange();
	}

	/** The document was thrown away: nothing of it is pending any more. */
	reset(): void {
		this.#seq = 0;
		this.#acked = 0;
		this.#touched.clear();
		this.#probes = [];
		this.#onChange();
	}
}
