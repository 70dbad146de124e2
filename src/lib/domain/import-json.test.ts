import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toImportJson } from './import-json.ts';
import { doc, FIXTURE_URL, importOk } from './test-support.ts';

describe('the import JSON', () => {
	it('RND-5: a small text gives exactly the contract shape, numbers and labels computed, no ids', () => {
		const { text } = importOk(
			doc(
				'Conclusions[^1]',
				'The Meeting,',
				'Adopts:',
				'General',
				'1. The Office should:',
				'(a) Act.',
				'(b) Report.',
				'3. Done.',
				'[^1]: Note.'
			)
		);
		expect(toImportJson(text)).toEqual({
			title: 'Conclusions[^1]',
			preamble: ['The Meeting,', 'Adopts:'],
			body: [
				{ type: 'heading', text: 'General' },
				{
					type: 'paragraph',
					number: '1',
					text: 'The Office should:',
					subparagraphs: [
						{ label: '(a)', text: 'Act.' },
						{ label: '(b)', text: 'Report.' }
					]
				},
				{ type: 'paragraph', number: '2', text: 'Done.', subparagraphs: [] }
			],
			footnotes: [{ label: '1', text: 'Note.' }]
		});
	});

	it('RND-5: a text without title has title null', () => {
		expect(toImportJson(importOk(doc('1. Text.')).text).title).toBeNull();
	});

	it('RND-5: the fixture gives 7 clauses, 5 headings, 9 paragraphs, 32 subparagraphs, 1 footnote', () => {
		const json = toImportJson(importOk(readFileSync(FIXTURE_URL, 'utf8')).text);
		const paragraphs = json.body.flatMap((b) => (b.type === 'paragraph' ? [b] : []));
		expect(json.preamble).toHaveLength(7);
		expect(json.body.filter((b) => b.type === 'heading')).toHaveLength(5);
		expect(paragraphs.map((p) => p.number)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
		expect(paragraphs.reduce((n, p) => n + p.subparagraphs.length, 0)).toBe(32);
		expect(json.footnotes).toHaveLength(1);
		expect(paragraphs[4]?.subparagraphs[2]).toMatchObject({
			label: '(iii)',
			text: expect.stringMatching(/^In collaboration with constituents/)
		});
		expect(JSON.stringify(json)).not.toMatch(/"id"/);
	});
});
