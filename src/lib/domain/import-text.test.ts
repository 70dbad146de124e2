import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toImportJson } from './import-json.ts';
import { parsePlainText } from './import-text.ts';
import { codes, counterIds, doc, FIXTURE_URL, importOk, paragraphsOf } from './test-support.ts';
import { allBlocks } from './text.ts';

const fixture = readFileSync(FIXTURE_URL, 'utf8');

// Line numbers in doc(): the n-th block (0-based) is on line 2n + 1.
const BASE = [
	'Conclusions',
	'The Meeting,',
	'Adopts the following conclusions:',
	'General considerations',
	'1. The Office should:',
	'(i) Do this.',
	'(ii) Do that.',
	'2. Members agree.'
];

function refused(input: string): string {
	const result = parsePlainText(input);
	if (result.ok) throw new Error('import accepted input it should refuse');
	return result.error;
}

describe('the 2013 conclusions fixture', () => {
	it('IMP-9 / IMP-15: title, 7 preamble clauses, 5 headings, 9 paragraphs, 32 subparagraphs, 1 footnote, no warning', () => {
		const { text, warnings } = importOk(fixture);
		expect(warnings).toEqual([]);
		expect(text.title?.text).toBe('Conclusions[^1]');
		expect(text.preamble).toHaveLength(7);
		expect(text.preamble[6]?.text).toBe(
			'Adopts, this eighth day of November 2013, the following conclusions:'
		);
		expect(text.body.filter((b) => b.kind === 'heading')).toHaveLength(5);
		expect(paragraphsOf(text)).toHaveLength(9);
		expect(paragraphsOf(text).reduce((n, p) => n + p.subparagraphs.length, 0)).toBe(32);
		expect(text.footnotes).toEqual([
			{
				id: expect.any(String),
				label: '1',
				text: expect.stringMatching(/^These conclusions will be submitted/)
			}
		]);
		expect(text.scheme).toBe('roman');
	});
});

describe('refused input', () => {
	it('IMP-1: empty or blank input is refused as empty', () => {
		for (const input of ['', '   ', '\n\n\t \r\n', '\ufeff', '\u00a0\n'])
			expect(refused(input)).toMatch(/empty/);
	});

	it('IMP-2: input with a NUL character is refused as binary', () => {
		expect(refused(doc(...BASE) + '\u0000')).toMatch(/not plain text.*plain text \(\.txt\)/);
	});

	it('IMP-2: input thick with control or replacement characters is refused as binary', () => {
		const junk = 'PK\u0003\u0004\u0014\u0006\ufffd\ufffd';
		expect(refused(doc(...BASE) + junk.repeat(10))).toMatch(/not plain text/);
	});

	it('IMP-2: a few manual line breaks (\\v) do not make a text binary', () => {
		expect(parsePlainText(doc(...BASE).replace('Do this.', 'Do\u000bthis.')).ok).toBe(true);
	});

	it('IMP-3: input without any numbered paragraph is refused, saying what is missing', () => {
		expect(refused(doc('Conclusions', 'General considerations', 'The Office should act.'))).toMatch(
			/No numbered paragraph was found/
		);
		expect(refused(doc('Conclusions', '(i) Do this.'))).toMatch(/No numbered paragraph/);
	});
});

