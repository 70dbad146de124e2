// How long each output takes to make, and how large it is: the demo meeting (the 2013 conclusions) and
// the amendments benchmark's large meeting (150 paragraphs, 1,000 tabled amendments; generated first by
// bench/amendments/generate.ts when its database is missing). Through downloadOutput, as a download is
// made, so each run is also recorded as an event in these scratch databases.
//
//   node bench/outputs/measure.ts [--runs 5] [--look DIR]
//
// --look DIR also writes every output and a PNG of each PDF's first page there, for a person to look at.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase, setDb, type Db } from '#lib/server/db/index.ts';
import { applyMigrations } from '#lib/server/db/migrate.ts';
import { meetings } from '#lib/server/db/schema.ts';
import { DEMO_MEETING_ID, seedDemo } from '#lib/server/demo/seed.ts';
import { downloadOutput, outputRequest } from '#lib/server/outputs/download.ts';
import { stopTypst } from '#lib/server/outputs/pdf/compiler.ts';
import { FORMATS_OF, OUTPUT_WHATS } from '#lib/domain/outputs/model.ts';

const { values } = parseArgs({
	options: { runs: { type: 'string', default: '5' }, look: { type: 'string' } }
});
const runs = Math.max(1, Number(values.runs) || 5);
const BENCH_DB = path.resolve('data/bench-amendments.db');

function median(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.floor(s.length / 2)] ?? 0;
}

async function demoDb(): Promise<Db> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dr-bench-outputs-'));
	const db = openDatabase(path.join(dir, 'demo.db'));
	applyMigrations(db);
	await seedDemo(db, 'bench-outputs-password');
	return db;
}

function benchDb(): Db {
	if (!fs.existsSync(BENCH_DB)) {
		console.log('Generating the large meeting (bench/amendments/generate.ts) …');
		const run = spawnSync(process.execPath, ['bench/amendments/generate.ts'], { stdio: 'inherit' });
		if (run.status !== 0) process.exit(1);
	}
	const db = openDatabase(BENCH_DB);
	applyMigrations(db);
	return db;
}

interface Row {
	meeting: string;
	output: string;
	firstMs: number;
	medianMs: number;
	bytes: number;
}

async function measure(label: string, db: Db, meetingId: string): Promise<Row[]> {
	setDb(db);
	const rows: Row[] = [];
	for (const what of OUTPUT_WHATS)
		for (const format of FORMATS_OF[what]) {
			const times: number[] = [];
			let bytes = 0;
			for (let i = 0; i < runs; i++) {
				const start = performance.now();
				const file = await downloadOutput(db, null, meetingId, outputRequest(what, format));
				times.push(performance.now() - start);
				bytes = file.bytes.length;
				if (i === 0 && values.look) {
					const out = path.join(values.look, `${label}-${file.filename}`);
					fs.writeFileSync(out, file.bytes);
					if (format === 'pdf') spawnSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', out, out]);
				}
			}
			const row = {
				meeting: label,
				output: `${what}.${format}`,
				firstMs: times[0]!,
				medianMs: median(times.slice(1).length ? times.slice(1) : times),
				bytes
			};
			console.log(
				`${label.padEnd(6)} ${row.output.padEnd(18)} first ${row.firstMs.toFixed(0).padStart(6)} ms   median ${row.medianMs.toFixed(0).padStart(6)} ms   ${row.bytes.toLocaleString('en').padStart(11)} bytes`
			);
			rows.push(row);
		}
	return rows;
}

if (values.look) fs.mkdirSync(values.look, { recursive: true });
const demo = await demoDb();
const results = await measure('demo', demo, DEMO_MEETING_ID);
const large = benchDb();
const largeId = large
	.select({ id: meetings.id })
	.from(meetings)
	.all()
	.find((m) => m.id !== DEMO_MEETING_ID)?.id;
if (!largeId) throw new Error(`no generated meeting in ${BENCH_DB}`);
results.push(...(await measure('large', large, largeId)));
stopTypst();
const out = path.join(
	'bench/outputs/results',
	`${new Date().toISOString().slice(0, 16).replace(/[:T]/g, '-')}.json`
);
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(
	out,
	JSON.stringify({ runs, cpus: os.cpus().length, node: process.version, results }, null, 2) + '\n'
);
console.log(`Written to ${out}`);
