// Statements, votes, the conclusions as a whole and the record of proceedings, through the server
// commands on a real SQLite file (the seeded demo meeting, copied for each test).
import { beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Db } from '#lib/server/db/index.ts';
import { events, meetings, sittings, statements, textUnits, users, votes } from '#lib/server/db/schema.ts';
import { DEMO_MEETING_ID } from '#lib/server/demo/seed.ts';
import {
	draftAmendment,
	discardDraft,
	tableAmendment,
	transitionAmendment
} from '#lib/server/amendments/commands.ts';
import { decideUnit } from '#lib/server/decisions/commands.ts';
import { setPosition } from '#lib/server/amendments/positions.ts';
import { listStatements, recordStatement } from '#lib/server/decisions/statements.ts';
import { compositionOf, recordVote, setQuorum } from '#lib/server/decisions/votes.ts';
import { adoptConclusions } from '#lib/server/decisions/conclusions.ts';
import { recordOfProceedings } from '#lib/server/record/proceedings.ts';
import { compareEvents, textAtEvent } from '#lib/server/record/history.ts';
import { renderPhrase } from '#lib/i18n/index.ts';
import { refusalAsync } from '../support/refusal.ts';
import { demoCopies } from './demo-copy.ts';
import { storedUnitText, tabledWording } from './demo-meeting.ts';
import { unitIdByReference } from './unit-ref.ts';

const M = DEMO_MEETING_ID;
const demo = demoCopies();
let db: Db;
beforeEach(() => (db = demo.db));

const u = (username: string) => demo.user(username);
const unitId = (reference: string) => unitIdByReference(db, M, reference);
const textOf = (id: string) => storedUnitText(db, id);
const tabled = (drafter: string, secretary: string, targetId: string, text: string) =>
	tabledWording(db, drafter, secretary, targetId, text);
function sitting(n: number) {
	const s = db
		.select()
		.from(sittings)
		.where(and(eq(sittings.meetingId, M), eq(sittings.number, n)))
		.get()!;
	db.update(meetings).set({ currentSittingId: s.id }).where(eq(meetings.id, M)).run();
	return s;
}
const recordText = () =>
	recordOfProceedings(db, u('observer').id, M).map((s) => ({
		sitting: s.sitting?.number ?? null,
		lines: s.entries.map((e) => renderPhrase(e.sentence))
	}));

describe('the record of proceedings', () => {
	it('tells a sitting’s amendments and decisions in the meeting’s phrasing, sitting by sitting, drafts left out', async () => {
		sitting(2);
		const p5iii = unitId('5(iii)');
		const parent = await tabled('wkr-member', 'wkr-secretary', p5iii, `${textOf(p5iii)} Fairly.`);
		const secret = await draftAmendment(db, u('emp-member'), M, {
			proposal: { kind: 'change_wording', targetId: p5iii, text: 'Secret draft.' }
		});
		await discardDraft(db, u('emp-member'), M, secret);
		const sub = await draftAmendment(db, u('emp-member'), M, {
			proposal: { kind: 'subamendment', parentId: parent, text: `${textOf(p5iii)} Fairly and swiftly.` }
		});
		await tableAmendment(db, u('emp-secretary'), M, sub, 'group');
		const rival = await tabled('gov-italy', 'gov-coordinator', p5iii, 'Rival wording.');
		await transitionAmendment(db, u('chair'), M, sub, { type: 'call' });
		await transitionAmendment(db, u('chair'), M, sub, { type: 'adopt' });
		await transitionAmendment(db, u('chair'), M, parent, { type: 'call' });
		await transitionAmendment(db, u('chair'), M, parent, { type: 'adoptAsSubamended' });
		await transitionAmendment(db, u('chair'), M, rival, { type: 'declareFallen' });
		sitting(3);
		// 5(iii) was amended (D.1, as subamended), so it is adopted as amended (DEC-10).
		await decideUnit(db, u('chair'), M, p5iii, { type: 'adopt', asAmended: true });
		await decideUnit(db, u('chair'), M, unitId('4'), { type: 'defer' });

		expect(recordText()).toEqual([
			{
				sitting: 2,
				lines: [
					'The Workers’ amendment D.1 to paragraph 5(iii) was tabled.',
					'The Employers’ amendment D.2 to amendment D.1 was tabled.',
					'The Government group’s amendment D.3 to paragraph 5(iii) was tabled.',
					'The Employers’ amendment D.2 to amendment D.1 was taken up for discussion.',
					'The Employers’ amendment D.2 to amendment D.1 was adopted.',
					'The Workers’ amendment D.1 to paragraph 5(iii) was taken up for discussion.',
					'The Workers’ amendment D.1 to paragraph 5(iii) was adopted as subamended by the Employers.',
					'The Government group’s amendment D.3 to paragraph 5(iii) fell.'
				]
			},
			{ sitting: 3, lines: ['Paragraph 5(iii), as amended, was adopted.', 'Paragraph 4 was deferred.'] }
		]);
		// The discarded draft is in the log (that it existed), not in the record.
		expect(db.select().from(events).where(eq(events.type, 'amendment.discarded')).all()).toHaveLength(1);
		expect(JSON.stringify(recordText())).not.toContain('Secret draft');
		// Outsiders get nothing.
		db.insert(users)
			.values({ id: 'stranger', username: 'stranger', displayName: 'S', passwordHash: 'x' })
			.run();
		expect(recordOfProceedings(db, 'stranger', M)).toEqual([]);
	});
});

