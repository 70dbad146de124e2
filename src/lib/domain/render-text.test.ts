import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toImportJson } from './import-json.ts';
import { subparagraphLabel } from './numbering.ts';
import { renderPlainText } from './render-text.ts';
import { counterIds, doc, FIXTURE_URL, importOk } from './test-support.ts';
import type { BodyItem, DraftText, SubparagraphScheme } from './text.ts';

const fixture = readFileSync(FIXTURE_URL, 'utf8');

const small: DraftText = {
	title: { id: 't', text: 'Conclusions[^n]' },
	preamble: [
		{ id: 'a', text: 'The Meeting,' },
		{ id: 'b', text: 'Adopts the following conclusions:' }
	],
	body: [
		{ kind: 'heading', id: 'h', text: 'General' },
		{
			kind: 'paragraph',
			id: 'p',
			text: 'The Office should:',
			subparagraphs: [
				{ id: 's', text: 'Act.' },
				{ id: 'u', text: 'Report.' }
			]
		},
		{ kind: 'paragraph', id: 'q', text: 'Members agree.', subparagraphs: [] }
	],
	footnotes: [{ id: 'f', label: 'n', text: 'A note.' }],
	scheme: 'alpha'
};

describe('plain text', () => {
	it('RND-1 / RND-2 / RND-3: blocks in order, one blank line apart, computed numbers and labels, footnotes last', () => {
		expect(renderPlainText(small)).toBe(
			'Conclusions[^n]\n\nThe Meeting,\n\nAdopts the following conclusions:\n\nGeneral\n\n' +
				'1. The Office should:\n\n(a) Act.\n\n(b) Report.\n\n2. Members agree.\n\n[^n]: A note.\n'
		);
	});

	it('RND-1: a text without title or preamble starts with its body and ends with one line break', () => {
		const bare: DraftText = { ...small, title: null, preamble: [], footnotes: [] };
		const out = renderPlainText(bare);
		expect(out.startsWith('General\n\n1. The Office should:')).toBe(true);
		expect(out.endsWith('2. Members agree.\n')).toBe(true);
		expect(out.endsWith('\n\n')).toBe(false);
	});

	it("RND-2: numbers follow the order and labels the document's scheme", () => {
		const moved: DraftText = {
			...small,
			body: [small.body[2] as BodyItem, small.body[1] as BodyItem],
			scheme: 'roman'
		};
		expect(renderPlainText(moved)).toContain(
			'1. Members agree.\n\n2. The Office should:\n\n(i) Act.\n\n(ii) Report.'
		);
	});

	it('RND-3: footnotes defined mid-text are written after the body', () => {
		const out = renderPlainText(importOk(doc('T[^1]', '[^1]: Note.', '1. Text.')).text);
		expect(out).toBe('T[^1]\n\n1. Text.\n\n[^1]: Note.\n');
	});
});

describe('round trip', () => {
	it('RND-4: rendering the imported 2013 conclusions gives back the fixture byte for byte', () => {
		expect(renderPlainText(importOk(fixture).text)).toBe(fixture);
	});

	const handMade = {
		alpha: doc(
			'Draft conclusions',
			'The Meeting,',
			'Adopts:',
			'1. The Office should:',
			...letters(30),
			'2. End.'
		),
		arabic: doc('Resolution', '1. Members should:', '(1) One.', '(2) Two.', 'Next part', '2. Three.'),
		footnotes: doc('Title[^a]', 'Part', '1. Text[^b] and[^a].', '[^a]: One.', '[^b]: Two.'),
		noPreamble: doc(
			'Conclusions',
			'Part one',
			'Chapter',
			'1. Text.',
			'2. Text:',
			'(i) x.',
			'(ii) y.',
			'Part two',
			'3. Last.'
		)
	};

	for (const [name, input] of Object.entries(handMade)) {
		it(`RND-4: the ${name} document renders back to its input, with no warning`, () => {
			const { text, warnings } = importOk(input);
			expect(warnings).toEqual([]);
			expect(renderPlainText(text)).toBe(input);
		});
	}

	it('RND-4: a text imported from a messy paste renders canonically and then round-trips', () => {
		const messy = '\ufeffConclusions \r\n1.\tOne.\r\n(a)\u00a0Act.\r\n\r\n\r\n2.  Two.\r\n';
		const once = renderPlainText(importOk(messy).text);
		expect(once).toBe('Conclusions\n\n1. One.\n\n(a) Act.\n\n2. Two.\n');
		expect(renderPlainText(importOk(once).text)).toBe(once);
	});

	it('RND-4: random texts survive render then import unchanged, ids aside (seeded, 200 texts)', () => {
		const random = mulberry32(20131108);
		for (let i = 0; i < 200; i++) {
			const text = randomText(random);
			const rendered = renderPlainText(text);
			const back = importOk(rendered);
			expect(back.warnings, rendered).toEqual([]);
			// Plain text shows the scheme only through labels (IMP-13).
			const labelled = text.body.some((b) => b.kind === 'paragraph' && b.subparagraphs.length > 0);
			expect(back.text.scheme).toBe(labelled ? text.scheme : 'roman');
			expect(toImportJson(back.text)).toEqual(toImportJson(text));
			expect(renderPlainText(back.text)).toBe(rendered);
		}
	});
});

