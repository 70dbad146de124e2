import { describe, expect, it } from 'vitest';
import type { AmendmentProposal, AmendmentStatus } from './amendment.ts';
import { doc, importOk } from './test-support.ts';
import {
	amendmentStanding,
	changesDecidedUnit,
	conflictPending,
	unitAmendments,
	unitsChangedBy,
	type AmendmentOnText,
	type MergeOnText
} from './unit-amendments.ts';

// id2 preamble clause; id4 paragraph 1; id5 paragraph 2 with id6 = 2(i) and id7 = 2(ii); id8 paragraph 3.
const { text } = importOk(
	doc(
		'Conclusions',
		'The Meeting,',
		'Adopts the following conclusions:',
		'1. First paragraph.',
		'2. The Office should:',
		'(i) do one thing;',
		'(ii) do another.',
		'3. Third.'
	)
);

let n = 0;
function a(status: AmendmentStatus, proposal: AmendmentProposal, code = `D.${++n}`): AmendmentOnText {
	return { id: `a-${code}`, code, status, proposal };
}
const wording = (targetId: string): AmendmentProposal => ({ kind: 'change_wording', targetId, text: 'New.' });

describe('what the amendments say about a unit at its adoption (DEC-9 … DEC-11)', () => {
	it('a paragraph answers for its own amendments and its subparagraphs’, open, adopted or conflicting', () => {
		const all = [
			a('tabled', wording('id6'), 'D.1'),
			a('under_discussion', wording('id5'), 'D.2'),
			a('adopted', wording('id7'), 'D.3'),
			a('adopted_as_subamended', { kind: 'delete', targetId: 'id6' }, 'D.4'),
			a('rejected', wording('id5'), 'D.5'),
			a('seconded', wording('id4'), 'D.6'),
			a('draft', wording('id5'), 'D.7'),
			a('tabled', { kind: 'subamendment', parentId: 'a-D.1', text: 'Sub.' }, 'D.8'),
			a('adopted', { kind: 'insert_after', afterId: 'id7', level: 'subparagraph', text: 'New one.' }, 'D.9'),
			a('adopted', { kind: 'insert_after', afterId: 'id5', level: 'paragraph', text: 'New para.' }, 'D.10')
		];
		const merges: MergeOnText[] = [
			{ amendmentId: 'a-D.3', unitId: 'id7', conflicts: [{}], resolved: false },
			{ amendmentId: 'a-D.4', unitId: 'id6', conflicts: [], resolved: false }
		];
		// D.10 adds a paragraph after 2: it does not change paragraph 2's words; D.7 is a group's draft.
		expect(unitAmendments(text, 'id5', all, merges)).toEqual({
			open: ['D.1', 'D.2', 'D.8'],
			adopted: ['D.3', 'D.4', 'D.9'],
			unresolved: ['D.3']
		});
		// A subparagraph answers for its own only.
		expect(unitAmendments(text, 'id6', all, merges)).toEqual({
			open: ['D.1', 'D.8'],
			adopted: ['D.4'],
			unresolved: []
		});
		expect(unitAmendments(text, 'id7', all, merges)).toEqual({
			open: [],
			adopted: ['D.3'],
			unresolved: ['D.3']
		});
		expect(unitAmendments(text, 'id4', all, merges)).toEqual({ open: ['D.6'], adopted: [], unresolved: [] });
		expect(unitAmendments(text, 'id8', all, merges)).toEqual({ open: [], adopted: [], unresolved: [] });
	});

	it('a preambular paragraph answers for the changes to its clause', () => {
		const all = [
			a('adopted', { kind: 'change_clause', targetId: 'id2', text: 'The Meeting, meeting,' }, 'D.1'),
			a('tabled', { kind: 'change_clause', targetId: 'id3', text: 'Adopts:' }, 'D.2')
		];
		expect(unitAmendments(text, 'id2', all, [])).toEqual({ open: [], adopted: ['D.1'], unresolved: [] });
		expect(unitAmendments(text, 'id3', all, [])).toEqual({ open: ['D.2'], adopted: [], unresolved: [] });
	});

	it('a conflict once resolved no longer holds the paragraph back', () => {
		const all = [a('adopted', wording('id4'), 'D.1')];
		const merge: MergeOnText = { amendmentId: 'a-D.1', unitId: 'id4', conflicts: [{}], resolved: true };
		expect(unitAmendments(text, 'id4', all, [merge])).toEqual({ open: [], adopted: ['D.1'], unresolved: [] });
	});
});

describe('an adopted amendment whose change is not all in the text does not read as plainly adopted (AMD-22)', () => {
	it('reads as adopted with a conflict until the secretariat resolves it', () => {
		const conflict = { conflicts: [{}], resolved: false };
		expect(conflictPending(conflict)).toBe(true);
		expect(amendmentStanding('adopted', conflict)).toBe('adopted_conflict');
		expect(amendmentStanding('adopted_as_subamended', conflict)).toBe('adopted_as_subamended_conflict');
		expect(amendmentStanding('adopted', { ...conflict, resolved: true })).toBe('adopted');
		expect(amendmentStanding('adopted', { conflicts: [], resolved: false })).toBe('adopted');
		expect(amendmentStanding('adopted', undefined)).toBe('adopted');
		expect(amendmentStanding('tabled', undefined)).toBe('tabled');
	});
});

describe('an adoption does not change a decided unit behind its decision (AMD-23)', () => {
	it('knows which units an amendment changes: its target, a subparagraph’s paragraph, a new subparagraph’s paragraph', () => {
		expect(unitsChangedBy(text, wording('id6'))).toEqual(['id6', 'id5']);
		expect(unitsChangedBy(text, wording('id5'))).toEqual(['id5']);
		expect(unitsChangedBy(text, { kind: 'delete', targetId: 'id7' })).toEqual(['id7', 'id5']);
		expect(unitsChangedBy(text, { kind: 'change_clause', targetId: 'id2', text: 'The Meeting:' })).toEqual([
			'id2'
		]);
		const after = (afterId: string, level: 'paragraph' | 'subparagraph'): AmendmentProposal => ({
			kind: 'insert_after',
			afterId,
			level,
			text: 'New.'
		});
		expect(unitsChangedBy(text, after('id7', 'subparagraph'))).toEqual(['id5']);
		expect(unitsChangedBy(text, after('id5', 'subparagraph'))).toEqual(['id5']);
		expect(unitsChangedBy(text, after('id5', 'paragraph'))).toEqual([]);
		expect(unitsChangedBy(text, { kind: 'subamendment', parentId: 'x', text: 'Sub.' })).toEqual([]);
	});

	it('refuses where one of them is adopted or deleted, not where it is only deferred or bracketed', () => {
		expect(changesDecidedUnit(text, { id5: 'adopted' }, wording('id6'))).toBe(true);
		expect(changesDecidedUnit(text, { id6: 'deleted' }, wording('id6'))).toBe(true);
		expect(changesDecidedUnit(text, { id4: 'adopted_as_amended' }, wording('id4'))).toBe(true);
		expect(changesDecidedUnit(text, { id5: 'deferred', id6: 'bracketed' }, wording('id6'))).toBe(false);
		expect(
			changesDecidedUnit(
				text,
				{ id5: 'adopted' },
				{ kind: 'insert_after', afterId: 'id5', level: 'paragraph', text: 'New.' }
			)
		).toBe(false);
	});
});
