import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '#lib/server/db/index.ts';
import { applyMigrations } from '#lib/server/db/migrate.ts';

/** A real SQLite file in a fresh temporary folder, migrated like at start. */
export function tempDb(): { db: Db; file: string; cleanup(): void } {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dr-test-'));
	const file = path.join(dir, 'test.db');
	const db = openDatabase(file);
	applyMigrations(db);
	return {
		db,
		file,
		cleanup() {
			db.$client.close();
			fs.rmSync(dir, { recursive: true, force: true });
		}
	};
}