function letters(n: number): string[] {
	return Array.from({ length: n }, (_, i) => `${subparagraphLabel('alpha', i)} Item ${i}.`);
}

/** A small seeded generator (mulberry32), so a failing case can be replayed. */
function mulberry32(seed: number): () => number {
	let a = seed;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const WORDS = [
	'labour',
	'migration',
	'workers',
	'decent',
	'work',
	'social',
	'dialogue',
	'rights',
	'Office',
	'ILO’s'
];

function randomText(random: () => number): DraftText {
	const int = (max: number) => Math.floor(random() * (max + 1));
	const newId = counterIds();
	const words = (n: number) => Array.from({ length: n }, () => WORDS[int(WORDS.length - 1)]).join(' ');
	const sentence = (end: string) => {
		const s = words(1 + int(12));
		return s.charAt(0).toUpperCase() + s.slice(1) + end;
	};

	const recitals = int(3);
	const preamble =
		recitals === 0 ? [] : [...Array.from({ length: recitals }, () => sentence(',')), sentence(':')];
	const scheme = (['roman', 'alpha', 'arabic'] as const)[int(2)] as SubparagraphScheme;
	const body: BodyItem[] = [];
	const paragraphs = 1 + int(6);
	// Paragraph p refers to footnote p, so every footnote is used.
	const labels = Array.from({ length: Math.min(int(2), paragraphs) }, (_, i) => String(i + 1));
	for (let p = 0; p < paragraphs; p++) {
		if (random() < 0.3) body.push({ kind: 'heading', id: newId(), text: sentence('') });
		const subs = random() < 0.5 ? 0 : 1 + int(random() < 0.1 ? 60 : 6);
		const ref = labels[p] ? `[^${labels[p]}]` : '';
		body.push({
			kind: 'paragraph',
			id: newId(),
			text: sentence(subs ? ':' : '.') + ref,
			subparagraphs: Array.from({ length: subs }, () => ({
				id: newId(),
				text: sentence(random() < 0.5 ? ';' : '.')
			}))
		});
	}
	return {
		title: { id: newId(), text: sentence('') },
		preamble: preamble.map((text) => ({ id: newId(), text })),
		body,
		footnotes: labels.map((label) => ({ id: newId(), label, text: sentence('.') })),
		scheme
	};
}

describe('every stored text comes back (RND-6)', () => {
	it('RND-6: blocks are written trimmed, an emptied paragraph or subparagraph as its number or label alone', () => {
		const typed: DraftText = {
			...small,
			scheme: 'roman',
			body: [
				{ kind: 'heading', id: 'h', text: ' General ' },
				{
					kind: 'paragraph',
					id: 'p',
					text: 'The Office should: ',
					subparagraphs: [
						{ id: 's', text: '' },
						{ id: 'u', text: '\u00a0Report.  ' }
					]
				},
				{ kind: 'paragraph', id: 'q', text: '   ', subparagraphs: [] }
			]
		};
		const txt = renderPlainText(typed);
		expect(txt).toContain('\n\nGeneral\n\n1. The Office should:\n\n(i)\n\n(ii) Report.\n\n2.\n\n');
		const back = importOk(txt);
		expect(back.warnings.map((w) => w.code)).toEqual(['empty-block', 'empty-block']);
		expect(toImportJson(back.text).body).toEqual([
			{ type: 'heading', text: 'General' },
			{
				type: 'paragraph',
				number: '1',
				text: 'The Office should:',
				subparagraphs: [
					{ label: '(i)', text: '' },
					{ label: '(ii)', text: 'Report.' }
				]
			},
			{ type: 'paragraph', number: '2', text: '', subparagraphs: [] }
		]);
		expect(renderPlainText(back.text)).toBe(txt);
	});
});
