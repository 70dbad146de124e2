import { describe, expect, it } from 'vitest';
import { numberedView } from '#lib/domain/numbering.ts';
import type { DraftText } from '#lib/domain/text.ts';
import { focusView } from './focus-view.ts';

const TEXT: DraftText = {
	title: null,
	preamble: [{ id: 'pr1', text: 'Having met in Geneva,' }],
	body: [
		{ kind: 'paragraph', id: 'p1', text: 'The ILO matters.', subparagraphs: [] },
		{
			kind: 'paragraph',
			id: 'p2',
			text: 'The Office should:',
			subparagraphs: [
				{ id: 's1', text: 'Create a repository.' },
				{ id: 's2', text: 'Assist constituents.' }
			]
		}
	],
	footnotes: [],
	scheme: 'roman'
};

describe('what the projector shows', () => {
	const view = numberedView(TEXT);

	it('shows nothing when nothing is under discussion, or the unit is gone', () => {
		expect(focusView(view, null)).toBeNull();
		expect(focusView(view, 'gone')).toBeNull();
	});

	it('shows a paragraph with its subparagraphs', () => {
		const v = focusView(view, 'p2')!;
		expect(v.title).toBe('Paragraph 2');
		expect(v.intro).toBeNull();
		expect(v.blocks.map((b) => [b.label, b.text])).toEqual([
			[null, 'The Office should:'],
			['(i)', 'Create a repository.'],
			['(ii)', 'Assist constituents.']
		]);
	});

	it('shows a subparagraph under its paragraph’s introductory words', () => {
		const v = focusView(view, 's2')!;
		expect(v.title).toBe('Paragraph 2(ii)');
		expect(v.intro).toEqual({ id: 'p2', text: 'The Office should:' });
		expect(v.blocks).toEqual([{ id: 's2', label: '(ii)', text: 'Assist constituents.' }]);
	});

	it('names a preambular paragraph by its place in the preamble', () => {
		expect(focusView(view, 'pr1')?.title).toBe('Preambular paragraph 1');
	});
});
