// `npm run cli -- export`: the demo meeting's outputs from a real database file, by the CLI process itself.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { openDatabase } from '#lib/server/db/index.ts';
import { applyMigrations } from '#lib/server/db/migrate.ts';
import { events } from '#lib/server/db/schema.ts';
import { seedDemo } from '#lib/server/demo/seed.ts';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const fixture = fs.readFileSync(
	path.resolve(repoRoot, 'src/lib/server/demo/ttmlm-2013-conclusions.txt'),
	'utf8'
);
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dr-cli-export-'));
const database = path.join(scratch, 'demo.db');

beforeAll(async () => {
	const db = openDatabase(database);
	applyMigrations(db);
	await seedDemo(db, 'cli-export-password');
	db.$client.close();
}, 60_000);
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

function cli(args: string[], env: Record<string, string> = { DATABASE_PATH: database }) {
	const run = spawnSync(process.execPath, ['scripts/cli.ts', ...args], {
		cwd: repoRoot,
		env: { ...process.env, ...env },
		encoding: 'buffer'
	});
	return { code: run.status, stdout: run.stdout, stderr: run.stderr.toString('utf8') };
}

describe('cli export', () => {
	it('writes the conclusions as text that reproduces the imported fixture, and records the export', () => {
		const out = path.join(scratch, 'conclusions.txt');
		const run = cli(['export', 'ttmlm-2013', '--format', 'txt', '--out', out]);
		expect(run.stderr).toMatch(/^wrote .*conclusions\.txt \([\d,]+ bytes\)\n$/);
		expect(run.code).toBe(0);
		expect(fs.readFileSync(out, 'utf8')).toBe(fixture);
		const db = openDatabase(database);
		const last = db
			.select()
			.from(events)
			.where(eq(events.type, 'output.downloaded'))
			.orderBy(asc(events.seq))
			.all()
			.at(-1);
		db.$client.close();
		expect(last).toMatchObject({
			actorUserId: null,
			payload: { what: 'conclusions', format: 'txt', via: 'cli' }
		});
	});

	it('writes any document in any of its formats to standard output or a file named for it', () => {
		const pdf = cli(['export', 'ttmlm-2013', '--format', 'pdf', '--what', 'amendments', '--out', '-']);
		expect(pdf.code).toBe(0);
		expect(pdf.stdout.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		const named = spawnSync(
			process.execPath,
			[
				path.join(repoRoot, 'scripts/cli.ts'),
				'export',
				'ttmlm-2013',
				'--format',
				'docx',
				'--what',
				'proceedings'
			],
			{
				cwd: scratch,
				env: { ...process.env, DATABASE_PATH: database },
				encoding: 'utf8'
			}
		);
		expect(named.status).toBe(0);
		const written = fs.readdirSync(scratch).filter((f) => f.endsWith('.docx'));
		expect(written).toEqual([
			expect.stringMatching(
				/^tripartite-technical-meeting-on-labour-migration-proceedings-as-of-\d{4}-\d{2}-\d{2}\.docx$/
			)
		]);
		expect(fs.readFileSync(path.join(scratch, written[0]!)).subarray(0, 2).toString('latin1')).toBe('PK');
	});

	it('says in one line what was wrong: usage (exit 2), or a meeting or database that is not there (exit 1)', () => {
		const noFormat = cli(['export', 'ttmlm-2013']);
		expect(noFormat.code).toBe(2);
		expect(noFormat.stderr).toMatch(/^error: missing --format \(usage: .*export MEETING/);
		const notOffered = cli(['export', 'ttmlm-2013', '--format', 'txt', '--what', 'proceedings']);
		expect(notOffered.code).toBe(2);
		expect(notOffered.stderr).toContain(
			'There is no Plain text version of the record of proceedings: it comes as PDF'
		);
		const unknown = cli(['export', 'nope', '--format', 'pdf']);
		expect(unknown.code).toBe(1);
		expect(unknown.stderr).toMatch(
			/^error: no meeting "nope" in .*demo\.db; meetings: ttmlm-2013 \(Tripartite Technical Meeting on Labour Migration\)\n$/
		);
		const noDb = cli(['export', 'ttmlm-2013', '--format', 'pdf'], {
			DATABASE_PATH: path.join(scratch, 'missing', 'x.db')
		});
		expect(noDb.code).toBe(1);
		expect(noDb.stderr).toMatch(/^error: no database at .*x\.db: start the app once/);
		expect(fs.existsSync(path.join(scratch, 'missing'))).toBe(false);
	});
});
