/**
 * A token bucket per connection. A fast typist sends a few dozen messages a second (each keystroke is an
 * update and a caret move); a burst allows a reconnect's catch-up and a paste. A client far beyond that
 * is broken or hostile, and is closed before it can starve everyone else of the event loop.
 */
export interface RateLimit {
	/** Messages allowed at once. */
	burst: number;
	/** Messages per second sustained. */
	perSecond: number;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { burst: 300, perSecond: 100 };

export class TokenBucket {
	#tokens: number;
	#last: number;
	readonly #limit: RateLimit;
	readonly #now: () => number;

	constructor(limit: RateLimit, now: () => number = () => performance.now()) {
		this.#limit = limit;
		this.#now = now;
		this.#tokens = limit.burst;
		this.#last = now();
	}

	/** Takes one token; false when there is none left. */
	take(): boolean {
		const now = this.#now();
		this.#tokens = Math.min(
			this.#limit.burst,
			this.#tokens + ((now - this.#last) / 1000) * this.#limit.perSecond
		);
		this.#last = now;
		if (this.#tokens < 1) return false;
		this.#tokens -= 1;
		return true;
	}
}
