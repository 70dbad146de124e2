import { describe, expect, it } from 'vitest';
import { sampleRecord } from '#lib/domain/outputs/test-samples.ts';
import { renderPdf } from './index.ts';
import { flat, readPdf } from './pdf-text.test-support.ts';

const record = sampleRecord();
const read = readPdf(await renderPdf(record));
const text = flat(read.text);

describe('the record of proceedings as PDF', () => {
	it('has the title, the meeting, the stamp and the page number', async () => {
		expect(text).toContain(record.labels.document);
		expect(text).toContain(record.meeting.placeAndDates);
		expect(text).toContain(record.stamp.label);
		expect(read.pages[0]).toMatch(new RegExp(`${record.labels.page}\\s+1\\s*/\\s*1`));
		expect(read.info['Title']).toContain(record.labels.document);
	});

	it('has each sitting’s heading and its entries, with their times, in order', async () => {
		const expected = record.sittings.flatMap((s) => [
			s.heading,
			...s.entries.map((e) => `${e.time} ${e.sentence}`)
		]);
		expect(expected).toHaveLength(6);
		let from = 0;
		for (const piece of expected) {
			const at = text.indexOf(piece, from);
			expect(at, piece).toBeGreaterThanOrEqual(from);
			from = at + piece.length;
		}
	});

	it('says so when nothing is on the record', async () => {
		const emptyText = flat(readPdf(await renderPdf({ ...record, sittings: [] })).text);
		expect(emptyText).toContain(record.labels.empty);
		expect(emptyText).not.toContain(record.sittings[0]!.heading);
	});
});
