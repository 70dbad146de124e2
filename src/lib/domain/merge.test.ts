import { readFileSync } from 'node:fs';
import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import { applyEdits, competingAmendments, mergeAmendment, type MergeResult, type TextEdit } from './merge.ts';
import { FIXTURE_URL } from './test-support.ts';

const P =
	'The Office should promote decent work for all migrant workers, in cooperation with the social partners.';

/** The merge must succeed; its edits, applied from the end backwards, give its text. */
function merged(base: string, proposed: string, current: string): { text: string; edits: TextEdit[] } {
	const result = mergeAmendment(base, proposed, current);
	if (!result.ok) throw new Error(`conflict: ${JSON.stringify(result.conflicts)}`);
	expect(applyEdits(current, result.edits)).toBe(result.text);
	checkOrder(result.edits);
	return result;
}

/** MRG-2: each edit lies wholly before the one applied just before it. */
function checkOrder(edits: TextEdit[]): void {
	edits.forEach((e, i) => {
		const prev = edits[i - 1];
		if (prev) expect(e.index + e.deleteCount).toBeLessThanOrEqual(prev.index);
	});
}

function conflicted(result: MergeResult) {
	if (result.ok) throw new Error(`merged without conflict: ${result.text}`);
	return result;
}

describe('mergeAmendment', () => {
	it('MRG-1: on an unchanged paragraph the edits reproduce the proposal exactly', () => {
		const proposed =
			'The ILO must promote decent work for all migrant workers, in cooperation with the social partners.';
		const { text, edits } = merged(P, proposed, P);
		expect(text).toBe(proposed);
		expect(edits).toEqual([{ index: 4, deleteCount: 'Office should'.length, insert: 'ILO must' }]);
	});

	it('MRG-1: edits made since tabling, before and after the amended words, are kept', () => {
		const proposed = P.replace('decent work', 'decent and productive work');
		const current = P.replace('The Office', 'The International Labour Office').replace(
			'partners.',
			'partners and others.'
		);
		const { text, edits } = merged(P, proposed, current);
		expect(text).toBe(
			'The International Labour Office should promote decent and productive work for all migrant workers, in cooperation with the social partners and others.'
		);
		expect(edits).toHaveLength(1);
		expect(edits[0]?.deleteCount).toBe(0);
	});

	it('MRG-1: insertion at the start and at the end of the paragraph', () => {
		const current = P.replace('all migrant', 'all the migrant');
		expect(merged(P, 'Furthermore, ' + P, current).text).toBe('Furthermore, ' + current);
		expect(merged(P, P + ' It should report.', current).text).toBe(current + ' It should report.');
		expect(merged(P, 'In 2014, ' + P.slice(0, -1) + ' every year.', current).text).toBe(
			'In 2014, ' + current.slice(0, -1) + ' every year.'
		);
	});

	it('MRG-1: deleting the whole text, of an unchanged paragraph', () => {
		const { text, edits } = merged(P, '', P);
		expect(text).toBe('');
		expect(edits).toEqual([{ index: 0, deleteCount: P.length, insert: '' }]);
	});

	it('MRG-4: deleting the whole text of a paragraph edited since is a conflict over all of it', () => {
		const current = P.replace('all', 'every');
		const { conflicts, partial } = conflicted(mergeAmendment(P, '', current));
		expect(conflicts).toEqual([
			{
				base: { start: 0, end: P.length, text: P },
				proposed: '',
				current: { start: 0, end: current.length, text: current }
			}
		]);
		expect(partial).toEqual({ text: current, edits: [] });
	});

	it('MRG-4: the same words changed differently are a conflict, with the regions of each text', () => {
		const proposed = P.replace('Office should', 'ILO must');
		const current = 'Today, ' + P.replace('Office', 'secretariat');
		const { conflicts } = conflicted(mergeAmendment(P, proposed, current));
		expect(conflicts).toEqual([
			{
				base: { start: 4, end: 17, text: 'Office should' },
				proposed: 'ILO must',
				current: { start: 11, end: 29, text: 'secretariat should' }
			}
		]);
		expect(current.slice(11, 29)).toBe('secretariat should');
	});

	it('MRG-4: of several changes only the colliding ones are conflicts; the others are merged in partial', () => {
		const proposed = P.replace('Office', 'ILO')
			.replace('decent work', 'fair recruitment')
			.replace('social partners', 'tripartite constituents');
		const current = P.replace('decent work', 'decent jobs').replace('cooperation', 'consultation');
		const { conflicts, partial } = conflicted(mergeAmendment(P, proposed, current));
		expect(conflicts.map((c) => [c.base.text, c.proposed, c.current.text])).toEqual([
			['decent work', 'fair recruitment', 'decent jobs']
		]);
		expect(partial.text).toBe(
			current.replace('Office', 'ILO').replace('social partners', 'tripartite constituents')
		);
		expect(applyEdits(current, partial.edits)).toBe(partial.text);
		expect(partial.edits).toHaveLength(2);
	});

	it('MRG-3: an insertion where the paragraph now has a different insertion is a conflict', () => {
		const proposed = P.replace('all migrant', 'all documented migrant');
		const current = P.replace('all migrant', 'all foreign migrant');
		expect(conflicted(mergeAmendment(P, proposed, current)).conflicts).toHaveLength(1);
	});

	it('MRG-3: an insertion inside words replaced since is a conflict; at their edge it is not', () => {
		const current = P.replace('decent work', 'fair recruitment');
		const inside = P.replace('decent work', 'decent and productive work');
		expect(conflicted(mergeAmendment(P, inside, current)).conflicts).toEqual([
			{
				base: { start: 26, end: 37, text: 'decent work' },
				proposed: 'decent and productive work',
				current: { start: 26, end: 42, text: 'fair recruitment' }
			}
		]);
		const atEdge = P.replace('promote decent', 'promote, in particular, decent');
		expect(merged(P, atEdge, current).text).toBe(
			current.replace('promote fair', 'promote, in particular, fair')
		);
	});

	it('MRG-3: deleting the last words, when the words before them were deleted since, is flagged', () => {
		// Both deletions take the space between them: the last words have no space after them to take.
		const { conflicts } = conflicted(mergeAmendment('a b c d', 'a b', 'a d'));
		expect(conflicts).toEqual([
			{ base: { start: 2, end: 7, text: 'b c d' }, proposed: 'b', current: { start: 2, end: 3, text: 'd' } }
		]);
	});

	it('MRG-3: words next to each other changed on each side merge', () => {
		const proposed = P.replace('Office', 'ILO');
		const current = P.replace('should', 'must');
		expect(merged(P, proposed, current).text).toBe(P.replace('Office should', 'ILO must'));
	});

	it('MRG-5: a change already made in the paragraph is not made twice, nor a conflict', () => {
		const proposed = P.replace('Office should', 'ILO must');
		const current = proposed.replace('partners', 'partners concerned');
		expect(mergeAmendment(P, proposed, current)).toEqual({ ok: true, text: current, edits: [] });
	});

	it('MRG-2: edits are ordered from the end backwards, several at one index in text order', () => {
		// The amendment inserts X before b and replaces c by Y; b has been deleted since.
		const { text, edits } = merged('a b c d e', 'a X b Y d e', 'a c d e');
		expect(text).toBe('a X Y d e');
		expect(edits).toEqual([
			{ index: 2, deleteCount: 1, insert: 'Y' },
			{ index: 2, deleteCount: 0, insert: 'X ' }
		]);
	});

	it('MRG-4: the same word replaced on one side and deleted on the other is a conflict', () => {
		const { conflicts } = conflicted(mergeAmendment('a b c d e', 'a b Y d e', 'a b d e'));
		expect(conflicts).toEqual([
			{ base: { start: 4, end: 6, text: 'c ' }, proposed: 'Y ', current: { start: 4, end: 4, text: '' } }
		]);
	});

	it('MRG-1: handles typographic quotes, dashes and non-BMP characters by UTF-16 index', () => {
		const base = 'the “Decent Work” agenda – adopted in 2008 😀 by the Conference';
		const proposed = base.replace('2008', '2019');
		const current = base
			.replace('“Decent Work”', '‘Decent Work’')
			.replace('Conference', 'International Labour Conference');
		expect(merged(base, proposed, current).text).toBe(current.replace('2008', '2019'));
	});
});

