// The permission policy: who may do what, and when not, why. Pure: the server asks it before every
// command and before opening a collaboration document; pages ask it only to decide what to offer.
// Rules POL-n in SPEC.md; each test names the rule it checks.
import type { GroupId, Membership } from './roles.ts';
import type { UnitStatus } from './status.ts';

export interface Actor {
	userId: string;
	/** Office staff (the secretariat as an institution): may create meetings. */
	isOffice: boolean;
	/** The actor's place in the meeting at hand; null when not a participant. */
	membership: Membership | null;
}

export type Action =
	| { type: 'meeting.create' }
	| { type: 'meeting.view' }
	| { type: 'meeting.manage' }
	| { type: 'text.import'; anyUnitDecided: boolean }
	| { type: 'text.edit'; status: UnitStatus }
	| { type: 'collab.open'; doc: { kind: 'meeting' } | { kind: 'group'; groupId: GroupId } };

export type PolicyReason =
	| 'policy.notOffice'
	| 'policy.notMember'
	| 'policy.notSecretariat'
	| 'policy.textAlreadyDecided'
	| 'policy.notDrafter'
	| 'policy.unitLocked'
	| 'policy.notInGroup';

export type Decision = { allowed: true } | { allowed: false; rule: string; reason: PolicyReason };

const ALLOW: Decision = { allowed: true };
const deny = (rule: string, reason: PolicyReason): Decision => ({ allowed: false, rule, reason });

/** Statuses in which a unit's text is settled and nobody may type in it (POL-6). */
const LOCKED: readonly UnitStatus[] = ['adopted', 'adopted_as_amended', 'deleted'];

export function can(actor: Actor, action: Action): Decision {
	if (action.type === 'meeting.create') return actor.isOffice ? ALLOW : deny('POL-1', 'policy.notOffice');

	const m = actor.membership;
	if (!m) return deny('POL-2', 'policy.notMember');

	switch (action.type) {
		case 'meeting.view':
			return ALLOW;
		case 'meeting.manage':
			return m.roles.includes('secretariat') ? ALLOW : deny('POL-3', 'policy.notSecretariat');
		case 'text.import':
			if (!m.roles.includes('secretariat')) return deny('POL-3', 'policy.notSecretariat');
			return action.anyUnitDecided ? deny('POL-4', 'policy.textAlreadyDecided') : ALLOW;
		case 'text.edit':
			if (!m.roles.includes('secretariat') && !m.roles.includes('drafting_committee'))
				return deny('POL-5', 'policy.notDrafter');
			return LOCKED.includes(action.status) ? deny('POL-6', 'policy.unitLocked') : ALLOW;
		case 'collab.open':
			if (action.doc.kind === 'meeting') return ALLOW;
			return m.groupId === action.doc.groupId ? ALLOW : deny('POL-7', 'policy.notInGroup');
	}
}
