// The PostgreSQL schema mirrors SQLite's so that query code typed against one runs on the other. The
// types are checked by `tsc` (this file is in tsconfig's program): a column whose JS type drifts on
// either side fails the build, naming the table and column. The test below checks what the types do not
// carry: the SQL names behind the JS keys, and the enum values.
import { getTableColumns, getTableName, is, Table, type Column } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as lite from '#lib/server/db/schema.ts';
import * as pg from '#lib/server/storage/pg/schema.ts';

/** True only when A and B are the same type: not merely assignable either way, and `any` is no match. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** The keys of A and B whose types differ, or that only one of them has. */
type DifferingKeys<A, B> = {
	[K in keyof A | keyof B]: K extends keyof A
		? K extends keyof B
			? Equal<A[K], B[K]> extends true
				? never
				: K
			: K
		: K;
}[keyof A | keyof B];

/** `table.column` for each drifted column; the table alone if the difference is not in one column. */
type Drift<T extends string, A, B> =
	Equal<A, B> extends true
		? never
		: [DifferingKeys<A, B>] extends [never]
			? T
			: `${T}.${DifferingKeys<A, B> & string}`;

type Tables<S> = { [K in keyof S]: S[K] extends Table ? K : never }[keyof S] & string;
type Lite = typeof lite;
type Pg = typeof pg;

/**
 * The document log differs on purpose (src/lib/server/storage/pg/schema.ts, ../doc-log.ts): on
 * PostgreSQL each document has dense seqs of its own (DLOG-2), so collab_updates is keyed by
 * (doc_name, seq) with seq given by the appender rather than the database, and its times, like
 * collab_snapshots', are the log's own numbers of ms rather than Dates. The store behind the port
 * (storage/doc-log.ts) is written per engine, so no query code is shared over these tables.
 * collab_leases is part of the log too, but its types happen to agree and are held to it below.
 */
type DocLogTables = 'collabUpdates' | 'collabSnapshots';
/** PostgreSQL's own: the row whose lock numbers a document's appends. */
type PgOnlyTables = 'collabDocs';

type Mirrored = Exclude<Tables<Lite>, DocLogTables>;

type Drifted = {
	[K in Mirrored]: K extends Tables<Pg>
		? | Drift<K, Lite[K]['$inferSelect'], Pg[K]['$inferSelect']>
			| Drift<`${K} (insert)`, Lite[K]['$inferInsert'], Pg[K]['$inferInsert']>
		: `${K}: no such table on PostgreSQL`;
}[Mirrored];

// Each of these fails to compile, saying what, when its claim stops being true. (The mapped type makes
// tsc print the drifted columns rather than the alias's name.)
const noDrift: [Drifted] extends [never] ? true : { [K in Drifted]: K }[Drifted] = true;
const onlyPgHasCollabDocs: Equal<Exclude<Tables<Pg>, Tables<Lite>>, PgOnlyTables> = true;
// The exceptions stay honest: a document log table that came to agree would leave the list.
const updatesDiffer: Equal<Lite['collabUpdates']['$inferSelect'], Pg['collabUpdates']['$inferSelect']> =
	false;
const snapshotsDiffer: Equal<Lite['collabSnapshots']['$inferSelect'], Pg['collabSnapshots']['$inferSelect']> =
	false;
// The helper itself is strict: optionality, `any` and readonly-ness are differences.
const strictOptional: Equal<{ a?: number }, { a: number | undefined }> = false;
const strictAny: Equal<{ a: number }, { a: any }> = false; // eslint-disable-line @typescript-eslint/no-explicit-any
const strictSame: Equal<{ a: Date | null }, { a: Date | null }> = true;

function tables(schema: Record<string, unknown>): Map<string, Table> {
	return new Map(Object.entries(schema).filter((e): e is [string, Table] => is(e[1], Table)));
}

/** What a column's JS key stands for in SQL, and its enum values if it has them. */
function sqlShape(table: Table) {
	return Object.fromEntries(
		Object.entries(getTableColumns(table)).map(([key, column]: [string, Column]) => [
			key,
			{ name: column.name, notNull: column.notNull, enumValues: column.enumValues ?? [] }
		])
	);
}

describe('the PostgreSQL schema mirrors the SQLite schema', () => {
	it('holds the type checks above (they are compile-time; here only that they were compiled)', () => {
		expect([noDrift, onlyPgHasCollabDocs, strictSame]).toEqual([true, true, true]);
		expect([updatesDiffer, snapshotsDiffer, strictOptional, strictAny]).toEqual([false, false, false, false]);
	});

	it('names every table and column the same in SQL, with the same enum values', () => {
		const sqlite = tables(lite);
		const postgres = tables(pg);
		expect(sqlite.size).toBe(23);
		expect([...postgres.keys()].filter((k) => !sqlite.has(k))).toEqual(['collabDocs']);
		for (const [key, table] of sqlite) {
			const twin = postgres.get(key);
			expect(twin, key).toBeDefined();
			expect(getTableName(twin!), key).toBe(getTableName(table));
			expect(sqlShape(twin!), key).toEqual(sqlShape(table));
		}
	});
});
