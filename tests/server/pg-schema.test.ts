// The PostgreSQL schema is SQLite's, table for table, on real databases: a SQLite file migrated as at
// start (drizzle/) and a PostgreSQL database created empty here and migrated from zero by openPostgres
// (drizzle-pg/). The tables are read back from each engine's catalogue, not from the drizzle
// definitions, so a migration that does not do what its schema says is caught too. Then the same rows go
// through drizzle into both and come back the same.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as lite from '#lib/server/db/schema.ts';
import * as pgSchema from '#lib/server/storage/pg/schema.ts';
import { openPostgres, type PgDb } from '#lib/server/storage/pg/open.ts';
import { tempDb } from './temp-db.ts';

/**
 * A database of its own, so that what is read is what the migrations made and nothing else; `before`
 * gets it first, empty, as an older node would have found it.
 */
async function freshPostgres(
	before?: (url: string) => Promise<void>
): Promise<{ db: PgDb; close(): Promise<void> }> {
	const admin = new pg.Client({ connectionString: inject('postgresUrl') });
	await admin.connect();
	const name = `pg_schema_${crypto.randomUUID().replaceAll('-', '')}`;
	await admin.query(`CREATE DATABASE ${name}`);
	const url = new URL(inject('postgresUrl'));
	url.pathname = `/${name}`;
	await before?.(url.toString());
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

const MIGRATIONS = fileURLToPath(new URL('../../drizzle-pg', import.meta.url));

/** drizzle-pg/ as it was up to and including migration `tag`, in a temporary folder. */
function migrationsUpTo(tag: string): { folder: string; remove(): void } {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dr-pg-migrations-'));
	const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS, 'meta/_journal.json'), 'utf8')) as {
		entries: { idx: number; tag: string }[];
	};
	const upTo = journal.entries.findIndex((e) => e.tag === tag);
	if (upTo < 0) throw new Error(`no migration ${tag}`);
	journal.entries = journal.entries.slice(0, upTo + 1);
	fs.mkdirSync(path.join(folder, 'meta'));
	fs.writeFileSync(path.join(folder, 'meta/_journal.json'), JSON.stringify(journal));
	for (const e of journal.entries)
		fs.copyFileSync(path.join(MIGRATIONS, `${e.tag}.sql`), path.join(folder, `${e.tag}.sql`));
	return { folder, remove: () => fs.rmSync(folder, { recursive: true, force: true }) };
}

interface Shape {
	/** name → nullable, by name (the order of columns means nothing to drizzle, which names them). */
	columns: [string, boolean][];
	/** SQLite's declared type family of each column; PostgreSQL's types, mapped to the same families. */
	families: Record<string, string>;
	primaryKey: string[];
	/** `name(col, …)`, sorted. */
	unique: string[];
	indexes: string[];
	/** `col → table.col on delete …`, sorted. */
	foreignKeys: string[];
}

const byName = (a: [string, boolean], b: [string, boolean]) => (a[0] < b[0] ? -1 : 1);

const sqliteFamily: Record<string, string> = { integer: 'integer', text: 'text', blob: 'blob' };
// How each SQLite type is stored here (src/lib/server/storage/pg/schema.ts): integers, times and booleans
// as integer types or boolean, JSON text as jsonb, blobs as bytea.
const pgFamily: Record<string, string> = {
	integer: 'integer',
	bigint: 'integer',
	boolean: 'integer',
	text: 'text',
	jsonb: 'text',
	bytea: 'blob'
};
const pgOnDelete: Record<string, string> = {
	a: 'no action',
	r: 'restrict',
	c: 'cascade',
	n: 'set null',
	d: 'set default'
};

