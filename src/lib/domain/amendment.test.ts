import { describe, expect, it } from 'vitest';
import {
	AMENDMENT_KINDS,
	AMENDMENT_STATUSES,
	anchorId,
	codeNumber,
	compareByCode,
	isOpen,
	isSettled,
	needsSeconder,
	nextCode,
	proposalProblems,
	proposedText,
	type AmendmentProposal
} from './amendment.ts';
import type { DraftText } from './text.ts';
import { canAmend } from './amendment-policy.ts';
import { COORDINATOR_TABLER, KENYA_TABLER, PEOPLE, WORKERS_TABLER } from './amendment-test-support.ts';

describe('amendments', () => {
	it('AMD-1: five kinds, each naming its block by stable id (or its parent amendment)', () => {
		const proposals: AmendmentProposal[] = [
			{ kind: 'change_wording', targetId: 'p5', text: 'New.' },
			{ kind: 'insert_after', afterId: 'p5', level: 'paragraph', text: 'Inserted.' },
			{ kind: 'delete', targetId: 's3' },
			{ kind: 'change_clause', targetId: 'h1', text: 'New heading' },
			{ kind: 'subamendment', parentId: 'a1', text: 'Newer.' }
		];
		expect(proposals.map((p) => p.kind)).toEqual(AMENDMENT_KINDS);
		expect(proposals.map(anchorId)).toEqual(['p5', 'p5', 's3', 'h1', null]);
		expect(proposals.map(proposedText)).toEqual(['New.', 'Inserted.', null, 'New heading', 'Newer.']);
	});

	it('AMD-1: each kind targets the blocks it can change, with one line of text', () => {
		const text: DraftText = {
			title: { id: 't', text: 'Conclusions' },
			preamble: [{ id: 'pre1', text: 'The Meeting,' }],
			body: [
				{ kind: 'heading', id: 'h1', text: 'General considerations' },
				{
					kind: 'paragraph',
					id: 'p1',
					text: 'The Office should:',
					subparagraphs: [{ id: 's1', text: 'act;' }]
				}
			],
			footnotes: [{ id: 'f1', label: '1', text: 'A note.' }],
			scheme: 'roman'
		};
		const check = (p: AmendmentProposal) => proposalProblems(p, text);
		for (const targetId of ['p1', 's1']) {
			expect(check({ kind: 'change_wording', targetId, text: 'New.' })).toEqual([]);
			expect(check({ kind: 'delete', targetId })).toEqual([]);
			expect(check({ kind: 'insert_after', afterId: targetId, level: 'subparagraph', text: 'New;' })).toEqual(
				[]
			);
		}
		for (const targetId of ['pre1', 'h1']) {
			expect(check({ kind: 'change_clause', targetId, text: 'New' })).toEqual([]);
			expect(check({ kind: 'change_wording', targetId, text: 'New' })).toEqual(['amendment.wrongTarget']);
			expect(check({ kind: 'delete', targetId })).toEqual(['amendment.wrongTarget']);
		}
		for (const afterId of ['h1', 'p1'])
			expect(check({ kind: 'insert_after', afterId, level: 'paragraph', text: 'New.' })).toEqual([]);
		expect(check({ kind: 'insert_after', afterId: 's1', level: 'paragraph', text: 'New.' })).toEqual([
			'amendment.wrongTarget'
		]);
		for (const targetId of ['t', 'f1'])
			expect(check({ kind: 'change_clause', targetId, text: 'New' })).toEqual(['amendment.wrongTarget']);
		expect(check({ kind: 'delete', targetId: 'gone' })).toEqual(['amendment.unknownTarget']);
		expect(check({ kind: 'change_wording', targetId: 'p1', text: '  ' })).toEqual(['amendment.emptyText']);
		expect(check({ kind: 'subamendment', parentId: 'a1', text: 'one\ntwo' })).toEqual([
			'amendment.multilineText'
		]);
	});

	it('AMD-2: an amendment is open while tabled, seconded or under discussion, and settled by an outcome', () => {
		expect(AMENDMENT_STATUSES.filter(isOpen)).toEqual(['tabled', 'seconded', 'under_discussion']);
		expect(AMENDMENT_STATUSES.filter(isSettled)).toEqual([
			'adopted',
			'adopted_as_subamended',
			'rejected',
			'withdrawn',
			'fell',
			'not_seconded'
		]);
	});

	it('AMD-8: codes D.1, D.2 … in order of tabling; gaps are not filled, other strings are ignored', () => {
		expect(nextCode([])).toBe('D.1');
		expect(nextCode([null, 'D.1', 'D.2'])).toBe('D.3');
		expect(nextCode(['D.3', 'D.1'])).toBe('D.4');
		expect(nextCode(['D.12', 'X.40', 'D.0', 'D.07', 'd.50', ' D.60'])).toBe('D.13');
		expect(codeNumber('D.12')).toBe(12);
		expect(codeNumber('D.1a')).toBeNull();
	});

	it('AMD-8: amendments sort by code number, never-tabled ones last', () => {
		const list = [
			{ id: 'c', code: null },
			{ id: 'b', code: 'D.10' },
			{ id: 'a', code: 'D.9' }
		];
		expect([...list].sort(compareByCode).map((a) => a.id)).toEqual(['a', 'b', 'c']);
	});

	it("AMD-9: only a single Government's amendment needs a seconder", () => {
		expect(needsSeconder({ tabledBy: KENYA_TABLER })).toBe(true);
		expect(needsSeconder({ tabledBy: COORDINATOR_TABLER })).toBe(false);
		expect(needsSeconder({ tabledBy: WORKERS_TABLER })).toBe(false);
		expect(needsSeconder({ tabledBy: null })).toBe(false);
	});
});

describe('amendment policy', () => {
	it('AMD-3: people outside the meeting do nothing with amendments', () => {
		expect(canAmend(PEOPLE.stranger, { type: 'amendment.draft', groupId: 'workers' })).toEqual({
			allowed: false,
			rule: 'AMD-3',
			reason: 'amendment.notMember'
		});
	});

	it("AMD-4: a group's drafts are its members' alone: not the other groups', the Chair's or the secretariat's", () => {
		for (const who of [PEOPLE.wkrDrafter, PEOPLE.wkrSpokesperson, PEOPLE.wkrSecretary])
			expect(canAmend(who, { type: 'amendment.draft', groupId: 'workers' })).toEqual({ allowed: true });
		for (const who of [PEOPLE.chair, PEOPLE.secretariat, PEOPLE.observer, PEOPLE.empSecretary, PEOPLE.kenya])
			expect(canAmend(who, { type: 'amendment.draft', groupId: 'workers' })).toEqual({
				allowed: false,
				rule: 'AMD-4',
				reason: 'amendment.notOwnGroup'
			});
	});

	it('AMD-7: a blank country is no country', () => {
		const blank = { ...PEOPLE.italy, country: '  ' };
		expect(
			canAmend(blank, { type: 'amendment.table', groupId: 'government', capacity: 'national' })
		).toMatchObject({
			rule: 'AMD-7',
			reason: 'amendment.noCountry'
		});
	});
});
