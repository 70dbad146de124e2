// A real Redis server for the tests: Debian's redis-server (installed by scripts/ensure-test-tools.sh) on
// a free loopback port, nothing persisted, in a temporary folder, stopped at the end.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './postgres.ts';

export interface RunningRedis {
	/** `redis://127.0.0.1:<port>` */
	url: string;
	stop(): Promise<void>;
}

export async function startRedis(): Promise<RunningRedis> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dr-redis-'));
	const port = await freePort();
	const server = spawn(
		'redis-server',
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
		{ stdio: ['ignore', 'pipe', 'pipe'] }
	);
	let log = '';
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(
			() => reject(new Error(`redis-server did not start within 10 s:\n${log}`)),
			10_000
		);
		const onData = (chunk: Buffer) => {
			log += chunk.toString();
			if (log.includes('Ready to accept connections')) {
				clearTimeout(timer);
				resolve();
			}
		};
		server.stdout!.on('data', onData);
		server.stderr!.on('data', onData);
		server.once('error', (error) =>
			reject(
				new Error(
					`redis-server could not start (${error.message}): run \`bash scripts/ensure-test-tools.sh\` (as root)`
				)
			)
		);
		server.once('exit', (code) => reject(new Error(`redis-server exited (${code}):\n${log}`)));
	});
	return {
		url: `redis://127.0.0.1:${port}`,
		stop: () =>
			new Promise<void>((resolve) => {
				const done = () => {
					fs.rmSync(dir, { recursive: true, force: true });
					resolve();
				};
				if (server.exitCode !== null) return done();
				const timer = setTimeout(() => server.kill('SIGKILL'), 5_000);
				server.once('exit', () => {
					clearTimeout(timer);
					done();
				});
				server.kill('SIGTERM');
			})
	};
}