function sqliteShapes(db: ReturnType<typeof tempDb>['db']): Map<string, Shape> {
	const c = db.$client;
	const names = c
		.prepare<[], { name: string }>(
			`SELECT name FROM sqlite_master WHERE type = 'table'
			 AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> '__drizzle_migrations' ORDER BY name`
		)
		.all()
		.map((r) => r.name);
	const shapes = new Map<string, Shape>();
	for (const table of names) {
		const columns = c
			.prepare<[string], { name: string; type: string; notnull: number; pk: number }>(
				'SELECT name, type, "notnull", pk FROM pragma_table_info(?) ORDER BY cid'
			)
			.all(table);
		const indexes = c
			.prepare<[string], { name: string; unique: number; origin: string }>(
				'SELECT name, "unique", origin FROM pragma_index_list(?)'
			)
			.all(table)
			.filter((i) => i.origin !== 'pk')
			.map((i) => {
				const cols = c
					.prepare<[string], { name: string }>('SELECT name FROM pragma_index_info(?) ORDER BY seqno')
					.all(i.name)
					.map((r) => r.name);
				return { unique: i.unique === 1, text: `${i.name}(${cols.join(', ')})` };
			});
		const fks = c
			.prepare<[string], { table: string; from: string; to: string; on_delete: string }>(
				'SELECT "table", "from", "to", on_delete FROM pragma_foreign_key_list(?)'
			)
			.all(table);
		shapes.set(table, {
			columns: columns.map((col): [string, boolean] => [col.name, col.notnull === 0]).sort(byName),
			families: Object.fromEntries(
				columns.map((col) => [col.name, sqliteFamily[col.type.toLowerCase()] ?? col.type])
			),
			primaryKey: columns
				.filter((col) => col.pk > 0)
				.sort((a, b) => a.pk - b.pk)
				.map((col) => col.name),
			unique: indexes
				.filter((i) => i.unique)
				.map((i) => i.text)
				.sort(),
			indexes: indexes
				.filter((i) => !i.unique)
				.map((i) => i.text)
				.sort(),
			foreignKeys: fks
				.map((f) => `${f.from} → ${f.table}.${f.to} on delete ${f.on_delete.toLowerCase()}`)
				.sort()
		});
	}
	return shapes;
}

async function pgShapes(db: PgDb): Promise<Map<string, Shape>> {
	const c = db.$client;
	const tables = await c.query<{ name: string }>(
		`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`
	);
	const shapes = new Map<string, Shape>();
	for (const { name: table } of tables.rows) {
		const columns = await c.query<{ name: string; nullable: string; type: string }>(
			`SELECT column_name AS name, is_nullable AS nullable, data_type AS type
			 FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1
			 ORDER BY ordinal_position`,
			[table]
		);
		const indexes = await c.query<{ name: string; unique: boolean; primary: boolean; columns: string[] }>(
			`SELECT i.relname AS name, x.indisunique AS unique, x.indisprimary AS primary,
				array(SELECT a.attname::text FROM unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, n)
					JOIN pg_attribute AS a ON a.attrelid = x.indrelid AND a.attnum = k.attnum ORDER BY k.n) AS columns
			 FROM pg_index AS x JOIN pg_class AS i ON i.oid = x.indexrelid JOIN pg_class AS t ON t.oid = x.indrelid
			 WHERE t.relnamespace = 'public'::regnamespace AND t.relname = $1`,
			[table]
		);
		const fks = await c.query<{ from: string; table: string; to: string; on_delete: string }>(
			`SELECT a.attname AS from, r.relname AS table, ra.attname AS to, k.confdeltype AS on_delete
			 FROM pg_constraint AS k
				JOIN pg_class AS t ON t.oid = k.conrelid JOIN pg_class AS r ON r.oid = k.confrelid
				CROSS JOIN LATERAL unnest(k.conkey, k.confkey) AS u(f, rf)
				JOIN pg_attribute AS a ON a.attrelid = k.conrelid AND a.attnum = u.f
				JOIN pg_attribute AS ra ON ra.attrelid = k.confrelid AND ra.attnum = u.rf
			 WHERE k.contype = 'f' AND t.relnamespace = 'public'::regnamespace AND t.relname = $1`,
			[table]
		);
		const others = indexes.rows.filter((i) => !i.primary);
		shapes.set(table, {
			columns: columns.rows.map((col): [string, boolean] => [col.name, col.nullable === 'YES']).sort(byName),
			families: Object.fromEntries(columns.rows.map((col) => [col.name, pgFamily[col.type] ?? col.type])),
			primaryKey: indexes.rows.find((i) => i.primary)?.columns ?? [],
			unique: others
				.filter((i) => i.unique)
				.map((i) => `${i.name}(${i.columns.join(', ')})`)
				.sort(),
			indexes: others
				.filter((i) => !i.unique)
				.map((i) => `${i.name}(${i.columns.join(', ')})`)
				.sort(),
			foreignKeys: fks.rows
				.map((f) => `${f.from} → ${f.table}.${f.to} on delete ${pgOnDelete[f.on_delete]}`)
				.sort()
		});
	}
	return shapes;
}

