// Sessions the way Lucia's authors now teach it (lucia-auth.com, "Basic session API"): the browser holds
// a random token; the database holds only its SHA-256, so a leaked database cannot be replayed as
// cookies. Sessions slide: used within the last half of their life, they are extended.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { sessions, users } from '../db/schema.ts';
import { collabBridge } from '../collab-bridge.ts';

export const SESSION_COOKIE = 'session';
const DAY = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME = 30 * DAY;
const RENEW_WITHIN = 15 * DAY;

export interface SessionUser {
	id: string;
	username: string;
	displayName: string;
	isOffice: boolean;
	mustChangePassword: boolean;
}

export interface Session {
	id: string;
	userId: string;
	expiresAt: Date;
}

export function generateSessionToken(): string {
	const bytes = new Uint8Array(20); // 160 bits: unguessable
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdOf(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export function createSession(db: Db, token: string, userId: string, now = Date.now()): Session {
	const session: Session = { id: sessionIdOf(token), userId, expiresAt: new Date(now + SESSION_LIFETIME) };
	db.insert(sessions).values(session).run();
	return session;
}

export type SessionValidation = { session: Session; user: SessionUser; renewed: boolean } | null;

export function validateSessionToken(db: Db, token: string, now = Date.now()): SessionValidation {
	const id = sessionIdOf(token);
	const row = db
		.select({
			session: { id: sessions.id, userId: sessions.userId, expiresAt: sessions.expiresAt },
			user: {
				id: users.id,
				username: users.username,
				displayName: users.displayName,
				isOffice: users.isOffice,
				mustChangePassword: users.mustChangePassword
			}
		})
		.from(sessions)
		.innerJoin(users, eq(sessions.userId, users.id))
		.where(eq(sessions.id, id))
		.get();
	if (!row) return null;
	const { session, user } = row;
	if (now >= session.expiresAt.getTime()) {
		db.delete(sessions).where(eq(sessions.id, id)).run();
		return null;
	}
	let renewed = false;
	if (now >= session.expiresAt.getTime() - RENEW_WITHIN) {
		session.expiresAt = new Date(now + SESSION_LIFETIME);
		db.update(sessions).set({ expiresAt: session.expiresAt }).where(eq(sessions.id, id)).run();
		renewed = true;
	}
	return { session, user, renewed };
}

/** Ends a session; its open sockets close too (4401), within a moment. */
export function invalidateSession(db: Db, sessionId: string): void {
	db.delete(sessions).where(eq(sessions.id, sessionId)).run();
	collabBridge()?.identityChanged({ sessionId });
}

/** Signs a user out everywhere, e.g. after a password change. */
export function invalidateUserSessions(db: Db, userId: string): void {
	db.delete(sessions).where(eq(sessions.userId, userId)).run();
	collabBridge()?.identityChanged({ userId });
}

/** Reads the session token from a raw Cookie header (the websocket upgrade has no SvelteKit cookies API). */
export function sessionTokenFromCookieHeader(header: string | undefined): string | null {
	if (!header) return null;
	for (const part of header.split(';')) {
		const eqAt = part.indexOf('=');
		if (eqAt < 0) continue;
		if (part.slice(0, eqAt).trim() === SESSION_COOKIE) return decodeURIComponent(part.slice(eqAt + 1).trim());
	}
	return null;
}