describe('lines', () => {
	it('IMP-4: CRLF, CR and LF line ends give the same text and the same line numbers', () => {
		const lf = doc(...BASE, '4. Gap.');
		const expected = importOk(lf);
		for (const input of [lf.replaceAll('\n', '\r\n'), lf.replaceAll('\n', '\r')]) {
			const result = importOk(input);
			expect(toImportJson(result.text)).toEqual(toImportJson(expected.text));
			expect(codes(result.warnings)).toEqual([[17, 'paragraph-number']]);
		}
	});

	it('IMP-4: a byte-order mark, trailing spaces, indentation and missing blank lines change nothing', () => {
		const expected = toImportJson(importOk(doc(...BASE)).text);
		const messy = '\ufeff' + BASE.map((l, i) => (i % 2 ? `\t${l}  ` : `${l}\u00a0 `)).join('\n') + '\n\n\n';
		const result = importOk(messy);
		expect(result.warnings).toEqual([]);
		expect(toImportJson(result.text)).toEqual(expected);
	});

	it('IMP-5: control characters inside a line become spaces, with a warning on that line', () => {
		const { text, warnings } = importOk(doc(...BASE).replace('Do this.', 'Do\u000bthis\fnow.'));
		expect(paragraphsOf(text)[0]?.subparagraphs[0]?.text).toBe('Do this now.');
		expect(codes(warnings)).toEqual([[11, 'control-character']]);
		expect(warnings[0]?.message).toMatch(/Line 11 contained invisible control characters/);
	});

	it('IMP-6: a tab or non-breaking space after the number is just the separator', () => {
		const { text, warnings } = importOk(
			doc('Conclusions', '1.\tThe first.', '2.\u00a0The second.', '3.  The third.')
		);
		expect(warnings).toEqual([]);
		expect(paragraphsOf(text).map((p) => p.text)).toEqual(['The first.', 'The second.', 'The third.']);
	});

	it('IMP-6: a line starting with a decimal number is not a paragraph', () => {
		const { text } = importOk(doc('Conclusions', '1. The first.', '1.5 million workers moved.'));
		expect(paragraphsOf(text)).toHaveLength(1);
		expect(text.body[1]).toMatchObject({ kind: 'heading', text: '1.5 million workers moved.' });
	});
});

describe('paragraph numbers', () => {
	it('IMP-7: a gap in paragraph numbers is warned about once and renumbered', () => {
		const { text, warnings } = importOk(doc('Conclusions', '1. One.', '2. Two.', '4. Four.', '5. Five.'));
		expect(codes(warnings)).toEqual([[7, 'paragraph-number']]);
		expect(warnings[0]?.message).toBe(
			'Paragraph 4 comes after paragraph 2: number 3 is missing. It is paragraph 3 in the imported text, ' +
				'since numbers follow the order of the paragraphs.'
		);
		expect(toImportJson(text).body.map((b) => (b.type === 'paragraph' ? [b.number, b.text] : []))).toEqual([
			['1', 'One.'],
			['2', 'Two.'],
			['3', 'Four.'],
			['4', 'Five.']
		]);
	});

	it('IMP-7: a repeated number is warned about, naming the other line', () => {
		const { warnings } = importOk(doc('Conclusions', '1. One.', '2. Two.', '2. Two again.', '3. Three.'));
		expect(codes(warnings)).toEqual([[7, 'paragraph-number']]);
		expect(warnings[0]?.message).toMatch(
			/^Paragraph number 2 is used twice \(also at line 5\)\. It is paragraph 3/
		);
	});

	it('IMP-7: a first paragraph not numbered 1, a wider gap and a step back are warned about', () => {
		const { warnings } = importOk(doc('Conclusions', '3. One.', '4. Two.', '8. Three.', '5. Four.'));
		expect(warnings.map((w) => w.message.split('. It is')[0])).toEqual([
			'The first paragraph is numbered 3, not 1',
			'Paragraph 8 comes after paragraph 4: numbers 5 to 7 are missing',
			'Paragraph 5 comes after paragraph 8, where 9 was expected'
		]);
	});
});

