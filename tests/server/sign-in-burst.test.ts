// Sign-in throttling under bursts (issue 11, point 1): real argon2, a real SQLite file, every attempt of a
// burst started at once. What the attacker learns is what was verified: each 'invalid' answer is one
// password checked; a 'throttled' answer checked nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openDatabase } from '#lib/server/db/index.ts';
import { securityEvents, users } from '#lib/server/db/schema.ts';
import { hashPassword } from '#lib/server/auth/password.ts';
import { createThrottles, signIn, type SignInResult } from '#lib/server/auth/sign-in.ts';
import { validateSessionToken } from '#lib/server/auth/session.ts';
import { tempDb } from './temp-db.ts';

let t: ReturnType<typeof tempDb>;
beforeEach(() => (t = tempDb()));
afterEach(() => t.cleanup());

const RIGHT = 'correct horse battery';

async function addUser(username: string) {
	t.db
		.insert(users)
		.values({
			id: crypto.randomUUID(),
			username,
			displayName: username,
			passwordHash: await hashPassword(RIGHT)
		})
		.run();
}

const tally = (results: SignInResult[]) => ({
	invalid: results.filter((r) => !r.ok && r.error === 'invalid').length,
	throttled: results.filter((r) => !r.ok && r.error === 'throttled').length,
	signedIn: results.filter((r) => r.ok).length
});
const failedEvents = () =>
	t.db.select().from(securityEvents).where(eq(securityEvents.type, 'sign_in.failed')).all().length;

describe('a burst of sign-ins at one account (AUTH-1, AUTH-2)', () => {
	it('AUTH-2: 41 at once from one address verify at most 5, and the right password among them does not sign in', async () => {
		await addUser('alice');
		const throttles = createThrottles();
		const passwords = Array.from({ length: 41 }, (_, i) => (i === 20 ? RIGHT : `guess ${i}`));
		const results = await Promise.all(
			passwords.map((password) =>
				signIn(t.db, throttles, { username: 'alice', password, address: 'attacker' })
			)
		);
		const counts = tally(results);
		expect(counts.signedIn, 'the right password, 21st of the burst, signed in').toBe(0);
		expect(counts.invalid, 'passwords verified in the burst').toBeLessThanOrEqual(5);
		expect(counts.invalid + counts.throttled).toBe(41);
		expect(failedEvents()).toBe(counts.invalid);
	});

	it('AUTH-2: 200 at once verify at most 5', async () => {
		await addUser('alice');
		const throttles = createThrottles();
		const started = performance.now();
		const results = await Promise.all(
			Array.from({ length: 200 }, (_, i) =>
				signIn(t.db, throttles, { username: 'alice', password: `guess ${i}`, address: 'attacker' })
			)
		);
		const seconds = (performance.now() - started) / 1000;
		const counts = tally(results);
		console.log(
			`200 at once: ${counts.invalid} verified, ${counts.throttled} throttled in ${seconds.toFixed(2)} s`
		);
		expect(counts.invalid, 'passwords verified in the burst').toBeLessThanOrEqual(5);
		expect(counts.throttled).toBeGreaterThanOrEqual(195);
	});
});

describe('a burst from one address (AUTH-3)', () => {
	it('AUTH-3: 60 at once against several accounts verify at most 20', async () => {
		for (const name of ['bob', 'carol', 'dave']) await addUser(name);
		const throttles = createThrottles();
		const names = ['bob', 'carol', 'dave', 'erin', 'frank', 'grace'];
		const results = await Promise.all(
			Array.from({ length: 60 }, (_, i) =>
				signIn(t.db, throttles, {
					username: names[i % names.length]!,
					password: `guess ${i}`,
					address: 'nat'
				})
			)
		);
		const counts = tally(results);
		expect(counts.invalid, 'passwords verified from the one address').toBeLessThanOrEqual(20);
		expect(counts.signedIn).toBe(0);
		expect(failedEvents()).toBe(counts.invalid);
	});
});

describe('what the throttles remember (AUTH-4)', () => {
	it('AUTH-4: a new Throttles over the same database file still applies the wait', async () => {
		await addUser('alice');
		const now = 7_000_000;
		const first = createThrottles(() => now);
		for (let i = 0; i < 5; i++)
			await signIn(t.db, first, { username: 'alice', password: `guess ${i}`, address: 'a' });
		// Another process (a restart, another node) over the same file.
		const db = openDatabase(t.file);
		try {
			const again = await signIn(
				db,
				createThrottles(() => now),
				{ username: 'alice', password: RIGHT, address: 'a' }
			);
			expect(again).toEqual({ ok: false, error: 'throttled', waitSeconds: 2 });
		} finally {
			db.$client.close();
		}
	});
});

