// Starts the built app the way `npm start` does (migrations, demo seed), on a free loopback port with a
// fresh database in a temporary folder, and stops it when the run ends. The server also exits by itself
// if this process dies (DR_PARENT_PID).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const DEMO_PASSWORD = 'e2e-demo-password';

export interface AppServer {
	url: string;
	/** Everything it printed up to now. */
	output: () => string;
	stop: () => Promise<void>;
}

/**
 * The built app as `npm start` runs it, with a fresh database of its own. The run's shared server is one;
 * a spec whose changes others must not see (adopting amendments rewrites paragraphs) starts another.
 * `databasePath`: a database the caller owns instead (several nodes on one file); `env` adds to the
 * server's environment (REDIS_URL, NODE_ID).
 */
export async function startAppServer(
	options: { databasePath?: string; env?: Record<string, string> } = {}
): Promise<AppServer> {
	const dir = options.databasePath ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'dr-e2e-'));
	const server = spawn(process.execPath, ['scripts/start.ts'], {
		env: {
			...process.env,
			PORT: '0',
			HOST: '127.0.0.1',
			DATABASE_PATH: options.databasePath ?? path.join(dir!, 'e2e.db'),
			DEMO_PASSWORD,
			DR_SKIP_BUILD: '1',
			DR_PARENT_PID: String(process.pid),
			...options.env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	const url = await new Promise<string>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			const m = output.match(/running at (http:\/\/\S+)/);
			if (m) {
				clearTimeout(timer);
				resolve(m[1]!);
			}
		};
		server.stdout.on('data', onData);
		server.stderr.on('data', onData);
		server.once('exit', (code) => reject(new Error(`server exited (${code}):\n${output}`)));
	});
	// The sign-ins follow the URL in the same tick.
	await new Promise((resolve) => setTimeout(resolve, 200));
	return {
		url,
		output: () => output,
		async stop() {
			if (server.exitCode === null) {
				server.kill('SIGTERM');
				await new Promise((resolve) => server.once('exit', resolve));
			}
			if (dir) fs.rmSync(dir, { recursive: true, force: true });
		}
	};
}

export default async function globalSetup() {
	const server = await startAppServer();
	// What `npm start` printed, for the test that checks it tells people where to go and how to sign in.
	const log = path.join(os.tmpdir(), `dr-e2e-start-${process.pid}.txt`);
	fs.writeFileSync(log, server.output());
	process.env.E2E_BASE_URL = server.url;
	process.env.E2E_START_OUTPUT = log;
	return async () => {
		await server.stop();
		fs.rmSync(log, { force: true });
	};
}
