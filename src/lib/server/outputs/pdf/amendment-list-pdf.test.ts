import { describe, expect, it } from 'vitest';
import { sampleAmendmentList } from '#lib/domain/outputs/test-samples.ts';
import { renderPdf } from './index.ts';
import { flat, readPdf, wordsPattern } from './pdf-text.test-support.ts';

const list = sampleAmendmentList();
const read = readPdf(await renderPdf(list));
const text = flat(read.text);
const cells = flat(read.raw);

describe('the list of amendments as PDF', () => {
	it('has the title, the meeting, the stamp, the column heads and landscape pages', async () => {
		expect(text).toContain(list.labels.document);
		expect(text).toContain(list.meeting.title);
		expect(text).toContain(list.stamp.label);
		for (const head of [list.labels.code, list.labels.outcome, ...Object.values(list.labels.groups)]) {
			expect(text).toContain(head);
		}
		expect(read.info['Title']).toContain(list.labels.document);
		const [width, height] = /([\d.]+) x ([\d.]+)/.exec(read.info['Page size']!)!.slice(1).map(Number);
		expect(width).toBeGreaterThan(height!);
	});

	it('has every amendment in order, each code starting its row', async () => {
		let from = 0;
		for (const row of list.rows) {
			const at = read.text.search(new RegExp(`^\\s*${wordsPattern(row.code)}\\s`, 'm'));
			expect(at, row.code).toBeGreaterThanOrEqual(from);
			from = at;
		}
		expect(list.rows.map((r) => r.code)).toEqual(['D.1', 'D.2', 'D.3', 'D.4']);
	});

	it('shows the change with its deleted and inserted words, the positions, the outcome and the justification', async () => {
		for (const row of list.rows) {
			for (const piece of row.change)
				expect(cells, `${row.code}: ${piece.text}`).toMatch(new RegExp(wordsPattern(piece.text)));
			for (const position of Object.values(row.positions).filter((p) => p !== '')) {
				expect(cells).toContain(position);
			}
			expect(cells).toMatch(new RegExp(wordsPattern(row.outcome)));
			if (row.justification) expect(cells).toContain(`${list.labels.justification} ${row.justification}`);
		}
		// The sample's insertion carries & and <…>, which must survive as text.
		expect(cells).toContain('No. 97 & No. 143 <promptly>.');
	});

	it('says so when no amendment was tabled', async () => {
		const empty = { ...list, rows: [] };
		const emptyText = flat(readPdf(await renderPdf(empty)).text);
		expect(emptyText).toContain(list.labels.none);
		expect(emptyText).not.toContain(list.labels.code);
	});
});
