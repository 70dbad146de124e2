import { describe, expect, it } from 'vitest';
import { AMENDMENT_STATUSES, type Amendment } from './amendment.ts';
import {
	TRANSITION_TYPES,
	TRANSITIONS,
	transition,
	type LifecycleReason,
	type TransitionAction,
	type TransitionContext,
	type TransitionType
} from './amendment-lifecycle.ts';
import {
	COORDINATOR_TABLER,
	KENYA_TABLER,
	PEOPLE,
	PERSON_NAMES,
	WORKERS_TABLER,
	amendment,
	type PersonName
} from './amendment-test-support.ts';

type Cell = 'ok' | readonly [rule: string, reason: LifecycleReason];
type Row = Record<PersonName, Cell>;

/** A row where `allowed` may and everyone else is refused with `denied`, unless `except` says otherwise. */
function row(allowed: PersonName[], denied: Cell, except: Partial<Row> = {}): Row {
	const out = {} as Row;
	for (const name of PERSON_NAMES)
		out[name] =
			name === 'stranger' ? ['AMD-3', 'amendment.notMember'] : allowed.includes(name) ? 'ok' : denied;
	return { ...out, ...except };
}

const OUTSIDERS: Partial<Row> = {
	chair: ['AMD-5', 'amendment.cannotTable'],
	secretariat: ['AMD-5', 'amendment.cannotTable'],
	observer: ['AMD-5', 'amendment.cannotTable']
};
const NOT_OWN: Cell = ['AMD-4', 'amendment.notOwnGroup'];
const NOT_CHAIR: Cell = ['AMD-10', 'amendment.notChair'];
const NOT_GOV: Cell = ['AMD-9', 'amendment.notGovernment'];
const NOT_AUTHOR: Cell = ['AMD-11', 'amendment.notAuthor'];
const workersSide = (cell: Cell): Partial<Row> => ({
	wkrSecretary: cell,
	wkrSpokesperson: cell,
	wkrDrafter: cell
});
interface Scenario {
	name: string;
	/** The rule that says who may take the step. */
	rule: string;
	amendment: Amendment;
	action: TransitionAction;
	context: TransitionContext;
	expected: Row;
}

const none: TransitionContext = { amendments: [] };
const workersDraft = amendment({ groupId: 'workers' });
const governmentDraft = amendment({ groupId: 'government' });
const tabled = (a: Partial<Amendment>) => amendment({ code: 'D.1', status: 'tabled', ...a });
const kenyaTabled = tabled({ groupId: 'government', tabledBy: KENYA_TABLER });
const kenyaSeconded = { ...kenyaTabled, status: 'seconded' as const };
const underDiscussion = tabled({ status: 'under_discussion', tabledBy: WORKERS_TABLER });
const adoptedSub = amendment({
	id: 's1',
	code: 'D.2',
	groupId: 'employers',
	status: 'adopted',
	proposal: { kind: 'subamendment', parentId: 'a1', text: 'Other wording.' }
});

