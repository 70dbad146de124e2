// The repository stands on its own (docs/architecture.md, "The repository stands on its own"): a clone
// with nothing beside it runs its tests, and its readers find every page a comment sends them to. This
// walks the working tree as a clone has it (no git needed: a tarball is checked the same way).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Not the project's own text: installed, built, generated or run-time folders, and CI's own script. */
const SKIPPED = new Set([
	'.git',
	'node_modules',
	'.tools',
	'.svelte-kit',
	'build',
	'data',
	'test-results',
	'playwright-report',
	'.ci'
]);

function walk(dir: string, out: string[] = []): string[] {
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		if (SKIPPED.has(entry.name) || entry.name.endsWith('.db')) continue;
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) walk(full, out);
		else if (entry.isFile()) out.push(full);
	}
	return out;
}

/** The project's text files, relative to the root, with their contents (binary files left out). */
function textFiles(): Array<{ file: string; text: string }> {
	return walk(ROOT).flatMap((full) => {
		const bytes = fs.readFileSync(full);
		if (bytes.includes(0)) return [];
		return [{ file: path.relative(ROOT, full), text: bytes.toString('utf8') }];
	});
}

const FILES = textFiles();

function lineOf(text: string, index: number): number {
	return text.slice(0, index).split('\n').length;
}

/** Every match of `pattern` in every file, as `file:line: match`. */
function findAll(pattern: RegExp, files = FILES): string[] {
	return files.flatMap(({ file, text }) =>
		[...text.matchAll(pattern)].map((m) => `${file}:${lineOf(text, m.index)}: ${m[0]}`)
	);
}

/** The headings of a page under docs/, without their #s. */
function headingsOf(page: string): Set<string> | null {
	const file = path.join(ROOT, 'docs', page);
	if (!fs.existsSync(file)) return null;
	const text = fs.readFileSync(file, 'utf8');
	return new Set([...text.matchAll(/^#+\s+(.+?)\s*$/gm)].map((m) => m[1]!));
}

/** Comment text read across line breaks: a citation may run from one comment line on to the next. */
function joinedLines(text: string): string {
	return text.replace(/[ \t]*\n[ \t]*(?:\/\/|\*(?!\/)|#)?[ \t]*/g, ' ');
}

describe('the repository stands on its own', () => {
	it('reaches for nothing in a folder beside it: no path climbs out to a sibling "shared"', () => {
		// The sibling folder in any spelling: a path or a URL climbing out of the repository, a joined path.
		const leaks = findAll(
			/(?:\.\.\/)+shared\b|\bshared\/(?:fixtures|schemas)\b|['"]\.\.['"],\s*['"]shared['"]/g
		);
		expect(leaks).toEqual([]);
	});

	it('names the domain and architecture pages by their place in the repository, docs/', () => {
		const readers = FILES.filter(({ file }) => !file.startsWith(`docs${path.sep}`));
		expect(findAll(/(?<!docs\/)\b(?:domain|architecture)\.md\b/g, readers)).toEqual([]);
	});

	it('cites only sections that the docs/ pages have', () => {
		const missing = FILES.flatMap(({ file, text }) =>
			[...joinedLines(text).matchAll(/\bdocs\/([\w-]+\.md),\s*"([^"]+)"/g)].flatMap(
				([cited, page, section]) => {
					const headings = headingsOf(page!);
					return headings?.has(section!) ? [] : [`${file}: ${cited}`];
				}
			)
		);
		expect(missing).toEqual([]);
	});

	it('finds citations of both pages to check, so that the check above is not empty', () => {
		const cited = new Set(
			FILES.flatMap(({ text }) =>
				[...joinedLines(text).matchAll(/\bdocs\/(domain|architecture)\.md,\s*"/g)].map((m) => m[1]!)
			)
		);
		expect([...cited].sort()).toEqual(['architecture', 'domain']);
	});

	it('carries the Akoma Ntoso schema its tests validate against, with the notice of where it comes from', () => {
		const dir = path.join(ROOT, 'tests', 'fixtures', 'akn');
		const schemas = fs.readdirSync(dir).filter((f) => f.endsWith('.xsd'));
		expect(schemas.sort()).toEqual(['akomantoso30.xsd', 'xml.xsd']);
		const notice = fs.readFileSync(path.join(dir, 'NOTICE.md'), 'utf8');
		for (const schema of schemas) expect(notice).toContain(schema);
		expect(notice).toContain('Copyright (c) OASIS Open 2017');
	});
});
