import { beforeEach, describe, expect, it } from 'vitest';
import { asc, eq, sql } from 'drizzle-orm';
import { openDatabase, type Db } from '#lib/server/db/index.ts';
import {
	amendmentMerges,
	amendmentOrders,
	amendments,
	collabSnapshots,
	collabUpdates,
	events,
	positions,
	textUnits,
	users
} from '#lib/server/db/schema.ts';
import { DEMO_MEETING_ID, demoText } from '#lib/server/demo/seed.ts';
import { importDraft } from '#lib/server/meetings/commands.ts';
import { parsePlainText } from '#lib/domain/import-text.ts';
import { loadDraftText } from '#lib/server/meetings/text-store.ts';
import {
	draftAmendment,
	reorderAmendments,
	resolveMerge,
	tableAmendment,
	transitionAmendment
} from '#lib/server/amendments/commands.ts';
import { setPosition } from '#lib/server/amendments/positions.ts';
import { listAmendments, positionHistory, positionsGrid } from '#lib/server/amendments/queries.ts';
import type { AmendmentProposal, Capacity } from '#lib/domain/amendment.ts';
import { referenceOf } from '#lib/domain/numbering.ts';
import { demoCopies } from './demo-copy.ts';
import { refusalAsync } from '../support/refusal.ts';

const M = DEMO_MEETING_ID;

// Seeding hashes twelve passwords (slow by design): seed once, copy the file for each test.
const demo = demoCopies();
let db: Db;
beforeEach(() => (db = demo.db));

const u = (username: string) => demo.user(username);

function paragraphIds(): string[] {
	return loadDraftText(db, M)
		.text.body.filter((b) => b.kind === 'paragraph')
		.map((b) => b.id);
}
function wording(n = 0, text = 'New wording of the paragraph.'): AmendmentProposal {
	return { kind: 'change_wording', targetId: paragraphIds()[n]!, text };
}

function counts() {
	const n = (t: typeof amendments | typeof events | typeof positions) =>
		db
			.select({ n: sql<number>`count(*)` })
			.from(t)
			.get()!.n;
	return { amendments: n(amendments), events: n(events), positions: n(positions) };
}
function eventsAfter(seq: number) {
	return db
		.select({ type: events.type, payload: events.payload, actorUserId: events.actorUserId })
		.from(events)
		.where(sql`${events.seq} > ${seq}`)
		.orderBy(asc(events.seq))
		.all();
}
function lastSeq(): number {
	return db
		.select({ s: sql<number>`coalesce(max(seq), 0)` })
		.from(events)
		.get()!.s;
}
/** Runs a refused command and checks it changed nothing. */
async function refusedCleanly(fn: () => Promise<unknown>): Promise<{ status: number; key: string }> {
	const before = counts();
	const snapshot = db.select().from(amendments).all();
	const r = await refusalAsync(fn);
	expect(counts()).toEqual(before);
	expect(db.select().from(amendments).all()).toEqual(snapshot);
	return r;
}
/** Runs a command that must append exactly one event, of the given type. */
async function oneEvent<T>(
	type: string,
	fn: () => Promise<T>
): Promise<{ result: T; payload: Record<string, unknown> }> {
	const seq = lastSeq();
	const result = await fn();
	const after = eventsAfter(seq);
	expect(after.map((e) => e.type)).toEqual([type]);
	return { result, payload: after[0]!.payload };
}

function drafted(username: string, p: AmendmentProposal = wording()): Promise<string> {
	return draftAmendment(db, u(username), M, { proposal: p, justification: 'Because.' });
}
async function tabled(
	username: string,
	capacity: Capacity = 'group',
	p?: AmendmentProposal
): Promise<string> {
	const id = await drafted(username, p);
	await tableAmendment(db, u(username), M, id, capacity);
	return id;
}
function statusOf(id: string) {
	return db.select().from(amendments).where(eq(amendments.id, id)).get()!;
}

