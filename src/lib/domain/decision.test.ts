import { describe, expect, it } from 'vitest';
import { PEOPLE, PERSON_NAMES } from './amendment-test-support.ts';
import {
	DECISIONS,
	REASON_MAX,
	chairOffers,
	decide,
	mayAdoptConclusions,
	pendingUnits,
	withBrackets,
	type Bracket,
	type DecisionAction,
	type DecisionSubject,
	type DecisionType
} from './decision.ts';
import { UNIT_STATUSES, type UnitStatus } from './status.ts';
import { NO_AMENDMENTS, type UnitAmendments } from './unit-amendments.ts';

const TEXT = 'The Office should promote fair recruitment and decent work for migrant workers.';
const unit = (
	status: UnitStatus,
	brackets: Bracket[] = [],
	kind: DecisionSubject['kind'] = 'paragraph',
	amendments: Partial<UnitAmendments> = {}
): DecisionSubject => ({
	kind,
	status,
	text: TEXT,
	brackets,
	amendments: { ...NO_AMENDMENTS, ...amendments }
});
/** A unit under discussion with these amendments to it. */
const amended = (amendments: Partial<UnitAmendments>, status: UnitStatus = 'under_discussion') =>
	unit(status, [], 'paragraph', amendments);
const at = (words: string, id = 'b1'): Bracket => {
	const start = TEXT.indexOf(words);
	return { id, start, end: start + words.length };
};
const ACTIONS: Record<DecisionType, DecisionAction> = {
	discuss: { type: 'discuss' },
	adopt: { type: 'adopt', asAmended: false },
	defer: { type: 'defer' },
	bracket: { type: 'bracket', bracket: at('fair recruitment') },
	unbracket: { type: 'unbracket', bracketId: 'b0' },
	delete: { type: 'delete' },
	reopen: { type: 'reopen', reason: 'The Employers asked to revisit the wording.' }
};
/** Where each decision leads when allowed, written out from docs/domain.md's graph (DEC-2). */
const LEADS_TO: Record<DecisionType, UnitStatus> = {
	discuss: 'under_discussion',
	adopt: 'adopted',
	defer: 'deferred',
	bracket: 'bracketed',
	unbracket: 'under_discussion',
	delete: 'deleted',
	reopen: 'under_discussion'
};

describe('who decides (DEC-1)', () => {
	it.each(PERSON_NAMES)('%s', (name) => {
		const result = decide(PEOPLE[name], unit('under_discussion'), { type: 'defer' });
		if (name === 'chair') expect(result).toMatchObject({ ok: true, status: 'deferred' });
		else
			expect(result).toEqual({
				ok: false,
				rule: 'DEC-1',
				reason: name === 'stranger' ? 'decision.notMember' : 'decision.notChair'
			});
	});
});

describe('the graph (DEC-2): every decision from every status', () => {
	const cells = (Object.keys(ACTIONS) as DecisionType[]).flatMap((type) =>
		UNIT_STATUSES.map((status) => [type, status] as const)
	);
	it.each(cells)('%s from %s', (type, status) => {
		// Unbracketing needs a bracket to take away; adopting, none left.
		const brackets = type === 'unbracket' && status === 'bracketed' ? [at('decent work', 'b0')] : [];
		const result = decide(PEOPLE.chair, unit(status, brackets), ACTIONS[type]);
		if (DECISIONS[type].includes(status)) expect(result).toMatchObject({ ok: true, status: LEADS_TO[type] });
		else expect(result).toEqual({ ok: false, rule: 'DEC-2', reason: 'decision.wrongStatus' });
	});

	it('allows exactly the starting points docs/domain.md draws', () => {
		expect(DECISIONS).toEqual({
			discuss: ['draft', 'deferred'],
			adopt: ['draft', 'under_discussion', 'deferred', 'bracketed'],
			defer: ['draft', 'under_discussion', 'bracketed'],
			bracket: ['draft', 'under_discussion', 'deferred', 'bracketed'],
			unbracket: ['bracketed'],
			delete: ['draft', 'under_discussion', 'deferred', 'bracketed'],
			reopen: ['adopted', 'adopted_as_amended', 'deleted']
		});
	});
});