describe('title and preamble', () => {
	it('IMP-8: a text that starts with paragraph 1 has no title, with a warning', () => {
		const { text, warnings } = importOk(doc('1. The Office should act.', '2. Members agree.'));
		expect(text.title).toBeNull();
		expect(text.preamble).toEqual([]);
		expect(codes(warnings)).toEqual([[1, 'missing-title']]);
		expect(warnings[0]?.message).toMatch(
			/^The first line is a numbered paragraph, so the text was imported without a title/
		);
	});

	it('IMP-8: the title keeps its footnote reference', () => {
		const { text, warnings } = importOk(doc('Conclusions[^1]', '1. Text.', '[^1]: A note.'));
		expect(text.title?.text).toBe('Conclusions[^1]');
		expect(warnings).toEqual([]);
	});

	it('IMP-9: the preamble ends with the clause ending in ":"; the lines after it up to paragraph 1 are headings', () => {
		const { text, warnings } = importOk(
			doc(
				'Conclusions',
				'The Meeting,',
				'Having met in Geneva,',
				'Adopts the following conclusions:',
				'Part I',
				'General',
				'1. Text.'
			)
		);
		expect(warnings).toEqual([]);
		expect(text.preamble.map((c) => c.text)).toEqual([
			'The Meeting,',
			'Having met in Geneva,',
			'Adopts the following conclusions:'
		]);
		expect(text.body.slice(0, 2)).toMatchObject([
			{ kind: 'heading', text: 'Part I' },
			{ kind: 'heading', text: 'General' }
		]);
	});

	it('IMP-9: a colon inside paragraph 1 does not make paragraph 1 part of the preamble', () => {
		const { text } = importOk(doc('Conclusions', 'General', '1. The Office should:', '(i) Act.'));
		expect(text.preamble).toEqual([]);
		expect(text.body[0]).toMatchObject({ kind: 'heading', text: 'General' });
	});

	it('IMP-10: without an enacting formula, the preamble is the run of punctuated lines, with a warning', () => {
		const { text, warnings } = importOk(
			doc('Conclusions', 'The Meeting,', 'Having met in Geneva,', 'General', '1. Text.')
		);
		expect(text.preamble.map((c) => c.text)).toEqual(['The Meeting,', 'Having met in Geneva,']);
		expect(text.body[0]).toMatchObject({ kind: 'heading', text: 'General' });
		expect(codes(warnings)).toEqual([[5, 'no-enacting-formula']]);
		expect(warnings[0]?.message).toMatch(/taken to end at line 5/);
	});

	it('IMP-10: a text with no preamble at all gets no warning about it', () => {
		const { text, warnings } = importOk(doc('Conclusions', 'General', '1. Text.'));
		expect(text.preamble).toEqual([]);
		expect(warnings).toEqual([]);
	});
});

