import { describe, expect, it } from 'vitest';
import { ResetBudget } from './reset-budget.ts';

describe('the budget of fresh starts', () => {
	it('allows so many a minute, refuses the next, and allows again once the minute has passed', () => {
		const budget = new ResetBudget(3);
		expect([0, 1_000, 2_000, 3_000].map((t) => budget.take(t))).toEqual([true, true, true, false]);
		expect(budget.take(59_999)).toBe(false);
		// At 61 s the starts at 0 and 1 s have left the window; 2, 3, 59.999 and 61 s are four.
		expect(budget.take(61_000)).toBe(false);
		expect(budget.take(125_000)).toBe(true);
	});
});
