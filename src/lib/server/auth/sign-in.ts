import { eq } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { securityEvents, users } from '../db/schema.ts';
import { verifyAgainstDecoy, verifyPassword } from './password.ts';
import { createSession, generateSessionToken, type Session } from './session.ts';
import { ACCOUNT_RULE, ADDRESS_RULE, Throttle } from './throttle.ts';

export type SignInResult =
	| { ok: true; token: string; session: Session }
	| { ok: false; error: 'invalid' }
	| { ok: false; error: 'throttled'; waitSeconds: number };

export interface Throttles {
	account: Throttle;
	address: Throttle;
}

export function createThrottles(now?: () => number): Throttles {
	return { account: new Throttle(ACCOUNT_RULE, now), address: new Throttle(ADDRESS_RULE, now) };
}

/**
 * Checks a username and password. A wrong username and a wrong password give the same answer, in the
 * same time; failures are throttled per account and per address, and each one is a security event.
 */
export async function signIn(
	db: Db,
	throttles: Throttles,
	input: { username: string; password: string; address: string }
): Promise<SignInResult> {
	const username = input.username.trim().toLowerCase();
	const accountKey = `account:${username}`;
	const addressKey = `address:${input.address}`;
	const wait = Math.max(throttles.account.waitSeconds(accountKey), throttles.address.waitSeconds(addressKey));
	if (wait > 0) return { ok: false, error: 'throttled', waitSeconds: wait };

	const user = db.select().from(users).where(eq(users.username, username)).get();
	const valid = user
		? await verifyPassword(user.passwordHash, input.password)
		: await verifyAgainstDecoy(input.password);
	if (!user || !valid) {
		throttles.account.fail(accountKey);
		throttles.address.fail(addressKey);
		db.insert(securityEvents)
			.values({
				type: 'sign_in.failed',
				userId: user?.id ?? null,
				address: input.address,
				detail: username,
				at: new Date()
			})
			.run();
		return { ok: false, error: 'invalid' };
	}
	throttles.account.clear(accountKey);
	const token = generateSessionToken();
	return { ok: true, token, session: createSession(db, token, user.id) };
}