/** Every role (one participant of each kind, and a stranger) against every transition: AMD-3 … AMD-12. */
const SCENARIOS: Scenario[] = [
	{
		name: 'table a Workers amendment on behalf of the group',
		rule: 'AMD-6',
		amendment: workersDraft,
		action: { type: 'table', capacity: 'group' },
		context: none,
		expected: row(['wkrSecretary'], NOT_OWN, {
			...OUTSIDERS,
			wkrSpokesperson: ['AMD-6', 'amendment.notGroupSecretary'],
			wkrDrafter: ['AMD-6', 'amendment.notGroupSecretary']
		})
	},
	{
		name: 'table an Employers amendment on behalf of the group',
		rule: 'AMD-6',
		amendment: amendment({ groupId: 'employers' }),
		action: { type: 'table', capacity: 'group' },
		context: none,
		expected: row(['empSecretary'], NOT_OWN, {
			...OUTSIDERS,
			empViceChair: ['AMD-6', 'amendment.notGroupSecretary']
		})
	},
	{
		name: 'table a Workers amendment in a national capacity',
		rule: 'AMD-6',
		amendment: workersDraft,
		action: { type: 'table', capacity: 'national' },
		context: none,
		expected: row([], NOT_OWN, { ...OUTSIDERS, ...workersSide(['AMD-6', 'amendment.notGroupSecretary']) })
	},
	{
		name: 'table a Government amendment on behalf of the group',
		rule: 'AMD-7',
		amendment: governmentDraft,
		action: { type: 'table', capacity: 'group' },
		context: none,
		expected: row(['coordinator'], NOT_OWN, {
			...OUTSIDERS,
			govSpokesperson: ['AMD-7', 'amendment.notCoordinator'],
			kenya: ['AMD-7', 'amendment.notCoordinator'],
			kenya2: ['AMD-7', 'amendment.notCoordinator'],
			italy: ['AMD-7', 'amendment.notCoordinator']
		})
	},
	{
		name: 'table a Government amendment in a national capacity',
		rule: 'AMD-7',
		amendment: governmentDraft,
		action: { type: 'table', capacity: 'national' },
		context: none,
		expected: row(['kenya', 'kenya2', 'italy'], NOT_OWN, {
			...OUTSIDERS,
			coordinator: ['AMD-7', 'amendment.noCountry'],
			govSpokesperson: ['AMD-7', 'amendment.noCountry']
		})
	},
	{
		name: "second Kenya's amendment",
		rule: 'AMD-9',
		amendment: kenyaTabled,
		action: { type: 'second' },
		context: none,
		expected: row(['italy'], NOT_GOV, {
			kenya: ['AMD-9', 'amendment.ownAmendment'],
			kenya2: ['AMD-9', 'amendment.sameCountry']
		})
	},
	{
		name: 'call a seconded amendment for discussion',
		rule: 'AMD-10',
		amendment: kenyaSeconded,
		action: { type: 'call' },
		context: none,
		expected: row(['chair'], NOT_CHAIR)
	},
	{
		name: 'adopt',
		rule: 'AMD-10',
		amendment: underDiscussion,
		action: { type: 'adopt' },
		context: none,
		expected: row(['chair'], NOT_CHAIR)
	},
	{
		name: 'adopt as subamended',
		rule: 'AMD-10',
		amendment: underDiscussion,
		action: { type: 'adoptAsSubamended' },
		context: { amendments: [adoptedSub] },
		expected: row(['chair'], NOT_CHAIR)
	},
	{
		name: 'reject',
		rule: 'AMD-10',
		amendment: underDiscussion,
		action: { type: 'reject' },
		context: none,
		expected: row(['chair'], NOT_CHAIR)
	},
	{
		name: 'declare fallen',
		rule: 'AMD-10',
		amendment: underDiscussion,
		action: { type: 'declareFallen' },
		context: none,
		expected: row(['chair'], NOT_CHAIR)
	},
	{
		name: 'declare not seconded',
		rule: 'AMD-10',
		amendment: kenyaTabled,
		action: { type: 'declareNotSeconded' },
		context: none,
		expected: row(['chair'], NOT_CHAIR)
	},
	{
		name: 'withdraw a Workers group amendment',
		rule: 'AMD-11',
		amendment: underDiscussion,
		action: { type: 'withdraw' },
		context: none,
		expected: row(['wkrSecretary'], NOT_AUTHOR)
	},
	{
		name: 'withdraw a Government group amendment',
		rule: 'AMD-11',
		amendment: tabled({ groupId: 'government', tabledBy: COORDINATOR_TABLER }),
		action: { type: 'withdraw' },
		context: none,
		expected: row(['coordinator'], NOT_AUTHOR)
	},
	{
		name: "withdraw Kenya's national amendment",
		rule: 'AMD-11',
		amendment: kenyaSeconded,
		action: { type: 'withdraw' },
		context: none,
		expected: row(['kenya'], NOT_AUTHOR)
	},
	{
		name: 'return a tabled amendment for clarification',
		rule: 'AMD-12',
		amendment: tabled({ tabledBy: WORKERS_TABLER }),
		action: { type: 'return' },
		context: none,
		expected: row(['secretariat'], ['AMD-12', 'amendment.notSecretariat'])
	}
];

function outcome(s: Scenario, who: PersonName, a: Amendment = s.amendment): Cell {
	const r = transition(a, s.action, PEOPLE[who], s.context);
	return r.ok ? 'ok' : [r.rule, r.reason];
}

