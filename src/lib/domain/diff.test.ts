import { readFileSync } from 'node:fs';
import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import { hunksOf, tokenize } from './diff-tokens.ts';
import { changesOf, departure, sideOf, wordDiff, type DiffSegment } from './diff.ts';
import { FIXTURE_URL } from './test-support.ts';

const blocks = readFileSync(FIXTURE_URL, 'utf8')
	.split('\n')
	.filter((line) => line.trim() !== '');

/** The diff as compact text: [-deleted-]{+inserted+}, as git's word diff writes it. */
function show(segments: DiffSegment[]): string {
	return segments
		.map((s) => (s.kind === 'same' ? s.text : s.kind === 'delete' ? `[-${s.text}-]` : `{+${s.text}+}`))
		.join('');
}

function roundTrips(original: string, proposed: string): void {
	const segments = wordDiff(original, proposed);
	expect(sideOf(segments, 'original')).toBe(original);
	expect(sideOf(segments, 'proposed')).toBe(proposed);
	expect(segments.every((s) => s.text !== '')).toBe(true);
	// No two segments of a kind in a row, and a deletion never follows its insertion.
	segments.forEach((s, i) => {
		const next = segments[i + 1];
		if (next) expect(next.kind === s.kind || (s.kind === 'insert' && next.kind === 'delete')).toBe(false);
	});
}

/** Random word-level rewrites of a text: words dropped, replaced, inserted, punctuation changed. */
function mutate(text: string, gen: prng.PRNG): string {
	const words = ['ILO', 'must', '’s', '–', ',', ';', 'decent', 'work', '“fair”', 'and', ' ', '(', ')', 'the'];
	const tokens = tokenize(text);
	const out: string[] = [];
	for (const t of tokens) {
		const r = prng.real53(gen);
		if (r < 0.05) continue;
		if (r < 0.1) out.push(prng.oneOf(gen, words));
		else if (r < 0.14) out.push(t, prng.oneOf(gen, words));
		else out.push(t);
	}
	return out.join('');
}

describe('tokens', () => {
	it('DIF-1: words keep inner apostrophes and number separators; marks stand alone; nothing is lost', () => {
		expect(tokenize('the Governing Body’s 316th Session, on 3–4 October (1,000 “migrants”)')).toEqual(
			['the', ' ', 'Governing', ' ', 'Body’s', ' ', '316th', ' ', 'Session', ',', ' ', 'on', ' ', '3'].concat(
				['–', '4', ' ', 'October', ' ', '(', '1,000', ' ', '“', 'migrants', '”', ')']
			)
		);
		for (const b of blocks) expect(tokenize(b).join('')).toBe(b);
		expect(tokenize('')).toEqual([]);
	});

	it('DIF-2: a deletion that could stand either side of a space is placed towards the end', () => {
		const a = tokenize('the Office should');
		const b = tokenize('the should');
		expect(hunksOf(a, b)).toEqual([{ aStart: 2, aEnd: 4, bStart: 2, bEnd: 2 }]);
	});
});