/**
 * The document log's deliberate differences (storage/pg/schema.ts): dense seqs per document, so the key
 * is (doc_name, seq), which also serves the reads SQLite needs collab_updates_doc_seq_idx for; and
 * collab_docs, which numbers them.
 */
const PG_DOC_LOG: Record<string, Partial<Shape>> = {
	collab_updates: { primaryKey: ['doc_name', 'seq'], indexes: [] }
};
const PG_ONLY = ['collab_docs'];

describe('the PostgreSQL schema against the SQLite schema, as the databases have them', () => {
	let sqlite: ReturnType<typeof tempDb>;
	let postgres: Awaited<ReturnType<typeof freshPostgres>>;
	let liteShapes: Map<string, Shape>;
	let pgTables: Map<string, Shape>;
	beforeAll(async () => {
		sqlite = tempDb();
		postgres = await freshPostgres();
		liteShapes = sqliteShapes(sqlite.db);
		pgTables = await pgShapes(postgres.db);
	});
	afterAll(async () => {
		sqlite?.cleanup();
		await postgres?.close();
	});

	it('a fresh PostgreSQL migrates from zero: every migration in drizzle-pg/ applied once', async () => {
		const applied = await postgres.db.$client.query<{ n: string }>(
			'SELECT count(*) AS n FROM drizzle.__drizzle_migrations'
		);
		const migrations = readMigrationFiles({
			migrationsFolder: fileURLToPath(new URL('../../drizzle-pg', import.meta.url))
		});
		expect(migrations.length).toBeGreaterThanOrEqual(5);
		expect(Number(applied.rows[0]!.n)).toBe(migrations.length);
	});

	it('has every SQLite table, and only PostgreSQL’s own besides', () => {
		expect(liteShapes.size).toBe(23);
		expect([...pgTables.keys()].sort()).toEqual([...liteShapes.keys(), ...PG_ONLY].sort());
	});

	/** Every SQLite table's `pick` of its shape, from each engine: compared whole, so a failure lists all. */
	function both<T>(pick: (shape: Shape, table: string) => T): {
		sqlite: Record<string, T>;
		pg: Record<string, T>;
	} {
		const of = (shapes: Map<string, Shape>) =>
			Object.fromEntries([...liteShapes.keys()].map((table) => [table, pick(shapes.get(table)!, table)]));
		return { sqlite: of(liteShapes), pg: of(pgTables) };
	}

	it('has the same columns, nullability and type families in each table', () => {
		const columns = both((s) => s.columns);
		expect(columns.pg).toEqual(columns.sqlite);
		const families = both((s) => s.families);
		expect(families.pg).toEqual(families.sqlite);
	});

	it('has the same primary keys, unique constraints, indexes and foreign keys', () => {
		const keys = both(({ primaryKey, unique, indexes, foreignKeys }) => ({
			primaryKey,
			unique,
			indexes,
			foreignKeys
		}));
		const expected = Object.fromEntries(
			Object.entries(keys.sqlite).map(([table, shape]) => [table, { ...shape, ...PG_DOC_LOG[table] }])
		);
		expect(keys.pg).toEqual(expected);
	});

	it('the document log exceptions are real: SQLite keys collab_updates by seq alone', () => {
		expect(liteShapes.get('collab_updates')!.primaryKey).toEqual(['seq']);
		expect(liteShapes.get('collab_updates')!.indexes).toEqual(['collab_updates_doc_seq_idx(doc_name, seq)']);
	});
});

