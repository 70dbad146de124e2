import { describe, expect, it } from 'vitest';
import { sampleRecord } from '#lib/domain/outputs/test-samples.ts';
import { all, paragraphs, styleOf, textOf, unpack } from './docx-test-support.ts';
import { renderDocx } from './index.ts';

describe('the record of proceedings as DOCX', () => {
	it('has a heading per sitting and each entry as its time, then its sentence, in order', async () => {
		const record = sampleRecord();
		const body = unpack(await renderDocx(record)).xml('word/document.xml');
		const texts = paragraphs(body).map(textOf);
		expect(texts).toEqual([
			record.meeting.title,
			record.meeting.placeAndDates,
			record.labels.document,
			...record.sittings.flatMap((s) => [s.heading, ...s.entries.map((e) => `${e.time}\t${e.sentence}`)])
		]);
		expect(
			paragraphs(body)
				.filter((p) => styleOf(p) === 'Heading1')
				.map(textOf)
		).toEqual(record.sittings.map((s) => s.heading));
	});

	it('stamps every page and numbers the pages', async () => {
		const record = sampleRecord();
		const pkg = unpack(await renderDocx(record));
		const header = pkg.names.find((n) => /^word\/header\d*\.xml$/.test(n));
		expect(header && paragraphs(pkg.xml(header)).map(textOf)).toEqual([record.stamp.label]);
		const footer = pkg.names.find((n) => /^word\/footer\d*\.xml$/.test(n));
		expect(footer && all(pkg.xml(footer), 'instrText').map((i) => i.textContent?.trim())).toContain('PAGE');
	});

	it('says the record is empty when there is no sitting', async () => {
		const record = { ...sampleRecord(), sittings: [] };
		const body = unpack(await renderDocx(record)).xml('word/document.xml');
		expect(paragraphs(body).map(textOf).slice(3)).toEqual([record.labels.empty]);
	});
});