describe('decisions in detail', () => {
	it('adopts as drafted or as amended (DEC-4)', () => {
		expect(
			decide(PEOPLE.chair, amended({ adopted: ['D.1'] }), { type: 'adopt', asAmended: true })
		).toMatchObject({
			ok: true,
			status: 'adopted_as_amended'
		});
	});

	it('only clauses, paragraphs and subparagraphs are decided one by one (DEC-3)', () => {
		for (const kind of ['title', 'heading', 'footnote'] as const)
			expect(decide(PEOPLE.chair, unit('draft', [], kind), ACTIONS.adopt)).toMatchObject({
				reason: 'decision.notDecidable'
			});
		for (const kind of ['preamble', 'paragraph', 'subparagraph'] as const)
			expect(decide(PEOPLE.chair, unit('draft', [], kind), ACTIONS.adopt).ok).toBe(true);
	});

	it('keeps words in brackets while the rest is agreed, and adopts only once they are settled (DEC-5, DEC-6)', () => {
		const one = decide(PEOPLE.chair, unit('under_discussion'), {
			type: 'bracket',
			bracket: at('fair recruitment')
		});
		if (!one.ok) throw new Error(one.reason);
		expect(one.status).toBe('bracketed');
		expect(withBrackets(TEXT, one.brackets)).toBe(
			'The Office should promote [fair recruitment] and decent work for migrant workers.'
		);
		const two = decide(PEOPLE.chair, unit('bracketed', one.brackets), {
			type: 'bracket',
			bracket: at('migrant workers', 'b2')
		});
		if (!two.ok) throw new Error(two.reason);
		expect(withBrackets(TEXT, two.brackets)).toBe(
			'The Office should promote [fair recruitment] and decent work for [migrant workers].'
		);
		expect(decide(PEOPLE.chair, unit('bracketed', two.brackets), ACTIONS.adopt)).toEqual({
			ok: false,
			rule: 'DEC-5',
			reason: 'decision.bracketsOpen'
		});
		const less = decide(PEOPLE.chair, unit('bracketed', two.brackets), {
			type: 'unbracket',
			bracketId: 'b1'
		});
		expect(less).toMatchObject({ ok: true, status: 'bracketed', brackets: [at('migrant workers', 'b2')] });
		const none = decide(PEOPLE.chair, unit('bracketed', [at('migrant workers', 'b2')]), {
			type: 'unbracket',
			bracketId: 'b2'
		});
		expect(none).toMatchObject({ ok: true, status: 'under_discussion', brackets: [] });
		expect(decide(PEOPLE.chair, unit('under_discussion'), ACTIONS.adopt).ok).toBe(true);
	});

	it('refuses brackets outside the text, empty, blank, overlapping or touching another (DEC-6)', () => {
		const existing = [at('fair recruitment')];
		const bad: [Bracket, string][] = [
			[{ id: 'x', start: -1, end: 3 }, 'decision.badBracket'],
			[{ id: 'x', start: 5, end: 5 }, 'decision.badBracket'],
			[{ id: 'x', start: 0, end: TEXT.length + 1 }, 'decision.badBracket'],
			[{ id: 'x', start: 1.5, end: 4 }, 'decision.badBracket'],
			[{ id: 'x', start: 3, end: 4 }, 'decision.badBracket'], // a space
			[at('recruitment and', 'x'), 'decision.overlappingBracket'],
			[{ id: 'x', start: existing[0]!.end, end: existing[0]!.end + 4 }, 'decision.overlappingBracket'],
			[{ ...at('decent'), id: 'b1' }, 'decision.overlappingBracket']
		];
		for (const [bracket, reason] of bad)
			expect(
				decide(PEOPLE.chair, unit('bracketed', existing), { type: 'bracket', bracket }),
				JSON.stringify(bracket)
			).toEqual({
				ok: false,
				rule: 'DEC-6',
				reason
			});
		expect(
			decide(PEOPLE.chair, unit('bracketed', existing), { type: 'unbracket', bracketId: 'nope' })
		).toEqual({
			ok: false,
			rule: 'DEC-6',
			reason: 'decision.unknownBracket'
		});
	});

	it('reopens a decided unit only with a reason for the record (DEC-7)', () => {
		for (const reason of ['', '   '])
			expect(decide(PEOPLE.chair, unit('adopted'), { type: 'reopen', reason })).toEqual({
				ok: false,
				rule: 'DEC-7',
				reason: 'decision.reasonRequired'
			});
		expect(
			decide(PEOPLE.chair, unit('adopted'), { type: 'reopen', reason: 'x'.repeat(REASON_MAX + 1) })
		).toMatchObject({
			reason: 'decision.reasonTooLong'
		});
		expect(decide(PEOPLE.chair, unit('deleted'), ACTIONS.reopen)).toMatchObject({
			ok: true,
			status: 'under_discussion'
		});
	});

	it('deleting takes the brackets with the words', () => {
		expect(decide(PEOPLE.chair, unit('bracketed', [at('fair recruitment')]), ACTIONS.delete)).toEqual({
			ok: true,
			status: 'deleted',
			brackets: []
		});
	});
});

