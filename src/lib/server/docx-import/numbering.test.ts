import { describe, expect, it } from 'vitest';
import { ListCounters, formatNumber, type ListLevel, type ListNum } from './numbering.ts';

function level(format: string, text: string, more: Partial<ListLevel> = {}): ListLevel {
	return { start: 1, format, text, restart: null, legal: false, ...more };
}

const PARAGRAPHS: ListLevel[] = [level('decimal', '%1.'), level('lowerRoman', '(%2)')];

function nums(...entries: Array<[string, Partial<ListNum> & { levels: Array<ListLevel | undefined> }]>) {
	return new Map(entries.map(([id, n]) => [id, { abstractId: 'a', startOverrides: [], ...n }]));
}

/** The numbers Word shows for a run of (numId, level) paragraphs. */
function shown(counters: ListCounters, ...paragraphs: Array<[string, number]>): string[] {
	return paragraphs.map(([numId, ilvl]) => {
		const n = counters.next(numId, ilvl);
		return n.kind === 'missing' ? '?' : n.text;
	});
}

describe('Word list counters', () => {
	it('counts paragraphs and restarts subparagraphs under each new paragraph', () => {
		const counters = new ListCounters(nums(['1', { levels: PARAGRAPHS }]));
		expect(shown(counters, ['1', 0], ['1', 1], ['1', 1], ['1', 0], ['1', 0], ['1', 1])).toEqual([
			'1.',
			'(i)',
			'(ii)',
			'2.',
			'3.',
			'(i)'
		]);
	});

	it('continues through instances of the same definition, as paragraphs run on through the sections', () => {
		// Word splits a list in two around a heading or table; both halves keep counting together.
		const counters = new ListCounters(nums(['1', { levels: PARAGRAPHS }], ['2', { levels: PARAGRAPHS }]));
		expect(shown(counters, ['1', 0], ['1', 0], ['2', 0], ['2', 1], ['1', 0])).toEqual([
			'1.',
			'2.',
			'3.',
			'(i)',
			'4.'
		]);
	});

	it('restarts where an instance with a start override is first used, at the overridden value', () => {
		const restarted = PARAGRAPHS.map((l, i) => (i === 0 ? { ...l, start: 5 } : l));
		const counters = new ListCounters(
			nums(['1', { levels: PARAGRAPHS }], ['2', { levels: restarted, startOverrides: [0] }])
		);
		expect(shown(counters, ['1', 0], ['1', 0], ['2', 0], ['2', 0], ['1', 0])).toEqual([
			'1.',
			'2.',
			'5.',
			'6.',
			'7.'
		]);
	});

	it('keeps separate definitions apart', () => {
		const counters = new ListCounters(
			nums(['1', { levels: PARAGRAPHS }], ['2', { abstractId: 'b', levels: PARAGRAPHS }])
		);
		expect(shown(counters, ['1', 0], ['2', 0], ['1', 0])).toEqual(['1.', '1.', '2.']);
	});

	it('writes letters and roman numerals, lower and upper, and multi-level text', () => {
		const counters = new ListCounters(
			nums([
				'1',
				{
					levels: [level('upperRoman', '%1.'), level('lowerLetter', '(%2)'), level('upperLetter', '%1.%2.%3')]
				}
			])
		);
		expect(
			shown(counters, ['1', 0], ['1', 1], ['1', 1], ['1', 2], ['1', 0], ['1', 0], ['1', 0], ['1', 1])
		).toEqual(['I.', '(a)', '(b)', 'I.b.A', 'II.', 'III.', 'IV.', '(a)']);
	});

	it('does not restart a level whose w:lvlRestart is 0, and restarts one tied to a level below', () => {
		const counters = new ListCounters(
			nums([
				'1',
				{
					levels: [
						level('decimal', '%1.'),
						level('decimal', '%2)', { restart: 0 }),
						level('lowerLetter', '%3)', { restart: 1 })
					]
				}
			])
		);
		expect(
			shown(counters, ['1', 0], ['1', 1], ['1', 2], ['1', 1], ['1', 2], ['1', 0], ['1', 1], ['1', 2])
		).toEqual(['1.', '1)', 'a)', '2)', 'b)', '2.', '3)', 'a)']);
	});

	it('writes every level in arabic numerals on a legal-style level', () => {
		const counters = new ListCounters(
			nums(['1', { levels: [level('upperRoman', '%1.'), level('lowerLetter', '%1.%2', { legal: true })] }])
		);
		expect(shown(counters, ['1', 0], ['1', 0], ['1', 1])).toEqual(['I.', 'II.', '2.1']);
	});

	it('reports bullets, unknown formats and undefined lists rather than inventing numbers', () => {
		const counters = new ListCounters(
			nums(['1', { levels: [level('bullet', '•'), level('ordinal', '%2')] }])
		);
		expect(counters.next('1', 0)).toEqual({ kind: 'bullet', text: '•' });
		expect(counters.next('1', 1)).toEqual({ kind: 'number', text: '1', unsupported: 'ordinal' });
		expect(counters.next('1', 5)).toEqual({ kind: 'missing' });
		expect(counters.next('9', 0)).toEqual({ kind: 'missing' });
	});
});

describe('formatNumber', () => {
	it.each([
		[4, 'lowerRoman', 'iv'],
		[1994, 'upperRoman', 'MCMXCIV'],
		[26, 'lowerLetter', 'z'],
		[27, 'lowerLetter', 'aa'],
		[54, 'upperLetter', 'BBB'],
		[7, 'decimalZero', '07'],
		[3, 'none', '']
	])('%i in %s is %s', (value, format, expected) => {
		expect(formatNumber(value, format)).toBe(expected);
	});
});
