// The record says only what happened (issue 11, point 10): the Chair's adoptions as drafted or as
// amended, amendments still open, an adopted amendment whose merge met a conflict, and the console after
// the conclusions are adopted. Through the server commands, on a copy of the seeded demo meeting.
import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Db } from '#lib/server/db/index.ts';
import { collabSnapshots, collabUpdates, events, textUnits } from '#lib/server/db/schema.ts';
import { DEMO_MEETING_ID } from '#lib/server/demo/seed.ts';
import { resolveMerge, transitionAmendment } from '#lib/server/amendments/commands.ts';
import { decideUnit, setFocus, type DecisionInput } from '#lib/server/decisions/commands.ts';
import { adoptConclusions } from '#lib/server/decisions/conclusions.ts';
import { recordVote } from '#lib/server/decisions/votes.ts';
import { recordOfProceedings } from '#lib/server/record/proceedings.ts';
import { amendmentListOutput } from '#lib/server/outputs/models.ts';
import { CommandError } from '#lib/server/command-error.ts';
import { renderPhrase, tKey } from '#lib/i18n/index.ts';
import { refusalAsync } from '../support/refusal.ts';
import { demoCopies } from './demo-copy.ts';
import { storedUnitText, tabledWording } from './demo-meeting.ts';
import { unitIdByReference } from './unit-ref.ts';

const M = DEMO_MEETING_ID;
const demo = demoCopies();
let db: Db;
beforeEach(() => (db = demo.db));

const u = (username: string) => demo.user(username);
const chair = () => u('chair');
const unitId = (reference: string) => unitIdByReference(db, M, reference);
const textOf = (id: string) => storedUnitText(db, id);
const statusOf = (id: string) => db.select().from(textUnits).where(eq(textUnits.id, id)).get()!.status;
const lines = () =>
	recordOfProceedings(db, u('observer').id, M).flatMap((s) => s.entries.map((e) => renderPhrase(e.sentence)));
const adopt = (id: string, asAmended: boolean) =>
	decideUnit(db, chair(), M, id, { type: 'adopt', asAmended });

const tabled = (drafter: string, secretary: string, targetId: string, text: string) =>
	tabledWording(db, drafter, secretary, targetId, text);

/** What a command was refused with, the sentence the Chair reads included. */
async function refused(fn: () => Promise<unknown>) {
	try {
		await fn();
	} catch (e) {
		if (e instanceof CommandError) return { status: e.status, key: e.key, message: tKey(e.key, e.params) };
		throw e;
	}
	throw new Error('expected the command to be refused');
}

describe('as drafted or as amended: the record says which was true (DEC-10)', () => {
	it('DEC-10: "as amended" is refused where no amendment was adopted, so the record never says it', async () => {
		const p7 = unitId('7');
		expect(await refused(() => adopt(p7, true))).toEqual({
			status: 409,
			key: 'decision.notAmended',
			message: 'No amendment to this text has been adopted: adopt it as drafted.'
		});
		expect(statusOf(p7)).toBe('draft');
		expect(lines()).toEqual([]);
		await adopt(p7, false);
		expect(lines()).toEqual(['Paragraph 7 was adopted.']);
	});

	it('DEC-10: once an amendment to a subparagraph is adopted, "as drafted" is refused for it and its paragraph, reopened or not', async () => {
		const p5 = unitId('5');
		const p5iii = unitId('5(iii)');
		const d1 = await tabled('wkr-member', 'wkr-secretary', p5iii, `${textOf(p5iii)} Fairly.`);
		await transitionAmendment(db, chair(), M, d1, { type: 'call' });
		await transitionAmendment(db, chair(), M, d1, { type: 'adopt' });
		const wasAmended = {
			status: 409,
			key: 'decision.wasAmended',
			message: 'Amendments to this text have been adopted (D.1): adopt it as amended.'
		};
		expect(await refused(() => adopt(p5, false))).toEqual(wasAmended);
		expect(await refused(() => adopt(p5iii, false))).toEqual(wasAmended);
		await adopt(p5, true);
		await adopt(p5iii, true);
		// Reopening does not take the amendment's words out of the text: it is still "as amended".
		await decideUnit(db, chair(), M, p5, { type: 'reopen', reason: 'The Employers asked for a word.' });
		expect(await refused(() => adopt(p5, false))).toEqual(wasAmended);
		await adopt(p5, true);
		expect(lines().slice(-5)).toEqual([
			'The Workers’ amendment D.1 to paragraph 5(iii) was adopted.',
			'Paragraph 5, as amended, was adopted.',
			'Paragraph 5(iii), as amended, was adopted.',
			'Paragraph 5 was reopened. The reason given: The Employers asked for a word.',
			'Paragraph 5, as amended, was adopted.'
		]);
	});
});

