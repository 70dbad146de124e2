import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Runs `body` in a fresh temporary folder (named from `prefix`), removed afterwards whatever happens. */
export function tempDir<T>(prefix: string, body: (dir: string) => T): T {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	try {
		return body(dir);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}
