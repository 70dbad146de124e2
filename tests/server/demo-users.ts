// Test support: a demo account (seeded by seedDemo) by its username, as the server commands take it.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '#lib/server/db/index.ts';
import { users } from '#lib/server/db/schema.ts';

export function demoUser(db: DbOrTx, username: string): { id: string; isOffice: boolean } {
	const row = db.select().from(users).where(eq(users.username, username)).get();
	if (!row) throw new Error(`no demo user ${username}`);
	return { id: row.id, isOffice: row.isOffice };
}
