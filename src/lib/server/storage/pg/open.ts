// A PostgreSQL database for the app (DATABASE_URL), through drizzle's node-postgres driver over a `pg`
// pool. Migrations (drizzle-pg/) are applied at open under an advisory lock, so that nodes starting at
// once migrate once.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import * as schema from './schema.ts';

export type PgDb = NodePgDatabase<typeof schema> & { $client: pg.Pool };

const MIGRATIONS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../drizzle-pg');
/** Any number the app's advisory locks do not otherwise use: "migrating". */
const MIGRATION_LOCK = 20131108;

export async function openPostgres(url: string, options: { max?: number } = {}): Promise<PgDb> {
	const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
	const db = drizzle(pool, { schema }) as PgDb;
	const client = await pool.connect();
	try {
		await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
		await migrate(drizzle(client, { schema }), { migrationsFolder: MIGRATIONS });
	} finally {
		await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
		client.release();
	}
	return db;
}
