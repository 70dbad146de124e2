// Opt-in (PDF_LOOK=1): writes the sample PDFs and PNGs of their pages to /tmp/pdf-look/ for a person to
// look at, and prints how long the conclusions take and how large they are. Nothing here can be checked
// by a machine; the other tests check the text.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sampleAmendmentList, sampleConclusions, sampleRecord } from '#lib/domain/outputs/test-samples.ts';
import { renderPdf } from './index.ts';

const OUT = '/tmp/pdf-look';

describe.skipIf(!process.env.PDF_LOOK)('PDFs to look at', () => {
	it('writes the samples and their pages as PNG', async () => {
		mkdirSync(OUT, { recursive: true });
		let start = performance.now();
		const adopted = await renderPdf(sampleConclusions('adopted'));
		const first = performance.now() - start;
		const warm: number[] = [];
		for (const kind of ['draft', 'adopted', 'draft'] as const) {
			start = performance.now();
			await renderPdf(sampleConclusions(kind), { lineNumbers: kind === 'draft' });
			warm.push(performance.now() - start);
		}
		console.log(
			`conclusions: first ${first.toFixed(0)} ms, then ${warm.map((t) => t.toFixed(0)).join(' / ')} ms; ${adopted.length} bytes`
		);
		const files: [string, Uint8Array, number[]][] = [
			['adopted', adopted, [1, 2]],
			['draft-lines', await renderPdf(sampleConclusions('draft'), { lineNumbers: true }), [1]],
			['list', await renderPdf(sampleAmendmentList()), [1]],
			['record', await renderPdf(sampleRecord()), [1]]
		];
		for (const [name, pdf, pages] of files) {
			writeFileSync(`${OUT}/${name}.pdf`, pdf);
			for (const page of pages) {
				const args = ['-png', '-r', '80', '-f', `${page}`, '-l', `${page}`, '-singlefile'];
				const run = spawnSync('pdftoppm', [...args, `${OUT}/${name}.pdf`, `${OUT}/${name}-${page}`]);
				expect(run.status).toBe(0);
			}
		}
	});
});
