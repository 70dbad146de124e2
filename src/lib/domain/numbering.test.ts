import { describe, expect, it } from 'vitest';
import {
	chooseReading,
	fromRoman,
	labelMark,
	numberedView,
	paragraphNumbers,
	parseSubparagraphLabel,
	referenceOf,
	subparagraphLabel,
	toAlpha,
	toRoman
} from './numbering.ts';
import type { DraftText, ParagraphItem } from './text.ts';

function paragraph(id: string, subs: string[] = []): ParagraphItem {
	return {
		kind: 'paragraph',
		id,
		text: `text of ${id}`,
		subparagraphs: subs.map((s) => ({ id: s, text: s }))
	};
}

function draft(scheme: DraftText['scheme'] = 'roman'): DraftText {
	return {
		title: { id: 't', text: 'Conclusions' },
		preamble: [{ id: 'pr', text: 'The Meeting,' }],
		body: [
			{ kind: 'heading', id: 'h1', text: 'General' },
			paragraph('p1'),
			paragraph('p2', ['s1', 's2', 's3']),
			{ kind: 'heading', id: 'h2', text: 'Protection' },
			paragraph('p3', ['s4'])
		],
		footnotes: [{ id: 'f1', label: '1', text: 'A note.' }],
		scheme
	};
}

describe('paragraph numbers', () => {
	it('NUM-1: paragraphs are numbered 1, 2, 3 continuously through sections; headings get no number', () => {
		expect([...paragraphNumbers(draft().body)]).toEqual([
			['p1', '1'],
			['p2', '2'],
			['p3', '3']
		]);
	});

	it('NUM-1 / TXT-2: inserting a paragraph renumbers those after it and keeps every id', () => {
		const text = draft();
		text.body.splice(1, 0, paragraph('new'));
		const numbers = paragraphNumbers(text.body);
		expect(numbers.get('new')).toBe('1');
		expect(numbers.get('p1')).toBe('2');
		expect(numbers.get('p3')).toBe('4');
	});
});

describe('roman numerals', () => {
	it('NUM-3: lowercase standard form, checked against known values up to 100 and beyond', () => {
		const known: Record<number, string> = {
			1: 'i',
			4: 'iv',
			9: 'ix',
			14: 'xiv',
			40: 'xl',
			49: 'xlix',
			90: 'xc',
			99: 'xcix',
			100: 'c',
			400: 'cd',
			1994: 'mcmxciv',
			3999: 'mmmcmxcix'
		};
		for (const [n, roman] of Object.entries(known)) expect(toRoman(Number(n))).toBe(roman);
	});

	it('NUM-3: every numeral from 1 to 3999 reads back to its value', () => {
		for (let n = 1; n <= 3999; n++) expect(fromRoman(toRoman(n))).toBe(n);
	});

	it('NUM-3: non-standard spellings and out-of-range values are refused', () => {
		for (const bad of ['iiii', 'ic', 'vv', 'IV', 'xm', '', 'abc']) expect(fromRoman(bad)).toBeNull();
		expect(() => toRoman(0)).toThrow(RangeError);
		expect(() => toRoman(4000)).toThrow(RangeError);
		expect(() => toRoman(1.5)).toThrow(RangeError);
	});
});

describe('subparagraph labels', () => {
	it('NUM-2: each scheme labels from its first label', () => {
		expect([0, 1, 2, 3].map((i) => subparagraphLabel('roman', i))).toEqual(['(i)', '(ii)', '(iii)', '(iv)']);
		expect([0, 1, 2, 3].map((i) => subparagraphLabel('alpha', i))).toEqual(['(a)', '(b)', '(c)', '(d)']);
		expect([0, 1, 2, 3].map((i) => subparagraphLabel('arabic', i))).toEqual(['(1)', '(2)', '(3)', '(4)']);
	});

	it('NUM-4: after (z) letters double: (aa), (bb) … (zz), then (aaa)', () => {
		expect(toAlpha(25)).toBe('z');
		expect(toAlpha(26)).toBe('aa');
		expect(toAlpha(27)).toBe('bb');
		expect(toAlpha(51)).toBe('zz');
		expect(toAlpha(52)).toBe('aaa');
		expect(() => toAlpha(-1)).toThrow(RangeError);
	});

	it('NUM-5: arabic labels count from (1) and (0) is not a label', () => {
		expect(labelMark('arabic', 9)).toBe('10');
		expect(parseSubparagraphLabel('(12)')).toEqual([{ scheme: 'arabic', index: 11 }]);
		expect(parseSubparagraphLabel('(0)')).toEqual([]);
	});

	it('NUM-6: parsing gives every reading; roman-looking letters have two', () => {
		expect(parseSubparagraphLabel('(iv)')).toEqual([{ scheme: 'roman', index: 3 }]);
		expect(parseSubparagraphLabel('(i)')).toEqual([
			{ scheme: 'roman', index: 0 },
			{ scheme: 'alpha', index: 8 }
		]);
		expect(parseSubparagraphLabel('(c)')).toEqual([
			{ scheme: 'roman', index: 99 },
			{ scheme: 'alpha', index: 2 }
		]);
		expect(parseSubparagraphLabel('(ii)')).toEqual([
			{ scheme: 'roman', index: 1 },
			{ scheme: 'alpha', index: 34 }
		]);
		expect(parseSubparagraphLabel('(b)')).toEqual([{ scheme: 'alpha', index: 1 }]);
		expect(parseSubparagraphLabel('bb')).toEqual([{ scheme: 'alpha', index: 27 }]);
	});

	it('NUM-6: text that is no reading is not a label', () => {
		for (const bad of ['(see)', '(ILO)', '(ab)', '()', '(iiv)', '(I)'])
			expect(parseSubparagraphLabel(bad)).toEqual([]);
	});

	it('NUM-6: every label written in any scheme parses back to its position', () => {
		for (const scheme of ['roman', 'alpha', 'arabic'] as const) {
			for (let i = 0; i < 120; i++) {
				expect(parseSubparagraphLabel(subparagraphLabel(scheme, i))).toContainEqual({ scheme, index: i });
			}
		}
	});
});