describe('an adopted text stays as adopted (AMD-23)', () => {
	it('AMD-23: an amendment tabled after its paragraph was adopted is not adopted into it until it is reopened', async () => {
		const p7 = unitId('7');
		const p5 = unitId('5');
		const p5iii = unitId('5(iii)');
		const drafted = textOf(p7);
		await adopt(p7, false);
		await adopt(p5, false);
		const d1 = await tabled('wkr-member', 'wkr-secretary', p7, `${drafted} Late words.`);
		const d2 = await tabled('emp-member', 'emp-secretary', p5iii, `${textOf(p5iii)} Late too.`);
		const decided = {
			status: 409,
			key: 'amendment.unitDecided',
			message: 'The text this amendment changes has been decided: reopen it first.'
		};
		for (const id of [d1, d2]) {
			await transitionAmendment(db, chair(), M, id, { type: 'call' });
			expect(await refused(() => transitionAmendment(db, chair(), M, id, { type: 'adopt' }))).toEqual(
				decided
			);
		}
		// "Paragraph 7 was adopted." stays true: its words are the ones adopted.
		expect(textOf(p7)).toBe(drafted);
		await decideUnit(db, chair(), M, p7, { type: 'reopen', reason: 'The Workers have an amendment.' });
		await transitionAmendment(db, chair(), M, d1, { type: 'adopt' });
		expect(textOf(p7)).toBe(`${drafted} Late words.`);
		await adopt(p7, true);
		expect(lines().slice(-3)).toEqual([
			'Paragraph 7 was reopened. The reason given: The Workers have an amendment.',
			'The Workers’ amendment D.1 to paragraph 7 was adopted.',
			'Paragraph 7, as amended, was adopted.'
		]);
	});
});

describe('amendments still open (DEC-9)', () => {
	it('DEC-9: a paragraph is not adopted while amendments to it or its subparagraphs are open; the refusal names them', async () => {
		const p5 = unitId('5');
		const p5iii = unitId('5(iii)');
		const d1 = await tabled('wkr-member', 'wkr-secretary', p5iii, `${textOf(p5iii)} Fairly.`);
		const d2 = await tabled('emp-member', 'emp-secretary', p5, 'The Office should, as resources allow:');
		for (const asAmended of [false, true])
			expect(await refused(() => adopt(p5, asAmended))).toEqual({
				status: 409,
				key: 'decision.openAmendments',
				message: 'Amendments to this text are still open (D.1, D.2): settle them before adopting it.'
			});
		expect(statusOf(p5)).toBe('draft');
		expect(db.select().from(events).where(eq(events.type, 'unit.adopt')).all()).toEqual([]);
		// Once the meeting has dealt with them (neither adopted), the paragraph stands as drafted.
		await transitionAmendment(db, chair(), M, d1, { type: 'call' });
		await transitionAmendment(db, chair(), M, d1, { type: 'reject' });
		await transitionAmendment(db, u('emp-secretary'), M, d2, { type: 'withdraw' });
		await adopt(p5, false);
		expect(lines().at(-1)).toBe('Paragraph 5 was adopted.');
	});
});

