import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { referenceOf } from './numbering.ts';
import { FIXTURE_URL, importOk, paragraphsOf } from './test-support.ts';
import { allBlocks } from './text.ts';

const { text } = importOk(readFileSync(FIXTURE_URL, 'utf8'));

describe('the shape of a draft text', () => {
	it('TXT-1: blocks come in reading order: title, preamble, body, footnotes', () => {
		const blocks = allBlocks(text);
		expect(blocks).toHaveLength(1 + 7 + 5 + 9 + 32 + 1);
		expect(blocks[0]?.text).toBe('Conclusions[^1]');
		expect(blocks[1]?.text).toBe('The Tripartite Technical Meeting on Labour Migration,');
		expect(blocks[8]?.text).toBe('General considerations');
		expect(blocks.at(-1)?.text).toMatch(/^These conclusions will be submitted/);
	});

	it('TXT-2: every block has its own id, and no id is a number', () => {
		const ids = allBlocks(text).map((b) => b.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids.some((id) => /^\d+$/.test(id) || /^\d+\(/.test(id))).toBe(false);
	});

	it('TXT-2: deleting a paragraph changes the numbers after it, not the ids', () => {
		const p8 = paragraphsOf(text)[7];
		expect(referenceOf(text, p8?.id ?? '')).toBe('8');
		const shorter = { ...text, body: text.body.filter((b) => b.id !== paragraphsOf(text)[0]?.id) };
		expect(referenceOf(shorter, p8?.id ?? '')).toBe('7');
	});

	it('TXT-3: a paragraph with subparagraphs holds its introductory words; one without, its whole text', () => {
		const [p1, p2] = paragraphsOf(text);
		expect(p1?.subparagraphs).toEqual([]);
		expect(p1?.text).toMatch(/^The ILO’s Decent Work Agenda is critical.*development outcomes\.$/);
		expect(p2?.text).toBe('The Office should:');
		expect(p2?.subparagraphs).toHaveLength(3);
	});

	it('TXT-4: headings stand in the body between paragraphs, one line each', () => {
		const kinds = text.body.map((b) => b.kind[0]).join('');
		expect(kinds).toBe('hpphphpphpphpp');
	});

	it('TXT-5: footnotes keep their label as written and are referred to as [^label]', () => {
		expect(text.footnotes.map((f) => f.label)).toEqual(['1']);
		expect(text.title?.text.endsWith('[^1]')).toBe(true);
	});

	it('TXT-6: block texts are trimmed and hold no number or label of their own', () => {
		for (const block of allBlocks(text)) expect(block.text).toBe(block.text.trim());
		for (const p of paragraphsOf(text)) {
			expect(p.text).not.toMatch(/^\d+\./);
			for (const s of p.subparagraphs) expect(s.text).not.toMatch(/^\(/);
		}
	});
});
