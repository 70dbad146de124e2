import { describe, expect, it } from 'vitest';
import { lcm, tally, weightsOf, type Choice } from './vote.ts';
import type { GroupId } from './roles.ts';

describe('weights (VOT-1)', () => {
	// The two compositions docs/domain.md quotes from ILC committee reports.
	it('96 Government, 34 Employer and 56 Worker members carry 119, 336 and 204 votes each', () => {
		const w = weightsOf({ government: 96, employers: 34, workers: 56 });
		expect(w.perMember).toEqual({ government: 119, employers: 336, workers: 204 });
		expect(w.l).toBe(11_424);
		// Each full group casts the same L votes.
		expect([96 * 119, 34 * 336, 56 * 204]).toEqual([w.l, w.l, w.l]);
	});

	it('84, 26 and 62 members carry 403, 1,302 and 546', () => {
		expect(weightsOf({ government: 84, employers: 26, workers: 62 }).perMember).toEqual({
			government: 403,
			employers: 1302,
			workers: 546
		});
	});

	it('are recomputed from the composition as it changes; an empty group casts nothing', () => {
		expect(weightsOf({ government: 3, employers: 2, workers: 2 }).perMember).toEqual({
			government: 2,
			employers: 3,
			workers: 3
		});
		expect(weightsOf({ government: 4, employers: 2, workers: 0 })).toEqual({
			l: 4,
			perMember: { government: 1, employers: 2, workers: 0 }
		});
		expect(weightsOf({ government: 0, employers: 0, workers: 0 }).l).toBe(0);
		expect(() => weightsOf({ government: -1, employers: 2, workers: 2 })).toThrow(RangeError);
		expect(lcm(4, 6)).toBe(12);
	});
});

describe('tallies (VOT-2 … VOT-5)', () => {
	const composition = { government: 96, employers: 34, workers: 56 };
	const members = (spec: [GroupId, Choice, number][]) =>
		spec.flatMap(([groupId, choice, n]) =>
			Array.from({ length: n }, (_, i) => ({ voterId: `${groupId}-${choice}-${i}`, groupId, choice }))
		);

	it('weights every member’s vote; a group united against outweighs a split one in favour', () => {
		// 60 Government yes and 36 no; all 34 Employers no; all 56 Workers yes.
		const r = tally(
			{
				kind: 'members',
				votes: members([
					['government', 'yes', 60],
					['government', 'no', 36],
					['employers', 'no', 34],
					['workers', 'yes', 56]
				])
			},
			composition,
			100
		);
		if (!r.ok) throw new Error(r.problem);
		expect(r.tally.total).toEqual({ yes: 60 * 119 + 56 * 204, no: 36 * 119 + 34 * 336, abstain: 0 });
		expect(r.tally.result).toBe('carried');
		expect(r.tally.participants).toBe(186);
		expect(r.tally.groups.employers).toEqual({
			counts: { yes: 0, no: 34, abstain: 0 },
			weighted: { yes: 0, no: 11_424, abstain: 0 }
		});
	});

	it('group totals count the same way; abstentions count for neither side; a tie is lost', () => {
		const r = tally(
			{
				kind: 'groups',
				totals: {
					government: { yes: 48, no: 48, abstain: 0 },
					employers: { yes: 17, no: 17, abstain: 0 },
					workers: { yes: 0, no: 0, abstain: 56 }
				}
			},
			composition,
			0
		);
		if (!r.ok) throw new Error(r.problem);
		expect(r.tally.total.yes).toBe(r.tally.total.no);
		expect(r.tally.total.abstain).toBe(56 * 204);
		expect(r.tally.result).toBe('lost');
	});

	it('does not stand without its quorum', () => {
		const r = tally({ kind: 'members', votes: members([['workers', 'yes', 10]]) }, composition, 11);
		expect(r.ok && r.tally).toMatchObject({ participants: 10, quorumMet: false, result: 'no_quorum' });
		const enough = tally({ kind: 'members', votes: members([['workers', 'yes', 11]]) }, composition, 11);
		expect(enough.ok && enough.tally.result).toBe('carried');
	});

	it('refuses a ballot that cannot be right: a voter twice, more votes than members, a bad count', () => {
		const twice = [
			{ voterId: 'v', groupId: 'workers' as const, choice: 'yes' as const },
			{ voterId: 'v', groupId: 'workers' as const, choice: 'no' as const }
		];
		expect(tally({ kind: 'members', votes: twice }, composition, 0)).toEqual({
			ok: false,
			problem: 'vote.twice'
		});
		expect(tally({ kind: 'members', votes: members([['employers', 'yes', 35]]) }, composition, 0)).toEqual({
			ok: false,
			problem: 'vote.tooMany',
			groupId: 'employers'
		});
		expect(
			tally(
				{ kind: 'members', votes: members([['workers', 'yes', 1]]) },
				{ government: 3, employers: 2, workers: 0 },
				0
			)
		).toMatchObject({ ok: false, problem: 'vote.notEntitled' });
		expect(
			tally(
				{
					kind: 'groups',
					totals: {
						government: { yes: 1.5, no: 0, abstain: 0 },
						employers: { yes: 0, no: 0, abstain: 0 },
						workers: { yes: 0, no: 0, abstain: 0 }
					}
				},
				composition,
				0
			)
		).toMatchObject({ ok: false, problem: 'vote.badCount', groupId: 'government' });
	});
});