describe('amendment lifecycle: every role against every transition', () => {
	it('AMD-2: the table covers every transition', () => {
		expect(new Set(SCENARIOS.map((s) => s.action.type))).toEqual(new Set(TRANSITION_TYPES));
	});

	for (const s of SCENARIOS)
		for (const who of PERSON_NAMES) {
			const cell = s.expected[who];
			const title =
				cell === 'ok'
					? `${s.rule}: ${s.name} — ${who} may`
					: `${cell[0]}: ${s.name} — ${who} may not (${cell[1]})`;
			it(title, () => {
				expect(outcome(s, who)).toEqual(cell);
			});
		}
});

describe('amendment lifecycle: statuses', () => {
	const expectedGraph: Record<TransitionType, string> = {
		table: 'draft → tabled',
		second: 'tabled → seconded',
		call: 'tabled, seconded → under_discussion',
		adopt: 'under_discussion → adopted',
		adoptAsSubamended: 'under_discussion → adopted_as_subamended',
		reject: 'under_discussion → rejected',
		withdraw: 'tabled, seconded, under_discussion → withdrawn',
		declareFallen: 'tabled, seconded, under_discussion → fell',
		declareNotSeconded: 'tabled → not_seconded',
		return: 'tabled, seconded → draft'
	};

	it('AMD-2: the lifecycle graph', () => {
		for (const type of TRANSITION_TYPES)
			expect(`${TRANSITIONS[type].from.join(', ')} → ${TRANSITIONS[type].to}`).toBe(expectedGraph[type]);
	});

	for (const s of SCENARIOS) {
		const who = PERSON_NAMES.find((name) => s.expected[name] === 'ok');
		if (!who) continue;
		it(`AMD-2: ${s.name} only from ${TRANSITIONS[s.action.type].from.join(', ')}`, () => {
			for (const status of AMENDMENT_STATUSES) {
				const cell = outcome(s, who, { ...s.amendment, status });
				if (TRANSITIONS[s.action.type].from.includes(status))
					expect(cell, status).not.toEqual(['AMD-2', 'amendment.wrongStatus']);
				else expect(cell, status).toEqual(['AMD-2', 'amendment.wrongStatus']);
			}
		});
	}

	it('AMD-2: a successful step leads to its status and leaves the input alone', () => {
		const input = Object.freeze(underDiscussion);
		const r = transition(input, { type: 'adopt' }, PEOPLE.chair, none);
		expect(r).toEqual({ ok: true, amendment: { ...underDiscussion, status: 'adopted' } });
		expect(input.status).toBe('under_discussion');
	});
});

describe('amendment lifecycle: tabling and codes', () => {
	it('AMD-8: tabling gives the next code and records who tabled, in which capacity', () => {
		const others = [tabled({ id: 'x', code: 'D.1' }), tabled({ id: 'y', code: 'D.7' })];
		const r = transition(governmentDraft, { type: 'table', capacity: 'national' }, PEOPLE.kenya, {
			amendments: others
		});
		expect(r).toMatchObject({
			ok: true,
			amendment: { status: 'tabled', code: 'D.8', tabledBy: KENYA_TABLER }
		});
		const g = transition(governmentDraft, { type: 'table', capacity: 'group' }, PEOPLE.coordinator, none);
		expect(g).toMatchObject({ ok: true, amendment: { code: 'D.1', tabledBy: COORDINATOR_TABLER } });
	});

	it('AMD-12: returned for clarification, an amendment goes back to draft, keeps its code, loses its seconder', () => {
		const seconded = { ...kenyaSeconded, secondedBy: { userId: 'italy', country: 'Italy' } };
		const r = transition(seconded, { type: 'return' }, PEOPLE.secretariat, none);
		expect(r).toMatchObject({ ok: true, amendment: { status: 'draft', code: 'D.1', secondedBy: null } });
		if (!r.ok) return;
		const again = transition(r.amendment, { type: 'table', capacity: 'national' }, PEOPLE.kenya, {
			amendments: [r.amendment, tabled({ id: 'z', code: 'D.2' })]
		});
		expect(again).toMatchObject({ ok: true, amendment: { status: 'tabled', code: 'D.1' } });
	});
});