describe('statements', () => {
	it('go on the record with the sitting, in the speaker’s words, beside the text', async () => {
		const s = sitting(4);
		const id = unitId('8');
		const before = textOf(id);
		await recordStatement(db, u('gov-kenya'), M, {
			kind: 'interpretive',
			subject: { kind: 'unit', unitId: id },
			speakerUserId: u('gov-kenya').id,
			onBehalfOfGroup: false,
			text: 'Not to be understood as placing social partners and governments on equal footing.'
		});
		await recordStatement(db, u('secretariat'), M, {
			kind: 'reservation',
			subject: { kind: 'conclusions' },
			speakerUserId: u('emp-spokesperson').id,
			onBehalfOfGroup: true,
			text: 'Adopted in a spirit of consensus, with the right to make additional comments.'
		});
		expect(
			await refusalAsync(() =>
				recordStatement(db, u('emp-member'), M, {
					kind: 'reservation',
					subject: { kind: 'conclusions' },
					speakerUserId: u('emp-member').id,
					onBehalfOfGroup: true,
					text: 'For the group.'
				})
			)
		).toEqual({ status: 400, key: 'statement.notForGroup' });
		expect(textOf(id)).toBe(before);
		expect(
			db
				.select()
				.from(statements)
				.all()
				.map((r) => r.sittingId)
		).toEqual([s.id, s.id]);
		expect(
			listStatements(db, u('wkr-member').id, M).map((x) => [x.kind, x.speakerName, x.onBehalfOfGroup])
		).toEqual([
			['interpretive', 'Government of Kenya', false],
			['reservation', "Employers' spokesperson", true]
		]);
		expect(recordText()).toEqual([
			{
				sitting: 4,
				lines: [
					'The Government member of Kenya made an interpretive statement on paragraph 8: “Not to be understood as placing social partners and governments on equal footing.”',
					'The Employers’ group expressed a reservation on the conclusions: “Adopted in a spirit of consensus, with the right to make additional comments.”'
				]
			}
		]);
	});
});

describe('votes', () => {
	it('weigh each group equally from the composition as it stands, need the quorum, and are on the record', async () => {
		// The demo meeting: 3 Government, 3 Employer, 3 Worker members.
		expect(compositionOf(db, M)).toEqual({ government: 3, employers: 3, workers: 3 });
		const id = unitId('6');
		expect(await refusalAsync(() => setQuorum(db, u('chair'), M, 5))).toEqual({
			status: 403,
			key: 'vote.notOfficer'
		});
		await setQuorum(db, u('secretariat'), M, 5);
		const ballot = {
			kind: 'groups' as const,
			totals: {
				government: { yes: 2, no: 1, abstain: 0 },
				employers: { yes: 0, no: 3, abstain: 0 },
				workers: { yes: 3, no: 0, abstain: 0 }
			}
		};
		expect(
			await refusalAsync(() =>
				recordVote(db, u('wkr-secretary'), M, { subject: { kind: 'unit', unitId: id }, ballot })
			)
		).toEqual({ status: 403, key: 'vote.notOfficer' });
		const t = await recordVote(db, u('chair'), M, { subject: { kind: 'unit', unitId: id }, ballot });
		expect(t).toMatchObject({ total: { yes: 5, no: 4, abstain: 0 }, result: 'carried', participants: 9 });
		const few = await recordVote(db, u('secretariat'), M, {
			subject: { kind: 'unit', unitId: id },
			ballot: { kind: 'members', votes: [{ voterId: u('wkr-member').id, groupId: 'workers', choice: 'yes' }] }
		});
		expect(few.result).toBe('no_quorum');
		// A member's vote counts for their own group only.
		expect(
			await refusalAsync(() =>
				recordVote(db, u('chair'), M, {
					subject: { kind: 'unit', unitId: id },
					ballot: {
						kind: 'members',
						votes: [{ voterId: u('wkr-member').id, groupId: 'employers', choice: 'no' }]
					}
				})
			)
		).toEqual({ status: 400, key: 'vote.notEntitled' });
		expect(
			db
				.select()
				.from(votes)
				.all()
				.map((v) => v.result)
		).toEqual(['carried', 'no_quorum']);
		expect(recordText().flatMap((s) => s.lines)).toEqual([
			'A vote was taken on paragraph 6. Votes in favour: 5; against: 4; abstentions: 0. The proposal was carried.',
			'A vote was taken on paragraph 6, but the members taking part (1) fell short of the quorum (5): the vote did not stand.'
		]);
	});
});

