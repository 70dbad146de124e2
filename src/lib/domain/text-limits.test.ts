import { describe, expect, it } from 'vitest';
import { forbiddenCharacter, toUnitText } from './text-limits.ts';

describe('what a unit may hold (TXT-7)', () => {
	it('TXT-7: line breaks, tab, C0 and C1 controls, DEL, the separators and lone surrogates are not text', () => {
		const found = (s: string) => forbiddenCharacter(s)?.code ?? null;
		expect(found('a\nb')).toBe('U+000A');
		expect(found('a\r')).toBe('U+000D');
		expect(found('\tx')).toBe('U+0009');
		expect(found('x\u0000')).toBe('U+0000');
		expect(found('x\u001f')).toBe('U+001F');
		expect(found('x\u007f')).toBe('U+007F');
		expect(found('x\u0085')).toBe('U+0085');
		expect(found('x\u009f')).toBe('U+009F');
		expect(found('x\u2028')).toBe('U+2028');
		expect(found('x\u2029')).toBe('U+2029');
		expect(found('x\ud800y')).toBe('U+D800');
		expect(found('x\udc00')).toBe('U+DC00');
		expect(forbiddenCharacter('ab\ncd')).toEqual({ index: 2, code: 'U+000A' });
	});

	it('TXT-7: every other character is text', () => {
		const tricky =
			'no\u00a0break \u202f \u2003 😀 e\u0301 عربي\u200f\u200e \u200b \ufeff \ufffd \u00a0 « » — [^1] (iii) 5.';
		expect(forbiddenCharacter(tricky)).toBeNull();
		expect(forbiddenCharacter('')).toBeNull();
	});

	it('TXT-7: typed or pasted text is made fit: breaks and tabs with their spaces become one space, controls go', () => {
		expect(toUnitText('one\n\ntwo')).toBe('one two');
		expect(toUnitText('one  \r\n  two\u2028three\u2029four\u0085five\tsix')).toBe(
			'one two three four five six'
		);
		expect(toUnitText('a\u0007b\u001bc\u007fd\u009be\ud800f')).toBe('abcdef');
		expect(toUnitText('emoji 😀\u00a0ok')).toBe('emoji 😀\u00a0ok');
		expect(forbiddenCharacter(toUnitText('\u0000\u0001\n\t\u0085\u2028\ud800'))).toBeNull();
	});
});