describe('an adoption whose merge met a conflict (DEC-11, REC-5, AMD-22)', () => {
	it('DEC-11, REC-5, AMD-22: the record says the change was not merged in full; the paragraph waits for the secretariat, whose resolution is on the record', async () => {
		const p4 = unitId('4');
		const words = textOf(p4).split(' ');
		const d1 = await tabled(
			'wkr-member',
			'wkr-secretary',
			p4,
			words.map((w, i) => (i === 1 ? 'FIRST' : w)).join(' ')
		);
		// The paragraph changes under the amendment at the very words it changes (no live document here:
		// the stored one is changed, as the websocket would).
		const edited = words.map((w, i) => (i === 1 ? 'EDITED' : w)).join(' ');
		db.update(textUnits).set({ text: edited }).where(eq(textUnits.id, p4)).run();
		db.delete(collabUpdates).run();
		db.delete(collabSnapshots).run();
		await transitionAmendment(db, chair(), M, d1, { type: 'call' });
		const { merge } = await transitionAmendment(db, chair(), M, d1, { type: 'adopt' });
		expect(merge?.conflicts).toHaveLength(1);
		expect(textOf(p4)).toBe(edited);
		const pending = {
			status: 409,
			key: 'decision.unresolvedConflict',
			message:
				'The change adopted in D.1 could not be merged in full, and the secretariat has not yet resolved the conflict: the text is adopted once it has.'
		};
		for (const asAmended of [true, false]) expect(await refused(() => adopt(p4, asAmended))).toEqual(pending);
		expect(lines().at(-1)).toBe(
			'The Workers’ amendment D.1 to paragraph 4 was adopted, but its change could not be merged in full into the text, which had been edited since the amendment was tabled. The conflict was left to the secretariat to resolve.'
		);
		// AMD-22: the list of amendments does not give it as plainly adopted either.
		const outcome = () => amendmentListOutput(db, M)?.rows.find((r) => r.code === 'D.1')?.outcome;
		expect(outcome()).toBe('Adopted — not yet all in the text (conflict)');
		await resolveMerge(db, u('secretariat'), M, d1);
		expect(outcome()).toBe('Adopted');
		expect(lines().at(-1)).toBe(
			`The conflict left in the text by the Workers’ amendment D.1 to paragraph 4 was resolved by the secretariat. Paragraph 4 then read: “${edited}”`
		);
		await adopt(p4, true);
		expect(lines().at(-1)).toBe('Paragraph 4, as amended, was adopted.');
	});
});

describe('after the conclusions are adopted (CON-2, CON-3)', () => {
	it('CON-3: the server refuses everything the console offered: taking up, moving on, deciding, reopening, voting', async () => {
		const units = db.select().from(textUnits).where(eq(textUnits.meetingId, M)).all();
		for (const unit of units.filter((x) => ['preamble', 'paragraph', 'subparagraph'].includes(x.kind)))
			await adopt(unit.id, false);
		await adoptConclusions(db, chair(), M);
		const seq = () => db.select().from(events).all().length;
		const before = seq();
		const late = { status: 409, key: 'decision.conclusionsAdopted' };
		const p1 = unitId('1');
		for (const focus of [{ unitId: p1, amendmentId: null }, { unitId: unitId('2'), amendmentId: null }, null])
			expect(await refusalAsync(() => setFocus(db, chair(), M, focus)), JSON.stringify(focus)).toEqual(late);
		const decisions: DecisionInput[] = [
			{ type: 'discuss' },
			{ type: 'adopt', asAmended: false },
			{ type: 'adopt', asAmended: true },
			{ type: 'defer' },
			{ type: 'bracket', start: 0, end: 5 },
			{ type: 'unbracket', bracketId: 'none' },
			{ type: 'delete' },
			{ type: 'reopen', reason: 'Too late?' }
		];
		for (const d of decisions)
			expect(await refusalAsync(() => decideUnit(db, chair(), M, p1, d)), d.type).toEqual(late);
		const ballot = {
			kind: 'groups' as const,
			totals: {
				government: { yes: 3, no: 0, abstain: 0 },
				employers: { yes: 0, no: 3, abstain: 0 },
				workers: { yes: 3, no: 0, abstain: 0 }
			}
		};
		for (const who of ['chair', 'secretariat'])
			expect(
				await refusalAsync(() =>
					recordVote(db, u(who), M, { subject: { kind: 'unit', unitId: p1 }, ballot })
				),
				who
			).toEqual(late);
		expect(seq()).toBe(before);
		expect(lines().at(-1)).toBe('The conclusions were adopted.');
		expect(tKey(late.key)).toBe('The conclusions have been adopted: the text is final.');
	});
});
