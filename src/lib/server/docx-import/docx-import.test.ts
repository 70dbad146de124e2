import {
	CommentRangeEnd,
	CommentRangeStart,
	CommentReference,
	DeletedTextRun,
	EndnoteReferenceRun,
	ImageRun,
	InsertedTextRun,
	Paragraph,
	Table,
	TableCell,
	TableRow,
	TextRun
} from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { toImportJson } from '#lib/domain/import-json.ts';
import { parsePlainText } from '#lib/domain/import-text.ts';
import { counterIds } from '#lib/domain/test-support.ts';
import { docxToImportText, importDocx, MAX_DOCX_BYTES } from './index.ts';
import { CONCLUSIONS_LIST, fixtureDocx, fixtureText, numPr, p, pack, rawDocx } from './test-docx.ts';

const PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
	'base64'
);
const DATE = '2026-01-01T00:00:00Z';

function fixtureJson() {
	const text = parsePlainText(fixtureText());
	if (!text.ok) throw new Error(text.error);
	return toImportJson(text.text);
}

function imported(bytes: Uint8Array) {
	const result = importDocx(bytes, { newId: counterIds() });
	if (!result.ok) throw new Error(`import refused: ${result.error}`);
	return result;
}

function converted(bytes: Uint8Array) {
	const result = docxToImportText(bytes);
	if (!result.ok) throw new Error(`conversion refused: ${result.error}`);
	return result;
}

function documentXml(bytes: Uint8Array): string {
	const xml = unzipSync(bytes)['word/document.xml'];
	if (!xml) throw new Error('no word/document.xml');
	return strFromU8(xml);
}

/** [line, code] pairs. */
const codes = (warnings: Array<{ line: number; code: string }>) => warnings.map((w) => [w.line, w.code]);

/** A draft around the paragraph under test, so that the text import accepts it. */
const numbered = (n: number, text: string) =>
	new Paragraph({ text, numbering: { reference: CONCLUSIONS_LIST.reference, level: n } });
const title = () => new Paragraph('Conclusions');

describe('the 2013 conclusions as a Word document', () => {
	it('with automatic numbering, imports exactly as the plain text does, without warnings', async () => {
		const bytes = await fixtureDocx('automatic');
		const xml = documentXml(bytes);
		// The document really is numbered by Word: list properties and no number typed anywhere.
		expect(xml.match(/<w:numPr>/g)).toHaveLength(41);
		expect(xml).not.toMatch(/<w:t[^>]*>(\d+\.|\([ivx]+\))\s/);
		expect(xml).toContain('<w:footnoteReference w:id="1"/>');
		const result = imported(bytes);
		expect(result.warnings).toEqual([]);
		expect(toImportJson(result.text)).toEqual(fixtureJson());
	});

	it('with typed numbers, imports exactly as the plain text does, without warnings', async () => {
		const bytes = await fixtureDocx('typed');
		expect(documentXml(bytes)).not.toContain('<w:numPr>');
		const result = imported(bytes);
		expect(result.warnings).toEqual([]);
		expect(toImportJson(result.text)).toEqual(fixtureJson());
	});

	it('gives back the text it imported, which imports again to the same draft', async () => {
		const result = imported(await fixtureDocx('automatic'));
		expect(result.source.split('\n')[0]).toBe('Conclusions[^1]');
		expect(result.source).toContain('\n5. With a view to increasing protection, the Office should:\n(i) ');
		expect(result.source.trimEnd().split('\n').at(-1)).toMatch(/^\[\^1\]: These conclusions will be/);
		const again = parsePlainText(result.source, { newId: counterIds() });
		expect(again.ok && again.text).toEqual(result.text);
	});
});

