import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** What the SvelteKit build is made from; server/ and scripts/ run from source and need no build. */
const INPUTS = ['src', 'static', 'vite.config.ts', 'package-lock.json', 'tsconfig.json'];

function newestMtime(p: string): number {
	if (!fs.existsSync(p)) return 0;
	const stat = fs.statSync(p);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs;
	for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
	return newest;
}

/** True when there is no build, or a source is newer than it. */
export function buildIsStale(root: string): boolean {
	const handler = path.join(root, 'build', 'handler.js');
	if (!fs.existsSync(handler)) return true;
	const built = fs.statSync(handler).mtimeMs;
	return INPUTS.some((input) => newestMtime(path.join(root, input)) > built);
}

/** Builds the app with the project's own Vite when the build is stale; exits when the build fails. */
export function buildIfStale(root: string): void {
	if (!buildIsStale(root)) return;
	console.log('Building the app (sources changed since the last build)…');
	const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
	const result = spawnSync(process.execPath, [vite, 'build'], { cwd: root, stdio: 'inherit' });
	if (result.status !== 0) {
		console.error('The build failed; see above.');
		process.exit(1);
	}
}