// Rows of every mirrored table, typed against SQLite's schema (the types are PostgreSQL's too:
// pg-schema-types.test.ts), in the order their foreign keys allow.
const T = (ms: number) => new Date(1_780_000_000_000 + ms);
const M = 'm1';
const fixture = {
	users: [
		{
			id: 'u1',
			username: 'ana',
			displayName: 'Ana',
			passwordHash: 'h',
			isOffice: true,
			mustChangePassword: false,
			createdAt: T(1)
		}
	],
	sessions: [{ id: 's1', userId: 'u1', expiresAt: T(2), createdAt: T(3) }],
	meetings: [
		{
			id: M,
			title: 'Conference',
			venue: 'Geneva',
			startDate: '2026-06-01',
			endDate: '2026-06-12',
			subparagraphScheme: 'alpha',
			createdBy: 'u1',
			createdAt: T(4),
			currentSittingId: 'st1',
			focusUnitId: 'p1',
			focusAmendmentId: null,
			quorum: 3,
			conclusionsAdoptedAt: T(5)
		}
	],
	sittings: [{ id: 'st1', meetingId: M, number: 1, date: '2026-06-01' }],
	participants: [
		{ id: 'pa1', meetingId: M, userId: 'u1', groupId: 'government', country: 'France', createdAt: T(6) }
	],
	participantRoles: [{ participantId: 'pa1', role: 'government_coordinator' }],
	textUnits: [
		{
			id: 'p1',
			meetingId: M,
			kind: 'paragraph',
			parentId: null,
			position: 1,
			text: 'Text',
			label: null,
			status: 'adopted'
		}
	],
	events: [
		{
			meetingId: M,
			type: 'meeting.created',
			actorUserId: 'u1',
			actorGroup: 'government',
			actorRoles: 'government_coordinator',
			at: T(7),
			payload: { z: 1, a: { list: [1, 'two', null, true] } },
			sittingId: 'st1'
		}
	],
	securityEvents: [
		{ type: 'sign_in.failed', userId: null, address: '127.0.0.1', detail: 'bad password', at: T(8) }
	],
	signInThrottles: [{ key: 'account:ana', failures: 2, lastAt: 1_780_000_000_009 }],
	outputDownloads: [
		{
			meetingId: M,
			userId: 'u1',
			what: 'draft',
			format: 'docx',
			stamp: 'provisional',
			lineNumbers: true,
			eventSeq: 1,
			firstAt: T(10),
			lastAt: T(11),
			repeats: 4
		}
	],
	// A Yjs client id is a uint32: the largest is beyond int4.
	collabClients: [{ docName: `meeting/${M}`, clientId: 4_294_967_295, userId: 'u1', firstAt: T(12) }],
	collabLeases: [{ docName: `meeting/${M}`, holder: 'node-a', until: 1_780_000_000_013 }],
	amendments: [
		{
			id: 'a1',
			meetingId: M,
			code: 'G1',
			groupId: 'government',
			kind: 'change_wording',
			targetId: 'p1',
			afterId: null,
			level: null,
			parentId: null,
			proposedText: 'New text',
			justification: null,
			status: 'tabled',
			createdBy: 'u1',
			tabledBy: 'u1',
			capacity: 'national',
			tabledCountry: 'France',
			secondedBy: null,
			secondedCountry: null,
			baseText: 'Text',
			createdAt: T(14),
			updatedAt: T(15)
		}
	],
	positions: [
		{
			meetingId: M,
			subjectKind: 'amendment',
			subjectId: 'a1',
			groupId: 'government',
			stance: 'support',
			note: null,
			setBy: 'u1',
			setAt: T(16)
		}
	],
	amendmentOrders: [{ meetingId: M, unitId: 'p1', ids: ['a1'], setBy: 'u1', setAt: T(17) }],
	amendmentMerges: [
		{
			amendmentId: 'a1',
			meetingId: M,
			unitId: 'p1',
			conflicts: [
				{
					base: { start: 0, end: 4, text: 'Text' },
					proposed: 'New',
					current: { start: 0, end: 5, text: 'Texts' }
				}
			],
			moot: [],
			resolvedBy: 'u1',
			resolvedAt: T(18),
			createdAt: T(19)
		}
	],
	unitBrackets: [
		{
			id: 'b1',
			meetingId: M,
			unitId: 'p1',
			start: { type: { client: 1, clock: 2 }, assoc: 0 },
			end: { type: { client: 1, clock: 4 }, assoc: -1 },
			words: 'ex',
			createdBy: 'u1',
			createdAt: T(20)
		}
	],
	statements: [
		{
			id: 'sm1',
			meetingId: M,
			kind: 'reservation',
			unitId: null,
			speakerId: 'u1',
			speakerGroup: 'government',
			speakerCountry: 'France',
			onBehalfOfGroup: false,
			text: 'We reserve.',
			recordedBy: 'u1',
			sittingId: 'st1',
			at: T(21)
		}
	],
	votes: [
		{
			id: 'v1',
			meetingId: M,
			subjectKind: 'amendment',
			subjectId: 'a1',
			ballot: { government: { yes: 1 } },
			tally: { yes: 1, no: 0 },
			result: 'carried',
			recordedBy: 'u1',
			sittingId: null,
			at: T(22)
		}
	],
	unitVersions: [{ meetingId: M, unitId: 'by-hand', text: 'Typed in', at: T(23) }]
} satisfies { [K in keyof typeof lite]?: (typeof lite)[K]['$inferInsert'][] };

