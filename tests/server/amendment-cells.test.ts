// Every role × every amendment step, through the server commands (issue 4, "each role × transition cell
// has a test"). Each cell starts from a fresh copy of the seeded demo meeting, brings an amendment to the
// one status from which the step can be taken, so that only the person decides, and then has that
// person try it. The table of who may is written out here from docs/domain.md and AMD-5 … AMD-12, not derived
// from the code under test.
import { beforeEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '#lib/server/db/index.ts';
import { amendments, events } from '#lib/server/db/schema.ts';
import { DEMO_MEETING_ID } from '#lib/server/demo/seed.ts';
import { loadDraftText } from '#lib/server/meetings/text-store.ts';
import {
	draftAmendment,
	tableAmendment,
	transitionAmendment,
	type StepAction
} from '#lib/server/amendments/commands.ts';
import type { AmendmentProposal, AmendmentStatus, Capacity } from '#lib/domain/amendment.ts';
import { refusalAsync } from '../support/refusal.ts';
import { demoCopies } from './demo-copy.ts';

const M = DEMO_MEETING_ID;
const PEOPLE = [
	'chair',
	'secretariat',
	'gov-coordinator',
	'gov-italy',
	'gov-kenya',
	'emp-spokesperson',
	'emp-secretary',
	'emp-member',
	'wkr-spokesperson',
	'wkr-secretary',
	'wkr-member',
	'observer'
] as const;
type Person = (typeof PEOPLE)[number];
const GROUP_OF: Record<Person, 'government' | 'employers' | 'workers' | null> = {
	chair: null,
	secretariat: null,
	'gov-coordinator': 'government',
	'gov-italy': 'government',
	'gov-kenya': 'government',
	'emp-spokesperson': 'employers',
	'emp-secretary': 'employers',
	'emp-member': 'employers',
	'wkr-spokesperson': 'workers',
	'wkr-secretary': 'workers',
	'wkr-member': 'workers',
	observer: null
};

const demo = demoCopies();
let db: Db;
beforeEach(() => (db = demo.db));

const u = (username: string) => demo.user(username);
function wording(): AmendmentProposal {
	const p = loadDraftText(db, M).text.body.find((b) => b.kind === 'paragraph')!;
	return { kind: 'change_wording', targetId: p.id, text: `${p.text} (amended)` };
}
async function drafted(by: string, p: AmendmentProposal = wording()) {
	return draftAmendment(db, u(by), M, { proposal: p });
}
async function tabled(drafter: string, tabler: string, capacity: Capacity = 'group', p?: AmendmentProposal) {
	const id = await drafted(drafter, p);
	await tableAmendment(db, u(tabler), M, id, capacity);
	return id;
}
const step = (who: string, id: string, type: StepAction['type']) =>
	transitionAmendment(db, u(who), M, id, { type } as StepAction);
const workersTabled = () => tabled('wkr-member', 'wkr-secretary');
const nationalTabled = () => tabled('gov-italy', 'gov-italy', 'national');
async function underDiscussion() {
	const id = await workersTabled();
	await step('chair', id, 'call');
	return id;
}

interface Cell {
	/** Brings an amendment to where the step can start; `who` is the person about to try. */
	setup: (who: Person) => Promise<string>;
	act: (who: Person, id: string) => Promise<unknown>;
	/** What the amendment's status becomes when the step is allowed. */
	to: AmendmentStatus;
	/** Who may; for everyone else, the refusal's status and key. */
	allowed: readonly Person[];
	refusal: (who: Person) => { status: number; key: string };
}

const notChair = () => ({ status: 403, key: 'amendment.notChair' });
const chairOnly = (setup: Cell['setup'], type: StepAction['type'], to: AmendmentStatus): Cell => ({
	setup,
	act: (who, id) => step(who, id, type),
	to,
	allowed: ['chair'],
	refusal: notChair
});

/** A draft of the person's own group (a Workers' draft for those in no group, which they cannot see). */
const ownDraft = (who: Person) => {
	const group = GROUP_OF[who];
	const drafter = group === 'government' ? 'gov-italy' : group === 'employers' ? 'emp-member' : 'wkr-member';
	return drafted(drafter);
};
const tablingRefusal = (capacity: Capacity) => (who: Person) => {
	const group = GROUP_OF[who];
	if (group === null) return { status: 404, key: 'amendment.notFound' };
	if (group !== 'government') return { status: 403, key: 'amendment.notGroupSecretary' };
	return capacity === 'group'
		? { status: 403, key: 'amendment.notCoordinator' }
		: { status: 403, key: 'amendment.noCountry' };
};

const CELLS: Record<string, Cell> = {
	'table for the group': {
		setup: ownDraft,
		act: (who, id) => tableAmendment(db, u(who), M, id, 'group'),
		to: 'tabled',
		allowed: ['gov-coordinator', 'emp-secretary', 'wkr-secretary'],
		refusal: tablingRefusal('group')
	},
	'table in a national capacity': {
		setup: ownDraft,
		act: (who, id) => tableAmendment(db, u(who), M, id, 'national'),
		to: 'tabled',
		allowed: ['gov-italy', 'gov-kenya'],
		refusal: tablingRefusal('national')
	},
	second: {
		setup: nationalTabled,
		act: (who, id) => step(who, id, 'second'),
		to: 'seconded',
		allowed: ['gov-kenya'],
		refusal: (who) => ({
			status: 403,
			key: who === 'gov-italy' ? 'amendment.ownAmendment' : 'amendment.notGovernment'
		})
	},
	call: chairOnly(workersTabled, 'call', 'under_discussion'),
	adopt: chairOnly(underDiscussion, 'adopt', 'adopted'),
	'adopt as subamended': chairOnly(
		async () => {
			const parent = await underDiscussion();
			const sub = await tabled('emp-member', 'emp-secretary', 'group', {
				kind: 'subamendment',
				parentId: parent,
				text: 'Shorter.'
			});
			await step('chair', sub, 'call');
			await step('chair', sub, 'adopt');
			return parent;
		},
		'adoptAsSubamended',
		'adopted_as_subamended'
	),
	reject: chairOnly(underDiscussion, 'reject', 'rejected'),
	'declare fallen': chairOnly(workersTabled, 'declareFallen', 'fell'),
	'declare not seconded': chairOnly(nationalTabled, 'declareNotSeconded', 'not_seconded'),
	'withdraw a group amendment': {
		setup: workersTabled,
		act: (who, id) => step(who, id, 'withdraw'),
		to: 'withdrawn',
		allowed: ['wkr-secretary'],
		refusal: () => ({ status: 403, key: 'amendment.notAuthor' })
	},
	'withdraw a national amendment': {
		setup: nationalTabled,
		act: (who, id) => step(who, id, 'withdraw'),
		to: 'withdrawn',
		allowed: ['gov-italy'],
		refusal: () => ({ status: 403, key: 'amendment.notAuthor' })
	},
	'return for clarification': {
		setup: workersTabled,
		act: (who, id) => step(who, id, 'return'),
		to: 'draft',
		allowed: ['secretariat'],
		refusal: () => ({ status: 403, key: 'amendment.notSecretariat' })
	}
};

const count = (t: typeof amendments | typeof events) =>
	db
		.select({ n: sql<number>`count(*)` })
		.from(t)
		.get()!.n;

describe.each(Object.entries(CELLS))('%s', (_name, cell) => {
	it.each(PEOPLE.map((p) => [p]))('by %s', async (who) => {
		const id = await cell.setup(who);
		const before = db.select().from(amendments).where(eq(amendments.id, id)).get()!;
		const eventsBefore = count(events);
		if (cell.allowed.includes(who)) {
			await cell.act(who, id);
			expect(db.select().from(amendments).where(eq(amendments.id, id)).get()?.status).toBe(cell.to);
			expect(count(events)).toBe(eventsBefore + 1);
		} else {
			expect(await refusalAsync(() => cell.act(who, id))).toEqual(cell.refusal(who));
			// Refused whole: the amendment as it was, nothing recorded.
			expect(db.select().from(amendments).where(eq(amendments.id, id)).get()).toEqual(before);
			expect(count(events)).toBe(eventsBefore);
		}
	});
});