describe('drafting', () => {
	it('creates a draft in the actor’s group room, with one event that does not reveal the wording', async () => {
		const { result: id, payload } = await oneEvent('amendment.drafted', () => drafted('wkr-member'));
		expect(statusOf(id)).toMatchObject({ status: 'draft', groupId: 'workers', code: null, tabledBy: null });
		expect(payload).toEqual({ amendmentId: id, groupId: 'workers', kind: 'change_wording' });
	});

	it('is refused to people in no group, outsiders, and for proposals that do not fit the text', async () => {
		expect(await refusedCleanly(() => drafted('chair'))).toEqual({
			status: 403,
			key: 'amendment.notOwnGroup'
		});
		db.insert(users)
			.values({ id: 'stranger', username: 'stranger', displayName: 'S', passwordHash: 'x' })
			.run();
		expect(
			await refusedCleanly(() =>
				draftAmendment(db, { id: 'stranger', isOffice: false }, M, { proposal: wording() })
			)
		).toEqual({ status: 404, key: 'amendment.notMember' });
		expect(await refusedCleanly(() => drafted('wkr-member', wording(0, '  ')))).toEqual({
			status: 400,
			key: 'amendment.emptyText'
		});
		expect(
			await refusedCleanly(() => drafted('wkr-member', { kind: 'delete', targetId: 'no-such-block' }))
		).toEqual({ status: 400, key: 'amendment.unknownTarget' });
		const bad = { kind: 'insert_after', afterId: paragraphIds()[0], level: 'chapter', text: 'x' };
		expect(
			await refusedCleanly(() =>
				draftAmendment(db, u('wkr-member'), M, { proposal: bad as unknown as AmendmentProposal })
			)
		).toEqual({ status: 400, key: 'amendment.invalidProposal' });
	});

	it('refuses untyped input that is not a capacity or a step, writing nothing', async () => {
		const a = await drafted('gov-coordinator');
		expect(
			await refusedCleanly(() => tableAmendment(db, u('gov-coordinator'), M, a, 'regional' as Capacity))
		).toEqual({ status: 400, key: 'amendment.unknownCapacity' });
		await tableAmendment(db, u('gov-coordinator'), M, a, 'group');
		for (const type of ['table', 'approve'])
			expect(
				await refusedCleanly(() =>
					transitionAmendment(db, u('chair'), M, a, { type } as unknown as { type: 'call' })
				)
			).toEqual({ status: 400, key: 'amendment.unknownAction' });
	});

	it('a draft is invisible to another group, the Chair and the secretariat, and visible to its own', async () => {
		const id = await drafted('wkr-member');
		expect(listAmendments(db, u('wkr-secretary').id, M).map((a) => a.id)).toEqual([id]);
		for (const other of ['emp-secretary', 'gov-italy', 'chair', 'secretariat', 'observer'])
			expect(listAmendments(db, u(other).id, M)).toEqual([]);
		// Nor can anyone outside the group act on it: it does not exist for them.
		expect(await refusedCleanly(() => tableAmendment(db, u('emp-secretary'), M, id, 'group'))).toEqual({
			status: 404,
			key: 'amendment.notFound'
		});
		expect(await refusedCleanly(() => transitionAmendment(db, u('chair'), M, id, { type: 'call' }))).toEqual({
			status: 404,
			key: 'amendment.notFound'
		});
		await tableAmendment(db, u('wkr-secretary'), M, id, 'group');
		expect(listAmendments(db, u('emp-secretary').id, M).map((a) => a.code)).toEqual(['D.1']);
	});
});

