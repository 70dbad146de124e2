// `npm start`: builds when the sources are newer than the build, applies migrations, seeds the demo
// meeting on first run, and serves the app and /collab on one port.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startAppServer } from '../server/app-server.ts';
import { databasePath, openDatabase, setDb } from '#lib/server/db/index.ts';
import { applyMigrations } from '#lib/server/db/migrate.ts';
import { DEMO_ACCOUNTS, DEMO_MEETING_ID, seedDemo } from '#lib/server/demo/seed.ts';
import { buildIfStale } from './build-stale.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const buildDir = path.join(root, 'build');

/** The demo accounts' password: DEMO_PASSWORD, else the one generated at first start (kept beside the
 * database so that later starts can print it again: these are demo accounts on a local file). */
async function seed(db: ReturnType<typeof openDatabase>, file: string): Promise<string | null> {
	if (process.env.DEMO === 'off') return null;
	const remembered = path.join(path.dirname(file), 'demo-password.txt');
	const given = process.env.DEMO_PASSWORD || undefined;
	const seeded = await seedDemo(db, given);
	if (seeded && !given) fs.writeFileSync(remembered, seeded + '\n', { mode: 0o600 });
	if (seeded) return seeded;
	if (given) return given;
	return fs.existsSync(remembered) ? fs.readFileSync(remembered, 'utf8').trim() : null;
}

/** Tests start this server as a child: when the parent dies, so does the server. */
function exitWithParent(close: () => Promise<void>): void {
	const parent = Number(process.env.DR_PARENT_PID);
	if (!parent) return;
	setInterval(() => {
		try {
			process.kill(parent, 0);
		} catch {
			void close().finally(() => process.exit(0));
		}
	}, 1000).unref();
}

if (process.env.DR_SKIP_BUILD !== '1') buildIfStale(root);
// The Office draft is pasted whole, or uploaded as a Word file of up to 20 MB (docx-import/read-docx.ts).
process.env.BODY_SIZE_LIMIT ??= '21M';
const file = databasePath();
const db = openDatabase(file);
setDb(db);
applyMigrations(db);
const password = await seed(db, file);
const server = await startAppServer({
	db,
	buildDir,
	port: Number(process.env.PORT ?? 3000),
	host: process.env.HOST ?? '127.0.0.1',
	redisUrl: process.env.REDIS_URL || undefined,
	nodeId: process.env.NODE_ID || undefined
});

let closing: Promise<void> | null = null;
const close = (): Promise<void> =>
	(closing ??= server.close().then(() => {
		db.$client.close();
	}));
for (const signal of ['SIGINT', 'SIGTERM'] as const)
	process.on(signal, () => void close().finally(() => process.exit(0)));
exitWithParent(close);

console.log(`\nDrafting Room is running at ${server.url}`);
console.log(`Database: ${file}`);
if (process.env.DEMO !== 'off') {
	console.log(`\nDemo meeting: ${server.url}/meetings/${DEMO_MEETING_ID}`);
	console.log(
		`Demo sign-ins (password for all: ${password ?? 'the DEMO_PASSWORD given when the demo was first seeded'}):`
	);
	for (const a of DEMO_ACCOUNTS) console.log(`  ${a.username.padEnd(18)} ${a.displayName}`);
}
