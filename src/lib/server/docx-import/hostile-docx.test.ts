// Word files made to hurt the server: nesting deeper than the stack, zips that lie about their sizes,
// files that take too long or too much memory to read. Each gets a clear refusal, and a real draft
// still imports exactly as before (docx-import.test.ts).
import { deflateSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { toImportJson } from '#lib/domain/import-json.ts';
import { counterIds } from '#lib/domain/test-support.ts';
import { importDocx, importDocxInWorker, MAX_PARAGRAPHS, MAX_WARNINGS, MAX_XML_DEPTH } from './index.ts';
import { fixtureDocx, p, rawDocx } from './test-docx.ts';
import { manyParagraphsDocx, nestedDocx, rawZip, zeroBomb } from './test-hostile-docx.ts';

const W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const DOCUMENT = strToU8(
	`<w:document ${W_NS}><w:body>${p('Conclusions')}${p('1. The only paragraph.')}</w:body></w:document>`
);

function refused(result: { ok: boolean; error?: string }): string {
	if (result.ok) throw new Error('the file was imported; it should have been refused');
	return result.error ?? '';
}

function importedText(result: ReturnType<typeof importDocx>) {
	if (!result.ok) throw new Error(`import refused: ${result.error}`);
	return result.source;
}

/** `levels` table levels, each a table of one row of one cell, around a paragraph. */
function nestedTables(levels: number): Uint8Array {
	const open = '<w:tbl><w:tr><w:tc>';
	const close = '<w:p/></w:tc></w:tr></w:tbl>';
	return rawDocx(p('Conclusions') + open.repeat(levels) + p('1. Deep in a table.') + close.repeat(levels));
}

/** A run inside `depth` inline containers (w:customXml in a paragraph is read as inline content). */
function nestedInline(depth: number): Uint8Array {
	const run = '<w:r><w:t>1. Deep inline.</w:t></w:r>';
	return rawDocx(
		`${p('Conclusions')}<w:p>${'<w:customXml>'.repeat(depth)}${run}${'</w:customXml>'.repeat(depth)}</w:p>`
	);
}

describe('DOCX-13 nesting', () => {
	// document and body are two levels; what the builders add comes on top.
	const room = MAX_XML_DEPTH - 2;

	it('DOCX-13 reads block, content-control, table and inline nesting right up to the limit', () => {
		// p/r/t inside the wrappers take three more levels, and w:sdt two per wrapper.
		expect(importedText(importDocx(nestedDocx('customXml', room - 3)))).toContain('1. Nested text.');
		expect(importedText(importDocx(nestedDocx('sdt', Math.floor((room - 3) / 2))))).toContain(
			'1. Nested text.'
		);
		expect(importedText(importDocx(nestedTables(Math.floor((room - 3) / 3))))).toContain(
			'1. Deep in a table.'
		);
		expect(importedText(importDocx(nestedInline(room - 3)))).toContain('1. Deep inline.');
	});

	it('DOCX-13 refuses a part nested one level too deep, saying why', () => {
		expect(refused(importDocx(nestedDocx('customXml', room - 2)))).toMatch(
			`In the document text of this Word file, elements are nested more than ${MAX_XML_DEPTH} levels deep`
		);
	});

	it('DOCX-13 refuses 200,000 nested w:customXml and 100,000 nested w:sdt instead of overflowing the stack', () => {
		for (const file of [nestedDocx('customXml', 200_000), nestedDocx('sdt', 100_000)]) {
			expect(refused(importDocx(file))).toMatch(/elements are nested more than \d+ levels deep/);
		}
	});

	it('DOCX-13 applies to the other parts too: a footnotes part nested too deep is refused', () => {
		const deep = '<w:customXml>'.repeat(MAX_XML_DEPTH) + '</w:customXml>'.repeat(MAX_XML_DEPTH);
		const file = rawDocx(p('Conclusions') + p('1. Text.'), {
			footnotes: `<w:footnote w:id="1">${deep}</w:footnote>`
		});
		expect(refused(importDocx(file))).toMatch(
			/In the footnotes of this Word file, elements are nested more than \d+ levels deep/
		);
	});
});

describe('DOCX-2 zips that lie', () => {
	const entry = (data: Uint8Array, declaredSize: number) => ({
		name: 'word/document.xml',
		data,
		method: 8 as const,
		declaredSize
	});

	it('DOCX-2 reads an honest zip written by hand, stored or deflated', () => {
		const deflated = rawZip([entry(deflateSync(DOCUMENT), DOCUMENT.length)]);
		const stored = rawZip([{ ...entry(DOCUMENT, DOCUMENT.length), method: 0 }]);
		for (const file of [deflated, stored])
			expect(importedText(importDocx(file))).toBe('Conclusions\n1. The only paragraph.\n');
	});

	it('DOCX-2 refuses as damaged a part that inflates to more than it declares', () => {
		const file = rawZip([entry(deflateSync(DOCUMENT), 20)]);
		expect(refused(importDocx(file))).toMatch(/^This Word file is damaged: it could not be unpacked/);
	});

	it('DOCX-2 stops inflating a gigabyte bomb that declares 1 KB, instead of inflating it all', () => {
		const bomb = zeroBomb(4 * 1024 * 1024);
		expect(bomb.inflatedSize).toBeGreaterThan(600 * 1024 * 1024);
		const started = performance.now();
		expect(refused(importDocx(rawZip([entry(bomb.deflated, 1000)])))).toMatch(
			/^This Word file is damaged: it could not be unpacked/
		);
		console.log(
			`DOCX-2: a ${bomb.inflatedSize} byte bomb refused in ${Math.round(performance.now() - started)} ms`
		);
	});

	it('DOCX-2 refuses a zip whose directory claims entries it does not have', () => {
		const file = rawZip([entry(deflateSync(DOCUMENT), DOCUMENT.length)], { declaredCount: 65_535 });
		expect(refused(importDocx(file))).toMatch(/^This Word file is damaged: it could not be unpacked/);
	});

	it('DOCX-2 still refuses parts that declare more than 50 MB in all, before inflating them', () => {
		const file = rawZip([entry(deflateSync(DOCUMENT), 51 * 1024 * 1024)]);
		expect(refused(importDocx(file))).toMatch(/unpacks to more than 50 MB/);
	});
});

describe('DOCX-14 reading in a worker thread', () => {
	it('DOCX-14 imports a real draft exactly as reading it here does', async () => {
		const bytes = await fixtureDocx('automatic');
		const here = importDocx(bytes, { newId: counterIds() });
		const there = await importDocxInWorker(bytes);
		if (!here.ok || !there.ok) throw new Error('the fixture was refused');
		expect(toImportJson(there.text)).toEqual(toImportJson(here.text));
		expect(there.warnings).toEqual(here.warnings);
		expect(there.source).toBe(here.source);
	});

	it('DOCX-14 gives the same refusals as reading it here', async () => {
		const damaged = zipOfBrokenXml();
		expect(refused(await importDocxInWorker(damaged))).toBe(refused(importDocx(damaged)));
		expect(refused(await importDocxInWorker(nestedDocx('sdt', 100_000)))).toMatch(
			/elements are nested more than/
		);
	});

	it('DOCX-14 stops a read that takes longer than its time bound, and says so', async () => {
		// 40,000 paragraphs take the DOM parser about a second: far beyond 50 ms, whatever the machine.
		const result = await importDocxInWorker(manyParagraphsDocx(40_000), { timeoutMs: 50 });
		expect(refused(result)).toMatch(/^This Word file took too long to read/);
	});

	it('DOCX-14 stops a read that needs more memory than its bound, and says so', async () => {
		// A real draft is read in that much; those 40,000 paragraphs need about 200 MB as a DOM.
		expect((await importDocxInWorker(await fixtureDocx('automatic'), { maxHeapMb: 32 })).ok).toBe(true);
		const result = await importDocxInWorker(manyParagraphsDocx(40_000), { maxHeapMb: 32, timeoutMs: 60_000 });
		expect(refused(result)).toMatch(/^This Word file is too large to read: it needs more than 32 MB/);
	});

	it('DOCX-14 refuses a text longer than the caller takes before parsing it, and says which refusal it is', async () => {
		const bytes = manyParagraphsDocx(1000);
		const result = await importDocxInWorker(bytes, { maxTextLength: 10_000 });
		expect(result).toMatchObject({ ok: false, tooLong: true });
		expect((await importDocxInWorker(bytes, { maxTextLength: 100_000 })).ok).toBe(true);
	});

	it('DOCX-14 reads several files at once, each to its own result', async () => {
		const files = [
			await fixtureDocx('automatic'),
			nestedDocx('customXml', 200_000),
			await fixtureDocx('typed')
		];
		const results = await Promise.all(files.map((f) => importDocxInWorker(f)));
		expect(results.map((r) => r.ok)).toEqual([true, false, true]);
	});
});

function zipOfBrokenXml(): Uint8Array {
	const broken = strToU8(`<w:document ${W_NS}><w:body><w:p></w:body></w:document>`);
	return rawZip([
		{ name: 'word/document.xml', data: deflateSync(broken), method: 8, declaredSize: broken.length }
	]);
}

describe('DOCX-15 what comes back is bounded', () => {
	it('DOCX-15 refuses a document of more paragraphs than any draft, saying how many it has', () => {
		// The title and MAX_PARAGRAPHS numbered paragraphs: one too many.
		const error = refused(importDocx(manyParagraphsDocx(MAX_PARAGRAPHS)));
		expect(error).toMatch(
			`This Word file has ${(MAX_PARAGRAPHS + 1).toLocaleString('en')} paragraphs and notes`
		);
		expect(importDocx(manyParagraphsDocx(MAX_PARAGRAPHS - 1)).ok).toBe(true);
	});

	it('DOCX-15 counts the notes, each of which is a line, with the paragraphs', () => {
		const notes = Array.from({ length: MAX_PARAGRAPHS }, (_, i) => `<w:footnote w:id="${i + 1}"/>`).join('');
		const error = refused(importDocx(rawDocx(p('Conclusions') + p('1. Text.'), { footnotes: notes })));
		expect(error).toMatch(
			`This Word file has ${(MAX_PARAGRAPHS + 2).toLocaleString('en')} paragraphs and notes`
		);
	});

	it('DOCX-15 lists at most MAX_WARNINGS warnings, the last saying how many more there were', () => {
		// Each paragraph: a manual line break and a link, two warnings.
		const noisy =
			'<w:p><w:r><w:t>Text</w:t><w:br/></w:r><w:hyperlink><w:r><w:t>link</w:t></w:r></w:hyperlink></w:p>';
		const result = importDocx(rawDocx(p('Conclusions') + p('1. First.') + noisy.repeat(MAX_WARNINGS)));
		if (!result.ok) throw new Error(result.error);
		expect(result.warnings).toHaveLength(MAX_WARNINGS);
		const last = result.warnings.at(-1);
		expect(last?.code).toBe('docx-more-warnings');
		const more = /^([\d,]+) more warnings, from paragraph \d+ on, are not listed/.exec(last?.message ?? '');
		// 2,000 from the conversion alone, of which 999 are listed.
		expect(Number(more?.[1]?.replace(/,/g, ''))).toBeGreaterThanOrEqual(2000 - (MAX_WARNINGS - 1));
		expect(result.warnings.slice(0, -1).map((w) => w.code)).not.toContain('docx-more-warnings');
	});
});