describe('lines are the paragraphs of the document', () => {
	it("puts the text import's warnings on the paragraph they concern, empty paragraphs counted", async () => {
		const result = imported(
			await pack([title(), new Paragraph(''), new Paragraph('1. One.'), new Paragraph('3. Three.')])
		);
		expect(codes(result.warnings)).toEqual([[4, 'paragraph-number']]);
	});

	it('numbers through a paragraph style, and lets a paragraph switch its style numbering off', () => {
		const styles =
			'<w:style w:type="paragraph" w:styleId="Numbered"><w:name w:val="Numbered"/><w:pPr>' +
			numPr(1) +
			'</w:pPr></w:style>' +
			'<w:style w:type="paragraph" w:styleId="NumberedBody"><w:name w:val="Numbered body"/>' +
			'<w:basedOn w:val="Numbered"/></w:style>';
		const numbering =
			'<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>' +
			'<w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>';
		const style = (id: string) => `<w:pStyle w:val="${id}"/>`;
		const text = converted(
			rawDocx(
				p('Conclusions') +
					p('One.', style('Numbered')) +
					p('Two.', style('NumberedBody')) +
					p('Not numbered.', style('Numbered') + '<w:numPr><w:numId w:val="0"/></w:numPr>') +
					p('Three.', style('Numbered')),
				{ styles, numbering }
			)
		);
		expect(text.text).toBe('Conclusions\n1. One.\n2. Two.\nNot numbered.\n3. Three.\n');
	});

	it('leaves a numbered heading its place as a heading, saying what became of its number', () => {
		const numbering =
			'<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>' +
			'<w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>';
		const styles = '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>';
		const result = imported(
			rawDocx(p('Conclusions') + p('General', '<w:pStyle w:val="Heading1"/>' + numPr(1)) + p('1. One.'), {
				numbering,
				styles
			})
		);
		expect(toImportJson(result.text).body).toEqual([
			{ type: 'heading', text: 'General' },
			{ type: 'paragraph', number: '1', text: 'One.', subparagraphs: [] }
		]);
		expect(codes(result.warnings)).toEqual([[2, 'docx-heading-number']]);
	});

	it("labels footnotes by order of reference, or by the author's own mark", () => {
		const note = (id: number, text: string) => `<w:footnote w:id="${id}">${p(text)}</w:footnote>`;
		const ref = (id: number) => `<w:r><w:footnoteReference w:id="${id}"/></w:r>`;
		const footnotes =
			'<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>' +
			note(7, 'Seven.') +
			note(3, 'Three.') +
			note(5, 'Starred.');
		const body =
			`<w:p><w:r><w:t>Conclusions</w:t></w:r>${ref(3)}</w:p>` +
			`<w:p><w:r><w:t xml:space="preserve">1. One</w:t></w:r>${ref(7)}` +
			'<w:r><w:footnoteReference w:customMarkFollows="1" w:id="5"/><w:t>*</w:t></w:r>' +
			'<w:r><w:t xml:space="preserve"> and more.</w:t></w:r></w:p>';
		const result = imported(rawDocx(body, { footnotes }));
		expect(result.source).toBe(
			'Conclusions[^1]\n1. One[^2][^*] and more.\n[^1]: Three.\n[^2]: Seven.\n[^*]: Starred.\n'
		);
		expect(result.warnings).toEqual([]);
	});

	it('imports endnotes as footnotes labelled i, ii …, and says so', async () => {
		const bytes = await pack(
			[title(), new Paragraph({ children: [new TextRun('1. One.'), new EndnoteReferenceRun(1)] })],
			{ endnotes: { 1: { children: [new Paragraph('An endnote.')] } } }
		);
		const result = imported(bytes);
		expect(toImportJson(result.text).footnotes).toEqual([{ label: 'i', text: 'An endnote.' }]);
		expect(codes(result.warnings)).toEqual([[2, 'docx-endnote']]);
	});
});

