import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PEOPLE } from '#lib/domain/amendment-test-support.ts';
import type { DraftText } from '#lib/domain/text.ts';
import {
	amendmentsByUnit,
	baseFor,
	blocksOf,
	discussionOrder,
	parseAmendment,
	parseDraft,
	parseMerge,
	readMirror,
	referencesOf,
	stepsFor,
	tablingCapacities,
	toPositionRow,
	unitIndex
} from './live-amendments.ts';
import type { LiveAmendment } from './live-records.ts';

const TEXT: DraftText = {
	title: { id: 't', text: 'Conclusions' },
	preamble: [{ id: 'pr1', text: 'Having met in Geneva,' }],
	body: [
		{ kind: 'heading', id: 'h1', text: 'General considerations' },
		{ kind: 'paragraph', id: 'p1', text: 'The ILO matters.', subparagraphs: [] },
		{
			kind: 'paragraph',
			id: 'p2',
			text: 'The Office should:',
			subparagraphs: [
				{ id: 's1', text: 'Create a repository of agreements.' },
				{ id: 's2', text: 'Assist constituents.' }
			]
		}
	],
	footnotes: [],
	scheme: 'roman'
};

function live(overrides: Partial<LiveAmendment> & Pick<LiveAmendment, 'id'>): LiveAmendment {
	return {
		code: 'D.1',
		groupId: 'workers',
		proposal: { kind: 'change_wording', targetId: 's1', text: 'Create a public repository of agreements.' },
		justification: null,
		status: 'tabled',
		capacity: 'group',
		country: null,
		tablerId: 'u-wkr-secretary',
		tablerName: "Workers' group secretary",
		seconder: null,
		baseText: 'Create a repository of agreements.',
		...overrides
	};
}

const byId = (...list: LiveAmendment[]) => new Map(list.map((a) => [a.id, a]));

describe('reading the mirror defensively', () => {
	it('keeps a well-formed amendment as it is', () => {
		const a = live({ id: 'a1' });
		expect(parseAmendment(JSON.parse(JSON.stringify(a)))).toEqual(a);
	});

	it('leaves out what does not have the contract’s shape', () => {
		expect(parseAmendment(null)).toBeNull();
		expect(parseAmendment({ ...live({ id: 'a1' }), status: 'lost' })).toBeNull();
		expect(parseAmendment({ ...live({ id: 'a1' }), groupId: 'observers' })).toBeNull();
		expect(
			parseAmendment({ ...live({ id: 'a1' }), proposal: { kind: 'change_wording', text: 'x' } })
		).toBeNull();
		expect(parseAmendment({ ...live({ id: 'a1' }), seconder: { name: 3 } })?.seconder).toBeNull();
		expect(parseMerge({ amendmentId: 'a', unitId: 'u', conflicts: [7, null], moot: ['b', 3] })).toMatchObject(
			{
				conflicts: [],
				moot: ['b'],
				resolvedBy: null
			}
		);
	});

	it('reads a draft’s target without a wording of its own (the room holds it)', () => {
		expect(
			parseDraft({
				id: 'd1',
				target: { kind: 'insert_after', afterId: 'p1', level: 'paragraph' },
				justification: 'Why',
				createdByName: 'Worker member',
				createdAt: 5,
				code: null
			})
		).toEqual({
			id: 'd1',
			target: { kind: 'insert_after', afterId: 'p1', level: 'paragraph' },
			justification: 'Why',
			createdByName: 'Worker member',
			createdAt: 5,
			code: null
		});
		expect(parseDraft({ id: 'd1', target: { kind: 'delete' } })).toBeNull();
	});

	it('reads every region of a meeting document’s server map, skipping junk entries', () => {
		const doc = new Y.Doc();
		const server = doc.getMap<unknown>('server');
		const amendments = new Y.Map<unknown>();
		const positions = new Y.Map<unknown>();
		const order = new Y.Map<unknown>();
		server.set('amendments', amendments);
		server.set('positions', positions);
		server.set('order', order);
		server.set('structure', 2);
		amendments.set('a1', live({ id: 'a1' }));
		amendments.set('junk', { id: 'junk' });
		positions.set('amendment:a1', {
			employers: { stance: 'oppose', note: null, by: 'E', at: 1 },
			workers: { stance: 'maybe' }
		});
		order.set('p2', ['a1', 4]);
		const mirror = readMirror(server);
		expect([...mirror.amendments.keys()]).toEqual(['a1']);
		expect(mirror.positions.get('amendment:a1')).toEqual({
			employers: { stance: 'oppose', note: null, by: 'E', at: 1 }
		});
		expect(toPositionRow(mirror.positions.get('amendment:a1'))).toEqual({
			government: { stance: 'none', note: null },
			employers: { stance: 'oppose', note: null },
			workers: { stance: 'none', note: null }
		});
		expect(mirror.order.get('p2')).toEqual(['a1']);
		expect(mirror.merges.size).toBe(0);
		expect(mirror.structure).toBe(2);
	});
});