describe('subparagraphs', () => {
	it('IMP-11: a subparagraph belongs to the paragraph above it', () => {
		const { text } = importOk(doc(...BASE, '3. The Office should also:', '(i) Report.'));
		expect(paragraphsOf(text).map((p) => p.subparagraphs.map((s) => s.text))).toEqual([
			['Do this.', 'Do that.'],
			[],
			['Report.']
		]);
	});

	it('IMP-11: brackets that are no label do not make a subparagraph', () => {
		const { text } = importOk(doc('Conclusions', '1. Text.', '(see below) More text'));
		expect(paragraphsOf(text)[0]?.subparagraphs).toEqual([]);
		expect(text.body[1]).toMatchObject({ kind: 'heading', text: '(see below) More text' });
	});

	it('IMP-12: a subparagraph before paragraph 1 is kept in the preamble with its label, and warned about', () => {
		const { text, warnings } = importOk(
			doc('Conclusions', 'The Meeting,', '(i) having met,', 'Adopts:', '1. Text.')
		);
		expect(text.preamble.map((c) => c.text)).toEqual(['The Meeting,', '(i) having met,', 'Adopts:']);
		expect(codes(warnings)).toEqual([[5, 'subparagraph-outside-paragraph']]);
		expect(warnings[0]?.message).toMatch(/kept as a preamble clause, label included/);
	});

	it('IMP-12: a subparagraph after a heading is kept as a heading, not moved into the paragraph before', () => {
		const { text, warnings } = importOk(
			doc('Conclusions', '1. The Office should:', 'Protection', '(a) Act.')
		);
		expect(paragraphsOf(text)[0]?.subparagraphs).toEqual([]);
		expect(text.body.map((b) => b.text)).toEqual(['The Office should:', 'Protection', '(a) Act.']);
		expect(codes(warnings)).toEqual([[7, 'subparagraph-outside-paragraph']]);
	});

	it('IMP-13: a document labelled (a), (b) gets the alpha scheme and no warning', () => {
		const { text, warnings } = importOk(
			doc('Conclusions', '1. The Office should:', '(a) Act.', '(b) Report.')
		);
		expect(warnings).toEqual([]);
		expect(text.scheme).toBe('alpha');
		expect(toImportJson(text).body[0]).toMatchObject({ subparagraphs: [{ label: '(a)' }, { label: '(b)' }] });
	});

	it('IMP-13: a document labelled (1), (2) gets the arabic scheme and no warning', () => {
		const { text, warnings } = importOk(
			doc('Conclusions', '1. The Office should:', '(1) Act.', '(2) Report.')
		);
		expect(warnings).toEqual([]);
		expect(text.scheme).toBe('arabic');
	});

	it('IMP-13: a document without subparagraphs is roman', () => {
		expect(importOk(doc('Conclusions', '1. Text.')).text.scheme).toBe('roman');
	});

	it("IMP-13: subparagraphs in another scheme than the document's are warned about and relabelled", () => {
		const { text, warnings } = importOk(doc(...BASE, '3. Members should:', '(a) Act.', '(b) Report.'));
		expect(text.scheme).toBe('roman');
		expect(codes(warnings)).toEqual([
			[19, 'subparagraph-scheme'],
			[21, 'subparagraph-scheme']
		]);
		expect(warnings[0]?.message).toBe(
			'Subparagraph (a) of paragraph 3 is labelled with letters ((a), (b), …), but this document uses ' +
				'roman numerals ((i), (ii), …), like its first subparagraph at line 11. It is (i) in the imported ' +
				'text, since labels follow the order of the subparagraphs.'
		);
		expect(toImportJson(text).body[3]).toMatchObject({
			subparagraphs: [{ label: '(i)' }, { label: '(ii)' }]
		});
	});

	it('IMP-14: a skipped label is warned about once and the labels follow the order', () => {
		const { text, warnings } = importOk(
			doc('Conclusions', '1. The Office should:', '(i) One.', '(iii) Two.', '(iv) Three.')
		);
		expect(codes(warnings)).toEqual([[7, 'subparagraph-sequence']]);
		expect(warnings[0]?.message).toMatch(
			/^Subparagraph \(iii\) of paragraph 1 comes after \(i\), where \(ii\) was expected\. It is \(ii\)/
		);
		expect(toImportJson(text).body[0]).toMatchObject({
			subparagraphs: [{ label: '(i)' }, { label: '(ii)' }, { label: '(iii)', text: 'Three.' }]
		});
	});

	it('IMP-14: a list that does not start at its first label is warned about', () => {
		const { warnings } = importOk(doc('Conclusions', '1. The Office should:', '(ii) One.', '(iii) Two.'));
		expect(codes(warnings)).toEqual([[5, 'subparagraph-sequence']]);
		expect(warnings[0]?.message).toMatch(/is the first of its paragraph, where \(i\) was expected/);
	});

	it('IMP-14: (i) after (h) in a lettered list is in sequence', () => {
		const letters = 'abcdefghijklm'.split('').map((c) => `(${c}) Item ${c}.`);
		const { text, warnings } = importOk(doc('Conclusions', '1. The Office should:', ...letters));
		expect(warnings).toEqual([]);
		expect(text.scheme).toBe('alpha');
		expect(paragraphsOf(text)[0]?.subparagraphs[8]?.text).toBe('Item i.');
	});

	it('IMP-14: (v), (x) and their neighbours are in sequence in a roman list', () => {
		const roman = ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x', 'xi'].map(
			(r) => `(${r}) Item.`
		);
		const { text, warnings } = importOk(doc('Conclusions', '1. The Office should:', ...roman));
		expect(warnings).toEqual([]);
		expect(paragraphsOf(text)[0]?.subparagraphs).toHaveLength(11);
	});

	it('IMP-14: each paragraph starts its own list', () => {
		const { warnings } = importOk(
			doc('Conclusions', '1. The Office should:', '(a) Act.', '(b) Act.', '2. Members should:', '(a) Act.')
		);
		expect(warnings).toEqual([]);
	});
});

