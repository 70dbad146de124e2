// The seeded demo meeting for server tests on real SQLite files: seeded once per test file (hashing the
// twelve demo passwords is slow by design) and copied to a fresh file for every test.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { openDatabase, type Db } from '#lib/server/db/index.ts';
import { seedDemo } from '#lib/server/demo/seed.ts';
import { demoUser } from './demo-users.ts';
import { tempDb } from './temp-db.ts';

export function demoCopies(password = 'demo-copy-password') {
	let template: ReturnType<typeof tempDb>;
	let dir = '';
	let db: Db | null = null;
	beforeAll(async () => {
		template = tempDb();
		await seedDemo(template.db, password);
		template.db.$client.pragma('wal_checkpoint(TRUNCATE)');
	}, 60_000);
	afterAll(() => template.cleanup());
	beforeEach(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dr-demo-'));
		fs.copyFileSync(template.file, path.join(dir, 'test.db'));
		db = openDatabase(path.join(dir, 'test.db'));
	});
	afterEach(() => {
		db?.$client.close();
		db = null;
		fs.rmSync(dir, { recursive: true, force: true });
	});
	return {
		/** This test's copy. */
		get db(): Db {
			if (!db) throw new Error('demoCopies: no test is running');
			return db;
		},
		/** Its file, for a second connection. */
		get file(): string {
			return path.join(dir, 'test.db');
		},
		/** A demo account as the commands take it. */
		user(username: string): { id: string; isOffice: boolean } {
			return demoUser(this.db, username);
		}
	};
}