describe('wordDiff', () => {
	it('DIF-3: same + delete gives the original and same + insert the proposal, for the 2013 fixture', () => {
		for (const [i, b] of blocks.entries()) {
			roundTrips(b, blocks[i + 1] ?? '');
			roundTrips(b, b);
			roundTrips('', b);
			roundTrips(b, '');
		}
	});

	it('DIF-3: round trip on 3000 seeded random rewrites of fixture paragraphs', () => {
		const gen = prng.create(2013);
		for (let k = 0; k < 3000; k++) {
			const original = prng.oneOf(gen, blocks);
			roundTrips(original, mutate(original, gen));
		}
	});

	it('DIF-3: identical texts give one unchanged segment; empty texts give none', () => {
		expect(wordDiff('The Office should act.', 'The Office should act.')).toEqual([
			{ kind: 'same', text: 'The Office should act.' }
		]);
		expect(wordDiff('', '')).toEqual([]);
		expect(wordDiff('', 'New text')).toEqual([{ kind: 'insert', text: 'New text' }]);
	});

	it('DIF-1: a changed word shows as that word deleted and the new one inserted, not letters', () => {
		expect(show(wordDiff('The Office should promote it.', 'The Office should encourage it.'))).toBe(
			'The Office should [-promote-]{+encourage+} it.'
		);
		expect(show(wordDiff('the Governing Body’s decisions', 'the Governing Bodies’ decisions'))).toBe(
			'the Governing [-Body’s-]{+Bodies’+} decisions'
		);
		expect(show(wordDiff('migrant workers, including', 'migrant workers; including'))).toBe(
			'migrant workers[-,-]{+;+} including'
		);
	});

	it('DIF-4: changes separated only by a space are one replacement', () => {
		expect(show(wordDiff('the Office should promote', 'the ILO must promote'))).toBe(
			'the [-Office should-]{+ILO must+} promote'
		);
	});

	it('DIF-4: a shared word shorter than the changes on both sides is folded; kept wording stays visible', () => {
		expect(
			show(
				wordDiff(
					'to develop coherent policies and implement effective measures now',
					'to adopt clear rules and enforce strict sanctions now'
				)
			)
		).toBe(
			'to [-develop coherent policies and implement effective measures-]{+adopt clear rules and enforce strict sanctions+} now'
		);
		expect(show(wordDiff('to develop and implement policies now', 'to adopt and enforce laws now'))).toBe(
			'to [-develop-]{+adopt+} and [-implement policies-]{+enforce laws+} now'
		);
		expect(
			show(
				wordDiff(
					'The Office should promote decent work for all',
					'The ILO should promote decent work for everyone'
				)
			)
		).toBe('The [-Office-]{+ILO+} should promote decent work for [-all-]{+everyone+}');
	});

	it('DIF-4: folding does not snowball through a rewritten paragraph', () => {
		const segments = wordDiff(
			'The Office should promote the ratification of Conventions Nos 97 and 143, and the effective implementation of the instruments, in consultation with the social partners.',
			'The ILO must promote, in particular, the ratification and effective implementation of the Migration for Employment Convention (Revised), 1949 (No. 97), in close consultation with employers’ and workers’ organizations.'
		);
		expect(segments.filter((s) => s.kind === 'same').map((s) => s.text)).toEqual([
			'The ',
			'effective implementation of the ',
			'in ',
			'consultation with ',
			'.'
		]);
	});

	it('DIF-4: a rewritten sentence is not scattered around shared small words', () => {
		const segments = wordDiff(
			'Member States should ratify the Convention.',
			'Governments are invited to consider ratification of the relevant instruments.'
		);
		expect(segments.filter((s) => s.kind !== 'same')).toHaveLength(2);
	});
});

describe('changesOf', () => {
	it('DIF-5: each change gives what was deleted and what was inserted, trimmed, in reading order', () => {
		const segments = wordDiff(
			'The Office should promote decent work, in cooperation with others.',
			'The ILO should promote decent work in cooperation with the social partners.'
		);
		expect(changesOf(segments)).toEqual([
			{ deleted: 'Office', inserted: 'ILO' },
			{ deleted: ',', inserted: '' },
			{ deleted: 'others', inserted: 'the social partners' }
		]);
	});

	it('DIF-5: pure insertions and deletions have an empty side; whitespace-only changes give none', () => {
		expect(changesOf(wordDiff('decent work', 'decent and productive work'))).toEqual([
			{ deleted: '', inserted: 'and productive' }
		]);
		expect(changesOf(wordDiff('decent and productive work', 'decent work'))).toEqual([
			{ deleted: 'and productive', inserted: '' }
		]);
		expect(changesOf(wordDiff('decent work', 'decent  work'))).toEqual([]);
	});
});

describe('departure', () => {
	it('DIF-6: words and marks deleted plus inserted; whitespace does not count', () => {
		expect(departure('The Office should act.', 'The Office should act.')).toBe(0);
		expect(departure('The Office should act.', 'The  Office should act.')).toBe(0);
		expect(departure('the Office should act', 'the ILO must act')).toBe(4);
		expect(departure('workers, including', 'workers; including')).toBe(2);
		expect(departure('decent work', 'decent and productive work')).toBe(2);
		expect(departure('', 'Three new words')).toBe(3);
	});

	it('DIF-6: the amendment that rewrites more departs further, so it is taken first', () => {
		const text = 'The Office should promote decent work for migrant workers.';
		const small = 'The ILO should promote decent work for migrant workers.';
		const large = 'The ILO must promote fair recruitment for all migrant workers.';
		expect(departure(text, large)).toBeGreaterThan(departure(text, small));
	});
});
