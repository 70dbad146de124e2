// Fixtures shared by the amendment and position tests; not used by the app.
import type { Amendment, AmendmentProposal, Tabler } from './amendment.ts';
import type { AmendmentActor } from './amendment-policy.ts';
import type { Membership } from './roles.ts';

export function person(
	userId: string,
	membership: Membership | null,
	country: string | null = null
): AmendmentActor {
	return { userId, isOffice: false, membership, country };
}

/** One of each kind of participant, and a stranger. Kenya tables the national amendments. */
export const PEOPLE = {
	chair: person('chair', { groupId: null, roles: ['chair'] }),
	secretariat: person('secretariat', { groupId: null, roles: ['secretariat'] }),
	observer: person('observer', { groupId: null, roles: ['observer'] }),
	empSecretary: person('empSecretary', { groupId: 'employers', roles: ['group_secretary'] }),
	empViceChair: person('empViceChair', { groupId: 'employers', roles: ['vice_chair'] }),
	wkrSecretary: person('wkrSecretary', { groupId: 'workers', roles: ['group_secretary'] }),
	wkrSpokesperson: person('wkrSpokesperson', { groupId: 'workers', roles: ['spokesperson'] }),
	wkrDrafter: person('wkrDrafter', { groupId: 'workers', roles: ['drafting_committee'] }),
	coordinator: person('coordinator', { groupId: 'government', roles: ['government_coordinator'] }),
	govSpokesperson: person('govSpokesperson', { groupId: 'government', roles: ['spokesperson'] }),
	kenya: person('kenya', { groupId: 'government', roles: [] }, 'Kenya'),
	kenya2: person('kenya2', { groupId: 'government', roles: [] }, 'Kenya'),
	italy: person('italy', { groupId: 'government', roles: [] }, 'Italy'),
	stranger: person('stranger', null)
} as const;
export type PersonName = keyof typeof PEOPLE;
export const PERSON_NAMES = Object.keys(PEOPLE) as PersonName[];

const WORDING: AmendmentProposal = { kind: 'change_wording', targetId: 'p1', text: 'New wording.' };

export function amendment(overrides: Partial<Amendment> = {}): Amendment {
	return {
		id: 'a1',
		groupId: 'workers',
		code: null,
		proposal: WORDING,
		justification: null,
		status: 'draft',
		tabledBy: null,
		secondedBy: null,
		...overrides
	};
}

export const WORKERS_TABLER: Tabler = {
	userId: 'wkrSecretary',
	groupId: 'workers',
	capacity: 'group',
	country: null
};
export const COORDINATOR_TABLER: Tabler = {
	userId: 'coordinator',
	groupId: 'government',
	capacity: 'group',
	country: null
};
export const KENYA_TABLER: Tabler = {
	userId: 'kenya',
	groupId: 'government',
	capacity: 'national',
	country: 'Kenya'
};