describe('the real user under attack (AUTH-5, AUTH-6)', () => {
	it('AUTH-5: the account wait never exceeds 60 s, however long the attack goes on', async () => {
		await addUser('alice');
		let now = 9_000_000;
		const throttles = createThrottles(() => now);
		const waits: number[] = [];
		let failures = 0;
		for (let i = 0; failures < 40; i++) {
			// Ten addresses in turn: each already failed, none near its own limit.
			const r = await signIn(t.db, throttles, {
				username: 'alice',
				password: 'wrong',
				address: `10.0.0.${i % 10}`
			});
			if (!r.ok && r.error === 'throttled') {
				waits.push(r.waitSeconds);
				now += r.waitSeconds * 1000;
			} else failures++;
		}
		expect(waits.length).toBeGreaterThan(10);
		expect(Math.max(...waits), `account waits: ${waits.join(', ')}`).toBeLessThanOrEqual(60);
	}, 60_000);

	it('AUTH-6: the right password from an address with no failures signs in while the account is under attack', async () => {
		await addUser('alice');
		const throttles = createThrottles();
		const burst = await Promise.all(
			Array.from({ length: 30 }, (_, i) =>
				signIn(t.db, throttles, { username: 'alice', password: `guess ${i}`, address: `203.0.113.${i % 3}` })
			)
		);
		const fromAttacker = await signIn(t.db, throttles, {
			username: 'alice',
			password: RIGHT,
			address: '203.0.113.1'
		});
		expect(fromAttacker).toMatchObject({ ok: false, error: 'throttled' });
		const fromHome = await signIn(t.db, throttles, {
			username: 'alice',
			password: RIGHT,
			address: '198.51.100.7'
		});
		expect(fromHome.ok, JSON.stringify(fromHome)).toBe(true);
		expect(tally(burst).throttled).toBeGreaterThan(0);
	});

	it('AUTH-6: a wrong password from a fresh address is checked once and counted, and that address then waits too', async () => {
		await addUser('alice');
		const throttles = createThrottles();
		for (let i = 0; i < 5; i++)
			await signIn(t.db, throttles, { username: 'alice', password: `guess ${i}`, address: 'attacker' });
		const fresh = await signIn(t.db, throttles, {
			username: 'alice',
			password: 'another guess',
			address: 'fresh'
		});
		expect(fresh).toEqual({ ok: false, error: 'invalid' });
		const again = await signIn(t.db, throttles, { username: 'alice', password: RIGHT, address: 'fresh' });
		expect(again).toMatchObject({ ok: false, error: 'throttled' });
	});
});

describe('signing in again in the same browser (AUTH-7)', () => {
	it('AUTH-7: ends the session the browser held before', async () => {
		await addUser('alice');
		const throttles = createThrottles();
		const first = await signIn(t.db, throttles, { username: 'alice', password: RIGHT, address: 'a' });
		if (!first.ok) throw new Error('first sign-in failed');
		const second = await signIn(t.db, throttles, {
			username: 'alice',
			password: RIGHT,
			address: 'a',
			replacesSession: first.session.id
		});
		if (!second.ok) throw new Error('second sign-in failed');
		expect(validateSessionToken(t.db, second.token)?.user.username).toBe('alice');
		expect(validateSessionToken(t.db, first.token), 'the first session is still valid').toBeNull();
	});

	it('AUTH-7: a failed attempt leaves the session the browser holds alone', async () => {
		await addUser('alice');
		const throttles = createThrottles();
		const first = await signIn(t.db, throttles, { username: 'alice', password: RIGHT, address: 'a' });
		if (!first.ok) throw new Error('first sign-in failed');
		const wrong = await signIn(t.db, throttles, {
			username: 'alice',
			password: 'wrong',
			address: 'a',
			replacesSession: first.session.id
		});
		expect(wrong).toEqual({ ok: false, error: 'invalid' });
		expect(validateSessionToken(t.db, first.token)?.user.username).toBe('alice');
	});
});
