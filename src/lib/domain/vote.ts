// Votes when consensus fails (docs/domain.md, "Decisions"): weighted so that each group has equal strength.
// With nG, nE, nW members entitled to vote, L = lcm(nG, nE, nW) and each member of a group of n weighs
// L / n, so every full group casts L votes. Pure. Rules VOT-n in SPEC.md.
import { GROUPS, type GroupId } from './roles.ts';

export type Choice = 'yes' | 'no' | 'abstain';
export const CHOICES: readonly Choice[] = ['yes', 'no', 'abstain'];

/** Members entitled to vote, per group. */
export type Composition = Record<GroupId, number>;

export interface Weights {
	/** lcm of the sizes of the groups that have members; 0 when none has. */
	l: number;
	/** Votes each member of the group carries; 0 for a group without members. */
	perMember: Record<GroupId, number>;
}

function gcd(a: number, b: number): number {
	while (b) [a, b] = [b, a % b];
	return a;
}

export function lcm(a: number, b: number): number {
	return a === 0 || b === 0 ? 0 : (a / gcd(a, b)) * b;
}

/**
 * VOT-1: each member's weight, from the composition as it stands (recomputed whenever it changes). A
 * group with no member entitled to vote is left out of L and casts nothing.
 */
export function weightsOf(c: Composition): Weights {
	for (const g of GROUPS)
		if (!Number.isInteger(c[g]) || c[g] < 0) throw new RangeError(`group size must be a whole number: ${g}`);
	const sizes = GROUPS.map((g) => c[g]).filter((n) => n > 0);
	const l = sizes.length ? sizes.reduce(lcm) : 0;
	const perMember = { government: 0, employers: 0, workers: 0 };
	for (const g of GROUPS) perMember[g] = c[g] > 0 ? l / c[g] : 0;
	return { l, perMember };
}

/** How a group voted: head counts. */
export type Counts = Record<Choice, number>;

export type Ballot =
	/** Each member's vote, by voter id (one vote each, VOT-2). */
	| { kind: 'members'; votes: readonly { voterId: string; groupId: GroupId; choice: Choice }[] }
	/** Each group's totals, as counted in the room (VOT-3). */
	| { kind: 'groups'; totals: Record<GroupId, Counts> };

export type TallyProblem = 'vote.twice' | 'vote.notEntitled' | 'vote.badCount' | 'vote.tooMany';

export interface Tally {
	weights: Weights;
	/** Head counts and weighted votes per group. */
	groups: Record<GroupId, { counts: Counts; weighted: Counts }>;
	/** Weighted totals. */
	total: Counts;
	/** Members who took part (yes, no or abstain), for the quorum. */
	participants: number;
	quorum: number;
	quorumMet: boolean;
	/** VOT-5: carried when the weighted votes in favour exceed those against; abstentions count for neither. */
	result: 'carried' | 'lost' | 'no_quorum';
}

const zero = (): Counts => ({ yes: 0, no: 0, abstain: 0 });

/**
 * Counts a ballot (VOT-2 … VOT-5) against the composition and the meeting's quorum (the number of
 * members who must take part for the vote to stand; 0 for none). Returns the problem instead when the
 * ballot cannot be right.
 */
export function tally(
	ballot: Ballot,
	composition: Composition,
	quorum: number
): { ok: true; tally: Tally } | { ok: false; problem: TallyProblem; groupId?: GroupId } {
	const weights = weightsOf(composition);
	const counts: Record<GroupId, Counts> = { government: zero(), employers: zero(), workers: zero() };
	if (ballot.kind === 'members') {
		const seen = new Set<string>();
		for (const v of ballot.votes) {
			if (seen.has(v.voterId)) return { ok: false, problem: 'vote.twice' };
			seen.add(v.voterId);
			if (!GROUPS.includes(v.groupId) || composition[v.groupId] === 0 || !CHOICES.includes(v.choice))
				return { ok: false, problem: 'vote.notEntitled', groupId: v.groupId };
			counts[v.groupId][v.choice]++;
		}
	} else {
		for (const g of GROUPS) {
			const t = ballot.totals[g];
			for (const c of CHOICES)
				if (!Number.isInteger(t[c]) || t[c] < 0) return { ok: false, problem: 'vote.badCount', groupId: g };
			counts[g] = { ...t };
		}
	}
	for (const g of GROUPS) {
		const n = counts[g].yes + counts[g].no + counts[g].abstain;
		if (n > composition[g]) return { ok: false, problem: 'vote.tooMany', groupId: g };
	}
	const groups = {} as Tally['groups'];
	const total = zero();
	let participants = 0;
	for (const g of GROUPS) {
		const w = weights.perMember[g];
		const weighted = { yes: counts[g].yes * w, no: counts[g].no * w, abstain: counts[g].abstain * w };
		groups[g] = { counts: counts[g], weighted };
		for (const c of CHOICES) total[c] += weighted[c];
		participants += counts[g].yes + counts[g].no + counts[g].abstain;
	}
	const quorumMet = participants >= quorum;
	const result = !quorumMet ? 'no_quorum' : total.yes > total.no ? 'carried' : 'lost';
	return { ok: true, tally: { weights, groups, total, participants, quorum, quorumMet, result } };
}