describe('headings', () => {
	it('IMP-15: headings ending with . ; , or : are doubtful', () => {
		const lines = ['Ends with a stop.', 'Ends with a semicolon;', 'Ends with a comma,', 'Ends with a colon:'];
		const { text, warnings } = importOk(doc('Conclusions', '1. Text.', ...lines));
		expect(codes(warnings)).toEqual([
			[5, 'doubtful-heading'],
			[7, 'doubtful-heading'],
			[9, 'doubtful-heading'],
			[11, 'doubtful-heading']
		]);
		expect(warnings[1]?.message).toMatch(
			/^Line 7 was taken as a heading, but it ends with ';', which headings rarely do/
		);
		expect(text.body.slice(1).map((b) => b.kind)).toEqual(['heading', 'heading', 'heading', 'heading']);
	});

	it('IMP-15: a heading starting with a lowercase letter is doubtful', () => {
		const { warnings } = importOk(doc('Conclusions', '1. Text.', 'social dialogue'));
		expect(codes(warnings)).toEqual([[5, 'doubtful-heading']]);
		expect(warnings[0]?.message).toMatch(/starts with a lowercase letter/);
	});

	it('IMP-15: a heading over 200 characters is doubtful; the fixture’s 154-character heading is not', () => {
		const long = (n: number) => 'Labour migration ' + 'x'.repeat(n - 17);
		const { warnings } = importOk(doc('Conclusions', '1. Text.', long(200), long(201)));
		expect(codes(warnings)).toEqual([[7, 'doubtful-heading']]);
		expect(warnings[0]?.message).toMatch(/is 201 characters long/);
		const fixtureHeading = fixture.split('\n').find((l) => l.startsWith('Labour migration and development'));
		expect([...(fixtureHeading ?? '')].length).toBeGreaterThan(150);
		expect(importOk(doc('Conclusions', '1. Text.', fixtureHeading ?? '')).warnings).toEqual([]);
	});

	it('IMP-15: one warning names every doubt', () => {
		const { warnings } = importOk(doc('Conclusions', '1. Text.', 'Text.', 'and so on.'));
		expect(warnings.map((w) => w.code)).toEqual(['doubtful-heading', 'doubtful-heading']);
		expect(warnings[1]?.message).toMatch(/ends with '\.' and starts with a lowercase letter/);
	});
});