// Seeded random triples: base a list of distinct words; the amendment's changes and the later edits are
// chosen on separate words, with at least one untouched word between any two of different sides.
type Change = { start: number; end: number; insert: string[] };

function applyChanges(words: string[], changes: Change[]): string {
	const out: string[] = [];
	let i = 0;
	for (const ch of [...changes].sort((x, y) => x.start - y.start)) {
		out.push(...words.slice(i, ch.start), ...ch.insert);
		i = ch.end;
	}
	out.push(...words.slice(i));
	return out.join(' ');
}

function randomCase(gen: prng.PRNG, seed: number, overlap: boolean) {
	const n = prng.int32(gen, 1, 30);
	const words = Array.from({ length: n }, (_, i) => `w${i}`);
	// Slots: each word position is left alone, or given to the amendment or to the later edits.
	const ours: Change[] = [];
	const theirs: Change[] = [];
	let fresh = 0;
	const freshWords = (side: string) =>
		Array.from(
			{ length: prng.int32(gen, 0, 3) },
			() => `${side}${seed}x${fresh++}${prng.oneOf(gen, [',', '’s', '', '–'])}`
		);
	let i = 0;
	let last: { side: 'o' | 't'; end: number; len: number } | null = null;
	while (i <= n) {
		if (prng.real53(gen) >= 0.3) {
			i++;
			continue;
		}
		const side = prng.bool(gen) ? 'o' : 't';
		const len = Math.min(prng.int32(gen, 0, 2), n - i);
		// Changes touching end to end (only a space between) are allowed when both replace or delete
		// words and belong to different sides, the later not reaching the end of the text (MRG-3's
		// exception); otherwise an untouched word lies between.
		const touching = last && i === last.end;
		if (last && touching && (last.side === side || len === 0 || last.len === 0 || i + len === n)) {
			i++;
			continue;
		}
		const insert = freshWords(side);
		if (len === 0 && insert.length === 0) insert.push(`${side}${seed}y${fresh++}`);
		(side === 'o' ? ours : theirs).push({ start: i, end: i + len, insert });
		last = { side, end: i + len, len };
		i += Math.max(len, 1);
	}
	if (overlap) {
		// Both sides replace one and the same word, differently.
		const k = prng.int32(gen, 0, n - 1);
		const clear = (list: Change[]) => list.filter((c) => c.end < k - 1 || c.start > k + 1);
		ours.splice(0, ours.length, ...clear(ours), { start: k, end: k + 1, insert: [`o${seed}z`] });
		theirs.splice(0, theirs.length, ...clear(theirs), {
			start: k,
			end: k + 1,
			insert: prng.bool(gen) ? [] : [`t${seed}z`]
		});
	}
	return {
		base: words.join(' '),
		proposed: applyChanges(words, ours),
		current: applyChanges(words, theirs),
		both: applyChanges(words, [...ours, ...theirs])
	};
}