describe('choosing a reading by context', () => {
	const read = (label: string, previous: string | null, documentScheme: DraftText['scheme'] | null) => {
		const prev =
			previous === null
				? null
				: chooseReading(parseSubparagraphLabel(previous), { previous: null, documentScheme });
		return chooseReading(parseSubparagraphLabel(label), { previous: prev, documentScheme });
	};

	it('NUM-7: (i) after (h) is the ninth letter, whatever the document uses elsewhere', () => {
		expect(read('(i)', '(h)', 'alpha')).toEqual({ scheme: 'alpha', index: 8 });
		expect(read('(i)', '(h)', 'roman')).toEqual({ scheme: 'alpha', index: 8 });
		expect(read('(ii)', '(i)', 'alpha')).toEqual({ scheme: 'roman', index: 1 });
	});

	it('NUM-7: (i) starting a list is roman one, even in a document that uses letters', () => {
		expect(read('(i)', null, null)).toEqual({ scheme: 'roman', index: 0 });
		expect(read('(i)', null, 'alpha')).toEqual({ scheme: 'roman', index: 0 });
	});

	it('NUM-7: (v) after (iv) is roman, (v) after (u) is a letter, (x) after (w) too', () => {
		expect(read('(v)', '(iv)', 'roman')).toEqual({ scheme: 'roman', index: 4 });
		expect(read('(v)', '(u)', 'alpha')).toEqual({ scheme: 'alpha', index: 21 });
		expect(read('(x)', '(w)', 'alpha')).toEqual({ scheme: 'alpha', index: 23 });
	});

	it("NUM-7: without a previous label of its scheme, the document's scheme decides, then the lowest position", () => {
		expect(read('(c)', null, 'alpha')).toEqual({ scheme: 'alpha', index: 2 });
		expect(read('(c)', null, 'roman')).toEqual({ scheme: 'roman', index: 99 });
		expect(read('(c)', null, null)).toEqual({ scheme: 'alpha', index: 2 });
		expect(read('(c)', '(2)', 'arabic')).toEqual({ scheme: 'alpha', index: 2 });
		expect(chooseReading([], { previous: null, documentScheme: null })).toBeNull();
	});
});

describe('references and the numbered view', () => {
	it('NUM-8: a paragraph is cited by number, a subparagraph by number and label', () => {
		const text = draft();
		expect(referenceOf(text, 'p2')).toBe('2');
		expect(referenceOf(text, 's3')).toBe('2(iii)');
		expect(referenceOf(text, 's4')).toBe('3(i)');
		expect(referenceOf({ ...text, scheme: 'alpha' }, 's2')).toBe('2(b)');
	});

	it('NUM-8: the title, preamble, headings, footnotes and unknown ids have no reference', () => {
		const text = draft();
		for (const id of ['t', 'pr', 'h1', 'f1', 'nope']) expect(referenceOf(text, id)).toBeNull();
	});

	it('NUM-9: the numbered view attaches numbers, labels and references and leaves the rest as is', () => {
		const view = numberedView(draft('arabic'));
		const [h1, p1, p2] = view.body;
		expect(h1).toEqual({ kind: 'heading', id: 'h1', text: 'General' });
		expect(p1).toMatchObject({ id: 'p1', number: '1', subparagraphs: [] });
		expect(p2).toMatchObject({
			id: 'p2',
			number: '2',
			text: 'text of p2',
			subparagraphs: [
				{ id: 's1', label: '(1)', reference: '2(1)', text: 's1' },
				{ id: 's2', label: '(2)', reference: '2(2)' },
				{ id: 's3', label: '(3)', reference: '2(3)' }
			]
		});
		expect(view.title).toEqual({ id: 't', text: 'Conclusions' });
		expect(view.footnotes).toHaveLength(1);
	});
});
