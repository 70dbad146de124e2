// How often a live document may throw its state away and start again from the server's: a few times a
// minute heals a divergence; more means something starting again will not fix, and the page says so.
const WINDOW_MS = 60_000;

export class ResetBudget {
	#resets: number[] = [];
	readonly #perMinute: number;

	constructor(perMinute: number) {
		this.#perMinute = perMinute;
	}

	/** Counts a fresh start now; false once more than `perMinute` fell within the last minute. */
	take(now = Date.now()): boolean {
		this.#resets = this.#resets.filter((at) => now - at < WINDOW_MS);
		this.#resets.push(now);
		return this.#resets.length <= this.#perMinute;
	}
}
