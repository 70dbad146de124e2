// Opening the database: one better-sqlite3 connection per process, shared by the SvelteKit handler and
// the collaboration server (they are bundled separately, so the connection lives on globalThis rather
// than in a module variable).
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as schema from './schema.ts';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const DEFAULT_DATABASE_PATH = 'data/drafting-room.db';

export function databasePath(): string {
	return path.resolve(process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH);
}

export function openDatabase(file: string): Db {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	const sqlite = new Database(file);
	// WAL: readers never block the writer, and a commit is one append to the log.
	sqlite.pragma('journal_mode = WAL');
	// FULL, not NORMAL: in WAL mode NORMAL may lose the last commits on power loss, and we promise that
	// nothing a participant has seen on screen is ever lost. The cost is one fsync per commit.
	sqlite.pragma('synchronous = FULL');
	sqlite.pragma('foreign_keys = ON');
	// Another process (the CLI, a test) may hold the write lock briefly; wait rather than fail.
	sqlite.pragma('busy_timeout = 5000');
	return drizzle({ client: sqlite, schema });
}

const KEY = Symbol.for('drafting-room.db');
type WithDb = typeof globalThis & { [KEY]?: Db };

/** The process's database, opened on first use at DATABASE_PATH (default data/drafting-room.db). */
export function getDb(): Db {
	const g = globalThis as WithDb;
	g[KEY] ??= openDatabase(databasePath());
	return g[KEY];
}

/** Installs an already-open database as the process's own (the server entry and tests do this). */
export function setDb(db: Db): void {
	(globalThis as WithDb)[KEY] = db;
}

/** A transaction handle: commands write through one so that rows and events commit together. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;
