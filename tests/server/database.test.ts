import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendEvent } from '#lib/server/events.ts';
import { tempDb } from './temp-db.ts';

let t: ReturnType<typeof tempDb>;
beforeEach(() => (t = tempDb()));
afterEach(() => t.cleanup());

describe('the database', () => {
	it('runs in WAL mode with foreign keys on and full synchronous commits', () => {
		const c = t.db.$client;
		expect(c.pragma('journal_mode', { simple: true })).toBe('wal');
		expect(c.pragma('foreign_keys', { simple: true })).toBe(1);
		expect(c.pragma('synchronous', { simple: true })).toBe(2); // FULL
	});

	it('refuses to update or delete an event: the log is append-only', () => {
		appendEvent(t.db, { meetingId: null, type: 'test.happened', actorUserId: null, payload: { n: 1 } });
		const c = t.db.$client;
		expect(() => c.prepare(`UPDATE events SET type = 'forged'`).run()).toThrow(/append-only/);
		expect(() => c.prepare(`DELETE FROM events`).run()).toThrow(/append-only/);
		expect(c.prepare(`SELECT type, payload FROM events`).all()).toEqual([
			{ type: 'test.happened', payload: '{"n":1}' }
		]);
	});

	it('no code path writes to the event log other than by appending (issue 5: no endpoint can alter it)', () => {
		// Every route, command and server module: none updates or deletes events, through drizzle or SQL.
		const files: string[] = [];
		const walk = (dir: string) => {
			for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
				const full = path.join(dir, entry.name);
				if (entry.isDirectory()) walk(full);
				else if (/\.(ts|svelte)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) files.push(full);
			}
		};
		walk('src');
		walk('server');
		expect(files.length).toBeGreaterThan(50);
		const writes =
			/\.(update|delete)\(\s*events\s*\)|\b(UPDATE|DELETE\s+FROM)\s+events\b|\.insert\(\s*events\s*\)/i;
		const offenders = files.filter((f) => {
			const src = fs.readFileSync(f, 'utf8');
			const m = writes.exec(src);
			// The one insert is appendEvent's.
			return m !== null && !(m[0].startsWith('.insert') && f.endsWith(path.join('server', 'events.ts')));
		});
		expect(offenders).toEqual([]);
	});

	it('enforces foreign keys', () => {
		expect(() =>
			t.db.$client
				.prepare(`INSERT INTO sessions (id, user_id, expires_at) VALUES ('x', 'no-such-user', 0)`)
				.run()
		).toThrow(/FOREIGN KEY/);
	});
});
