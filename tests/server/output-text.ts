// Test support: the words in an output file, whatever its format, so that tests can say what a reader of
// it would see (PDF through pdftotext, DOCX by its XML parts' text, the rest as UTF-8).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';

export function pdfText(bytes: Uint8Array, layout = false): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dr-pdf-'));
	try {
		const file = path.join(dir, 'out.pdf');
		fs.writeFileSync(file, bytes);
		const run = spawnSync('pdftotext', [...(layout ? ['-layout'] : []), file, '-'], { encoding: 'utf8' });
		if (run.status !== 0) throw new Error(`pdftotext failed: ${run.stderr || run.error?.message}`);
		return run.stdout;
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/** Every word in the document's body, notes, headers and footers (tags dropped, paragraphs as lines). */
export function docxText(bytes: Uint8Array): string {
	const parts = unzipSync(bytes);
	return Object.entries(parts)
		.filter(([name]) => /^word\/(document|footnotes|endnotes|header\d*|footer\d*)\.xml$/.test(name))
		.map(([, data]) =>
			strFromU8(data)
				.replace(/<\/w:p>/g, '\n')
				.replace(/<[^>]+>/g, '')
				.replace(/&lt;/g, '<')
				.replace(/&gt;/g, '>')
				.replace(/&quot;/g, '"')
				.replace(/&apos;/g, "'")
				.replace(/&amp;/g, '&')
		)
		.join('\n');
}

export function outputText(format: string, bytes: Uint8Array): string {
	if (format === 'pdf') return pdfText(bytes);
	if (format === 'docx') return docxText(bytes);
	return new TextDecoder().decode(bytes);
}
