import { describe, expect, it } from 'vitest';
import { inlineText } from '#lib/domain/outputs/conclusions.ts';
import type { ConclusionsOutput, Inline } from '#lib/domain/outputs/model.ts';
import { sampleConclusions } from '#lib/domain/outputs/test-samples.ts';
import { renderPdf } from './index.ts';
import { flat, openingWords, readPdf, wordsPattern } from './pdf-text.test-support.ts';

/** The text of an Inline up to its first footnote reference (the mark would sit between words). */
const lead = (inline: Inline) => (inline[0]?.kind === 'text' ? inline[0].text : '');

/** Integers standing alone at the start of a line ('12   Having met…'), not paragraph numbers ('5.'). */
function lineStartNumbers(page: string): Set<number> {
	return new Set([...page.matchAll(/^\s*(\d{1,3})(?=\s)/gm)].map((m) => Number(m[1])));
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

const adopted = sampleConclusions('adopted');
const read = readPdf(await renderPdf(adopted));

describe('the conclusions as PDF', () => {
	it('has the meeting, the title, the stamp and the metadata title', async () => {
		expect(read.text).toContain(adopted.meeting.title);
		expect(read.text).toContain(adopted.meeting.placeAndDates);
		expect(read.text).toContain(adopted.stamp.label);
		expect(read.info['Title']).toContain(lead(adopted.title!));
		expect(read.info['Title']).toContain(adopted.meeting.title);
		expect(read.info['Page size']).toContain('A4');
	});

	it('has each preamble clause, each paragraph with its number and each subparagraph with its label', async () => {
		for (const clause of adopted.preamble) {
			expect(read.text).toMatch(new RegExp(wordsPattern(openingWords(lead(clause)))));
		}
		const paragraphs = adopted.body.filter((b) => b.kind === 'paragraph');
		expect(paragraphs.length).toBeGreaterThan(5);
		for (const p of paragraphs) {
			expect(read.text).toMatch(
				new RegExp(`(^|\\s)${wordsPattern(`${p.number}. ${openingWords(lead(p.text))}`)}`)
			);
			for (const s of p.subparagraphs) {
				expect(read.text).toMatch(new RegExp(wordsPattern(`${s.label} ${openingWords(lead(s.text))}`)));
			}
		}
		for (const h of adopted.body.filter((b) => b.kind === 'heading')) {
			// A heading may break at a hyphen of its own ('follow-up'): its opening words are enough.
			expect(read.text).toMatch(new RegExp(wordsPattern(openingWords(inlineText(h.text)))));
		}
	});

	it('keeps the paragraphs in the order of the model', async () => {
		const text = flat(read.text);
		let from = 0;
		for (const p of adopted.body.filter((b) => b.kind === 'paragraph')) {
			const at = text.indexOf(`${p.number}. ${openingWords(lead(p.text))}`, from);
			expect(at, `paragraph ${p.number}`).toBeGreaterThanOrEqual(from);
			from = at;
		}
	});

	it('sets the title footnote at the foot of the first page, below the text and above the footer', async () => {
		const note = flat(inlineText(adopted.footnotes[0]!.text));
		const first = flat(read.pages[0]!);
		const lastClause = flat(lead(adopted.preamble.at(-1)!));
		expect(first).toContain(note);
		expect(first.indexOf(note)).toBeGreaterThan(first.indexOf(lastClause));
		expect(first.indexOf(note)).toBeLessThan(first.indexOf(`${adopted.labels.page} 1`));
		// One note, printed once.
		expect(flat(read.text).split(note)).toHaveLength(2);
	});

	it('numbers every page: its number and the count', async () => {
		const count = Number(read.info['Pages']);
		expect(count).toBeGreaterThan(1);
		expect(read.pages).toHaveLength(count);
		read.pages.forEach((page, i) => {
			expect(page).toMatch(new RegExp(`${adopted.labels.page}\\s+${i + 1}\\s*/\\s*${count}`));
		});
	});

	it('marks a draft with its stamp on every page, and the adopted text nowhere as a draft', async () => {
		const draft = sampleConclusions('draft');
		const pages = readPdf(await renderPdf(draft)).pages;
		expect(pages.length).toBeGreaterThan(1);
		for (const page of pages) expect(page).toContain(draft.stamp.label);
		expect(read.text).not.toContain('Draft');
		expect(read.text).not.toContain(draft.stamp.label);
	});

	it('numbers the lines in the margin when asked, page by page, and not otherwise', async () => {
		const draft = sampleConclusions('draft');
		const numbered = readPdf(await renderPdf(draft, { lineNumbers: true })).pages;
		for (const page of numbered.slice(0, 2)) {
			const found = lineStartNumbers(page);
			for (const n of range(20)) expect(found, `line ${n}`).toContain(n);
		}
		const plain = readPdf(await renderPdf(draft, { lineNumbers: false })).pages;
		for (const page of plain) {
			// A footnote's mark may start a line; a run of numbered lines may not.
			const found = lineStartNumbers(page);
			expect(range(5).every((n) => found.has(n))).toBe(false);
		}
	});

	it('prints the model’s numbers and footnote marks as they are', async () => {
		const doc = sampleConclusions('adopted');
		doc.body = doc.body.map((b) =>
			b.kind === 'paragraph' ? { ...b, number: `${Number(b.number) + 40}` } : b
		);
		doc.title = [
			{ kind: 'text', text: 'Conclusions' },
			{ kind: 'footnote', label: '*' }
		];
		doc.footnotes = [{ label: '*', text: [{ kind: 'text', text: 'Adopted by the meeting.' }] }];
		const text = readPdf(await renderPdf(doc)).text;
		const first = doc.body.find((b) => b.kind === 'paragraph')!;
		expect(first.number).toBe('41');
		expect(text).toMatch(new RegExp(wordsPattern(`41. ${openingWords(lead(first.text))}`)));
		expect(text).not.toMatch(/(^|\s)1\.\s/m);
		expect(text).toMatch(/\*\s+Adopted by the meeting\./);
	});

	it('sets a note once however often it is referred to, and lists notes nothing refers to after the text', async () => {
		const doc = sampleConclusions('adopted');
		const second = doc.body.find((b) => b.kind === 'paragraph')!;
		second.text = [...second.text, { kind: 'footnote', label: '1' }];
		doc.footnotes = [
			...doc.footnotes,
			{ label: '2', text: [{ kind: 'text', text: 'A note that no paragraph refers to.' }] }
		];
		const text = flat(readPdf(await renderPdf(doc)).text);
		const note = flat(inlineText(doc.footnotes[0]!.text));
		expect(text.split(note)).toHaveLength(2);
		const heading = text.lastIndexOf(doc.labels.footnotes);
		expect(heading).toBeGreaterThan(text.indexOf(openingWords(lead(second.text))));
		expect(text.indexOf('2 A note that no paragraph refers to.')).toBeGreaterThan(heading);
	});

	it('prints text with Typst’s special characters literally', async () => {
		const special =
			String.raw`Costs #let x = 1; $5 + $6 *bold* _under_ [box] @ref <label> a\b ` +
			'`raw` ~ -- ... "q" // no comment';
		const doc: ConclusionsOutput = sampleConclusions('draft');
		doc.title = [
			{ kind: 'text', text: `Title #1 [draft]` },
			{ kind: 'footnote', label: '1' }
		];
		doc.preamble = [[{ kind: 'text', text: `Clause ${special}` }]];
		doc.body = [
			{ kind: 'heading', id: 'h', text: [{ kind: 'text', text: `Heading *${special}*` }] },
			{ kind: 'paragraph', id: 'p', number: '1', text: [{ kind: 'text', text: special }], subparagraphs: [] }
		];
		doc.footnotes = [{ label: '1', text: [{ kind: 'text', text: `Note ${special}` }] }];
		doc.meeting = { ...doc.meeting, title: 'Meeting #2 on $ & *stars*' };
		const read = readPdf(await renderPdf(doc));
		const text = flat(read.text);
		expect(text).toContain('Title #1 [draft]');
		expect(text).toContain(`Clause ${special}`);
		expect(text).toContain(`Heading *${special}*`);
		expect(text).toContain(`1. ${special}`);
		expect(text).toContain(`Note ${special}`);
		expect(text).toContain('Meeting #2 on $ & *stars*');
		expect(read.info['Title']).toContain('Title #1 [draft]');
	});
});