describe('mergeAmendment on seeded random triples', () => {
	it('MRG-1: changes on separate words always merge, to the text with both sets of changes made', () => {
		const gen = prng.create(4);
		const started = performance.now();
		for (let seed = 0; seed < 3000; seed++) {
			const { base, proposed, current, both } = randomCase(gen, seed, false);
			const result = mergeAmendment(base, proposed, current);
			if (!result.ok) throw new Error(`seed ${seed}: ${JSON.stringify({ base, proposed, current })}`);
			expect(result.text, `seed ${seed}`).toBe(both);
			expect(applyEdits(current, result.edits), `seed ${seed}`).toBe(both);
			checkOrder(result.edits);
		}
		console.info(`MRG-1 random merges: 3000 in ${Math.round(performance.now() - started)} ms`);
	});

	it('MRG-4: changes of the same word always give a conflict, never a text', () => {
		const gen = prng.create(5);
		for (let seed = 0; seed < 3000; seed++) {
			const { base, proposed, current } = randomCase(gen, seed, true);
			const result = mergeAmendment(base, proposed, current);
			expect(result.ok, `seed ${seed}: ${JSON.stringify({ base, proposed, current })}`).toBe(false);
			if (!result.ok) {
				expect(applyEdits(current, result.partial.edits)).toBe(result.partial.text);
				for (const c of result.conflicts) {
					expect(base.slice(c.base.start, c.base.end)).toBe(c.base.text);
					expect(current.slice(c.current.start, c.current.end)).toBe(c.current.text);
				}
			}
		}
	});

	it('MRG-1: random rewrites of the 2013 paragraphs against themselves reproduce the proposal', () => {
		const blocks = readFileSync(FIXTURE_URL, 'utf8')
			.split('\n')
			.filter((l) => l.trim() !== '');
		const gen = prng.create(2013);
		for (let k = 0; k < 300; k++) {
			const base = prng.oneOf(gen, blocks);
			const proposed = prng.oneOf(gen, blocks);
			expect(merged(base, proposed, base).text).toBe(proposed);
		}
	});
});

describe('competingAmendments', () => {
	const amend = (id: string, from: string, to: string, base = P) => ({
		id,
		base,
		proposed: base.replace(from, to)
	});

	it('MRG-6: amendments changing words the adopted one changes are reported; others are not', () => {
		const adopted = amend('D.1', 'Office should', 'ILO must');
		const others = [
			amend('D.2', 'Office', 'Organization'),
			amend('D.3', 'social partners', 'constituents'),
			amend('D.4', 'should promote', 'should encourage'),
			amend('D.5', 'The Office', 'Furthermore, the Office'),
			amend('D.6', 'should', 'should, where appropriate,')
		];
		// D.4 changes only "promote"; D.6 inserts right after the words D.1 replaces.
		expect(competingAmendments(P, adopted, others).map((a) => a.id)).toEqual(['D.2', 'D.6']);
	});

	it('MRG-6: an amendment tabled on an older text is compared where its words are now', () => {
		const older = P.replace('all migrant', 'migrant');
		const current = P.replace('The Office', 'In particular, the Office');
		const adopted = amend('D.1', 'decent work for all', 'fair recruitment for all', current);
		const others = [
			amend('D.2', 'decent work', 'decent jobs', older),
			amend('D.3', 'migrant workers', 'migrants', older),
			amend('D.4', 'cooperation', 'consultation', older)
		];
		expect(competingAmendments(current, adopted, others).map((a) => a.id)).toEqual(['D.2']);
	});

	it('MRG-6: two insertions at the same place compete', () => {
		const adopted = amend('D.1', 'all migrant', 'all documented migrant');
		const other = amend('D.2', 'all migrant', 'all foreign migrant');
		expect(competingAmendments(P, adopted, [other])).toEqual([other]);
	});
});
