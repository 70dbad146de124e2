// Throttling of failed sign-ins, per account and per address. After a few free failures each further one
// doubles the wait, up to a ceiling; a success clears the account's count. Kept in memory: one process
// serves the app, and a restart forgetting the counts costs an attacker a restart's worth of tries only.

export interface ThrottleRule {
	/** Failures allowed before any waiting. */
	free: number;
	/** The first wait, in seconds; doubles with each further failure. */
	baseSeconds: number;
	maxSeconds: number;
	/** Failures older than this no longer count. */
	forgetAfterSeconds: number;
}

export const ACCOUNT_RULE: ThrottleRule = {
	free: 4,
	baseSeconds: 2,
	maxSeconds: 900,
	forgetAfterSeconds: 3600
};
// An address may be a whole delegation behind one NAT: more room, same doubling.
export const ADDRESS_RULE: ThrottleRule = {
	free: 20,
	baseSeconds: 2,
	maxSeconds: 900,
	forgetAfterSeconds: 3600
};

interface Entry {
	failures: number;
	lastFailure: number;
	blockedUntil: number;
}

export class Throttle {
	#entries = new Map<string, Entry>();
	#rule: ThrottleRule;
	#now: () => number;

	constructor(rule: ThrottleRule, now: () => number = Date.now) {
		this.#rule = rule;
		this.#now = now;
	}

	/** Seconds to wait before the next attempt for this key, 0 when it may go ahead. */
	waitSeconds(key: string): number {
		const e = this.#live(key);
		if (!e) return 0;
		return Math.max(0, Math.ceil((e.blockedUntil - this.#now()) / 1000));
	}

	fail(key: string): void {
		const now = this.#now();
		const e = this.#live(key) ?? { failures: 0, lastFailure: now, blockedUntil: 0 };
		e.failures += 1;
		e.lastFailure = now;
		const over = e.failures - this.#rule.free;
		if (over > 0) {
			const seconds = Math.min(this.#rule.maxSeconds, this.#rule.baseSeconds * 2 ** (over - 1));
			e.blockedUntil = now + seconds * 1000;
		}
		this.#entries.set(key, e);
	}

	clear(key: string): void {
		this.#entries.delete(key);
	}

	#live(key: string): Entry | undefined {
		const e = this.#entries.get(key);
		if (e && this.#now() - e.lastFailure > this.#rule.forgetAfterSeconds * 1000) {
			this.#entries.delete(key);
			return undefined;
		}
		return e;
	}
}
