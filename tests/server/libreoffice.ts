// An independent reader of our DOCX files: LibreOffice (headless, `soffice` on PATH).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { tempDir } from './temp-dir.ts';

/** DOCX files (by name) as LibreOffice writes them out as UTF-8 text, converted in one run. */
export function libreOfficeTexts(files: Record<string, Uint8Array>): Record<string, string> {
	return tempDir('dr-soffice-', (dir) => {
		const names = Object.keys(files);
		for (const name of names) fs.writeFileSync(path.join(dir, `${name}.docx`), files[name]!);
		const run = spawnSync(
			'soffice',
			[
				// A profile of its own: two LibreOffices sharing one refuse to start.
				`-env:UserInstallation=${pathToFileURL(path.join(dir, 'profile')).href}`,
				'--headless',
				'--convert-to',
				'txt:Text (encoded):UTF8',
				'--outdir',
				dir,
				...names.map((n) => path.join(dir, `${n}.docx`))
			],
			{ encoding: 'utf8', timeout: 120_000 }
		);
		if (run.status !== 0) throw new Error(`soffice failed: ${run.stderr || run.error?.message}`);
		return Object.fromEntries(
			names.map((n) => [n, fs.readFileSync(path.join(dir, `${n}.txt`), 'utf8').replace(/^\uFEFF/, '')])
		);
	});
}