describe('tabling', () => {
	it('by each role, as the domain allows (AMD-5 … AMD-7)', async () => {
		const cases: [drafter: string, tabler: string, capacity: Capacity, expected: string | null][] = [
			['wkr-member', 'wkr-secretary', 'group', null],
			['wkr-member', 'wkr-member', 'group', 'amendment.notGroupSecretary'],
			['wkr-member', 'wkr-spokesperson', 'group', 'amendment.notGroupSecretary'],
			['emp-member', 'emp-secretary', 'group', null],
			['emp-member', 'emp-secretary', 'national', 'amendment.notGroupSecretary'],
			['gov-italy', 'gov-italy', 'national', null],
			['gov-italy', 'gov-italy', 'group', 'amendment.notCoordinator'],
			['gov-italy', 'gov-coordinator', 'group', null],
			['gov-italy', 'gov-coordinator', 'national', 'amendment.noCountry'],
			['wkr-member', 'chair', 'group', 'amendment.notFound'],
			['wkr-member', 'emp-secretary', 'group', 'amendment.notFound']
		];
		let codes = 0;
		for (const [drafter, tabler, capacity, expected] of cases) {
			const id = await drafted(drafter);
			if (expected === null) {
				const code = (
					await oneEvent('amendment.tabled', () => tableAmendment(db, u(tabler), M, id, capacity))
				).result;
				expect(code, `${tabler} ${capacity}`).toBe(`D.${++codes}`);
			} else {
				expect((await refusedCleanly(() => tableAmendment(db, u(tabler), M, id, capacity))).key, tabler).toBe(
					expected
				);
			}
		}
		expect(codes).toBe(4);
	});

	it('is out of reach of the Chair, the secretariat and observers, who have no group room to draft in (AMD-5)', async () => {
		// They have no group to draft in, so they cannot even start one.
		for (const who of ['chair', 'secretariat', 'observer'])
			expect(await refusedCleanly(() => drafted(who))).toEqual({ status: 403, key: 'amendment.notOwnGroup' });
	});

	it('gives D.1, D.2 … in order, records tabler, capacity, country and base text, and one event', async () => {
		const p = wording(2, 'Replacement wording.');
		const a = await drafted('gov-kenya', p);
		const { result, payload } = await oneEvent('amendment.tabled', () =>
			tableAmendment(db, u('gov-kenya'), M, a, 'national')
		);
		expect(result).toBe('D.1');
		const text = loadDraftText(db, M).text;
		const target = text.body.find((b) => b.id === paragraphIds()[2])!;
		expect(statusOf(a)).toMatchObject({
			code: 'D.1',
			status: 'tabled',
			tabledBy: u('gov-kenya').id,
			capacity: 'national',
			tabledCountry: 'Kenya',
			baseText: target.text
		});
		expect(payload).toMatchObject({
			amendmentId: a,
			code: 'D.1',
			reference: referenceOf(text, target.id),
			capacity: 'national',
			country: 'Kenya',
			proposal: p,
			baseText: target.text
		});
		expect(payload['reference']).toBe('3');
		expect(await tabled('wkr-secretary')).not.toBe(a);
		expect(listAmendments(db, u('chair').id, M).map((x) => x.code)).toEqual(['D.1', 'D.2']);
	});

	it('two secretaries tabling one after the other on two connections get distinct codes', async () => {
		const w = await drafted('wkr-secretary');
		const e = await drafted('emp-secretary');
		const other = openDatabase(demo.file);
		try {
			const c1 = await tableAmendment(db, u('wkr-secretary'), M, w, 'group');
			const c2 = await tableAmendment(other, u('emp-secretary'), M, e, 'group');
			expect([c1, c2]).toEqual(['D.1', 'D.2']);
		} finally {
			other.$client.close();
		}
		expect(
			db
				.select({ code: amendments.code })
				.from(amendments)
				.all()
				.map((r) => r.code)
				.sort()
		).toEqual(['D.1', 'D.2']);
	});

	it('the database refuses a duplicate code in one meeting', async () => {
		const a = await tabled('wkr-secretary');
		const b = await drafted('emp-secretary');
		expect(statusOf(a).code).toBe('D.1');
		expect(() => db.update(amendments).set({ code: 'D.1' }).where(eq(amendments.id, b)).run()).toThrow(
			/UNIQUE/
		);
	});

	it('a returned amendment keeps its code when tabled again, and tabling twice is a conflict', async () => {
		const a = await tabled('wkr-secretary');
		await tabled('emp-secretary');
		expect(await refusedCleanly(() => tableAmendment(db, u('wkr-secretary'), M, a, 'group'))).toEqual({
			status: 409,
			key: 'amendment.wrongStatus'
		});
		await oneEvent('amendment.return', () =>
			transitionAmendment(db, u('secretariat'), M, a, { type: 'return' })
		);
		expect(statusOf(a)).toMatchObject({ status: 'draft', code: 'D.1' });
		expect(await tableAmendment(db, u('wkr-secretary'), M, a, 'group')).toBe('D.1');
		expect(await tabled('wkr-secretary')).toBeTruthy();
		expect(listAmendments(db, u('chair').id, M).map((x) => x.code)).toEqual(['D.1', 'D.2', 'D.3']);
	});
});

