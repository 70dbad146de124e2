// One history, every engine: unit_versions is written by triggers on text_units (SQLite: drizzle/0008 and
// 0010; PostgreSQL: drizzle-pg's unit_versions), and the same changes, made through drizzle, must leave
// the same versions on both. Each scenario runs on a migrated SQLite file and on a PostgreSQL database
// created for this file, and its transcript must be the expected one on each.
import { eq, sql } from 'drizzle-orm';
import type { NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as lite from '#lib/server/db/schema.ts';
import * as pgSchema from '#lib/server/storage/pg/schema.ts';
import { openPostgres, type PgDb } from '#lib/server/storage/pg/open.ts';
import { tempDb } from './temp-db.ts';

// The types are the same on both engines (pg-schema-types.test.ts); SQLite's name them here.
type Unit = typeof lite.textUnits.$inferInsert;
type Version = typeof lite.unitVersions.$inferSelect;

/** The changes the triggers tell apart, each one statement through drizzle. */
interface Engine {
	meeting(id: string): Promise<void>;
	insert(...units: Unit[]): Promise<void>;
	setText(id: string, text: string): Promise<void>;
	/** UPDATE … SET text = text: the statement names text, the text stays. */
	setTextToItself(id: string): Promise<void>;
	setPosition(id: string, position: number): Promise<void>;
	/** Every unit of the meeting at once. */
	appendToAll(meetingId: string, suffix: string): Promise<void>;
	/** INSERT … ON CONFLICT (id) DO UPDATE SET text = excluded.text. */
	upsert(unit: Unit): Promise<void>;
	/** INSERT … ON CONFLICT DO NOTHING. */
	insertIfAbsent(unit: Unit): Promise<void>;
	deleteUnit(id: string): Promise<void>;
	event(meetingId: string, at: Date): Promise<void>;
	versions(meetingId: string): Promise<Version[]>;
	editVersion(seq: number, text: string): Promise<void>;
	deleteVersion(seq: number): Promise<void>;
	deleteVersionsOf(meetingId: string): Promise<void>;
	/** The steps in one transaction, committed. */
	transaction(steps: (e: Engine) => Promise<void>): Promise<void>;
}

const meetingRow = (id: string) => ({
	id,
	title: 'T',
	venue: 'V',
	startDate: '2026-01-01',
	endDate: '2026-01-02'
});
const eventRow = (meetingId: string, at: Date) => ({ meetingId, type: 'test.event', at, payload: {} });

function sqliteEngine(db: ReturnType<typeof tempDb>['db']): Engine {
	const { textUnits, unitVersions, events, meetings } = lite;
	const e: Engine = {
		meeting: async (id) => void (await db.insert(meetings).values(meetingRow(id))),
		insert: async (...units) => void (await db.insert(textUnits).values(units)),
		setText: async (id, text) => void (await db.update(textUnits).set({ text }).where(eq(textUnits.id, id))),
		setTextToItself: async (id) =>
			void (await db
				.update(textUnits)
				.set({ text: sql`${textUnits.text}` })
				.where(eq(textUnits.id, id))),
		setPosition: async (id, position) =>
			void (await db.update(textUnits).set({ position }).where(eq(textUnits.id, id))),
		appendToAll: async (meetingId, suffix) =>
			void (await db
				.update(textUnits)
				.set({ text: sql`${textUnits.text} || ${suffix}` })
				.where(eq(textUnits.meetingId, meetingId))),
		upsert: async (unit) =>
			void (await db
				.insert(textUnits)
				.values(unit)
				.onConflictDoUpdate({ target: textUnits.id, set: { text: sql`excluded.text` } })),
		insertIfAbsent: async (unit) => void (await db.insert(textUnits).values(unit).onConflictDoNothing()),
		deleteUnit: async (id) => void (await db.delete(textUnits).where(eq(textUnits.id, id))),
		event: async (meetingId, at) => void (await db.insert(events).values(eventRow(meetingId, at))),
		versions: (meetingId) =>
			db.select().from(unitVersions).where(eq(unitVersions.meetingId, meetingId)).orderBy(unitVersions.seq),
		editVersion: async (seq, text) =>
			void (await db.update(unitVersions).set({ text }).where(eq(unitVersions.seq, seq))),
		deleteVersion: async (seq) => void (await db.delete(unitVersions).where(eq(unitVersions.seq, seq))),
		deleteVersionsOf: async (meetingId) =>
			void (await db.delete(unitVersions).where(eq(unitVersions.meetingId, meetingId))),
		// better-sqlite3's transactions take no async function; its one connection makes BEGIN…COMMIT the same.
		async transaction(steps) {
			db.$client.exec('BEGIN');
			try {
				await steps(e);
				db.$client.exec('COMMIT');
			} catch (error) {
				db.$client.exec('ROLLBACK');
				throw error;
			}
		}
	};
	return e;
}

/** The same statements, word for word, against PostgreSQL's tables. */
function pgEngine(db: PgDatabase<NodePgQueryResultHKT, typeof pgSchema>): Engine {
	const { textUnits, unitVersions, events, meetings } = pgSchema;
	return {
		meeting: async (id) => void (await db.insert(meetings).values(meetingRow(id))),
		insert: async (...units) => void (await db.insert(textUnits).values(units)),
		setText: async (id, text) => void (await db.update(textUnits).set({ text }).where(eq(textUnits.id, id))),
		setTextToItself: async (id) =>
			void (await db
				.update(textUnits)
				.set({ text: sql`${textUnits.text}` })
				.where(eq(textUnits.id, id))),
		setPosition: async (id, position) =>
			void (await db.update(textUnits).set({ position }).where(eq(textUnits.id, id))),
		appendToAll: async (meetingId, suffix) =>
			void (await db
				.update(textUnits)
				.set({ text: sql`${textUnits.text} || ${suffix}` })
				.where(eq(textUnits.meetingId, meetingId))),
		upsert: async (unit) =>
			void (await db
				.insert(textUnits)
				.values(unit)
				.onConflictDoUpdate({ target: textUnits.id, set: { text: sql`excluded.text` } })),
		insertIfAbsent: async (unit) => void (await db.insert(textUnits).values(unit).onConflictDoNothing()),
		deleteUnit: async (id) => void (await db.delete(textUnits).where(eq(textUnits.id, id))),
		event: async (meetingId, at) => void (await db.insert(events).values(eventRow(meetingId, at))),
		versions: (meetingId) =>
			db.select().from(unitVersions).where(eq(unitVersions.meetingId, meetingId)).orderBy(unitVersions.seq),
		editVersion: async (seq, text) =>
			void (await db.update(unitVersions).set({ text }).where(eq(unitVersions.seq, seq))),
		deleteVersion: async (seq) => void (await db.delete(unitVersions).where(eq(unitVersions.seq, seq))),
		deleteVersionsOf: async (meetingId) =>
			void (await db.delete(unitVersions).where(eq(unitVersions.meetingId, meetingId))),
		transaction: (steps) => db.transaction((tx) => steps(pgEngine(tx)))
	};
}

/** A database of its own, migrated from zero, so that no other test's events or versions are in it. */
async function freshPostgres(): Promise<{ db: PgDb; close(): Promise<void> }> {
	const admin = new pg.Client({ connectionString: inject('postgresUrl') });
	await admin.connect();
	const name = `pg_schema_${crypto.randomUUID().replaceAll('-', '')}`;
	await admin.query(`CREATE DATABASE ${name}`);
	const url = new URL(inject('postgresUrl'));
	url.pathname = `/${name}`;
	const db = await openPostgres(url.toString());
	return {
		db,
		async close() {
			await db.$client.end();
			await admin.query(`DROP DATABASE ${name}`);
			await admin.end();
		}
	};
}

/**
 * The engine with every unit and meeting id under `scope`, so that each scenario has ids of its own in
 * the one database while it names them plainly ('u1', 'm').
 */
function scoped(e: Engine, scope: string): Engine {
	const s = (id: string) => `${scope}/${id}`;
	const strip = (id: string) => id.slice(scope.length + 1);
	const inScope = (u: Unit): Unit => ({ ...u, id: s(u.id), meetingId: s(u.meetingId) });
	return {
		meeting: (id) => e.meeting(s(id)),
		insert: (...units) => e.insert(...units.map(inScope)),
		setText: (id, text) => e.setText(s(id), text),
		setTextToItself: (id) => e.setTextToItself(s(id)),
		setPosition: (id, position) => e.setPosition(s(id), position),
		appendToAll: (meetingId, suffix) => e.appendToAll(s(meetingId), suffix),
		upsert: (unit) => e.upsert(inScope(unit)),
		insertIfAbsent: (unit) => e.insertIfAbsent(inScope(unit)),
		deleteUnit: (id) => e.deleteUnit(s(id)),
		event: (meetingId, at) => e.event(s(meetingId), at),
		versions: async (meetingId) =>
			(await e.versions(s(meetingId))).map((v) => ({
				...v,
				meetingId: strip(v.meetingId),
				unitId: strip(v.unitId)
			})),
		editVersion: (seq, text) => e.editVersion(seq, text),
		deleteVersion: (seq) => e.deleteVersion(seq),
		deleteVersionsOf: (meetingId) => e.deleteVersionsOf(s(meetingId)),
		transaction: (steps) => e.transaction((tx) => steps(scoped(tx, scope)))
	};
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Past the current millisecond, so that the next statement's clock is later than anything read so far. */
const tick = () => sleep(3);
const unit = (meetingId: string, id: string, text: string, position = 1): Unit => ({
	id,
	meetingId,
	kind: 'paragraph',
	position,
	text
});
/** What the history holds, unit by unit in the order written: `unit: text`. */
const texts = (versions: Version[]) =>
	[...versions]
		.sort((a, b) => (a.unitId === b.unitId ? a.seq - b.seq : a.unitId < b.unitId ? -1 : 1))
		.map((v) => `${v.unitId}: ${v.text}`);
const last = (versions: Version[]) => versions[versions.length - 1]!;
/** The engine's words when it refuses, or 'ok'. */
const outcome = (p: Promise<void>) =>
	p.then(
		() => 'ok',
		(e: Error) => {
			const message = String((e.cause as Error | undefined)?.message ?? e.message);
			return /append-only/.test(message)
				? 'refused: append-only'
				: /an event reads it/.test(message)
					? 'refused: an event reads it'
					: `failed: ${message}`;
		}
	);

interface Scenario {
	name: string;
	run(e: Engine, meeting: string): Promise<unknown>;
	expected: unknown;
}

const scenarios: Scenario[] = [
	{
		name: 'an inserted unit has its first version; one statement inserting two, one each',
		async run(e, m) {
			await e.insert(unit(m, 'u1', 'one'), unit(m, 'u2', 'two', 2));
			return texts(await e.versions(m));
		},
		expected: ['u1: one', 'u2: two']
	},
	{
		name: 'before the meeting’s first event, each new text replaces the versions (none can be read)',
		async run(e, m) {
			await e.insert(unit(m, 'u1', 'a'));
			await e.setText('u1', 'b');
			await e.setText('u1', 'c');
			return texts(await e.versions(m));
		},
		expected: ['u1: c']
	},
	{
		name: 'no version unless the text changes: other columns, the same text, SET text = text',
		async run(e, m) {
			await e.insert(unit(m, 'u1', 'a'));
			await e.event(m, new Date(1)); // so that a version written would also delete the first
			const [first] = await e.versions(m);
			await e.setPosition('u1', 5);
			await e.setText('u1', 'a');
			await e.setTextToItself('u1');
			const after = await e.versions(m);
			return { texts: texts(after), sameRow: after.length === 1 && after[0]!.seq === first!.seq };
		},
		expected: { texts: ['u1: a'], sameRow: true }
	},
	{
		name: 'a version at or before the last event stays; those after it are replaced by the next',
		async run(e, m) {
			await e.insert(unit(m, 'u1', 'a'));
			// An event in the same millisecond as the version: `at >` spares it.
			await e.event(m, last(await e.versions(m)).at);
			await tick();
			await e.setText('u1', 'b');
			await tick();
			await e.setText('u1', 'c');
			const afterFirstEvent = texts(await e.versions(m));
			await e.event(m, last(await e.versions(m)).at);
			await tick();
			await e.setText('u1', 'd');
			return [afterFirstEvent, texts(await e.versions(m))];
		},
		expected: [
			['u1: a', 'u1: c'],
			['u1: a', 'u1: c', 'u1: d']
		]
	},
	{
		name: 'the last event is the latest by seq, not by time',
		async run(e, m) {
			await e.insert(unit(m, 'u1', 'a'));
			await e.event(m, new Date(Date.UTC(2100, 0, 1)));
			await e.setText('u1', 'b');
			await e.setText('u1', 'c');
			const underLateEvent = texts(await e.versions(m));
			await e.event(m, new Date(1));
			await e.setText('u1', 'd');
			return [underLateEvent, texts(await e.versions(m))];
		},
		expected: [['u1: a', 'u1: b', 'u1: c'], ['u1: d']]
	},
	{
		name: 'only the unit’s own meeting’s events count',
		async run(e, m) {
			await e.meeting(`${m}-other`);
			await e.insert(unit(m, 'u1', 'a'));
			await e.event(`${m}-other`, new Date(Date.UTC(2100, 0, 1)));
			await e.setText('u1', 'b');
			return texts(await e.versions(m));
		},
		expected: ['u1: b']
	},
	{
		name: 'one statement changing many units: a version each, all at the statement’s time',
		async run(e, m) {
			await e.insert(unit(m, 'u1', 'a'), unit(m, 'u2', 'b', 2));
			await e.event(m, last(await e.versions(m)).at);
			await tick();
			await e.appendToAll(m, '!');
			const versions = await e.versions(m);
			const written = versions.filter((v) => v.text.endsWith('!'));
			return { texts: texts(versions), times: new Set(written.map((v) => v.at.getTime())).size };
		},
		expected: { texts: ['u1: a', 'u1: a!', 'u2: b', 'u2: b!'], times: 1 }
	},
	{
		name: 'an upsert that updates is an update; one that does nothing writes nothing',
		async run(e, m) {
			await e.insert(unit(m, 'u1', 'a'));
			await e.upsert(unit(m, 'u1', 'b'));
			await e.insertIfAbsent(unit(m, 'u1', 'ignored'));
			await e.upsert(unit(m, 'u2', 'new', 2));
			await e.insertIfAbsent(unit(m, 'u3', 'absent', 3));
			return texts(await e.versions(m));
		},
		expected: ['u1: b', 'u2: new', 'u3: absent']
	},
	{
		name: 'in one transaction, each statement has its own time (SQLite’s ‘now’ is per statement)',
		async run(e, m) {
			await e.insert(unit(m, 'u1', 'a'));
			await e.transaction(async (tx) => {
				await tx.setText('u1', 'b');
				await tx.event(m, last(await tx.versions(m)).at);
				await tick();
				await tx.setText('u1', 'c');
				await tick();
				// Were the time the transaction's, c would tie with the event and be spared.
				await tx.setText('u1', 'd');
			});
			return texts(await e.versions(m));
		},
		expected: ['u1: b', 'u1: d']
	},
	{
		name: 'versions outlive their unit',
		async run(e, m) {
			await e.insert(unit(m, 'u1', 'a'));
			await e.deleteUnit('u1');
			return texts(await e.versions(m));
		},
		expected: ['u1: a']
	},
	{
		name: 'a version is never changed, and one an event reads never deleted; a later one may go',
		async run(e, m) {
			await e.insert(unit(m, 'u1', 'a'));
			const read = last(await e.versions(m));
			const refusedBeforeEvent = await outcome(e.editVersion(read.seq, 'forged'));
			await e.event(m, read.at);
			await tick();
			await e.setText('u1', 'b');
			const later = last(await e.versions(m));
			return {
				edit: await outcome(e.editVersion(later.seq, 'forged')),
				editBeforeEvent: refusedBeforeEvent,
				deleteRead: await outcome(e.deleteVersion(read.seq)),
				// One statement over both: the whole statement is refused, the later one stays too.
				deleteAll: await outcome(e.deleteVersionsOf(m)),
				afterRefusals: texts(await e.versions(m)),
				deleteLater: await outcome(e.deleteVersion(later.seq)),
				left: texts(await e.versions(m))
			};
		},
		expected: {
			edit: 'refused: append-only',
			editBeforeEvent: 'refused: append-only',
			deleteRead: 'refused: an event reads it',
			deleteAll: 'refused: an event reads it',
			afterRefusals: ['u1: a', 'u1: b'],
			deleteLater: 'ok',
			left: ['u1: a']
		}
	},
	{
		name: 'before any event of the meeting, versions may be deleted',
		async run(e, m) {
			await e.insert(unit(m, 'u1', 'a'), unit(m, 'u2', 'b', 2));
			return { deleteAll: await outcome(e.deleteVersionsOf(m)), left: texts(await e.versions(m)) };
		},
		expected: { deleteAll: 'ok', left: [] }
	}
];

describe('unit_versions: the same history on SQLite and PostgreSQL', () => {
	let sqlite: ReturnType<typeof tempDb>;
	let postgres: Awaited<ReturnType<typeof freshPostgres>>;
	let engines: [string, Engine][];
	beforeAll(async () => {
		sqlite = tempDb();
		postgres = await freshPostgres();
		engines = [
			['SQLite', sqliteEngine(sqlite.db)],
			['PostgreSQL', pgEngine(postgres.db)]
		];
	});
	afterAll(async () => {
		sqlite?.cleanup();
		await postgres?.close();
	});

	it.each(scenarios)('$name', async ({ run, expected }) => {
		const transcripts: Record<string, unknown> = {};
		for (const [engine, raw] of engines) {
			const e = scoped(raw, crypto.randomUUID());
			await e.meeting('m');
			const before = Date.now();
			transcripts[engine] = await run(e, 'm');
			const after = Date.now();
			// Every version is stamped with the database's clock, in whole ms, during the scenario.
			for (const v of await e.versions('m')) {
				expect(v.at.getTime(), engine).toBeGreaterThanOrEqual(before);
				expect(v.at.getTime(), engine).toBeLessThanOrEqual(after);
			}
		}
		expect(transcripts).toEqual({ SQLite: expected, PostgreSQL: expected });
	});

	it('PostgreSQL refuses TRUNCATE, which would pass by the row triggers, while an event reads a version', async () => {
		const e = scoped(engines[1]![1], crypto.randomUUID());
		const m = 'm';
		await e.meeting(m);
		await e.insert(unit(m, 'u1', 'a'));
		await e.event(m, last(await e.versions(m)).at);
		await expect(postgres.db.$client.query('TRUNCATE unit_versions')).rejects.toThrow(/an event reads it/);
		expect(texts(await e.versions(m))).toEqual(['u1: a']);
	});
});
