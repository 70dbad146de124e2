import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureDocx } from '#lib/server/docx-import/test-docx.ts';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const fixture = path.resolve(repoRoot, 'src/lib/server/demo/ttmlm-2013-conclusions.txt');
const scratch = mkdtempSync(path.join(tmpdir(), 'drafting-room-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs the CLI as `npm run cli` does, with the Node running the tests (24, which strips types). */
function cli(args: string[], input?: string | Uint8Array) {
	const run = spawnSync(process.execPath, ['scripts/cli.ts', ...args], {
		cwd: repoRoot,
		input,
		encoding: 'utf8'
	});
	return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function file(name: string, content: string | Uint8Array): string {
	const at = path.join(scratch, name);
	writeFileSync(at, content);
	return at;
}

/** A failure says what went wrong in one line, and nothing reaches standard output. */
function expectOneLineError(run: ReturnType<typeof cli>, code: number, pattern: RegExp) {
	expect(run.code).toBe(code);
	expect(run.stdout).toBe('');
	expect(run.stderr).toMatch(/^error: .+\n$/);
	expect(run.stderr).toMatch(pattern);
}

interface Json {
	title: string | null;
	preamble: string[];
	body: Array<{
		type: string;
		number?: string;
		text: string;
		subparagraphs?: Array<{ label: string; text: string }>;
	}>;
	footnotes: Array<{ label: string; text: string }>;
}

describe('cli import', () => {
	it('prints the fixture as JSON: 7 clauses, 5 headings, 9 paragraphs, 32 subparagraphs, 1 footnote', () => {
		const run = cli(['import', fixture, '--json']);
		expect(run.code).toBe(0);
		expect(run.stderr).toBe('');
		expect(run.stdout.startsWith('{\n  "title": "Conclusions[^1]",\n')).toBe(true);
		const json = JSON.parse(run.stdout) as Json;
		const paragraphs = json.body.filter((b) => b.type === 'paragraph');
		expect(json.preamble).toHaveLength(7);
		expect(json.body.filter((b) => b.type === 'heading')).toHaveLength(5);
		expect(paragraphs).toHaveLength(9);
		expect(paragraphs.reduce((n, p) => n + (p.subparagraphs?.length ?? 0), 0)).toBe(32);
		expect(json.footnotes).toEqual([{ label: '1', text: expect.stringMatching(/^These conclusions/) }]);
		const p5 = paragraphs.find((p) => p.number === '5');
		expect(p5?.text).toBe('With a view to increasing protection, the Office should:');
		expect(p5?.subparagraphs?.[2]?.label).toBe('(iii)');
		expect(p5?.subparagraphs?.[2]?.text).toMatch(/^In collaboration with constituents/);
	});

	it('prints a readable summary without --json', () => {
		const run = cli(['import', fixture]);
		expect(run.code).toBe(0);
		expect(run.stdout).toContain('title:       Conclusions[^1]');
		expect(run.stdout).toContain('preamble:    7 clauses');
		expect(run.stdout).toContain('5 headings, 9 paragraphs, 32 subparagraphs labelled (i), (ii), …');
		expect(run.stdout).toContain('warnings:    none');
	});

	it('writes warnings to standard error with their line, and still succeeds', () => {
		const run = cli(['import', file('gap.txt', 'Conclusions\n\n1. One.\n\n3. Three.\n'), '--json']);
		expect(run.code).toBe(0);
		expect(run.stderr).toMatch(
			/^warning: line 5: Paragraph 3 comes after paragraph 1: number 2 is missing\./
		);
		expect((JSON.parse(run.stdout) as Json).body.map((b) => b.number)).toEqual(['1', '2']);
	});

	it('reads standard input for -', () => {
		const run = cli(['import', '-', '--json'], 'Conclusions\r\n1.\tOne.\r\n');
		expect(run.code).toBe(0);
		expect((JSON.parse(run.stdout) as Json).body).toEqual([
			{ type: 'paragraph', number: '1', text: 'One.', subparagraphs: [] }
		]);
	});

	it('reads a Windows-1252 file, saying so, and a UTF-16 file with its byte-order mark', () => {
		const latin = Uint8Array.from([
			...Buffer.from('Conclusions\n\n1. The ILO'),
			0x92,
			...Buffer.from('s text.\n')
		]);
		const run = cli(['import', file('cp1252.txt', latin), '--json']);
		expect(run.code).toBe(0);
		expect(run.stderr).toMatch(/^warning: .*cp1252\.txt is not UTF-8 text; it was read as Windows-1252/);
		expect((JSON.parse(run.stdout) as Json).body[0]?.text).toBe('The ILO’s text.');

		const utf16 = Buffer.concat([
			Buffer.from([0xff, 0xfe]),
			Buffer.from('Conclusions\r\n1. Text.\r\n', 'utf16le')
		]);
		const run16 = cli(['import', file('utf16.txt', utf16), '--json']);
		expect(run16.code).toBe(0);
		expect((JSON.parse(run16.stdout) as Json).title).toBe('Conclusions');
	});
});

describe('cli import of a Word document', () => {
	it('prints the same JSON for the fixture as a .docx with automatic numbering as for the text', async () => {
		const docx = file('conclusions.docx', await fixtureDocx('automatic'));
		const fromWord = cli(['import', docx, '--json']);
		const fromText = cli(['import', fixture, '--json']);
		expect(fromWord.code).toBe(0);
		expect(fromWord.stderr).toBe('');
		expect((JSON.parse(fromWord.stdout) as Json).body).toHaveLength(14);
		expect(fromWord.stdout).toBe(fromText.stdout);
	});

	it('knows a Word document by its content, whatever its name, and reads one from standard input', async () => {
		const bytes = await fixtureDocx('typed');
		const renamed = cli(['import', file('draft.bin', bytes)]);
		expect(renamed.code).toBe(0);
		expect(renamed.stdout).toContain('5 headings, 9 paragraphs, 32 subparagraphs labelled (i), (ii), …');
		expect(renamed.stdout).toContain('footnotes:   1');
		expect(renamed.stdout).toContain('warnings:    none');
		expect(cli(['import', '-', '--json'], bytes).stdout).toBe(cli(['import', fixture, '--json']).stdout);
	});

	it("names a Word document's warnings by paragraph", () => {
		const numbered = (n: number) => `<w:p><w:r><w:t>${n}. Paragraph ${n}.</w:t></w:r></w:p>`;
		const docx = zipSync({
			'word/document.xml': strToU8(
				'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' +
					`<w:p><w:r><w:t>Conclusions</w:t></w:r></w:p>${numbered(1)}${numbered(3)}</w:body></w:document>`
			)
		});
		const run = cli(['import', file('gap.docx', docx)]);
		expect(run.code).toBe(0);
		expect(run.stderr).toMatch(/^warning: paragraph 3: Paragraph 3 comes after paragraph 1/);
	});

	it('a damaged .docx, an old .doc and a zip that is no Word document exit 1 with one line', () => {
		expectOneLineError(
			cli(['import', file('broken.docx', 'Conclusions\n\n1. Text.\n'), '--json']),
			1,
			/broken\.docx: This is not a Word \.docx file/
		);
		const ole = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
		expectOneLineError(
			cli(['import', file('old.doc', ole)]),
			1,
			/old\.doc: This is an encrypted or old-format \.doc file; save it as \.docx/
		);
		expectOneLineError(
			cli(['import', file('notes.docx', zipSync({ 'content.xml': strToU8('<x/>') }))]),
			1,
			/notes\.docx: This zip file is not a Word document/
		);
	});
});

describe('cli failures', () => {
	it('a missing file exits 1', () => {
		expectOneLineError(cli(['import', path.join(scratch, 'nope.txt')]), 1, /nope\.txt: no such file/);
	});

	it('a folder exits 1', () => {
		expectOneLineError(cli(['import', scratch]), 1, /a folder, not a file/);
	});

	it('an empty file exits 1', () => {
		expectOneLineError(cli(['import', file('empty.txt', '\n \n')]), 1, /The text is empty/);
	});

	it('a binary file exits 1 with the advice to save as plain text', () => {
		const odt = Uint8Array.from([0x00, 0x01, 0x02, 0x03, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00]);
		expectOneLineError(
			cli(['import', file('draft.odt', odt), '--json']),
			1,
			/not plain text.*Save the document as plain text/
		);
	});

	it('a truncated .docx exits 1 saying it is damaged', () => {
		const zip = Uint8Array.from([
			0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00
		]);
		expectOneLineError(
			cli(['import', file('draft.docx', zip), '--json']),
			1,
			/draft\.docx: This Word file is damaged/
		);
	});

	it('a text without numbered paragraphs exits 1', () => {
		expectOneLineError(
			cli(['import', file('prose.txt', 'Conclusions\n\nSome words.\n')]),
			1,
			/No numbered paragraph was found/
		);
	});

	it('no command, an unknown command, a missing FILE or an unknown option exit 2 with the usage', () => {
		expectOneLineError(cli([]), 2, /no command given \(usage: .*commands: import\b/);
		expectOneLineError(cli(['frobnicate']), 2, /unknown command "frobnicate"/);
		expectOneLineError(cli(['import']), 2, /missing FILE \(usage: .* import FILE \[--json\]\)/);
		expectOneLineError(cli(['import', fixture, '--xml']), 2, /unknown option "--xml"/);
		expectOneLineError(cli(['import', fixture, fixture]), 2, /one FILE at a time/);
	});

	it('help lists the commands and exits 0', () => {
		const run = cli(['--help']);
		expect(run.code).toBe(0);
		expect(run.stdout).toMatch(/^Usage: .*\n\nCommands:\n {2}import FILE \[--json\]/);
	});
});
