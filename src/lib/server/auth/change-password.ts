import { eq } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { sessions, users } from '../db/schema.ts';
import { and, ne } from 'drizzle-orm';
import { collabBridge } from '../collab-bridge.ts';
import { command } from '../kernel/command.ts';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './password.ts';

export type ChangePasswordError =
	'password.wrongCurrent' | 'password.tooShort' | 'password.mismatch' | 'password.same';

/** Sets a user's own password; other sessions of theirs end (whoever else held the old one is out). */
export async function changePassword(
	db: Db,
	userId: string,
	keepSessionId: string,
	input: { current: string; next: string; confirm: string }
): Promise<ChangePasswordError | null> {
	const user = db.select().from(users).where(eq(users.id, userId)).get();
	if (!user || !(await verifyPassword(user.passwordHash, input.current))) return 'password.wrongCurrent';
	if (input.next.length < MIN_PASSWORD_LENGTH) return 'password.tooShort';
	if (input.next !== input.confirm) return 'password.mismatch';
	if (input.next === input.current) return 'password.same';
	const passwordHash = await hashPassword(input.next);
	await command(db, {}, ({ tx, record, after }) => {
		tx.update(users).set({ passwordHash, mustChangePassword: false }).where(eq(users.id, userId)).run();
		const ended = tx
			.delete(sessions)
			.where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)))
			.run().changes;
		// On the record without the meeting: an account's business, not one meeting's.
		record({ meetingId: null, type: 'account.passwordChanged', actorUserId: userId, payload: { ended } });
		// The sockets of the ended sessions close (4401); the one kept reads its session as live again.
		after(() => collabBridge()?.identityChanged({ userId }));
	});
	return null;
}
