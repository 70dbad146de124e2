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
