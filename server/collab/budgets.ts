/**
 * What one user may cost the server, whatever number of sockets they open. A message counts once in the
 * per-socket rate limit, but a sync step 1 makes the server send the whole document: one observer's ten
 * sockets asking for it fifty times a second cost seconds of CPU and gigabytes sent, and everyone
 * else's edits and sign-ins waited behind them. So the server bounds, per user, the sockets open on
 * one document and how often they may be opened, and counts what it sends in answer to a user's
 * requests (sync step 2, awareness on query) in bytes, shared by that user's sockets on the document.
 */
import { TokenBucket, type RateLimit } from './rate-limit.ts';

export interface Allowance {
	/** Sockets one user may hold open on one document (tabs, the projector, a phone). */
	socketsPerUserAndDoc: number;
	/** Upgrades one user may make: a burst (a page load opens two or three), then a steady rate. */
	upgradesPerUser: RateLimit;
	/**
	 * Bytes sent in answer to one user's requests on one document: the burst holds several full loads of
	 * a large meeting (1.2 MB at 1,000 amendments), the rate a reload every few seconds.
	 */
	replyBytesPerUserAndDoc: RateLimit;
}

export const DEFAULT_ALLOWANCE: Allowance = {
	socketsPerUserAndDoc: 8,
	upgradesPerUser: { burst: 30, perSecond: 2 },
	replyBytesPerUserAndDoc: { burst: 16 * 1024 * 1024, perSecond: 512 * 1024 }
};

interface Account {
	sockets: number;
	replies: TokenBucket;
}

export class Budgets {
	readonly #allowance: Allowance;
	readonly #accounts = new Map<string, Account>();
	readonly #upgrades = new Map<string, TokenBucket>();

	constructor(allowance: Allowance) {
		this.#allowance = allowance;
	}

	/** Whether this user may open one more socket now: null if so, else why not. */
	mayUpgrade(userId: string): string | null {
		let bucket = this.#upgrades.get(userId);
		if (!bucket) this.#upgrades.set(userId, (bucket = new TokenBucket(this.#allowance.upgradesPerUser)));
		return bucket.take() ? null : 'too many connections, too fast';
	}

	/** Counts a socket opened on `docName`; null if it may stay, else why not (nothing is counted then). */
	open(userId: string, docName: string): string | null {
		const key = keyOf(userId, docName);
		let account = this.#accounts.get(key);
		if (!account) {
			account = { sockets: 0, replies: new TokenBucket(this.#allowance.replyBytesPerUserAndDoc) };
			this.#accounts.set(key, account);
		}
		if (account.sockets >= this.#allowance.socketsPerUserAndDoc) return 'too many connections';
		account.sockets += 1;
		return null;
	}

	close(userId: string, docName: string): void {
		const account = this.#accounts.get(keyOf(userId, docName));
		if (account) account.sockets -= 1;
		// The byte budget is kept while the user is away: closing and reopening sockets must not refill it.
	}

	/** Spends `bytes` of what this user's requests on `docName` may make the server send; false: over. */
	spend(userId: string, docName: string, bytes: number): boolean {
		const account = this.#accounts.get(keyOf(userId, docName));
		return account ? account.replies.take(bytes) : false;
	}

	/** Forgets users with no socket open whose budgets are full again: a long-lived server stays small. */
	sweep(): void {
		for (const [key, account] of this.#accounts)
			if (account.sockets === 0 && account.replies.isFull()) this.#accounts.delete(key);
		for (const [userId, bucket] of this.#upgrades) if (bucket.isFull()) this.#upgrades.delete(userId);
	}
}

function keyOf(userId: string, docName: string): string {
	return `${userId}\n${docName}`;
}