describe('footnotes', () => {
	it('IMP-16: footnote definitions are footnotes wherever they stand, in order', () => {
		const { text, warnings } = importOk(
			doc('Conclusions[^a]', '[^b]: Second note.', '1. Text[^b].', '[^a]: First note.')
		);
		expect(warnings).toEqual([]);
		expect(text.footnotes.map((f) => [f.label, f.text])).toEqual([
			['b', 'Second note.'],
			['a', 'First note.']
		]);
		expect(text.body).toHaveLength(1);
	});

	it('IMP-16: a footnote without text is warned about', () => {
		const { text, warnings } = importOk(doc('Conclusions[^1]', '1. Text.', '[^1]:'));
		expect(text.footnotes).toMatchObject([{ label: '1', text: '' }]);
		expect(codes(warnings)).toEqual([[5, 'footnote-empty']]);
	});

	it('IMP-17: a reference without a footnote is warned about once, at its first use', () => {
		const { warnings } = importOk(doc('Conclusions', '1. Text[^2].', '2. More[^2].'));
		expect(codes(warnings)).toEqual([[3, 'footnote-undefined']]);
		expect(warnings[0]?.message).toMatch(/\[\^2\] has no footnote: add a line starting "\[\^2\]:"/);
	});

	it('IMP-18: a footnote never referred to is warned about', () => {
		const { warnings } = importOk(doc('Conclusions', '1. Text.', '[^1]: A lonely note.'));
		expect(codes(warnings)).toEqual([[5, 'footnote-unused']]);
	});

	it('IMP-18: a reference from another footnote counts as a use', () => {
		const { warnings } = importOk(doc('Conclusions[^1]', '1. Text.', '[^1]: See also[^2].', '[^2]: More.'));
		expect(warnings).toEqual([]);
	});

	it('IMP-19: a label defined twice is warned about and both footnotes are kept', () => {
		const { text, warnings } = importOk(doc('Conclusions[^1]', '1. Text.', '[^1]: One.', '[^1]: Two.'));
		expect(text.footnotes.map((f) => f.text)).toEqual(['One.', 'Two.']);
		expect(codes(warnings)).toEqual([[7, 'footnote-duplicate']]);
		expect(warnings[0]?.message).toMatch(/defined twice \(first at line 5\)/);
	});
});

describe('hard-wrapped lines', () => {
	it('IMP-20: a lowercase line after an unpunctuated line is warned about, kept apart, and not also a doubtful heading', () => {
		const { text, warnings } = importOk(
			doc('Conclusions', '1. The Office should take into', 'account the needs of workers.')
		);
		expect(codes(warnings)).toEqual([[5, 'hard-wrap']]);
		expect(warnings[0]?.message).toMatch(
			/^Line 5 starts with a lowercase letter and the line before it ends without punctuation/
		);
		expect(text.body.map((b) => b.text)).toEqual([
			'The Office should take into',
			'account the needs of workers.'
		]);
	});

	it('IMP-20: footnote references and closing brackets do not hide a missing punctuation mark', () => {
		for (const before of ['1. The Convention (No. 181)', '1. The Convention[^1]']) {
			const { warnings } = importOk(doc('Conclusions', before, 'and more.', '[^1]: Note.'));
			expect(warnings.map((w) => w.code)).toContain('hard-wrap');
		}
	});

	it('IMP-20: a lowercase line after a punctuated line is no hard wrap', () => {
		const { warnings } = importOk(doc('Conclusions', '1. The Office said “so.”', 'and so on'));
		expect(codes(warnings)).toEqual([[5, 'doubtful-heading']]);
	});
});