describe('the lifecycle', () => {
	it('a national Government amendment is seconded by another country, then called (AMD-9)', async () => {
		const a = await tabled('gov-italy', 'national');
		expect(await refusedCleanly(() => transitionAmendment(db, u('chair'), M, a, { type: 'call' }))).toEqual({
			status: 409,
			key: 'amendment.needsSeconder'
		});
		expect(
			await refusedCleanly(() => transitionAmendment(db, u('gov-italy'), M, a, { type: 'second' }))
		).toEqual({
			status: 403,
			key: 'amendment.ownAmendment'
		});
		expect(
			await refusedCleanly(() => transitionAmendment(db, u('emp-secretary'), M, a, { type: 'second' }))
		).toEqual({ status: 403, key: 'amendment.notGovernment' });
		const { payload } = await oneEvent('amendment.second', () =>
			transitionAmendment(db, u('gov-kenya'), M, a, { type: 'second' })
		);
		expect(payload).toMatchObject({ code: 'D.1', from: 'tabled', to: 'seconded' });
		expect(statusOf(a)).toMatchObject({
			status: 'seconded',
			secondedBy: u('gov-kenya').id,
			secondedCountry: 'Kenya'
		});
		await oneEvent('amendment.call', () => transitionAmendment(db, u('chair'), M, a, { type: 'call' }));
		expect(statusOf(a).status).toBe('under_discussion');
	});

	it('a group amendment needs no seconder and cannot be seconded', async () => {
		const a = await tabled('wkr-secretary');
		expect(
			await refusedCleanly(() => transitionAmendment(db, u('gov-kenya'), M, a, { type: 'second' }))
		).toEqual({
			status: 409,
			key: 'amendment.noSeconderNeeded'
		});
		await transitionAmendment(db, u('chair'), M, a, { type: 'call' });
		expect(statusOf(a).status).toBe('under_discussion');
	});

	it('a national amendment nobody seconds is declared not seconded by the Chair', async () => {
		const a = await tabled('gov-italy', 'national');
		await oneEvent('amendment.declareNotSeconded', () =>
			transitionAmendment(db, u('chair'), M, a, { type: 'declareNotSeconded' })
		);
		expect(statusOf(a).status).toBe('not_seconded');
	});

	it('only the Chair calls, adopts and rejects (AMD-10)', async () => {
		const a = await tabled('emp-secretary');
		for (const who of ['secretariat', 'emp-secretary', 'gov-coordinator', 'wkr-spokesperson', 'observer'])
			expect(
				await refusedCleanly(() => transitionAmendment(db, u(who), M, a, { type: 'call' })),
				who
			).toEqual({
				status: 403,
				key: 'amendment.notChair'
			});
		await transitionAmendment(db, u('chair'), M, a, { type: 'call' });
		for (const who of ['secretariat', 'emp-secretary', 'gov-coordinator'])
			expect((await refusedCleanly(() => transitionAmendment(db, u(who), M, a, { type: 'adopt' }))).key).toBe(
				'amendment.notChair'
			);
		const { result, payload } = await oneEvent('amendment.adopt', () =>
			transitionAmendment(db, u('chair'), M, a, { type: 'adopt' })
		);
		expect(result.amendment.status).toBe('adopted');
		expect(payload).toMatchObject({ code: 'D.1', from: 'under_discussion', to: 'adopted', reference: '1' });
		expect(await refusedCleanly(() => transitionAmendment(db, u('chair'), M, a, { type: 'reject' }))).toEqual(
			{
				status: 409,
				key: 'amendment.wrongStatus'
			}
		);
	});

	it('withdrawal is for the author’s side only (AMD-11)', async () => {
		const a = await tabled('wkr-secretary');
		expect(
			(await refusedCleanly(() => transitionAmendment(db, u('wkr-member'), M, a, { type: 'withdraw' }))).key
		).toBe('amendment.notAuthor');
		expect(
			(await refusedCleanly(() => transitionAmendment(db, u('chair'), M, a, { type: 'withdraw' }))).key
		).toBe('amendment.notAuthor');
		await oneEvent('amendment.withdraw', () =>
			transitionAmendment(db, u('wkr-secretary'), M, a, { type: 'withdraw' })
		);
		expect(statusOf(a).status).toBe('withdrawn');
	});

	it('subamendments: tabled to an open parent, settled first, then adopt as subamended (AMD-13 … AMD-15)', async () => {
		const parent = await tabled('wkr-secretary');
		const sub = await tabled('emp-secretary', 'group', {
			kind: 'subamendment',
			parentId: parent,
			text: 'Better.'
		});
		expect(statusOf(sub)).toMatchObject({ code: 'D.2', baseText: 'New wording of the paragraph.' });
		await transitionAmendment(db, u('chair'), M, parent, { type: 'call' });
		expect(
			(await refusedCleanly(() => transitionAmendment(db, u('chair'), M, parent, { type: 'adopt' }))).key
		).toBe('amendment.openSubamendments');
		await transitionAmendment(db, u('chair'), M, sub, { type: 'call' });
		await transitionAmendment(db, u('chair'), M, sub, { type: 'adopt' });
		expect(
			(await refusedCleanly(() => transitionAmendment(db, u('chair'), M, parent, { type: 'adopt' }))).key
		).toBe('amendment.wasSubamended');
		await transitionAmendment(db, u('chair'), M, parent, { type: 'adoptAsSubamended' });
		expect(statusOf(parent).status).toBe('adopted_as_subamended');
		// The parent is settled now: a new subamendment to it is refused at tabling.
		const late = await drafted('gov-coordinator', { kind: 'subamendment', parentId: parent, text: 'Late.' });
		expect((await refusedCleanly(() => tableAmendment(db, u('gov-coordinator'), M, late, 'group'))).key).toBe(
			'amendment.parentNotOpen'
		);
	});
});

