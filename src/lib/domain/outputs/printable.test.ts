import { describe, expect, it } from 'vitest';
import { mapStrings, printable, printableAll } from './printable.ts';

describe('printable (OUT-7)', () => {
	it('OUT-7: makes tabs and line breaks spaces, other controls and non-characters U+FFFD, one for one', () => {
		const stored = 'a\tb\nc\r\nd\ve\ff\u0085g\u2028h\u2029i';
		expect(printable(stored)).toBe('a b c  d e f g h i');
		const junk = '\u0000\u0001\u001b\u001f\u007f\u0080\u009f\ufffe\uffff';
		expect(printable(`x${junk}y`)).toBe(`x${'\uFFFD'.repeat(junk.length)}y`);
		for (const s of [stored, junk]) expect(printable(s)).toHaveLength(s.length);
	});

	it('OUT-7: replaces a lone surrogate, high or low, and keeps a pair', () => {
		expect(printable('a\ud800b\udc00c')).toBe('a\uFFFDb\uFFFDc');
		expect(printable('\udc00\ud800')).toBe('\uFFFD\uFFFD');
		expect(printable('😀 \ud83d')).toBe('😀 \uFFFD');
		expect(printable('👩‍👩‍👧')).toBe('👩‍👩‍👧');
	});

	it('OUT-7: leaves every other character as it is: markup, entities, marks, joiners, emoji', () => {
		const text = `R&D; &#0; &nbsp; <b> ]]> "q" 'a' \u00a0\u200b\u200c\u200d\u200f\u202e\u2066\ufeff\ufffd e\u0301 中文 العربية`;
		expect(printable(text)).toBe(text);
		expect(printable(printable('a\u0001\n'))).toBe(printable('a\u0001\n'));
	});

	it('maps every string of a model, keys and other values aside', () => {
		const model = { a: 'x\ny', list: [{ b: '\u0001' }, 3, null, true], keys: { 'k\n': 'v' } };
		expect(printableAll(model)).toEqual({
			a: 'x y',
			list: [{ b: '\uFFFD' }, 3, null, true],
			keys: { 'k\n': 'v' }
		});
		expect(mapStrings(['a', { b: 'c' }], (s) => s.toUpperCase())).toEqual(['A', { b: 'C' }]);
	});
});