describe('nothing is silently dropped', () => {
	it('imports the text of a table, cell by cell, and warns about the table', async () => {
		const cell = (text: string) => new TableCell({ children: [new Paragraph(text)] });
		const result = imported(
			await pack([
				title(),
				numbered(0, 'One.'),
				new Table({ rows: [new TableRow({ children: [cell('Left cell'), cell('Right cell')] })] }),
				numbered(0, 'Two.')
			])
		);
		expect(result.source).toBe('Conclusions\n1. One.\nLeft cell\nRight cell\n2. Two.\n');
		const table = result.warnings.find((w) => w.code === 'docx-table');
		expect(table).toMatchObject({ line: 3, message: expect.stringMatching(/table \(paragraphs 3 to 4\)/) });
		expect(toImportJson(result.text).body.map((b) => b.text)).toEqual([
			'One.',
			'Left cell',
			'Right cell',
			'Two.'
		]);
	});

	it('warns about a picture, keeping the text around it', async () => {
		const result = imported(
			await pack([
				title(),
				new Paragraph({
					numbering: { reference: CONCLUSIONS_LIST.reference, level: 0 },
					children: [
						new TextRun('See the chart '),
						new ImageRun({ type: 'png', data: PNG, transformation: { width: 1, height: 1 } }),
						new TextRun('below.')
					]
				})
			])
		);
		expect(result.source).toBe('Conclusions\n1. See the chart below.\n');
		expect(result.warnings).toEqual([
			{ line: 2, code: 'docx-image', message: expect.stringMatching(/^Paragraph 2 contains a picture/) }
		]);
	});

	it('warns about a comment, which is not imported', async () => {
		const result = imported(
			await pack(
				[
					title(),
					new Paragraph({
						numbering: { reference: CONCLUSIONS_LIST.reference, level: 0 },
						children: [
							new CommentRangeStart(0),
							new TextRun('Commented text.'),
							new CommentRangeEnd(0),
							new TextRun({ children: [new CommentReference(0)] })
						]
					})
				],
				{
					comments: {
						children: [{ id: 0, author: 'A', date: new Date(0), children: [new Paragraph('Why?')] }]
					}
				}
			)
		);
		expect(result.source).toBe('Conclusions\n1. Commented text.\n');
		expect(codes(result.warnings)).toEqual([[2, 'docx-comment']]);
		expect(result.warnings[0]?.message).toMatch(/comment/);
	});

	it('takes tracked changes as accepted, and warns', async () => {
		const result = imported(
			await pack([
				title(),
				new Paragraph({
					numbering: { reference: CONCLUSIONS_LIST.reference, level: 0 },
					children: [
						new TextRun('The Office '),
						new InsertedTextRun({ text: 'shall', id: 1, author: 'A', date: DATE }),
						new DeletedTextRun({ text: 'should', id: 2, author: 'A', date: DATE }),
						new TextRun(' act.')
					]
				})
			])
		);
		expect(result.source).toBe('Conclusions\n1. The Office shall act.\n');
		expect(codes(result.warnings)).toEqual([[2, 'docx-tracked-changes']]);
		expect(result.warnings[0]?.message).toMatch(/tracked changes.*accepted/);
	});

	it('keeps the text a field shows, replaces a manual line break, and warns about both', () => {
		const body =
			p('Conclusions') +
			'<w:p><w:r><w:t xml:space="preserve">1. See paragraph </w:t></w:r>' +
			'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> REF _Ref1 \\h </w:instrText></w:r>' +
			'<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>4</w:t></w:r>' +
			'<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:br/><w:t>below.</w:t></w:r></w:p>';
		const result = imported(rawDocx(body));
		expect(result.source).toBe('Conclusions\n1. See paragraph 4 below.\n');
		expect(codes(result.warnings)).toEqual([
			[2, 'docx-field'],
			[2, 'docx-line-break']
		]);
		expect(result.warnings[0]?.message).toContain('(REF)');
	});

	it('warns about a text box, quoting it, and about bullets', () => {
		const numbering =
			'<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/>' +
			'</w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>';
		const box =
			'<w:p><w:r><w:t>1. Text.</w:t></w:r><w:r><w:pict><w:txbxContent>' +
			p('Boxed words') +
			'</w:txbxContent></w:pict></w:r></w:p>';
		const result = imported(rawDocx(p('Conclusions') + box + p('A point.', numPr(1)), { numbering }));
		expect(result.source).toBe('Conclusions\n1. Text.\nA point.\n');
		expect(codes(result.warnings)).toEqual([
			[2, 'docx-text-box'],
			[3, 'docx-bullet'],
			// What the bullet leaves is an unnumbered line after a paragraph: the text import's heading.
			[3, 'doubtful-heading']
		]);
		expect(result.warnings[0]?.message).toContain('("Boxed words")');
	});
});

describe('files that are not a usable .docx', () => {
	const refused = (bytes: Uint8Array) => {
		const result = importDocx(bytes);
		if (result.ok) throw new Error('accepted');
		return result.error;
	};

	it('refuses what is not a zip', () => {
		expect(refused(strToU8('Conclusions\n\n1. Text.\n'))).toMatch(/^This is not a Word \.docx file/);
		expect(refused(new Uint8Array())).toMatch(/empty/);
	});

	it('refuses a zip without word/document.xml', () => {
		expect(refused(zipSync({ 'content.xml': strToU8('<office:document/>') }))).toMatch(
			/not a Word document: it has no document text \(word\/document\.xml\)/
		);
	});

	it('refuses an encrypted or old binary .doc by its OLE header', () => {
		const ole = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
		expect(refused(ole)).toMatch(/^This is an encrypted or old-format \.doc file; save it as \.docx/);
	});

	it('refuses a damaged zip, malformed XML and a document without text', () => {
		expect(refused(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]))).toMatch(
			/damaged: it could not be unpacked/
		);
		const broken = zipSync({ 'word/document.xml': strToU8('<w:document><w:body><w:p></w:body>') });
		expect(refused(broken)).toMatch(/damaged: the document text could not be read/);
		expect(refused(rawDocx('<w:p/><w:p><w:r><w:t> </w:t></w:r></w:p>'))).toMatch(/has no text/);
	});

	it('refuses a file over the size limit, and a zip that unpacks to far more than any draft', () => {
		const big = new Uint8Array(MAX_DOCX_BYTES + 1);
		big.set([0x50, 0x4b, 0x03, 0x04]);
		expect(refused(big)).toMatch(/Word files up to 20 MB are accepted/);
		const bomb = zipSync({ 'word/document.xml': new Uint8Array(51 * 1024 * 1024) }, { level: 1 });
		expect(bomb.length).toBeLessThan(1024 * 1024);
		expect(refused(bomb)).toMatch(/unpacks to more than 50 MB/);
	});
});
