// `npm run bench:abuse`: the abusive observer of issue 11, point 4, at full strength (1,000 sockets at
// once; ten asking for the whole document fifty times a second for 15 s; a 120 KB document), three
// runs, each on a fresh copy of the demo. Prints one JSON line per run. Method: docs/benchmarks.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '#lib/server/db/index.ts';
import { applyMigrations } from '#lib/server/db/migrate.ts';
import { seedDemo } from '#lib/server/demo/seed.ts';
import { runAbuse } from './scenario.ts';

const RUNS = Number(process.env.RUNS ?? 3);
const SECONDS = Number(process.env.SECONDS ?? 15);
const PASSWORD = 'bench-abuse-password';

for (let run = 1; run <= RUNS; run++) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dr-abuse-'));
	const file = path.join(dir, 'abuse.db');
	const db = openDatabase(file);
	applyMigrations(db);
	await seedDemo(db, PASSWORD);
	const figures = await runAbuse({
		db,
		file,
		password: PASSWORD,
		sockets: 1_000,
		spammers: 10,
		rate: 50,
		seconds: SECONDS,
		grow: 200_000
	});
	console.log(JSON.stringify({ run, seconds: SECONDS, ...figures }));
	db.$client.close();
	fs.rmSync(dir, { recursive: true, force: true });
}
// Sockets the server refused mid-handshake can leave handles open; the figures are printed, so end.
process.exit(0);
