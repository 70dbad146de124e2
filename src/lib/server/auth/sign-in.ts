import { eq } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { securityEvents, users } from '../db/schema.ts';
import { verifyAgainstDecoy, verifyPassword } from './password.ts';
import { createSession, generateSessionToken, invalidateSession, type Session } from './session.ts';
import { Throttles } from './throttle.ts';

export { Throttles } from './throttle.ts';

export type SignInResult =
	| { ok: true; token: string; session: Session }
	| { ok: false; error: 'invalid' }
	| { ok: false; error: 'throttled'; waitSeconds: number };

export function createThrottles(now?: () => number): Throttles {
	return new Throttles(now);
}

// No account name is longer than 40 characters; a longer one typed at the form is cut here so that it
// cannot fill the throttle and security tables with megabytes.
const KEY_LENGTH = 100;

/**
 * Checks a username and password. A wrong username and a wrong password give the same answer, in the
 * same time (one argon2 verification each); every attempt is reserved against the account and the
 * address before it is checked (AUTH-1…6), and each failure is a security event. A success ends the
 * session the browser held before, if any (`replacesSession`, AUTH-7).
 */
export async function signIn(
	db: Db,
	throttles: Throttles,
	input: { username: string; password: string; address: string; replacesSession?: string | null }
): Promise<SignInResult> {
	const username = input.username.trim().toLowerCase();
	const accountKey = `account:${username.slice(0, KEY_LENGTH)}`;
	const addressKey = `address:${input.address}`;
	// Before the first await: the attempts of a burst are reserved one by one, in order.
	const reservation = throttles.reserve(db, accountKey, addressKey);
	if (!reservation.ok) return { ok: false, error: 'throttled', waitSeconds: reservation.waitSeconds };

	const user = db.select().from(users).where(eq(users.username, username)).get();
	const valid = user
		? await verifyPassword(user.passwordHash, input.password)
		: await verifyAgainstDecoy(input.password);
	if (!user || !valid) {
		// Already counted by the reservation.
		db.insert(securityEvents)
			.values({
				type: 'sign_in.failed',
				userId: user?.id ?? null,
				address: input.address,
				detail: username.slice(0, KEY_LENGTH),
				at: new Date()
			})
			.run();
		return { ok: false, error: 'invalid' };
	}
	throttles.succeeded(db, accountKey, addressKey);
	if (input.replacesSession) invalidateSession(db, input.replacesSession);
	const token = generateSessionToken();
	return { ok: true, token, session: createSession(db, token, user.id) };
}
