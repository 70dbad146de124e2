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

	/**
	 * Takes `n` tokens; false when there are not enough. A cost larger than the whole burst is allowed
	 * from a full bucket and leaves it in debt, so that nothing is unaffordable, only rare.
	 */
	take(n = 1): boolean {
		this.#refill();
		if (this.#tokens < Math.min(n, this.#limit.burst)) return false;
		this.#tokens -= n;
		return true;
	}

	/** Back to its full burst: nothing spent is still owed. */
	isFull(): boolean {
		this.#refill();
		return this.#tokens >= this.#limit.burst;
	}

	#refill(): void {
		const now = this.#now();
		this.#tokens = Math.min(
			this.#limit.burst,
			this.#tokens + ((now - this.#last) / 1000) * this.#limit.perSecond
		);
		this.#last = now;
	}
}
