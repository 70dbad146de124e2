import { describe, expect, it } from 'vitest';
import { splitFootnoteRefs } from './footnote-refs.ts';

describe('footnote references', () => {
	it('TXT-5: [^label] splits a text into text and references, in order', () => {
		expect(splitFootnoteRefs('Conclusions[^1]')).toEqual([
			{ kind: 'text', text: 'Conclusions' },
			{ kind: 'footnote', label: '1' }
		]);
		expect(splitFootnoteRefs('a[^x] b [^2]c')).toEqual([
			{ kind: 'text', text: 'a' },
			{ kind: 'footnote', label: 'x' },
			{ kind: 'text', text: ' b ' },
			{ kind: 'footnote', label: '2' },
			{ kind: 'text', text: 'c' }
		]);
		expect(splitFootnoteRefs('no refs [here]')).toEqual([{ kind: 'text', text: 'no refs [here]' }]);
	});
});