type Mirrored = keyof typeof fixture;
const ORDER = Object.keys(fixture) as Mirrored[];

describe('the same rows through drizzle on both engines', () => {
	let sqlite: ReturnType<typeof tempDb>;
	let postgres: Awaited<ReturnType<typeof freshPostgres>>;
	beforeAll(async () => {
		sqlite = tempDb();
		postgres = await freshPostgres();
	});
	afterAll(async () => {
		sqlite?.cleanup();
		await postgres?.close();
	});

	it('come back the same, with the same JS types', async () => {
		const read: Record<string, [unknown[], unknown[]]> = {};
		for (const key of ORDER) {
			// One table at a time; the union of all tables is too wide for drizzle's value types.
			await sqlite.db.insert(lite[key]).values(fixture[key] as never);
			await postgres.db.insert(pgSchema[key]).values(fixture[key] as never);
			read[key] = [await sqlite.db.select().from(lite[key]), await postgres.db.select().from(pgSchema[key])];
		}
		for (const key of ORDER) {
			let [fromSqlite, fromPg] = read[key]!;
			// text_units' trigger wrote p1's first version at each database's own time: see pg-schema-triggers.
			if (key === 'unitVersions') {
				const byHand = (rows: unknown[]) =>
					rows.filter((r) => (r as { unitId: string }).unitId === 'by-hand');
				[fromSqlite, fromPg] = [byHand(fromSqlite), byHand(fromPg)];
			}
			expect({ key, rows: fromPg }).toEqual({ key, rows: fromSqlite });
			expect(fromSqlite, key).toHaveLength(1);
			expect(fromSqlite[0], key).toMatchObject(fixture[key][0]!);
		}
		const event = read.events![1][0] as typeof pgSchema.events.$inferSelect;
		expect(event.at).toBeInstanceOf(Date);
		expect(event.seq).toBe(1);
		expect(typeof (read.collabClients![1][0] as { clientId: unknown }).clientId).toBe('number');
	});

	it('fill in the same defaults: the database’s clock in ms as a Date, false, 0, draft', async () => {
		const before = Date.now();
		const user = { id: 'u2', username: 'bo', displayName: 'Bo', passwordHash: 'h' };
		const meeting = { id: 'm2', title: 'T', venue: 'V', startDate: '2026-01-01', endDate: '2026-01-02' };
		await sqlite.db.insert(lite.users).values(user);
		await sqlite.db.insert(lite.meetings).values(meeting);
		await postgres.db.insert(pgSchema.users).values(user);
		await postgres.db.insert(pgSchema.meetings).values(meeting);
		const after = Date.now();
		for (const [u, m] of [
			[
				await sqlite.db.query.users.findFirst({ where: (t, { eq }) => eq(t.id, 'u2') }),
				await sqlite.db.query.meetings.findFirst({ where: (t, { eq }) => eq(t.id, 'm2') })
			],
			[
				await postgres.db.query.users.findFirst({ where: (t, { eq }) => eq(t.id, 'u2') }),
				await postgres.db.query.meetings.findFirst({ where: (t, { eq }) => eq(t.id, 'm2') })
			]
		] as const) {
			expect(u).toMatchObject({ isOffice: false, mustChangePassword: false });
			expect(m).toMatchObject({ subparagraphScheme: 'roman', quorum: 0, conclusionsAdoptedAt: null });
			for (const at of [u!.createdAt, m!.createdAt]) {
				expect(at).toBeInstanceOf(Date);
				expect(at.getTime()).toBeGreaterThanOrEqual(before);
				expect(at.getTime()).toBeLessThanOrEqual(after);
			}
		}
	});

	it('refuse and allow the same: a code twice in a meeting, but any number of amendments without one', async () => {
		const draft = (id: string, code: string | null) => ({
			...fixture.amendments[0]!,
			id,
			code,
			status: 'draft' as const
		});
		type Row = ReturnType<typeof draft>;
		const engines = {
			SQLite: async (row: Row) => void (await sqlite.db.insert(lite.amendments).values(row)),
			PostgreSQL: async (row: Row) => void (await postgres.db.insert(pgSchema.amendments).values(row))
		};
		for (const [engine, insert] of Object.entries(engines)) {
			await expect(insert(draft('n1', null)), engine).resolves.toBeUndefined();
			await expect(insert(draft('n2', null)), engine).resolves.toBeUndefined();
			const refused = await insert(draft('dup', 'G1')).then(
				() => null,
				(e: Error) => e
			);
			// drizzle wraps the driver's error; the engine's own words are its cause.
			expect(String((refused?.cause as Error | undefined)?.message ?? refused), engine).toMatch(/unique/i);
		}
	});
});

