import { describe, expect, it } from 'vitest';
import { wordDiff } from '#lib/domain/diff.ts';
import { cachedWordDiff, memoPair } from './diff-memo.ts';

describe('memoPair', () => {
	it('computes each pair once, gives the same answer as the function, and forgets the oldest past its size', () => {
		const calls: string[] = [];
		const f = memoPair((a, b) => {
			calls.push(`${a}|${b}`);
			return a.length + b.length;
		}, 2);
		expect(f('ab', 'c')).toBe(3);
		expect(f('ab', 'c')).toBe(3);
		expect(calls).toEqual(['ab|c']);
		// A different split of the same characters is a different pair.
		expect(f('a', 'bc')).toBe(3);
		expect(calls).toHaveLength(2);
		f('x', 'y'); // evicts 'ab|c', the oldest
		f('ab', 'c');
		expect(calls).toEqual(['ab|c', 'a|bc', 'x|y', 'ab|c']);
	});

	it('the cached word diff is the word diff', () => {
		const a = 'The Office should promote decent work.';
		const b = 'The ILO must promote decent work for all.';
		expect(cachedWordDiff(a, b)).toEqual(wordDiff(a, b));
		expect(cachedWordDiff(a, b)).toBe(cachedWordDiff(a, b));
	});
});
