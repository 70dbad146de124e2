import { describe, expect, it } from 'vitest';
import { renderPlainText } from '../render-text.ts';
import { importOk } from '../test-support.ts';
import type { DraftText } from '../text.ts';
import { buildConclusions, inlineText, shownText, withBrackets } from './conclusions.ts';
import { fixtureText, SAMPLE_MEETING } from './test-samples.ts';

const STAMP = { kind: 'draft', date: '2026-11-22', label: 'Draft, 22 November 2026' } as const;
const LABELS = { document: 'Conclusions', page: 'Page', footnotes: 'Notes' };
const fixture = () => importOk(fixtureText()).text;
const build = (text: DraftText, statuses = {}, brackets?: Map<string, { start: number; end: number }[]>) =>
	buildConclusions({ text, statuses, brackets, meeting: SAMPLE_MEETING, stamp: STAMP, labels: LABELS });

describe('the conclusions as an output', () => {
	it('OUT-6 / RND-1: the shown text of an untouched draft renders back to the imported fixture', () => {
		const out = build(fixture());
		expect(renderPlainText(out.shown)).toBe(fixtureText());
		expect(
			out.body.filter((b) => b.kind === 'paragraph').map((b) => b.kind === 'paragraph' && b.number)
		).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
		expect(out.title).toEqual([
			{ kind: 'text', text: 'Conclusions' },
			{ kind: 'footnote', label: '1' }
		]);
		expect(out.footnotes.map((f) => f.label)).toEqual(['1']);
	});

	it('OUT-1: a deleted paragraph leaves with its subparagraphs and the numbers close up', () => {
		const text = fixture();
		const paragraphs = text.body.filter((b) => b.kind === 'paragraph');
		const second = paragraphs[1]!;
		const statuses = { [second.id]: 'deleted' as const };
		const out = build(text, statuses);
		const numbered = out.body.flatMap((b) => (b.kind === 'paragraph' ? [b] : []));
		expect(numbered).toHaveLength(paragraphs.length - 1);
		expect(numbered[1]!.id).toBe(paragraphs[2]!.id);
		expect(numbered[1]!.number).toBe('2');
		expect(numbered[1]!.subparagraphs[0]?.reference).toBe('2(i)');
		const ids = new Set([
			...numbered.map((p) => p.id),
			...numbered.flatMap((p) => p.subparagraphs.map((s) => s.id))
		]);
		for (const s of second.kind === 'paragraph' ? second.subparagraphs : [])
			expect(ids.has(s.id)).toBe(false);
	});

	it('OUT-1: a deleted subparagraph leaves and the labels close up; a deleted preamble clause leaves', () => {
		const text = fixture();
		const p2 = text.body.filter((b) => b.kind === 'paragraph')[1]!;
		if (p2.kind !== 'paragraph') throw new Error('fixture');
		const out = build(text, { [p2.subparagraphs[0]!.id]: 'deleted', [text.preamble[1]!.id]: 'deleted' });
		const shown = out.body.find((b) => b.id === p2.id);
		expect(shown?.kind === 'paragraph' && shown.subparagraphs.map((s) => [s.label, s.id])).toEqual([
			['(i)', p2.subparagraphs[1]!.id],
			['(ii)', p2.subparagraphs[2]!.id]
		]);
		expect(out.preamble).toHaveLength(text.preamble.length - 1);
	});

	it('OUT-1: a footnote only deleted text referred to goes with it; others stay', () => {
		const text: DraftText = {
			title: { id: 't', text: 'Conclusions[^1]' },
			preamble: [],
			body: [
				{ kind: 'paragraph', id: 'p', text: 'Gone[^2].', subparagraphs: [] },
				{ kind: 'paragraph', id: 'q', text: 'Stays.', subparagraphs: [] }
			],
			footnotes: [
				{ id: 'f1', label: '1', text: 'Kept.' },
				{ id: 'f2', label: '2', text: 'Dropped.' },
				{ id: 'f3', label: '3', text: 'Never referred to.' }
			],
			scheme: 'roman'
		};
		const out = build(text, { p: 'deleted' });
		expect(out.footnotes.map((f) => f.label)).toEqual(['1', '3']);
		expect(shownText({ text, statuses: {} }).footnotes).toHaveLength(3);
	});

	it('OUT-1: bracketed stretches are shown in brackets, wherever they fall', () => {
		expect(withBrackets('The Office should act now.', [{ start: 4, end: 10 }])).toBe(
			'The [Office] should act now.'
		);
		expect(
			withBrackets('abcdef', [
				{ start: 0, end: 2 },
				{ start: 2, end: 6 }
			])
		).toBe('[ab][cdef]');
		// Offsets outside the text (a stale bracket) are left alone rather than guessed at.
		expect(withBrackets('abc', [{ start: 2, end: 9 }])).toBe('abc');
		const text = fixture();
		const p1 = text.body.find((b) => b.kind === 'paragraph')!;
		const out = build(text, {}, new Map([[p1.id, [{ start: 4, end: 7 }]]]));
		const first = out.body.find((b) => b.id === p1.id)!;
		expect(inlineText(first.text)).toBe(`The [${p1.text.slice(4, 7)}]${p1.text.slice(7)}`);
		expect(renderPlainText(out.shown)).toContain(`1. The [${p1.text.slice(4, 7)}]`);
	});
});