describe('amendments per unit and in order', () => {
	const units = unitIndex(TEXT);
	const a1 = live({ id: 'a1' });
	const sub = live({
		id: 'a2',
		code: 'D.2',
		groupId: 'employers',
		proposal: { kind: 'subamendment', parentId: 'a1', text: 'Create a public repository.' }
	});
	const del = live({ id: 'a3', code: 'D.3', proposal: { kind: 'delete', targetId: 's1' } });
	const intro = live({
		id: 'a4',
		code: 'D.4',
		proposal: { kind: 'change_wording', targetId: 'p2', text: 'The ILO should:' }
	});
	const all = byId(a1, sub, del, intro);

	it('counts a subparagraph’s amendments, subamendments included, for it and for its paragraph', () => {
		const byUnit = amendmentsByUnit(all, units);
		expect(byUnit.get('s1')).toEqual(['a1', 'a2', 'a3']);
		expect(byUnit.get('p2')).toEqual(['a1', 'a2', 'a3', 'a4']);
		expect(byUnit.get('s2')).toBeUndefined();
	});

	it('orders a paragraph’s amendments for discussion, then the Chair’s order over it (AMD-17 … AMD-20)', () => {
		expect(blocksOf(TEXT, 'p2').map((b) => b.id)).toEqual(['p2', 's1', 's2']);
		const ids = ['a1', 'a2', 'a3', 'a4'];
		// The intro first; in s1 the deletion departs furthest; the subamendment right before its parent.
		expect(discussionOrder('p2', ids, all, TEXT, []).map((a) => a.code)).toEqual([
			'D.4',
			'D.3',
			'D.2',
			'D.1'
		]);
		expect(discussionOrder('p2', ids, all, TEXT, ['a1', 'gone']).map((a) => a.code)).toEqual([
			'D.1',
			'D.4',
			'D.3',
			'D.2'
		]);
	});

	it('cites paragraphs and subparagraphs as people do, and nothing else', () => {
		expect([...referencesOf(TEXT)]).toEqual([
			['p1', '1'],
			['p2', '2'],
			['s1', '2(i)'],
			['s2', '2(ii)']
		]);
	});

	it('compares a wording with the target’s text, a subamendment with its parent’s wording', () => {
		expect(baseFor({ kind: 'change_wording', targetId: 's2' }, units, all)).toBe('Assist constituents.');
		expect(baseFor({ kind: 'subamendment', parentId: 'a1' }, units, all)).toBe(
			'Create a public repository of agreements.'
		);
		expect(baseFor({ kind: 'insert_after', afterId: 'p1', level: 'paragraph' }, units, all)).toBe('');
	});
});

describe('what a person is offered', () => {
	const tabled = live({ id: 'a1' });
	const all = byId(tabled);

	it('offers the Chair, the secretariat and the author their own steps only', () => {
		expect(stepsFor(PEOPLE.chair, tabled, all)).toEqual(['call', 'declareFallen']);
		expect(stepsFor(PEOPLE.secretariat, tabled, all)).toEqual(['return']);
		expect(stepsFor(PEOPLE.wkrSecretary, tabled, all)).toEqual(['withdraw']);
		expect(stepsFor(PEOPLE.empSecretary, tabled, all)).toEqual([]);
		expect(stepsFor(PEOPLE.observer, tabled, all)).toEqual([]);
	});

	it('holds the parent until its subamendments are settled (AMD-14, AMD-15)', () => {
		const parent = live({ id: 'a1', status: 'under_discussion' });
		const open = live({
			id: 'a2',
			status: 'under_discussion',
			proposal: { kind: 'subamendment', parentId: 'a1', text: 'x' }
		});
		expect(stepsFor(PEOPLE.chair, parent, byId(parent, open))).toEqual(['declareFallen']);
		const adopted = { ...open, status: 'adopted' as const };
		expect(stepsFor(PEOPLE.chair, parent, byId(parent, adopted))).toEqual([
			'adoptAsSubamended',
			'reject',
			'declareFallen'
		]);
	});

	it('asks a national amendment for a seconder from another member State; only its tabler withdraws it (AMD-9, AMD-11)', () => {
		const national = live({
			id: 'n1',
			groupId: 'government',
			capacity: 'national',
			country: 'Kenya',
			tablerId: PEOPLE.kenya.userId
		});
		const mine = byId(national);
		expect(stepsFor(PEOPLE.italy, national, mine)).toEqual(['second']);
		expect(stepsFor(PEOPLE.kenya, national, mine)).toEqual(['withdraw']);
		// Another Kenyan delegate neither seconds nor withdraws it.
		expect(stepsFor(PEOPLE.kenya2, national, mine)).toEqual([]);
		expect(stepsFor(PEOPLE.chair, national, mine)).toEqual(['declareFallen', 'declareNotSeconded']);
	});

	it('offers tabling to the group secretary, the coordinator, and a Government in its own name', () => {
		expect(tablingCapacities(PEOPLE.wkrSecretary, 'workers')).toEqual(['group']);
		expect(tablingCapacities(PEOPLE.wkrSpokesperson, 'workers')).toEqual([]);
		expect(tablingCapacities(PEOPLE.coordinator, 'government')).toEqual(['group']);
		expect(tablingCapacities(PEOPLE.kenya, 'government')).toEqual(['national']);
	});
});