describe('nothing dropped, ids, warning order', () => {
	const messy = [
		'1. No title here',
		'(iii) Skipped label',
		'and a wrap.',
		'Odd heading;',
		'(b) Outside.',
		'3. Gap[^x].',
		'(a) Wrong scheme.',
		'[^y]: Unused.',
		'[^y]: Twice.',
		'4.\tTabbed.'
	].join('\r\n');

	it('IMP-21: every non-empty line becomes exactly one block, its words kept', () => {
		const { text } = importOk(messy);
		const blocks = allBlocks(text);
		expect(blocks).toHaveLength(10);
		const words = blocks.map((b) => b.text).join(' ');
		for (const word of ['wrap', 'Skipped', 'Odd', 'Outside', 'Gap', 'Wrong', 'Unused', 'Twice', 'Tabbed']) {
			expect(words).toContain(word);
		}
	});

	it('IMP-21 / IMP-23: the messy text reports each problem on its line, in line order', () => {
		const { warnings } = importOk(messy);
		expect(codes(warnings)).toEqual([
			[1, 'missing-title'],
			[2, 'subparagraph-sequence'],
			[3, 'hard-wrap'],
			[4, 'doubtful-heading'],
			[5, 'subparagraph-outside-paragraph'],
			[6, 'paragraph-number'],
			[6, 'footnote-undefined'],
			[7, 'subparagraph-scheme'],
			[8, 'footnote-unused'],
			[9, 'footnote-duplicate']
		]);
		for (const w of warnings) expect(w.message.length).toBeGreaterThan(20);
	});

	it('IMP-22: ids come from newId, one per block, in input order', () => {
		const result = parsePlainText(
			doc('Title[^1]', 'The Meeting,', 'Adopts:', 'Part', '1. A:', '(i) B.', '[^1]: N.'),
			{
				newId: counterIds()
			}
		);
		if (!result.ok) throw new Error(result.error);
		const { text } = result;
		expect(text.title?.id).toBe('id1');
		expect(text.preamble.map((c) => c.id)).toEqual(['id2', 'id3']);
		expect(text.body.map((b) => b.id)).toEqual(['id4', 'id5']);
		expect(paragraphsOf(text)[0]?.subparagraphs[0]?.id).toBe('id6');
		expect(text.footnotes[0]?.id).toBe('id7');
	});

	it('IMP-22: by default ids are fresh UUIDs, different at every import', () => {
		const first = parsePlainText(fixture);
		const second = parsePlainText(fixture);
		if (!first.ok || !second.ok) throw new Error('fixture refused');
		const ids = allBlocks(first.text).map((b) => b.id);
		expect(ids.every((id) => /^[0-9a-f-]{36}$/.test(id))).toBe(true);
		expect(new Set([...ids, ...allBlocks(second.text).map((b) => b.id)]).size).toBe(ids.length * 2);
	});
});

describe('what a unit may hold, and how much (TXT-7, TXT-8)', () => {
	it('IMP-5, TXT-7: C1 controls, U+2028 and U+2029 become spaces with a warning; a tab inside a line, a space', () => {
		const { text, warnings } = importOk(
			doc(...BASE)
				.replace('Do this.', 'Do\u0085this\u2028now\u2029or\u009blater.')
				.replace('Do that.', 'Do\tthat.')
		);
		expect(paragraphsOf(text)[0]?.subparagraphs.map((s) => s.text)).toEqual([
			'Do this now or later.',
			'Do that.'
		]);
		expect(codes(warnings)).toEqual([[11, 'control-character']]);
	});

	it('IMP-24, RND-6: a paragraph number or subparagraph label alone is that block, empty, with a warning', () => {
		const { text, warnings } = importOk(
			doc(...BASE)
				.replace('(i) Do this.', '(i)')
				.replace('2. Members agree.', '2.')
		);
		expect(paragraphsOf(text).map((p) => p.text)).toEqual(['The Office should:', '']);
		expect(paragraphsOf(text)[0]?.subparagraphs.map((s) => s.text)).toEqual(['', 'Do that.']);
		expect(codes(warnings)).toEqual([
			[11, 'empty-block'],
			[15, 'empty-block']
		]);
		expect(warnings[0]?.message).toBe(
			'Subparagraph (i) of paragraph 1 (line 11) has no text. Type it in, or remove the line.'
		);
	});

	it('IMP-25, TXT-8: a line longer than a unit may be is refused, saying which line and the limit', () => {
		const long = `1. ${'word '.repeat(4001)}`;
		expect(refused(doc('Conclusions', long))).toBe(
			'Line 3 holds 20,004 characters, more than one paragraph may hold (20,000). Check that the paragraphs ' +
				'are on lines of their own: a text copied without its line breaks arrives as one long line.'
		);
		expect(importOk(doc('Conclusions', `1. ${'x'.repeat(20_000)}`)).text.body).toHaveLength(1);
	});

	it('IMP-25, TXT-8: a text longer than a document may be is refused', () => {
		const lines = Array.from({ length: 101 }, (_, i) => `${i + 1}. ${'y'.repeat(19_990)}`);
		expect(refused(doc('Conclusions', ...lines))).toMatch(
			/^The text holds 2,019,001 characters, more than a meeting's text may hold \(2,000,000\)\./
		);
	});
});
