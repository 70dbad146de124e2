// An amendment's way from draft to outcome (docs/domain.md, "Amendments"): one pure function, `transition`,
// that checks the person (amendment-policy.ts), then the status (AMD-2), then the amendment's
// neighbours (seconder, subamendments, parent), and returns the next amendment or the refusal.
import {
	isOpen,
	needsSeconder,
	nextCode,
	type Amendment,
	type AmendmentStatus,
	type Capacity
} from './amendment.ts';
import {
	canAmend,
	type AmendmentAction,
	type AmendmentActor,
	type AmendmentReason
} from './amendment-policy.ts';

export type TransitionAction =
	| { type: 'table'; capacity: Capacity }
	| { type: 'second' }
	| { type: 'call' }
	| { type: 'adopt' }
	| { type: 'adoptAsSubamended' }
	| { type: 'reject' }
	| { type: 'withdraw' }
	| { type: 'declareFallen' }
	| { type: 'declareNotSeconded' }
	| { type: 'return' };

export type TransitionType = TransitionAction['type'];

export interface TransitionContext {
	/** Every amendment of the meeting, the one at hand included or not: for codes, parent, subamendments. */
	amendments: readonly Amendment[];
}

export type LifecycleReason =
	| AmendmentReason
	| 'amendment.wrongStatus'
	| 'amendment.noSeconderNeeded'
	| 'amendment.needsSeconder'
	| 'amendment.parentNotOpen'
	| 'amendment.openSubamendments'
	| 'amendment.wasSubamended'
	| 'amendment.noAdoptedSubamendment';

export type TransitionResult =
	{ ok: true; amendment: Amendment } | { ok: false; rule: string; reason: LifecycleReason };

/** The lifecycle graph (AMD-2): from which statuses each step starts, and where it leads. */
export const TRANSITIONS: Readonly<
	Record<TransitionType, { from: readonly AmendmentStatus[]; to: AmendmentStatus }>
> = {
	table: { from: ['draft'], to: 'tabled' },
	second: { from: ['tabled'], to: 'seconded' },
	call: { from: ['tabled', 'seconded'], to: 'under_discussion' },
	adopt: { from: ['under_discussion'], to: 'adopted' },
	adoptAsSubamended: { from: ['under_discussion'], to: 'adopted_as_subamended' },
	reject: { from: ['under_discussion'], to: 'rejected' },
	withdraw: { from: ['tabled', 'seconded', 'under_discussion'], to: 'withdrawn' },
	declareFallen: { from: ['tabled', 'seconded', 'under_discussion'], to: 'fell' },
	declareNotSeconded: { from: ['tabled'], to: 'not_seconded' },
	return: { from: ['tabled', 'seconded'], to: 'draft' }
};

export const TRANSITION_TYPES = Object.keys(TRANSITIONS) as TransitionType[];

const refuse = (rule: string, reason: LifecycleReason): TransitionResult => ({ ok: false, rule, reason });

/** The policy question a step asks about its actor. */
function policyAction(a: Amendment, action: TransitionAction): AmendmentAction {
	switch (action.type) {
		case 'table':
			return { type: 'amendment.table', groupId: a.groupId, capacity: action.capacity };
		case 'second':
			return { type: 'amendment.second', tabledBy: a.tabledBy };
		case 'withdraw':
			return { type: 'amendment.withdraw', tabledBy: a.tabledBy };
		case 'return':
			return { type: 'amendment.return' };
		default:
			return { type: `amendment.${action.type}` };
	}
}

/** Tabled subamendments of an amendment (drafts are private to their group and count for nothing). */
export function subamendmentsOf(a: Pick<Amendment, 'id'>, all: readonly Amendment[]): Amendment[] {
	return all.filter(
		(s) => s.proposal.kind === 'subamendment' && s.proposal.parentId === a.id && s.status !== 'draft'
	);
}

function countryOf(actor: AmendmentActor): string | null {
	return actor.country?.trim() || null;
}

/** The amendment after `action` by `actor`, or the rule that refuses it (AMD-2 … AMD-15). */
export function transition(
	amendment: Amendment,
	action: TransitionAction,
	actor: AmendmentActor,
	context: TransitionContext
): TransitionResult {
	const decision = canAmend(actor, policyAction(amendment, action));
	if (!decision.allowed) return refuse(decision.rule, decision.reason);

	const step = TRANSITIONS[action.type];
	if (!step.from.includes(amendment.status)) return refuse('AMD-2', 'amendment.wrongStatus');
	const next: Amendment = { ...amendment, status: step.to };
	const subs = subamendmentsOf(amendment, context.amendments);
	const adoptedSubs = subs.filter((s) => s.status === 'adopted' || s.status === 'adopted_as_subamended');

	switch (action.type) {
		case 'table': {
			const p = amendment.proposal;
			if (p.kind === 'subamendment') {
				const parent = context.amendments.find((x) => x.id === p.parentId);
				if (!parent || !isOpen(parent.status)) return refuse('AMD-13', 'amendment.parentNotOpen');
			}
			const userId = actor.userId;
			const country = action.capacity === 'national' ? countryOf(actor) : null;
			return {
				ok: true,
				amendment: {
					...next,
					code: amendment.code ?? nextCode(context.amendments.map((x) => x.code)),
					tabledBy: { userId, groupId: amendment.groupId, capacity: action.capacity, country },
					secondedBy: null
				}
			};
		}
		case 'second': {
			if (!needsSeconder(amendment)) return refuse('AMD-9', 'amendment.noSeconderNeeded');
			const country = countryOf(actor) ?? '';
			return { ok: true, amendment: { ...next, secondedBy: { userId: actor.userId, country } } };
		}
		case 'call':
			if (needsSeconder(amendment) && amendment.status !== 'seconded')
				return refuse('AMD-9', 'amendment.needsSeconder');
			break;
		case 'declareNotSeconded':
			if (!needsSeconder(amendment)) return refuse('AMD-9', 'amendment.noSeconderNeeded');
			break;
		case 'adopt':
		case 'adoptAsSubamended':
		case 'reject':
			if (subs.some((s) => isOpen(s.status))) return refuse('AMD-14', 'amendment.openSubamendments');
			if (action.type === 'adopt' && adoptedSubs.length > 0)
				return refuse('AMD-15', 'amendment.wasSubamended');
			if (action.type === 'adoptAsSubamended' && adoptedSubs.length === 0)
				return refuse('AMD-15', 'amendment.noAdoptedSubamendment');
			break;
		case 'return':
			return { ok: true, amendment: { ...next, secondedBy: null } };
	}
	return { ok: true, amendment: next };
}