describe('the conclusions as a whole', () => {
	it('are adopted once nothing is pending, and then nothing moves', async () => {
		expect(await refusalAsync(() => adoptConclusions(db, u('chair'), M))).toMatchObject({
			status: 409,
			key: 'conclusions.pending'
		});
		// One paragraph is amended, so the conclusions are adopted as amended.
		const p7 = unitId('7');
		const amendment = await tabled('wkr-member', 'wkr-secretary', p7, `${textOf(p7)} Fairly.`);
		await transitionAmendment(db, u('chair'), M, amendment, { type: 'call' });
		await transitionAmendment(db, u('chair'), M, amendment, { type: 'adopt' });
		const units = db.select().from(textUnits).where(eq(textUnits.meetingId, M)).all();
		for (const unit of units.filter((x) => ['preamble', 'paragraph', 'subparagraph'].includes(x.kind)))
			await decideUnit(db, u('chair'), M, unit.id, { type: 'adopt', asAmended: unit.id === p7 });
		expect(await refusalAsync(() => adoptConclusions(db, u('wkr-secretary'), M))).toMatchObject({
			status: 403,
			key: 'decision.notChair'
		});
		await adoptConclusions(db, u('chair'), M);
		expect(db.select().from(meetings).where(eq(meetings.id, M)).get()?.conclusionsAdoptedAt).toBeInstanceOf(
			Date
		);
		expect(await refusalAsync(() => adoptConclusions(db, u('chair'), M))).toMatchObject({
			key: 'decision.conclusionsAdopted'
		});
		expect(
			await refusalAsync(() =>
				decideUnit(db, u('chair'), M, unitId('7'), { type: 'reopen', reason: 'Too late?' })
			)
		).toEqual({ status: 409, key: 'decision.conclusionsAdopted' });
		expect(
			recordText()
				.flatMap((s) => s.lines)
				.at(-1)
		).toBe('The conclusions, as amended, were adopted.');
	});
});

describe('history', () => {
	it('gives the text as it stood at any event and what changed between two', async () => {
		const p4 = unitId('4');
		const before = textOf(p4);
		const a = await tabled('wkr-member', 'wkr-secretary', p4, `${before} Decent work for all.`);
		const tabledAt = db.select().from(events).where(eq(events.type, 'amendment.tabled')).get()!.seq;
		await transitionAmendment(db, u('chair'), M, a, { type: 'call' });
		await transitionAmendment(db, u('chair'), M, a, { type: 'adopt' });
		const adoptedAt = db.select().from(events).where(eq(events.type, 'amendment.adopt')).get()!.seq;
		const at = (seq: number) => {
			const t = textAtEvent(db, u('observer').id, M, seq)!.text;
			return t.body.find((b) => b.id === p4)!.text;
		};
		expect(at(tabledAt)).toBe(before);
		expect(at(adoptedAt)).toBe(`${before} Decent work for all.`);
		expect(compareEvents(db, u('observer').id, M, tabledAt, adoptedAt)).toEqual([
			{ unitId: p4, reference: '4', before, after: `${before} Decent work for all.` }
		]);
		expect(compareEvents(db, u('observer').id, M, adoptedAt, adoptedAt)).toEqual([]);
		// The database keeps every version itself, and never lets one be changed.
		expect(() => db.$client.prepare(`UPDATE unit_versions SET text = 'forged'`).run()).toThrow(/append-only/);
	});
});

describe('after the conclusions are adopted', () => {
	it('no amendment is drafted or tabled and no position set (CON-2)', async () => {
		const p4 = unitId('4');
		const draft = await draftAmendment(db, u('wkr-member'), M, {
			proposal: { kind: 'change_wording', targetId: p4, text: 'Late.' }
		});
		db.update(meetings).set({ conclusionsAdoptedAt: new Date() }).where(eq(meetings.id, M)).run();
		const late = { status: 409, key: 'decision.conclusionsAdopted' };
		expect(
			await refusalAsync(() =>
				draftAmendment(db, u('wkr-member'), M, { proposal: { kind: 'delete', targetId: p4 } })
			)
		).toEqual(late);
		expect(await refusalAsync(() => tableAmendment(db, u('wkr-secretary'), M, draft, 'group'))).toEqual(late);
		expect(
			await refusalAsync(() =>
				setPosition(db, u('wkr-secretary'), M, { kind: 'paragraph', unitId: p4 }, 'workers', 'support')
			)
		).toEqual(late);
	});
});
