import { describe, expect, it } from 'vitest';
import { formatDateRange } from './format.ts';

describe('date ranges as the Office writes them', () => {
	it('collapses what the two dates share', () => {
		expect(formatDateRange('2013-11-04', '2013-11-08')).toBe('4–8 November 2013');
		expect(formatDateRange('2013-10-30', '2013-11-02')).toBe('30 October – 2 November 2013');
		expect(formatDateRange('2013-12-30', '2014-01-02')).toBe('30 December 2013 – 2 January 2014');
		expect(formatDateRange('2013-11-08', '2013-11-08')).toBe('8 November 2013');
	});
});
