// A real PostgreSQL server for the tests: Debian's binaries (the `postgresql` package, installed by
// scripts/ensure-test-tools.sh), a cluster made in a temporary folder, listening on a free loopback port
// only, trusting local connections, stopped and removed at the end. As root (CI) it runs as the
// `postgres` system user, since PostgreSQL refuses to run as root.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface RunningPostgres {
	/** `postgres://…` for the database `drafting_room`. */
	url: string;
	stop(): Promise<void>;
}

/** The newest PostgreSQL server binaries Debian installed (/usr/lib/postgresql/<major>/bin). */
export function postgresBin(): string {
	const root = '/usr/lib/postgresql';
	const majors = fs.existsSync(root) ? fs.readdirSync(root).filter((d) => /^\d+$/.test(d)) : [];
	const major = majors.sort((a, b) => Number(b) - Number(a))[0];
	const bin = major ? path.join(root, major, 'bin') : null;
	if (!bin || !fs.existsSync(path.join(bin, 'postgres')))
		throw new Error(
			'PostgreSQL server binaries not found: run `bash scripts/ensure-test-tools.sh` (as root)'
		);
	return bin;
}

export async function startPostgres(): Promise<RunningPostgres> {
	const bin = postgresBin();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dr-pg-'));
	const data = path.join(dir, 'data');
	// As root, the server runs as Debian's `postgres` user, which must own its folder. Spawned with that
	// uid directly (not through runuser), so that our signals reach the server itself.
	const user: { uid?: number; gid?: number } = process.getuid?.() === 0 ? systemUser('postgres') : {};
	if (user.uid !== undefined && user.gid !== undefined) fs.chownSync(dir, user.uid, user.gid);
	const init = spawnSync(
		path.join(bin, 'initdb'),
		['-D', data, '-U', 'drafting_room', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C'],
		{ encoding: 'utf8', ...user }
	);
	if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);

	const port = await freePort();
	const args = [
		'-D',
		data,
		'-p',
		String(port),
		'-k',
		dir,
		'-c',
		'listen_addresses=127.0.0.1',
		// A test cluster: durability is the tests' own business (they kill processes, not machines).
		'-c',
		'fsync=off',
		'-c',
		'max_connections=200'
	];
	const server = spawn(path.join(bin, 'postgres'), args, { stdio: ['ignore', 'ignore', 'pipe'], ...user });
	let log = '';
	server.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
	await ready(bin, server, port, () => log);
	const created = spawnSync(
		path.join(bin, 'createdb'),
		['-h', '127.0.0.1', '-p', String(port), '-U', 'drafting_room', 'drafting_room'],
		{ encoding: 'utf8' }
	);
	if (created.status !== 0) throw new Error(`createdb failed: ${created.stderr}`);
	return {
		url: `postgres://drafting_room@127.0.0.1:${port}/drafting_room`,
		async stop() {
			await stopProcess(server);
			fs.rmSync(dir, { recursive: true, force: true });
		}
	};
}

/** The uid and gid of a system user, by name (`id`). */
function systemUser(name: string): { uid: number; gid: number } {
	const id = (flag: string) => Number(spawnSync('id', [flag, name], { encoding: 'utf8' }).stdout.trim());
	const uid = id('-u');
	const gid = id('-g');
	if (!Number.isInteger(uid) || uid <= 0) throw new Error(`no system user ${name} to run PostgreSQL as`);
	return { uid, gid };
}

/** A port nobody listens on now (the server binds it a moment later; loopback only). */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = net.createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as net.AddressInfo;
			probe.close(() => resolve(port));
		});
	});
}

/** Until pg_isready says the server accepts connections (TCP opens earlier, while it still starts up). */
async function ready(bin: string, server: ChildProcess, port: number, log: () => string): Promise<void> {
	const deadline = Date.now() + 30_000;
	for (;;) {
		if (server.exitCode !== null) throw new Error(`postgres exited (${server.exitCode}):\n${log()}`);
		const probe = spawnSync(path.join(bin, 'pg_isready'), ['-q', '-h', '127.0.0.1', '-p', String(port)]);
		if (probe.status === 0) return;
		if (Date.now() > deadline) throw new Error(`postgres did not start within 30 s:\n${log()}`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

/** SIGINT is PostgreSQL's "fast shutdown"; past 10 s it is killed. */
function stopProcess(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null) return Promise.resolve();
	return new Promise((resolve) => {
		const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
		child.once('exit', () => {
			clearTimeout(timer);
			resolve();
		});
		child.kill('SIGINT');
	});
}
