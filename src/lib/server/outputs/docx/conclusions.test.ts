import { describe, expect, it } from 'vitest';
import type { Element } from '@xmldom/xmldom';
import { buildConclusions, inlineText } from '#lib/domain/outputs/conclusions.ts';
import type { ConclusionsOutput, Inline } from '#lib/domain/outputs/model.ts';
import { SAMPLE_MEETING, fixtureText, sampleConclusions } from '#lib/domain/outputs/test-samples.ts';
import { importOk } from '#lib/domain/test-support.ts';
import {
	all,
	attr,
	first,
	levelsOf,
	numPrOf,
	paragraphs,
	styleOf,
	textOf,
	unpack,
	wordNumbers,
	type Package
} from './docx-test-support.ts';
import { renderDocx } from './index.ts';

const words = (inline: Inline) => inline.flatMap((s) => (s.kind === 'text' ? [s.text] : [])).join('');

async function rendered(doc: ConclusionsOutput, lineNumbers?: boolean): Promise<Package> {
	return unpack(await renderDocx(doc, lineNumbers === undefined ? {} : { lineNumbers }));
}

function modelParagraphs(doc: ConclusionsOutput) {
	return doc.body.flatMap((item) => (item.kind === 'paragraph' ? [item] : []));
}

/** What Word should show before each numbered paragraph, from the model: '1.', then '(i)' … */
function modelNumbers(doc: ConclusionsOutput) {
	return modelParagraphs(doc).flatMap((p) => [
		{ level: 0, shown: `${p.number}.` },
		...p.subparagraphs.map((s) => ({ level: 1, shown: s.label }))
	]);
}

function alphaConclusions(): ConclusionsOutput {
	const { text } = importOk(fixtureText());
	return buildConclusions({
		text: { ...text, scheme: 'alpha' },
		statuses: {},
		meeting: SAMPLE_MEETING,
		stamp: { kind: 'adopted', date: '2013-11-08', label: 'Adopted on 8 November 2013' },
		labels: { document: 'Conclusions', page: 'Page', footnotes: 'Notes' }
	});
}