describe('a PostgreSQL database from before the mirror', () => {
	it('keeps its events: `at` was and stays ms in a bigint, now read as a Date', async () => {
		const old = migrationsUpTo('0002_events_append_only');
		const postgres = await freshPostgres(async (url) => {
			const pool = new pg.Pool({ connectionString: url, max: 1 });
			try {
				await migrate(drizzle(pool), { migrationsFolder: old.folder });
				await pool.query(
					`INSERT INTO events (type, at, payload) VALUES ('old.one', 0, '{}'), ('old.two', 1780000000123, '{"a": 1}')`
				);
			} finally {
				await pool.end();
			}
		});
		try {
			const rows = await postgres.db.select().from(pgSchema.events).orderBy(pgSchema.events.seq);
			expect(rows.map((r) => [r.type, r.at, r.payload])).toEqual([
				['old.one', new Date(0), {}],
				['old.two', new Date(1_780_000_000_123), { a: 1 }]
			]);
			// And the log is still append-only, and still numbers on from where it was.
			await postgres.db.insert(pgSchema.events).values({ type: 'new', at: new Date(5), payload: {} });
			const after = await postgres.db.select({ seq: pgSchema.events.seq }).from(pgSchema.events);
			expect(after.map((r) => r.seq)).toEqual([1, 2, 3]);
			await expect(postgres.db.$client.query(`DELETE FROM events`)).rejects.toThrow(/append-only/);
		} finally {
			old.remove();
			await postgres.close();
		}
	});
});
