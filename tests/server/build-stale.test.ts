import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildIsStale } from '../../scripts/build-stale.ts';

let root: string;
const write = (rel: string, mtimeSeconds: number) => {
	const file = path.join(root, rel);
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, rel);
	fs.utimesSync(file, mtimeSeconds, mtimeSeconds);
};

beforeEach(() => {
	root = fs.mkdtempSync(path.join(os.tmpdir(), 'dr-stale-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('npm start builds when needed', () => {
	it('builds when there is no build, or when a source is newer than it, and not otherwise', () => {
		write('src/routes/+page.svelte', 1000);
		expect(buildIsStale(root)).toBe(true);
		write('build/handler.js', 2000);
		fs.utimesSync(path.join(root, 'src/routes'), 1000, 1000);
		fs.utimesSync(path.join(root, 'src'), 1000, 1000);
		expect(buildIsStale(root)).toBe(false);
		write('src/lib/deep/new.ts', 3000);
		expect(buildIsStale(root)).toBe(true);
	});

	it('ignores what runs from source (server/, scripts/)', () => {
		write('build/handler.js', 2000);
		write('server/app-server.ts', 5000);
		expect(buildIsStale(root)).toBe(false);
	});
});
