import { describe, expect, it } from 'vitest';
import { CollabClose } from './close-codes.ts';
import { refusalReason } from './refusal-reason.ts';

describe('why a change was not saved', () => {
	it('VAL-16, VAL-17: a limit or a forbidden character is said as such, not as a locked text', () => {
		const f = CollabClose.FORBIDDEN;
		expect(refusalReason(f, "unit limit of 20000 characters: text 'ab' would hold 20001")).toBe(
			'collab.reason.tooLong'
		);
		expect(refusalReason(f, 'document limit of 2000000 characters: its texts would hold 2000001')).toBe(
			'collab.reason.tooLong'
		);
		expect(refusalReason(f, "U+000A (a line break) in text 'ab'")).toBe('collab.reason.character');
		expect(refusalReason(f, "insert splits a character (a surrogate pair) in text 'ab'")).toBe(
			'collab.reason.character'
		);
		expect(refusalReason(f, "insert into text 'ab' not writable")).toBe('collab.reason.forbidden');
		expect(refusalReason(CollabClose.UNRESOLVABLE, 'unit limit of 1')).toBe('collab.reason.unresolvable');
		expect(refusalReason(4999, '')).toBe('collab.reason.other');
	});
});