describe('positions', () => {
	it('are set by the spokesperson or secretary, one event each, and replace only that group’s entry', async () => {
		const a = await tabled('wkr-secretary');
		const subject = { kind: 'amendment' as const, amendmentId: a };
		const { payload } = await oneEvent('position.set', () =>
			setPosition(db, u('wkr-spokesperson'), M, subject, 'workers', 'support', '  firmly ')
		);
		expect(payload).toMatchObject({
			subjectKind: 'amendment',
			subjectId: a,
			code: 'D.1',
			reference: '1',
			groupId: 'workers',
			stance: 'support',
			note: 'firmly',
			previous: null
		});
		await oneEvent('position.set', () =>
			setPosition(db, u('emp-secretary'), M, subject, 'employers', 'oppose')
		);
		await oneEvent('position.set', () =>
			setPosition(db, u('gov-coordinator'), M, subject, 'government', 'can_accept')
		);
		const { payload: second } = await oneEvent('position.set', () =>
			setPosition(db, u('emp-spokesperson'), M, subject, 'employers', 'can_accept')
		);
		expect(second['previous']).toEqual({ stance: 'oppose', note: null });
		expect(counts().positions).toBe(3);
		const grid = positionsGrid(db, u('chair').id, M);
		expect(grid).toEqual([
			{
				subject,
				row: {
					government: { stance: 'can_accept', note: null },
					employers: { stance: 'can_accept', note: null },
					workers: { stance: 'support', note: 'firmly' }
				},
				consensus: 'consensus'
			}
		]);
	});

	it('on a paragraph, with its reference', async () => {
		const unitId = paragraphIds()[4]!;
		const { payload } = await oneEvent('position.set', () =>
			setPosition(db, u('wkr-secretary'), M, { kind: 'paragraph', unitId }, 'workers', 'reserve')
		);
		expect(payload).toMatchObject({ subjectKind: 'paragraph', reference: '5', code: null });
		expect(positionsGrid(db, u('observer').id, M)[0]).toMatchObject({ consensus: 'pending' });
	});

	it('are refused for anyone else, and for subjects that are not there (nothing written)', async () => {
		const a = await tabled('wkr-secretary');
		const subject = { kind: 'amendment' as const, amendmentId: a };
		const cases: [string, 'workers' | 'employers' | 'government', string][] = [
			['wkr-member', 'workers', 'position.notSpeaker'],
			['gov-italy', 'government', 'position.notSpeaker'],
			['emp-secretary', 'workers', 'position.notOwnGroup'],
			['chair', 'workers', 'position.notOwnGroup'],
			['secretariat', 'government', 'position.notOwnGroup'],
			['observer', 'employers', 'position.notOwnGroup']
		];
		for (const [who, group, key] of cases)
			expect(await refusedCleanly(() => setPosition(db, u(who), M, subject, group, 'support')), who).toEqual({
				status: 403,
				key
			});
		expect(
			(
				await refusedCleanly(() =>
					setPosition(db, u('wkr-secretary'), M, subject, 'workers', 'support', 'a\nb')
				)
			).key
		).toBe('position.noteMultiline');
		const draft = await drafted('emp-member');
		expect(
			await refusedCleanly(() =>
				setPosition(db, u('wkr-secretary'), M, { kind: 'amendment', amendmentId: draft }, 'workers', 'oppose')
			)
		).toEqual({ status: 404, key: 'amendment.notFound' });
		expect(
			await refusedCleanly(() =>
				setPosition(
					db,
					u('emp-secretary'),
					M,
					{ kind: 'amendment', amendmentId: draft },
					'employers',
					'support'
				)
			)
		).toEqual({ status: 409, key: 'position.amendmentNotTabled' });
		const heading = loadDraftText(db, M).text.body.find((b) => b.kind === 'heading')!;
		expect(
			await refusedCleanly(() =>
				setPosition(
					db,
					u('wkr-secretary'),
					M,
					{ kind: 'paragraph', unitId: heading.id },
					'workers',
					'support'
				)
			)
		).toEqual({ status: 404, key: 'position.unknownSubject' });
	});

	it('positions on an amendment returned to draft are hidden from other groups in the grid', async () => {
		const a = await tabled('wkr-secretary');
		await setPosition(
			db,
			u('emp-secretary'),
			M,
			{ kind: 'amendment', amendmentId: a },
			'employers',
			'oppose'
		);
		expect(positionsGrid(db, u('gov-kenya').id, M)).toHaveLength(1);
		await transitionAmendment(db, u('secretariat'), M, a, { type: 'return' });
		expect(positionsGrid(db, u('gov-kenya').id, M)).toEqual([]);
		expect(positionsGrid(db, u('wkr-member').id, M)).toHaveLength(1);
	});
});

