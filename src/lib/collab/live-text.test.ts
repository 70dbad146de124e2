import { describe, expect, it } from 'vitest';
import { editableUnits } from './editable.ts';
import { withLiveTexts } from './live-text.ts';
import type { DraftText } from '#lib/domain/text.ts';

const draft: DraftText = {
	title: { id: 't', text: 'Conclusions' },
	preamble: [{ id: 'pr', text: 'The Meeting,' }],
	body: [
		{ kind: 'heading', id: 'h', text: 'General' },
		{ kind: 'paragraph', id: 'p1', text: 'First.', subparagraphs: [] },
		{ kind: 'paragraph', id: 'p2', text: 'The Office should:', subparagraphs: [{ id: 's1', text: 'act' }] }
	],
	footnotes: [{ id: 'f', label: '1', text: 'A note.' }],
	scheme: 'roman'
};

describe('withLiveTexts', () => {
	it('takes each unit’s working text where the document has one, and keeps the structure', () => {
		const live = new Map([
			['p1', 'First, amended.'],
			['s1', 'act now'],
			['f', 'A longer note.'],
			['gone', 'a unit the structure no longer has']
		]);
		const text = withLiveTexts(draft, live);
		expect(text.body[1]).toEqual({ kind: 'paragraph', id: 'p1', text: 'First, amended.', subparagraphs: [] });
		expect(text.body[2]).toMatchObject({
			text: 'The Office should:',
			subparagraphs: [{ id: 's1', text: 'act now' }]
		});
		expect(text.footnotes[0]?.text).toBe('A longer note.');
		expect(text.title).toBe(draft.title); // unchanged units stay the same objects
		expect(draft.body[1]).toMatchObject({ text: 'First.' }); // the input is not touched
	});
});

describe('editableUnits', () => {
	const drafter = { groupId: 'workers', roles: ['drafting_committee'] } as const;

	it('offers a drafter the paragraphs and subparagraphs not yet adopted, and nothing else', () => {
		expect([...editableUnits(draft, { p1: 'adopted' }, drafter)].sort()).toEqual(['p2', 's1']);
	});

	it('locks the subparagraphs of an adopted paragraph', () => {
		expect([...editableUnits(draft, { p2: 'adopted_as_amended' }, drafter)]).toEqual(['p1']);
	});

	it('offers observers, spokespersons and outsiders nothing (POL-5)', () => {
		expect(editableUnits(draft, {}, { groupId: null, roles: ['observer'] }).size).toBe(0);
		expect(editableUnits(draft, {}, { groupId: 'employers', roles: ['spokesperson'] }).size).toBe(0);
		expect(editableUnits(draft, {}, null).size).toBe(0);
	});
});
