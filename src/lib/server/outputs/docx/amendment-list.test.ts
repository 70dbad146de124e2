import { describe, expect, it } from 'vitest';
import type { Document, Element } from '@xmldom/xmldom';
import { GROUPS } from '#lib/domain/roles.ts';
import { sampleAmendmentList } from '#lib/domain/outputs/test-samples.ts';
import { all, attr, first, paragraphs, textOf, unpack } from './docx-test-support.ts';
import { renderDocx } from './index.ts';

const cellTexts = (row: Element) => all(row, 'tc').map((c) => paragraphs(c).map(textOf).join('\n'));

/** The run whose text is exactly `text`. */
function run(scope: Element | Document, text: string): Element {
	const found = all(scope, 'r').filter((r) => textOf(r) === text);
	expect(found, text).toHaveLength(1);
	return found[0]!;
}

describe('the list of amendments as DOCX', () => {
	it('has one table row per amendment after a repeated header row, every column filled from the model', async () => {
		const list = sampleAmendmentList();
		const body = unpack(await renderDocx(list)).xml('word/document.xml');
		const tables = all(body, 'tbl');
		expect(tables).toHaveLength(1);
		const rows = all(tables[0]!, 'tr');
		expect(rows).toHaveLength(list.rows.length + 1);
		const { labels } = list;
		expect(cellTexts(rows[0]!)).toEqual([
			labels.code,
			labels.author,
			labels.target,
			labels.change,
			...GROUPS.map((g) => labels.groups[g]),
			labels.outcome
		]);
		expect(first(rows[0]!, 'tblHeader')).not.toBeNull();
		list.rows.forEach((row, i) => {
			const change = row.change.map((p) => p.text).join('');
			expect(cellTexts(rows[i + 1]!)).toEqual([
				row.code,
				row.author,
				row.target,
				row.justification ? `${change}\n${labels.justification} ${row.justification}` : change,
				...GROUPS.map((g) => row.positions[g]),
				row.outcome
			]);
		});
	});

	it('strikes deletions through and underlines insertions, leaving the rest plain', async () => {
		const body = unpack(await renderDocx(sampleAmendmentList())).xml('word/document.xml');
		const deleted = run(body, 'communications');
		const inserted = run(body, 'communication');
		const same = run(body, 'Improve its outreach and ');
		expect(first(deleted, 'strike')).not.toBeNull();
		expect(first(deleted, 'u')).toBeNull();
		expect(attr(first(inserted, 'u'), 'val')).toBe('single');
		expect(first(inserted, 'strike')).toBeNull();
		expect([first(same, 'strike'), first(same, 'u')]).toEqual([null, null]);
	});

	it('keeps & and < as text', async () => {
		const pkg = unpack(await renderDocx(sampleAmendmentList()));
		const texts = paragraphs(pkg.xml('word/document.xml')).map(textOf);
		expect(texts).toContain('Member States should ratify Convention No. 97 & No. 143 <promptly>.');
		expect(pkg.text('word/document.xml')).toContain('&amp; No. 143 &lt;promptly&gt;');
	});

	it('is on landscape A4 with its title, meeting and stamp', async () => {
		const list = sampleAmendmentList();
		const pkg = unpack(await renderDocx(list));
		const body = pkg.xml('word/document.xml');
		const size = first(body, 'pgSz');
		expect([attr(size, 'w'), attr(size, 'h'), attr(size, 'orient')]).toEqual(['16838', '11906', 'landscape']);
		const texts = paragraphs(body).map(textOf);
		expect(texts.slice(0, 3)).toEqual([list.meeting.title, list.meeting.placeAndDates, list.labels.document]);
		const header = pkg.names.find((n) => /^word\/header\d*\.xml$/.test(n));
		expect(header && paragraphs(pkg.xml(header)).map(textOf)).toEqual([list.stamp.label]);
		expect(pkg.text('docProps/core.xml')).toContain(`<dc:title>${list.labels.document}</dc:title>`);
	});

	it('says there is none, on a portrait page, when no amendment was tabled', async () => {
		const list = { ...sampleAmendmentList(), rows: [] };
		const body = unpack(await renderDocx(list)).xml('word/document.xml');
		expect(all(body, 'tbl')).toHaveLength(0);
		expect(paragraphs(body).map(textOf)).toContain(list.labels.none);
		expect(attr(first(body, 'pgSz'), 'orient')).toBe('portrait');
	});
});