describe('the text under amendments', () => {
	it('is no longer replaced by an import once an amendment exists, and stays as it was', async () => {
		const before = loadDraftText(db, M);
		const replacement = parsePlainText(demoText().replace('The Office should:', 'The ILO should:'));
		if (!replacement.ok) throw new Error('fixture does not parse');
		await drafted('wkr-member');
		expect(await refusalAsync(() => importDraft(db, u('secretariat'), M, replacement.text))).toEqual({
			status: 409,
			key: 'amendment.tabledExist'
		});
		expect(loadDraftText(db, M)).toEqual(before);
	});
});

describe('position history', () => {
	it('keeps every change of every group on a subject, oldest first, and only for those who may see it', async () => {
		const unit = paragraphIds()[3]!;
		const subject = { kind: 'paragraph' as const, unitId: unit };
		await setPosition(db, u('emp-spokesperson'), M, subject, 'employers', 'reserve', 'Consulting');
		await setPosition(db, u('wkr-secretary'), M, subject, 'workers', 'support');
		await setPosition(db, u('emp-secretary'), M, subject, 'employers', 'can_accept');
		const history = positionHistory(db, u('chair').id, M, subject);
		expect(history.map((h) => [h.groupId, h.stance, h.note, h.by])).toEqual([
			['employers', 'reserve', 'Consulting', "Employers' spokesperson"],
			['workers', 'support', null, "Workers' group secretary"],
			['employers', 'can_accept', null, "Employers' group secretary"]
		]);
		// The grid keeps only the latest; the history keeps all.
		expect(positionsGrid(db, u('chair').id, M)[0]?.row.employers.stance).toBe('can_accept');

		const a = await tabled('wkr-secretary');
		await setPosition(
			db,
			u('emp-secretary'),
			M,
			{ kind: 'amendment', amendmentId: a },
			'employers',
			'oppose'
		);
		await transitionAmendment(db, u('secretariat'), M, a, { type: 'return' });
		expect(positionHistory(db, u('gov-kenya').id, M, { kind: 'amendment', amendmentId: a })).toEqual([]);
		expect(positionHistory(db, u('wkr-member').id, M, { kind: 'amendment', amendmentId: a })).toHaveLength(1);
	});
});

