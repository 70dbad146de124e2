// The people of a meeting (docs/domain.md, "The meeting"): three groups of equal standing and the roles
// participants hold. Rules are in SPEC.md under "Permissions (POL-n)" and "Participants (PAR-n)".

export const GROUPS = ['government', 'employers', 'workers'] as const;
export type GroupId = (typeof GROUPS)[number];

export const ROLES = [
	'chair',
	'vice_chair',
	'spokesperson',
	'group_secretary',
	'government_coordinator',
	'drafting_committee',
	'secretariat',
	'observer'
] as const;
export type Role = (typeof ROLES)[number];

export interface Membership {
	groupId: GroupId | null;
	roles: readonly Role[];
}

export function isGroupId(value: unknown): value is GroupId {
	return typeof value === 'string' && (GROUPS as readonly string[]).includes(value);
}

export function isRole(value: unknown): value is Role {
	return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Roles that speak or act for a group, so they need one. */
const GROUP_ROLES: readonly Role[] = [
	'vice_chair',
	'spokesperson',
	'group_secretary',
	'government_coordinator'
];
/** Roles of people who sit in no group. */
const NON_GROUP_ROLES: readonly Role[] = ['chair', 'secretariat', 'observer'];

export type ParticipantProblem =
	| 'participant.noRoleOutsideGroup'
	| 'participant.roleNeedsGroup'
	| 'participant.roleOutsideGroupOnly'
	| 'participant.coordinatorIsGovernment'
	| 'participant.observerOnly'
	| 'participant.duplicateRole';

/**
 * What is wrong with a participant's group and roles, as i18n keys (empty when valid).
 * PAR-1..PAR-6 in SPEC.md.
 */
export function participantProblems(m: Membership): ParticipantProblem[] {
	const problems: ParticipantProblem[] = [];
	const roles = m.roles;
	if (new Set(roles).size !== roles.length) problems.push('participant.duplicateRole');
	if (m.groupId === null && roles.length === 0) problems.push('participant.noRoleOutsideGroup');
	if (m.groupId === null && roles.some((r) => GROUP_ROLES.includes(r)))
		problems.push('participant.roleNeedsGroup');
	if (m.groupId !== null && roles.some((r) => NON_GROUP_ROLES.includes(r)))
		problems.push('participant.roleOutsideGroupOnly');
	if (roles.includes('government_coordinator') && m.groupId !== null && m.groupId !== 'government')
		problems.push('participant.coordinatorIsGovernment');
	if (roles.includes('observer') && roles.length > 1) problems.push('participant.observerOnly');
	return problems;
}
