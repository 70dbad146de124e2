// Who may do what with an amendment, and when not, why: the amendment counterpart of policy.ts's `can`,
// in the same Decision shape. It answers for the person only; whether the amendment's status and its
// neighbours allow the step is amendment-lifecycle.ts's business. Rules AMD-n in SPEC.md.
import type { Actor } from './policy.ts';
import type { Capacity, Tabler } from './amendment.ts';
import type { GroupId } from './roles.ts';

/** An actor with, for a Government representative, the member State they represent. */
export interface AmendmentActor extends Actor {
	country?: string | null;
}

/** The steps that only the Chair takes (AMD-10). */
export const CHAIR_ACTIONS = [
	'amendment.call',
	'amendment.adopt',
	'amendment.adoptAsSubamended',
	'amendment.reject',
	'amendment.declareFallen',
	'amendment.declareNotSeconded'
] as const;
export type ChairAction = (typeof CHAIR_ACTIONS)[number];

export type AmendmentAction =
	/** See, write and discuss the group's drafts. */
	| { type: 'amendment.draft'; groupId: GroupId }
	| { type: 'amendment.table'; groupId: GroupId; capacity: Capacity }
	| { type: 'amendment.second'; tabledBy: Tabler | null }
	| { type: 'amendment.withdraw'; tabledBy: Tabler | null }
	| { type: 'amendment.return' }
	| { type: ChairAction };

export type AmendmentReason =
	| 'amendment.notMember'
	| 'amendment.notOwnGroup'
	| 'amendment.cannotTable'
	| 'amendment.notGroupSecretary'
	| 'amendment.noCountry'
	| 'amendment.notCoordinator'
	| 'amendment.notGovernment'
	| 'amendment.ownAmendment'
	| 'amendment.sameCountry'
	| 'amendment.notChair'
	| 'amendment.notAuthor'
	| 'amendment.notSecretariat';

export type AmendmentDecision = { allowed: true } | { allowed: false; rule: string; reason: AmendmentReason };

const ALLOW: AmendmentDecision = { allowed: true };
const deny = (rule: string, reason: AmendmentReason): AmendmentDecision => ({ allowed: false, rule, reason });

function countryOf(actor: AmendmentActor): string | null {
	const c = actor.country?.trim();
	return c ? c : null;
}

export function canAmend(actor: AmendmentActor, action: AmendmentAction): AmendmentDecision {
	const m = actor.membership;
	if (!m) return deny('AMD-3', 'amendment.notMember');
	const has = (role: (typeof m.roles)[number]) => m.roles.includes(role);

	switch (action.type) {
		case 'amendment.draft':
			return m.groupId === action.groupId ? ALLOW : deny('AMD-4', 'amendment.notOwnGroup');

		case 'amendment.table':
			// The Chair, the secretariat and observers sit in no group (PAR-3) and table nothing.
			if (m.groupId === null) return deny('AMD-5', 'amendment.cannotTable');
			if (m.groupId !== action.groupId) return deny('AMD-4', 'amendment.notOwnGroup');
			if (m.groupId !== 'government')
				return has('group_secretary') && action.capacity === 'group'
					? ALLOW
					: deny('AMD-6', 'amendment.notGroupSecretary');
			if (action.capacity === 'national')
				return countryOf(actor) ? ALLOW : deny('AMD-7', 'amendment.noCountry');
			return has('government_coordinator') ? ALLOW : deny('AMD-7', 'amendment.notCoordinator');

		case 'amendment.second': {
			const country = countryOf(actor);
			if (m.groupId !== 'government' || !country) return deny('AMD-9', 'amendment.notGovernment');
			if (action.tabledBy?.userId === actor.userId) return deny('AMD-9', 'amendment.ownAmendment');
			if (action.tabledBy?.country === country) return deny('AMD-9', 'amendment.sameCountry');
			return ALLOW;
		}

		case 'amendment.withdraw': {
			const t = action.tabledBy;
			if (!t) return deny('AMD-11', 'amendment.notAuthor');
			if (t.capacity === 'national')
				return t.userId === actor.userId ? ALLOW : deny('AMD-11', 'amendment.notAuthor');
			const side = t.groupId === 'government' ? 'government_coordinator' : 'group_secretary';
			return m.groupId === t.groupId && has(side) ? ALLOW : deny('AMD-11', 'amendment.notAuthor');
		}

		case 'amendment.return':
			return has('secretariat') ? ALLOW : deny('AMD-12', 'amendment.notSecretariat');

		default:
			return has('chair') ? ALLOW : deny('AMD-10', 'amendment.notChair');
	}
}
