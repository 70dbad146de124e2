// A command's one transaction (KRN-2 in docs/architecture.md), on the app's one better-sqlite3
// connection.
//
// The body is synchronous, and must be: on this connection a transaction is the connection's state, not
// an object, and whatever runs on it between BEGIN and COMMIT is inside. A body that awaited (even a
// resolved promise: other work queued in the same turn runs in between) would let another command's or a
// socket's writes join this transaction and commit or roll back with it. Synchronous, nothing can.

import type { Db } from '../db/index.ts';

/** What a body may return: anything but a promise (see above). */
export type Settled<T> = T extends PromiseLike<unknown> ? never : T;

/**
 * Runs `body` in one IMMEDIATE transaction (the write lock is taken at BEGIN, so what the body reads
 * stays true until COMMIT) and commits; rolls back and rethrows when it throws.
 */
export function transaction<T>(db: Db, body: () => Settled<T>): Settled<T> {
	return db.$client
		.transaction(() => {
			const value = body();
			// The types refuse a promise; this says so at run time too, before anything commits.
			if (value instanceof Promise)
				throw new Error('a command body returned a promise: it must be synchronous');
			return value;
		})
		.immediate();
}