describe("the Chair's order and the secretariat's conflicts", () => {
	it('only the Chair reorders, with public amendments to that paragraph only, each once (AMD-20)', async () => {
		const unit = paragraphIds()[0]!;
		const a = await tabled('wkr-secretary');
		const b = await tabled('emp-secretary');
		const elsewhere = await tabled('gov-coordinator', 'group', wording(2, 'Elsewhere.'));
		const draft = await drafted('wkr-member');
		for (const who of ['secretariat', 'wkr-secretary', 'gov-coordinator'])
			expect(await refusedCleanly(() => reorderAmendments(db, u(who), M, unit, [b, a])), who).toEqual({
				status: 403,
				key: 'amendment.notChair'
			});
		for (const bad of [[b, b], [b, elsewhere], [draft], ['no-such-id']])
			expect(await refusalAsync(() => reorderAmendments(db, u('chair'), M, unit, bad))).toEqual({
				status: 400,
				key: 'amendment.badOrder'
			});
		const { payload } = await oneEvent('amendment.reordered', () =>
			reorderAmendments(db, u('chair'), M, unit, [b, a])
		);
		expect(payload).toEqual({ unitId: unit, codes: ['D.2', 'D.1'] });
		expect(db.select().from(amendmentOrders).all()).toMatchObject([{ unitId: unit, ids: [b, a] }]);
		// An empty order goes back to the computed one.
		await reorderAmendments(db, u('chair'), M, unit, []);
		expect(db.select().from(amendmentOrders).all()).toEqual([]);
	});

	it('only the secretariat marks an adoption’s conflicts resolved, once, and only where there were some', async () => {
		const unit = paragraphIds()[3]!;
		const current = loadDraftText(db, M).text.body.find((b) => b.id === unit)!.text;
		const words = current.split(' ');
		const a = await tabled('wkr-secretary', 'group', {
			kind: 'change_wording',
			targetId: unit,
			text: words.map((w, i) => (i === 1 ? 'FIRST' : w)).join(' ')
		});
		const clean = await tabled('emp-secretary', 'group', wording(5, 'Clean.'));
		// The paragraph changes under the amendment at the very words it changes (no live document
		// here: the stored one is changed, as the websocket would).
		db.update(textUnits)
			.set({ text: words.map((w, i) => (i === 1 ? 'EDITED' : w)).join(' ') })
			.where(eq(textUnits.id, unit))
			.run();
		db.delete(collabUpdates).run();
		db.delete(collabSnapshots).run();
		await transitionAmendment(db, u('chair'), M, a, { type: 'call' });
		const { merge } = await transitionAmendment(db, u('chair'), M, a, { type: 'adopt' });
		expect(merge?.conflicts).toHaveLength(1);
		await transitionAmendment(db, u('chair'), M, clean, { type: 'call' });
		await transitionAmendment(db, u('chair'), M, clean, { type: 'adopt' });
		for (const who of ['chair', 'wkr-secretary'])
			expect((await refusedCleanly(() => resolveMerge(db, u(who), M, a))).key).toBe(
				'amendment.notSecretariat'
			);
		// Nothing to resolve where the merge was clean.
		expect(await refusalAsync(() => resolveMerge(db, u('secretariat'), M, clean))).toEqual({
			status: 409,
			key: 'amendment.noConflicts'
		});
		await oneEvent('amendment.conflictsResolved', () => resolveMerge(db, u('secretariat'), M, a));
		expect(db.select().from(amendmentMerges).where(eq(amendmentMerges.amendmentId, a)).get()).toMatchObject({
			resolvedBy: u('secretariat').id
		});
		expect(await refusalAsync(() => resolveMerge(db, u('secretariat'), M, a))).toEqual({
			status: 409,
			key: 'amendment.noConflicts'
		});
	});
});