describe('the conclusions as a whole (CON-1, CON-2)', () => {
	const decided = [
		{ kind: 'title' as const, status: 'draft' as const },
		{ kind: 'preamble' as const, status: 'adopted' as const },
		{ kind: 'heading' as const, status: 'draft' as const },
		{ kind: 'paragraph' as const, status: 'adopted_as_amended' as const },
		{ kind: 'subparagraph' as const, status: 'deleted' as const }
	];

	it('are put to the meeting once every clause, paragraph and subparagraph is decided', () => {
		expect(mayAdoptConclusions(PEOPLE.chair, decided, false)).toEqual({ ok: true });
		const withPending = [...decided, { kind: 'subparagraph' as const, status: 'bracketed' as const }];
		expect(pendingUnits(withPending)).toEqual([5]);
		expect(mayAdoptConclusions(PEOPLE.chair, withPending, false)).toEqual({
			ok: false,
			rule: 'CON-1',
			reason: 'conclusions.pending',
			pending: [5]
		});
		expect(mayAdoptConclusions(PEOPLE.chair, [], false)).toMatchObject({ reason: 'conclusions.empty' });
		expect(mayAdoptConclusions(PEOPLE.wkrSpokesperson, decided, false)).toMatchObject({
			reason: 'decision.notChair'
		});
	});

	it('once adopted, nothing moves: not a decision, not a reopening', () => {
		expect(mayAdoptConclusions(PEOPLE.chair, decided, true)).toMatchObject({ rule: 'CON-2' });
		expect(decide(PEOPLE.chair, unit('adopted'), ACTIONS.reopen, true)).toEqual({
			ok: false,
			rule: 'CON-2',
			reason: 'decision.conclusionsAdopted'
		});
	});
});

