// A real `vite dev` on a free port with its own database and the demo seeded: the SvelteKit handler with
// the app's hooks, routes and config, reached over HTTP as a browser reaches it.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface ViteDev {
	base: string;
	stop(): Promise<void>;
}

export async function startViteDev(demoPassword: string): Promise<ViteDev> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dr-dev-'));
	const env: NodeJS.ProcessEnv = {
		...process.env,
		DATABASE_PATH: path.join(dir, 'dev.db'),
		DEMO_PASSWORD: demoPassword
	};
	delete env.VITEST; // the plugin (which migrates and seeds) stays out of vitest's own Vite, not this one
	const vite: ChildProcess = spawn(
		process.execPath,
		['node_modules/vite/bin/vite.js', 'dev', '--port', '0', '--host', '127.0.0.1'],
		{ env, stdio: ['ignore', 'pipe', 'pipe'] }
	);
	const stop = async () => {
		if (vite.exitCode === null) {
			vite.kill('SIGTERM');
			await new Promise((resolve) => vite.once('exit', resolve));
		}
		fs.rmSync(dir, { recursive: true, force: true });
	};
	let output = '';
	try {
		const base = await new Promise<string>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`vite dev did not start:\n${output}`)), 60_000);
			const onData = (chunk: Buffer) => {
				output += chunk.toString();
				// eslint-disable-next-line no-control-regex -- Vite colours its output
				const m = output.replace(/\x1b\[[0-9;]*m/g, '').match(/Local:\s+(http:\/\/\S+?)\/?\s/);
				if (m) {
					clearTimeout(timer);
					resolve(m[1]!);
				}
			};
			vite.stdout!.on('data', onData);
			vite.stderr!.on('data', onData);
			vite.once('exit', (code) => reject(new Error(`vite dev exited (${code}):\n${output}`)));
		});
		return { base, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}