describe('the event log', () => {
	it('names the unit of every amendment step by stable id and by its number then, a subamendment by its parent’s', async () => {
		const unit = paragraphIds()[2]!;
		const parent = await tabled('wkr-secretary', 'group', wording(2, 'Changed.'));
		const sub = await tabled('emp-secretary', 'group', {
			kind: 'subamendment',
			parentId: parent,
			text: 'Changed again.'
		});
		const { payload } = await oneEvent('amendment.call', () =>
			transitionAmendment(db, u('chair'), M, sub, { type: 'call' })
		);
		expect(payload).toMatchObject({ unitId: unit, reference: '3', code: 'D.2' });
	});
});

describe('subamendments follow their parent (AMD-21)', () => {
	it('fall when it is withdrawn, each on the record; not when it is returned', async () => {
		const parent = await tabled('wkr-secretary');
		const sub = await tabled('emp-secretary', 'group', {
			kind: 'subamendment',
			parentId: parent,
			text: 'Other.'
		});
		const seq = lastSeq();
		await transitionAmendment(db, u('wkr-secretary'), M, parent, { type: 'withdraw' });
		expect(statusOf(sub).status).toBe('fell');
		expect(eventsAfter(seq).map((e) => [e.type, e.payload['code']])).toEqual([
			['amendment.withdraw', 'D.1'],
			['amendment.fellWithParent', 'D.2']
		]);
		const other = await tabled('wkr-secretary');
		const kept = await tabled('gov-coordinator', 'group', {
			kind: 'subamendment',
			parentId: other,
			text: 'Kept.'
		});
		await transitionAmendment(db, u('secretariat'), M, other, { type: 'return' });
		expect(statusOf(kept).status).toBe('tabled');
	});
});
