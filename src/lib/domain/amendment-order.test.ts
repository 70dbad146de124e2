import { describe, expect, it } from 'vitest';
import type { Amendment, AmendmentProposal } from './amendment.ts';
import {
	applyManualOrder,
	changedSpan,
	departure,
	orderForDiscussion,
	spansCompete,
	type DiffSize
} from './amendment-order.ts';
import { amendment } from './amendment-test-support.ts';
import type { TextBlock } from './text.ts';

/** A stand-in for a word diff: words in one text and not the other, both ways. */
const wordDiff: DiffSize = (original, proposed) => {
	const a = original.split(/\s+/).filter(Boolean);
	const b = proposed.split(/\s+/).filter(Boolean);
	return a.filter((w) => !b.includes(w)).length + b.filter((w) => !a.includes(w)).length;
};

const P1 = 'Member States should protect migrant workers in all sectors.';
const S1 = 'ratify the relevant conventions;';
const BLOCKS: TextBlock[] = [
	{ id: 'p1', text: 'Member States should protect migrant workers in all sectors.' },
	{ id: 's1', text: S1 },
	{ id: 's2', text: 'promote fair recruitment.' }
];

let n = 0;
const am = (id: string, proposal: AmendmentProposal): Amendment =>
	amendment({ id, code: `D.${++n}`, status: 'tabled', proposal });

const A = am('A', {
	kind: 'change_wording',
	targetId: 'p1',
	text: P1.replace('protect', 'ensure the protection of')
});
const B = am('B', {
	kind: 'change_wording',
	targetId: 'p1',
	text: P1.replace(
		'protect migrant workers',
		'guarantee the rights of all migrant workers and their families'
	)
});
const C = am('C', {
	kind: 'change_wording',
	targetId: 'p1',
	text: P1.replace('all sectors', 'every sector')
});
const D = am('D', { kind: 'delete', targetId: 's1' });
const E = am('E', {
	kind: 'change_wording',
	targetId: 's1',
	text: 'ratify and apply the relevant conventions;'
});
const F = am('F', {
	kind: 'insert_after',
	afterId: 's1',
	level: 'subparagraph',
	text: 'protect their families;'
});
const G = am('G', {
	kind: 'insert_after',
	afterId: 'p1',
	level: 'subparagraph',
	text: 'respect their rights;'
});
const B_TEXT = B.proposal.kind === 'change_wording' ? B.proposal.text : '';
const S = am('S', { kind: 'subamendment', parentId: 'B', text: B_TEXT.replace('all ', '') });
const T = am('T', {
	kind: 'subamendment',
	parentId: 'B',
	text: B_TEXT.replace('guarantee the rights of', 'protect').replace(' and their families', '')
});
const X = am('X', { kind: 'change_wording', targetId: 'elsewhere', text: 'Something else.' });
const ids = (list: readonly { id: string }[]) => list.map((a) => a.id);

describe('order of discussion', () => {
	it('AMD-17: the passage a change covers starts where the texts first differ', () => {
		expect(changedSpan('a b c', 'a x c')).toEqual({ start: 2, end: 3 });
		expect(changedSpan('a c', 'a b c')).toEqual({ start: 2, end: 2 });
		expect(changedSpan('same', 'same')).toEqual({ start: 4, end: 4 });
		expect(changedSpan('aa', 'a')).toEqual({ start: 1, end: 2 });
	});

	it('AMD-17: amendments come in text order: block by block, by where the change starts, insertions after', () => {
		const order = orderForDiscussion([F, E, C, G, A], BLOCKS, wordDiff);
		expect(ids(order)).toEqual(['A', 'C', 'G', 'E', 'F']);
	});

	it('AMD-17: amendments to blocks not in the paragraph come last, by code', () => {
		expect(ids(orderForDiscussion([X, C], BLOCKS, wordDiff))).toEqual(['C', 'X']);
	});

	it('AMD-18: among competing amendments, the one that departs furthest from the text comes first', () => {
		expect(departure(B.proposal, P1, wordDiff)).toBeGreaterThan(departure(A.proposal, P1, wordDiff));
		expect(ids(orderForDiscussion([A, C, B], BLOCKS, wordDiff))).toEqual(['B', 'A', 'C']);
	});

	it('AMD-18: a deletion departs furthest of all and competes with every change to its block', () => {
		expect(departure(D.proposal, S1, wordDiff)).toBe(Infinity);
		expect(ids(orderForDiscussion([E, F, D], BLOCKS, wordDiff))).toEqual(['D', 'E', 'F']);
	});

	it('AMD-18: only overlapping passages compete; a pure addition competes with what covers its point', () => {
		expect(spansCompete({ start: 0, end: 5 }, { start: 4, end: 9 })).toBe(true);
		expect(spansCompete({ start: 0, end: 5 }, { start: 5, end: 9 })).toBe(false);
		expect(spansCompete({ start: 5, end: 5 }, { start: 0, end: 5 })).toBe(true);
		expect(spansCompete({ start: 5, end: 5 }, { start: 6, end: 6 })).toBe(false);
	});

	it('AMD-18: the departure metric is the function passed in', () => {
		const reversed: DiffSize = (o, p) => -wordDiff(o, p);
		expect(ids(orderForDiscussion([A, B], BLOCKS, reversed))).toEqual(['A', 'B']);
	});

	it('AMD-19: subamendments come right before their parent, the furthest from its wording first', () => {
		const order = orderForDiscussion([A, S, C, B, T], BLOCKS, wordDiff);
		expect(ids(order)).toEqual(['T', 'S', 'B', 'A', 'C']);
	});

	it('AMD-19: a subamendment whose parent is not in the list comes last; nothing is dropped', () => {
		const order = orderForDiscussion([S, A], BLOCKS, wordDiff);
		expect(ids(order)).toEqual(['A', 'S']);
		const all = [A, B, C, D, E, F, G, S, T, X];
		expect(ids(orderForDiscussion(all, BLOCKS, wordDiff))).toEqual([
			'T',
			'S',
			'B',
			'A',
			'C',
			'G',
			'D',
			'E',
			'F',
			'X'
		]);
	});

	it("AMD-20: the Chair's order comes first, every other amendment after in its computed place", () => {
		const computed = [A, B, C, D];
		expect(ids(applyManualOrder(computed, ['C', 'unknown', 'A', 'C']))).toEqual(['C', 'A', 'B', 'D']);
		expect(ids(applyManualOrder(computed, []))).toEqual(['A', 'B', 'C', 'D']);
	});
});
