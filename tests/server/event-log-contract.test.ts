// The event log is append-only on every engine (docs/architecture.md, "Who owns which data"): the
// database itself refuses to change or remove an event, on SQLite (drizzle/0001) and on a real PostgreSQL
// (drizzle-pg/0002, tests/services/), whatever SQL reaches it.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openPostgres, type PgDb } from '#lib/server/storage/pg/open.ts';
import { tempDb } from './temp-db.ts';

describe('the event log on SQLite', () => {
	let t: ReturnType<typeof tempDb>;
	beforeAll(() => (t = tempDb()));
	afterAll(() => t.cleanup());

	it('appends, and refuses UPDATE and DELETE', () => {
		const c = t.db.$client;
		c.prepare(`INSERT INTO events (type, at, payload) VALUES ('test.appended', 0, '{}')`).run();
		expect(() => c.prepare(`UPDATE events SET type = 'forged'`).run()).toThrow(/append-only/);
		expect(() => c.prepare(`DELETE FROM events`).run()).toThrow(/append-only/);
		expect(c.prepare(`SELECT type FROM events WHERE type = 'test.appended'`).all()).toHaveLength(1);
	});
});

describe('the event log on PostgreSQL', () => {
	let db: PgDb;
	beforeAll(async () => (db = await openPostgres(inject('postgresUrl'))));
	afterAll(() => db.$client.end());

	it('appends, and refuses UPDATE, DELETE and TRUNCATE', async () => {
		const c = db.$client;
		const type = `test.appended.${crypto.randomUUID()}`;
		await c.query(`INSERT INTO events (type, at, payload) VALUES ($1, 0, '{}')`, [type]);
		await expect(c.query(`UPDATE events SET type = 'forged' WHERE type = $1`, [type])).rejects.toThrow(
			/append-only/
		);
		await expect(c.query(`DELETE FROM events WHERE type = $1`, [type])).rejects.toThrow(/append-only/);
		await expect(c.query(`TRUNCATE events`)).rejects.toThrow(/append-only/);
		const kept = await c.query(`SELECT type FROM events WHERE type = $1`, [type]);
		expect(kept.rows).toEqual([{ type }]);
	});
});
