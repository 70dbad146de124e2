// For the PDF tests: what poppler reads back from a PDF, page by page, as a reader would copy it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PdfRead {
	/** Each page's text (`pdftotext -layout`), in order. */
	pages: string[];
	/** All of it. */
	text: string;
	/**
	 * In the order the PDF draws it (`pdftotext -raw`): a table cell's lines stay together, where the
	 * layout interleaves the lines of cells side by side.
	 */
	raw: string;
	/** pdfinfo's fields: 'Pages', 'Title', 'Page size'… */
	info: Record<string, string>;
}

function run(command: string, args: string[]): string {
	const result = spawnSync(command, args, { encoding: 'utf8' });
	if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr || result.error}`);
	return result.stdout;
}

export function readPdf(pdf: Uint8Array): PdfRead {
	const dir = mkdtempSync(join(tmpdir(), 'dr-pdf-'));
	try {
		const file = join(dir, 'out.pdf');
		writeFileSync(file, pdf);
		const text = run('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-']);
		const raw = run('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-']);
		const info = Object.fromEntries(
			run('pdfinfo', [file])
				.split('\n')
				.map((line) => /^([^:]+):\s*(.*)$/.exec(line))
				.filter((m) => m !== null)
				.map((m) => [m[1]!, m[2]!])
		);
		// pdftotext ends every page with a form feed, so the last piece is empty.
		const pages = text.split('\f').slice(0, -1);
		return { pages, text, raw, info };
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/** Words in order, whatever spaces and line breaks the layout put between them. */
export function wordsPattern(words: string): string {
	return words
		.trim()
		.split(/\s+/)
		.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
		.join('\\s+');
}

/** The first `n` words of a text. */
export function openingWords(text: string, n = 4): string {
	return text.trim().split(/\s+/).slice(0, n).join(' ');
}

/** Runs of white space made one space, for looking up text that the layout may have wrapped. */
export function flat(text: string): string {
	return text.replace(/\s+/g, ' ');
}