describe('amendment lifecycle: seconding', () => {
	it('AMD-9: seconding records the seconder', () => {
		const r = transition(kenyaTabled, { type: 'second' }, PEOPLE.italy, none);
		expect(r).toMatchObject({
			ok: true,
			amendment: { status: 'seconded', secondedBy: { userId: 'italy', country: 'Italy' } }
		});
	});

	it("AMD-9: a single Government's amendment is not discussed before it is seconded", () => {
		expect(transition(kenyaTabled, { type: 'call' }, PEOPLE.chair, none)).toEqual({
			ok: false,
			rule: 'AMD-9',
			reason: 'amendment.needsSeconder'
		});
		expect(transition(kenyaSeconded, { type: 'call' }, PEOPLE.chair, none).ok).toBe(true);
	});

	it("AMD-9: a group's amendment needs no seconder: it is called at once and cannot be seconded or not seconded", () => {
		const group = tabled({ groupId: 'government', tabledBy: COORDINATOR_TABLER });
		expect(transition(group, { type: 'call' }, PEOPLE.chair, none)).toMatchObject({
			ok: true,
			amendment: { status: 'under_discussion' }
		});
		expect(transition(group, { type: 'second' }, PEOPLE.italy, none)).toMatchObject({
			rule: 'AMD-9',
			reason: 'amendment.noSeconderNeeded'
		});
		expect(transition(group, { type: 'declareNotSeconded' }, PEOPLE.chair, none)).toMatchObject({
			rule: 'AMD-9',
			reason: 'amendment.noSeconderNeeded'
		});
	});
});

describe('amendment lifecycle: subamendments', () => {
	const parent = underDiscussion;
	const sub = (status: Amendment['status'], id = 's1') =>
		amendment({
			id,
			groupId: 'employers',
			code: status === 'draft' ? null : 'D.2',
			status,
			proposal: { kind: 'subamendment', parentId: 'a1', text: 'Other wording.' }
		});

	it('AMD-13: a subamendment is tabled only to an open amendment', () => {
		const draft = sub('draft');
		const table = (parentStatus: Amendment['status'] | null) =>
			transition(draft, { type: 'table', capacity: 'group' }, PEOPLE.empSecretary, {
				amendments: parentStatus ? [{ ...parent, status: parentStatus }] : []
			});
		expect(table('tabled')).toMatchObject({ ok: true, amendment: { code: 'D.2' } });
		expect(table('under_discussion').ok).toBe(true);
		for (const status of ['draft', 'adopted', 'withdrawn', null] as const)
			expect(table(status)).toMatchObject({ rule: 'AMD-13', reason: 'amendment.parentNotOpen' });
	});

	it('AMD-14: an amendment is not adopted or rejected while a subamendment is open', () => {
		for (const type of ['adopt', 'adoptAsSubamended', 'reject'] as const)
			for (const status of ['tabled', 'seconded', 'under_discussion'] as const)
				expect(
					transition(parent, { type }, PEOPLE.chair, { amendments: [sub(status), sub('adopted', 's2')] })
				).toMatchObject({ rule: 'AMD-14', reason: 'amendment.openSubamendments' });
		expect(transition(parent, { type: 'adopt' }, PEOPLE.chair, { amendments: [sub('draft')] }).ok).toBe(true);
		expect(transition(parent, { type: 'reject' }, PEOPLE.chair, { amendments: [sub('rejected')] }).ok).toBe(
			true
		);
	});

	it('AMD-14: withdrawing or declaring fallen is not held up by open subamendments', () => {
		const context = { amendments: [sub('under_discussion')] };
		expect(transition(parent, { type: 'withdraw' }, PEOPLE.wkrSecretary, context).ok).toBe(true);
		expect(transition(parent, { type: 'declareFallen' }, PEOPLE.chair, context).ok).toBe(true);
	});

	it('AMD-15: "adopted as subamended" needs an adopted subamendment, and then plain "adopted" is refused', () => {
		expect(transition(parent, { type: 'adoptAsSubamended' }, PEOPLE.chair, none)).toEqual({
			ok: false,
			rule: 'AMD-15',
			reason: 'amendment.noAdoptedSubamendment'
		});
		expect(
			transition(parent, { type: 'adoptAsSubamended' }, PEOPLE.chair, { amendments: [sub('rejected')] })
		).toMatchObject({ rule: 'AMD-15' });
		const context = { amendments: [sub('adopted')] };
		expect(transition(parent, { type: 'adopt' }, PEOPLE.chair, context)).toEqual({
			ok: false,
			rule: 'AMD-15',
			reason: 'amendment.wasSubamended'
		});
		expect(transition(parent, { type: 'adoptAsSubamended' }, PEOPLE.chair, context)).toMatchObject({
			ok: true,
			amendment: { status: 'adopted_as_subamended' }
		});
	});
});
