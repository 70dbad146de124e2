// Throttling of sign-ins, per account and per address (AUTH-1…6). An attempt is counted *before* its
// password is checked: one SQLite transaction reads both counts, decides, and reserves the attempt, so
// that however many requests arrive together, no more than the free number are checked before the wait
// applies. A success refunds its reservation. The counts live in the database (sign_in_throttles): a
// restart forgets nothing, and several processes over one file share them.
import { eq, lt, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/index.ts';
import { signInThrottles } from '../db/schema.ts';

export interface ThrottleRule {
	/** Attempts that may fail in a row before any waiting. */
	free: number;
	/** The first wait, in seconds; doubles with each further failure. */
	baseSeconds: number;
	maxSeconds: number;
	/** Failures older than this no longer count. */
	forgetAfterSeconds: number;
}

// AUTH-5: an attacker's burst must not keep the real user out for long, so the account's wait stops at a
// minute; the address's own wait (the attacker's) goes on doubling.
export const ACCOUNT_RULE: ThrottleRule = {
	free: 5,
	baseSeconds: 2,
	maxSeconds: 60,
	forgetAfterSeconds: 3600
};
// An address may be a whole delegation behind one NAT: more room, same doubling.
export const ADDRESS_RULE: ThrottleRule = {
	free: 20,
	baseSeconds: 2,
	maxSeconds: 900,
	forgetAfterSeconds: 3600
};

/** How long after its last attempt a key waits, with `failures` counted against it (AUTH-1). */
export function waitMs(rule: ThrottleRule, failures: number): number {
	if (failures < rule.free) return 0;
	return Math.min(rule.maxSeconds, rule.baseSeconds * 2 ** (failures - rule.free)) * 1000;
}

export type Reservation = { ok: true } | { ok: false; waitSeconds: number };

export class Throttles {
	readonly account: ThrottleRule;
	readonly address: ThrottleRule;
	readonly now: () => number;

	constructor(now: () => number = Date.now, rules = { account: ACCOUNT_RULE, address: ADDRESS_RULE }) {
		this.now = now;
		this.account = rules.account;
		this.address = rules.address;
	}

	/**
	 * Decides whether an attempt may be checked and, if so, counts it as a failure on both keys, in one
	 * IMMEDIATE transaction (the write lock is taken before the counts are read, so no other process or
	 * request can read them in between). Synchronous: called before the first `await`, a burst's attempts
	 * are decided one after another in the order they arrived.
	 */
	reserve(db: Db, accountKey: string, addressKey: string): Reservation {
		const now = this.now();
		return db.transaction(
			(tx) => {
				const forget = Math.max(this.account.forgetAfterSeconds, this.address.forgetAfterSeconds) * 1000;
				tx.delete(signInThrottles)
					.where(lt(signInThrottles.lastAt, now - forget))
					.run();
				const account = live(tx, accountKey, this.account, now);
				const address = live(tx, addressKey, this.address, now);
				const accountWait = Math.max(0, account.lastAt + waitMs(this.account, account.failures) - now);
				const addressWait = Math.max(0, address.lastAt + waitMs(this.address, address.failures) - now);
				// AUTH-6: an address that has failed nothing is not the attacker's; it may try past the account's
				// wait. Reserving makes it an address with a failure until it succeeds.
				const wait =
					addressWait > 0 ? Math.max(addressWait, accountWait) : address.failures === 0 ? 0 : accountWait;
				if (wait > 0) return { ok: false, waitSeconds: Math.ceil(wait / 1000) };
				count(tx, accountKey, account.failures + 1, now);
				count(tx, addressKey, address.failures + 1, now);
				return { ok: true };
			},
			{ behavior: 'immediate' }
		);
	}

	/** A reserved attempt succeeded: the account starts afresh; the address gets its one attempt back. */
	succeeded(db: Db, accountKey: string, addressKey: string): void {
		db.transaction(
			(tx) => {
				tx.delete(signInThrottles).where(eq(signInThrottles.key, accountKey)).run();
				tx.update(signInThrottles)
					.set({ failures: sql`max(${signInThrottles.failures} - 1, 0)` })
					.where(eq(signInThrottles.key, addressKey))
					.run();
			},
			{ behavior: 'immediate' }
		);
	}
}

function live(tx: Tx, key: string, rule: ThrottleRule, now: number): { failures: number; lastAt: number } {
	const row = tx.select().from(signInThrottles).where(eq(signInThrottles.key, key)).get();
	if (!row || now - row.lastAt > rule.forgetAfterSeconds * 1000) return { failures: 0, lastAt: 0 };
	return row;
}

function count(tx: Tx, key: string, failures: number, now: number): void {
	tx.insert(signInThrottles)
		.values({ key, failures, lastAt: now })
		.onConflictDoUpdate({ target: signInThrottles.key, set: { failures, lastAt: now } })
		.run();
}