describe('adopting says what happened (DEC-9 … DEC-11)', () => {
	const asAmended: DecisionAction = { type: 'adopt', asAmended: true };
	const asDrafted: DecisionAction = { type: 'adopt', asAmended: false };

	it('DEC-10: "as amended" only where an amendment to it was adopted, "as drafted" only where none was', () => {
		expect(decide(PEOPLE.chair, amended({}), asAmended)).toEqual({
			ok: false,
			rule: 'DEC-10',
			reason: 'decision.notAmended'
		});
		expect(decide(PEOPLE.chair, amended({}), asDrafted)).toMatchObject({ ok: true, status: 'adopted' });
		expect(decide(PEOPLE.chair, amended({ adopted: ['D.1', 'D.4'] }), asDrafted)).toEqual({
			ok: false,
			rule: 'DEC-10',
			reason: 'decision.wasAmended',
			amendments: ['D.1', 'D.4']
		});
		expect(decide(PEOPLE.chair, amended({ adopted: ['D.1'] }), asAmended)).toMatchObject({
			ok: true,
			status: 'adopted_as_amended'
		});
	});

	it('DEC-9: not while amendments to it are open, whichever way; the refusal names them', () => {
		for (const action of [asAmended, asDrafted])
			expect(decide(PEOPLE.chair, amended({ open: ['D.2', 'D.3'], adopted: ['D.1'] }), action)).toEqual({
				ok: false,
				rule: 'DEC-9',
				reason: 'decision.openAmendments',
				amendments: ['D.2', 'D.3']
			});
		// Deferring or deleting a paragraph with amendments open is the Chair's to do.
		expect(decide(PEOPLE.chair, amended({ open: ['D.2'] }), { type: 'defer' }).ok).toBe(true);
	});

	it('DEC-11: not while the change of an adopted amendment waits for the secretariat to resolve a conflict', () => {
		for (const action of [asAmended, asDrafted])
			expect(decide(PEOPLE.chair, amended({ adopted: ['D.1'], unresolved: ['D.1'] }), action)).toEqual({
				ok: false,
				rule: 'DEC-11',
				reason: 'decision.unresolvedConflict',
				amendments: ['D.1']
			});
	});

	it('square brackets are settled first (DEC-5 before DEC-9)', () => {
		const held = unit('bracketed', [at('fair recruitment')], 'paragraph', { open: ['D.2'] });
		expect(decide(PEOPLE.chair, held, asDrafted)).toMatchObject({ rule: 'DEC-5' });
	});
});

describe("what the Chair's console offers is what decide() allows (DEC-9 … DEC-11, CON-3)", () => {
	it('one way of adopting at a time, with the reason for the other', () => {
		const plain = chairOffers(PEOPLE.chair, amended({}), false);
		expect(plain.move).toEqual({ ok: true });
		expect(plain.decisions.adopt).toEqual({ ok: true });
		expect(plain.decisions.adoptAsAmended).toEqual({
			ok: false,
			rule: 'DEC-10',
			reason: 'decision.notAmended'
		});
		const changed = chairOffers(PEOPLE.chair, amended({ adopted: ['D.1'] }), false);
		expect(changed.decisions.adopt).toMatchObject({ ok: false, reason: 'decision.wasAmended' });
		expect(changed.decisions.adoptAsAmended).toEqual({ ok: true });
		const open = chairOffers(PEOPLE.chair, amended({ open: ['D.2'] }), false);
		expect(open.decisions.adopt).toMatchObject({ ok: false, rule: 'DEC-9', amendments: ['D.2'] });
		expect(open.decisions.adoptAsAmended).toMatchObject({ ok: false, rule: 'DEC-9' });
		expect(open.decisions.defer).toEqual({ ok: true });
		expect(open.decisions.reopen).toMatchObject({ ok: false, rule: 'DEC-2' });
	});

	it('follows the graph (DEC-2) for every other decision, as decide() does', () => {
		for (const status of UNIT_STATUSES) {
			const offers = chairOffers(PEOPLE.chair, unit(status), false).decisions;
			for (const type of ['defer', 'bracket', 'unbracket', 'delete', 'reopen'] as const)
				expect(offers[type].ok, `${type} from ${status}`).toBe(DECISIONS[type].includes(status));
		}
	});

	it('offers nothing to anyone but the Chair', () => {
		const offers = chairOffers(PEOPLE.secretariat, amended({}), false);
		expect(offers.move).toMatchObject({ ok: false, rule: 'DEC-1' });
		expect(Object.values(offers.decisions).every((o) => !o.ok)).toBe(true);
	});

	it('once the conclusions are adopted, offers nothing at all: no decision, no reopening, no moving on', () => {
		for (const status of UNIT_STATUSES) {
			const offers = chairOffers(PEOPLE.chair, unit(status, [], 'paragraph', { adopted: ['D.1'] }), true);
			expect(offers.move).toEqual({ ok: false, rule: 'CON-3', reason: 'decision.conclusionsAdopted' });
			for (const [type, offer] of Object.entries(offers.decisions))
				expect(offer, `${type} from ${status}`).toMatchObject({
					ok: false,
					reason: 'decision.conclusionsAdopted'
				});
		}
		expect(chairOffers(PEOPLE.chair, null, true).move).toMatchObject({ ok: false, rule: 'CON-3' });
	});
});