describe('the conclusions as DOCX', () => {
	it('has the meeting, title, adoption stamp, preamble and body in order, one Word paragraph each', async () => {
		const doc = sampleConclusions('adopted');
		const body = (await rendered(doc)).xml('word/document.xml');
		const expected = [
			doc.meeting.title,
			doc.meeting.placeAndDates,
			words(doc.title ?? []),
			doc.stamp.label,
			...doc.preamble.map(words),
			...doc.body.flatMap((item) =>
				item.kind === 'heading'
					? [words(item.text)]
					: [words(item.text), ...item.subparagraphs.map((s) => words(s.text))]
			)
		];
		expect(paragraphs(body).map(textOf)).toEqual(expected);
		expect(modelParagraphs(doc)).toHaveLength(9);
	});

	it('numbers paragraphs at level 0 and subparagraphs at level 1 of one list, and nothing else', async () => {
		const doc = sampleConclusions('adopted');
		const body = (await rendered(doc)).xml('word/document.xml');
		const numbered = paragraphs(body).flatMap((p) => {
			const pr = numPrOf(p);
			return pr ? [pr] : [];
		});
		const subparagraphs = modelParagraphs(doc).reduce((n, p) => n + p.subparagraphs.length, 0);
		expect(numbered.filter((n) => n.level === 0)).toHaveLength(modelParagraphs(doc).length);
		expect(numbered.filter((n) => n.level === 1)).toHaveLength(subparagraphs);
		expect(numbered.map((n) => n.level)).toEqual(modelNumbers(doc).map((n) => n.level));
		// One list: a second numId would start the paragraph numbers again.
		expect(new Set(numbered.map((n) => n.numId)).size).toBe(1);
		// Headings and preamble clauses stay out of the list, so they cannot restart it.
		const headingTexts = doc.body.flatMap((i) => (i.kind === 'heading' ? [words(i.text)] : []));
		for (const p of paragraphs(body))
			if (headingTexts.includes(textOf(p)) || doc.preamble.map(words).includes(textOf(p)))
				expect(numPrOf(p)).toBeNull();
	});

	it("defines '%1.' in decimal and the scheme's '(%2)', the subparagraphs hanging deeper", async () => {
		const pkg = await rendered(sampleConclusions('adopted'));
		const numId = all(pkg.xml('word/document.xml'), 'numPr').map((n) => attr(first(n, 'numId'), 'val'))[0];
		const levels = levelsOf(pkg.xml('word/numbering.xml'), numId ?? '');
		const [top, sub] = [levels.get(0), levels.get(1)];
		expect(top).toMatchObject({ format: 'decimal', text: '%1.', start: 1 });
		expect(sub).toMatchObject({ format: 'lowerRoman', text: '(%2)', start: 1 });
		expect(top?.hanging).toBeGreaterThan(0);
		expect(sub?.hanging).toBeGreaterThan(0);
		expect(sub?.indentLeft).toBeGreaterThan(top?.indentLeft ?? Infinity);
	});

	it('shows, as Word numbers it, exactly the numbers and labels of the model', async () => {
		const doc = sampleConclusions('adopted');
		const pkg = await rendered(doc);
		const shown = wordNumbers(pkg.xml('word/document.xml'), pkg.xml('word/numbering.xml'));
		expect(shown).toEqual(modelNumbers(doc));
		expect(shown.filter((n) => n.level === 0).map((n) => n.shown)).toEqual(
			['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((n) => `${n}.`)
		);
		expect(shown.slice(2, 5).map((n) => n.shown)).toEqual(['(i)', '(ii)', '(iii)']);
	});

	it('numbers subparagraphs in letters when the scheme is alpha', async () => {
		const doc = alphaConclusions();
		const pkg = await rendered(doc);
		const shown = wordNumbers(pkg.xml('word/document.xml'), pkg.xml('word/numbering.xml'));
		expect(shown).toEqual(modelNumbers(doc));
		expect(shown.slice(2, 5).map((n) => n.shown)).toEqual(['(a)', '(b)', '(c)']);
	});

	it('gives headings and the title real Word styles', async () => {
		const doc = sampleConclusions('adopted');
		const body = (await rendered(doc)).xml('word/document.xml');
		const headings = doc.body.flatMap((i) => (i.kind === 'heading' ? [words(i.text)] : []));
		const styled = paragraphs(body).filter((p) => styleOf(p) === 'Heading1');
		expect(styled.map(textOf)).toEqual(headings);
		expect(
			paragraphs(body)
				.filter((p) => styleOf(p) === 'Title')
				.map(textOf)
		).toEqual([words(doc.title ?? [])]);
	});

	it("makes the title's footnote a real Word footnote with the model's text", async () => {
		const doc = sampleConclusions('adopted');
		const pkg = await rendered(doc);
		const title = paragraphs(pkg.xml('word/document.xml')).find((p) => styleOf(p) === 'Title');
		const ref = title ? first(title, 'footnoteReference') : null;
		expect(ref).not.toBeNull();
		const note = all(pkg.xml('word/footnotes.xml'), 'footnote').find(
			(f) => attr(f, 'id') === attr(ref, 'id')
		);
		expect(note && textOf(note)).toBe(words(doc.footnotes[0]?.text ?? []));
		expect(words(doc.footnotes[0]?.text ?? [])).toContain('Governing Body');
	});

	it('numbers footnotes in reading order, refers again to a footnote met twice, and lists unreferenced ones', async () => {
		const base = sampleConclusions('adopted');
		const refer = (inline: Inline, label: string): Inline => [...inline, { kind: 'footnote', label }];
		let seen = 0;
		const doc: ConclusionsOutput = {
			...base,
			body: base.body.map((item) => {
				if (item.kind !== 'paragraph') return item;
				seen++;
				return seen === 1 || seen === 3 ? { ...item, text: refer(item.text, 'a') } : item;
			}),
			footnotes: [
				...base.footnotes,
				{ label: 'a', text: [{ kind: 'text', text: 'A note on two paragraphs.' }] },
				{ label: 'b', text: [{ kind: 'text', text: 'A note nothing refers to.' }] }
			]
		};
		const pkg = await rendered(doc);
		const body = pkg.xml('word/document.xml');
		const refs = all(body, 'footnoteReference').map((r) => attr(r, 'id'));
		expect(refs).toEqual(['1', '2']);
		const notes = new Map(
			all(pkg.xml('word/footnotes.xml'), 'footnote')
				.filter((f) => Number(attr(f, 'id')) > 0)
				.map((f) => [attr(f, 'id'), textOf(f)])
		);
		expect(notes).toEqual(
			new Map([
				['1', words(base.footnotes[0]?.text ?? [])],
				['2', 'A note on two paragraphs.']
			])
		);
		// The third paragraph's mark is the number Word gives the footnote at its first reference.
		const third = paragraphs(body).find((p) => textOf(p).startsWith(words(modelParagraphs(doc)[2]!.text)));
		const runs = third ? all(third, 'r') : [];
		const mark = runs[runs.length - 1] as Element;
		expect(textOf(mark)).toBe('2');
		expect(first(mark, 'vertAlign') && attr(first(mark, 'vertAlign'), 'val')).toBe('superscript');
		const texts = paragraphs(body).map(textOf);
		expect(texts.slice(-2)).toEqual([doc.labels.footnotes, 'b A note nothing refers to.']);
	});

	it('puts the meeting and the page number, a PAGE field, in the footer', async () => {
		const pkg = await rendered(sampleConclusions('adopted'));
		const footers = pkg.names.filter((n) => /^word\/footer\d*\.xml$/.test(n));
		expect(footers).toHaveLength(1);
		const footer = pkg.xml(footers[0]!);
		expect(all(footer, 'instrText').map((i) => i.textContent?.trim())).toContain('PAGE');
		const text = paragraphs(footer).map(textOf).join('\n');
		expect(text).toContain('Page ');
		expect(text).toContain(SAMPLE_MEETING.title);
		expect(text).toContain(SAMPLE_MEETING.placeAndDates);
	});

	it("stamps a draft in the header of every page, and the adopted text nowhere as 'Draft'", async () => {
		const draft = await rendered(sampleConclusions('draft'));
		const headers = (pkg: Package) => pkg.names.filter((n) => /^word\/header\d*\.xml$/.test(n));
		expect(headers(draft).map((h) => paragraphs(draft.xml(h)).map(textOf).join(''))).toEqual([
			'Draft, 22 November 2026'
		]);
		const sectPr = first(draft.xml('word/document.xml'), 'sectPr');
		const refs = sectPr ? all(sectPr, 'headerReference').map((h) => attr(h, 'type')) : [];
		expect(refs).toEqual(['default']);
		expect(sectPr && first(sectPr, 'titlePg')).toBeNull();

		const adopted = await rendered(sampleConclusions('adopted'));
		// The adopted text carries its stamp once, under the title, and has no header at all.
		expect(headers(adopted)).toEqual([]);
		expect(adopted.text('word/document.xml')).not.toContain('Draft');
	});

	it('numbers lines only when asked', async () => {
		const lnNum = async (lineNumbers?: boolean) =>
			all((await rendered(sampleConclusions('draft'), lineNumbers)).xml('word/document.xml'), 'lnNumType');
		const asked = await lnNum(true);
		expect(asked).toHaveLength(1);
		expect(attr(asked[0] ?? null, 'countBy')).toBe('1');
		expect(await lnNum(false)).toHaveLength(0);
		expect(await lnNum()).toHaveLength(0);
	});

	it('is on A4 with its title and creator in the core properties', async () => {
		const doc = sampleConclusions('adopted');
		const pkg = await rendered(doc);
		const size = first(pkg.xml('word/document.xml'), 'pgSz');
		expect([attr(size, 'w'), attr(size, 'h')]).toEqual(['11906', '16838']);
		const core = pkg.text('docProps/core.xml');
		expect(core).toContain(
			`<dc:title>${inlineText(doc.title?.filter((s) => s.kind === 'text') ?? [])}</dc:title>`
		);
		expect(core).toContain('<dc:creator>Drafting Room</dc:creator>');
	});
});
