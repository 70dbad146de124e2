// What the amendment and position commands share: who the actor is, how a refusal becomes a
// CommandError, what a person may see, and reading proposals and the text they change.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/index.ts';
import { meetings } from '../db/schema.ts';
import { CommandError } from '../command-error.ts';
import { membershipOf } from '../meetings/queries.ts';
import {
	AMENDMENT_KINDS,
	anchorId,
	proposedText,
	type Amendment,
	type AmendmentProposal
} from '#lib/domain/amendment.ts';
import type { AmendmentActor } from '#lib/domain/amendment-policy.ts';
import type { LifecycleReason } from '#lib/domain/amendment-lifecycle.ts';
import { referenceOf } from '#lib/domain/numbering.ts';
import type { DraftText } from '#lib/domain/text.ts';

export interface CommandUser {
	id: string;
	isOffice: boolean;
}

/** The actor as the amendment rules see them: membership plus, for a Government delegate, the country. */
export function amendmentActorFor(db: DbOrTx, user: CommandUser, meetingId: string): AmendmentActor {
	const m = membershipOf(db, meetingId, user.id);
	return {
		userId: user.id,
		isOffice: user.isOffice,
		membership: m ? { groupId: m.groupId, roles: m.roles } : null,
		country: m?.country ?? null
	};
}

/** Refusals about the amendment's state rather than the person: the request conflicts with it. */
const CONFLICTS: readonly LifecycleReason[] = [
	'amendment.wrongStatus',
	'amendment.noSeconderNeeded',
	'amendment.needsSeconder',
	'amendment.parentNotOpen',
	'amendment.openSubamendments',
	'amendment.wasSubamended',
	'amendment.noAdoptedSubamendment'
];

export function refuse(reason: string): never {
	// Someone outside the meeting learns nothing about it, not even that it exists (as POL-2).
	if (reason === 'amendment.notMember' || reason === 'position.notMember')
		throw new CommandError(404, reason);
	throw new CommandError(CONFLICTS.includes(reason as LifecycleReason) ? 409 : 403, reason);
}

export function requireMember(
	actor: AmendmentActor,
	reason: 'amendment.notMember' | 'position.notMember'
): void {
	if (!actor.membership) refuse(reason);
}

/** A draft is seen only by its group (AMD-4): for anyone else it does not exist. */
export function visibleTo(actor: AmendmentActor, a: Pick<Amendment, 'status' | 'groupId'>): boolean {
	return a.status !== 'draft' || actor.membership?.groupId === a.groupId;
}

/** The paragraph reference ('5', '5(iii)') of the block an amendment is about, as the text stands now. */
/** The stable id of the unit an amendment is about (a subamendment: its parent's), for the event log. */
export function unitFor(p: AmendmentProposal, all: readonly Amendment[], depth = 0): string | null {
	const anchor = anchorId(p);
	if (anchor !== null || p.kind !== 'subamendment' || depth > 32) return anchor;
	const parent = all.find((a) => a.id === p.parentId);
	return parent ? unitFor(parent.proposal, all, depth + 1) : null;
}

export function referenceFor(
	text: DraftText,
	p: AmendmentProposal,
	all: readonly Amendment[]
): string | null {
	const anchor = anchorId(p);
	if (anchor !== null) return referenceOf(text, anchor);
	if (p.kind === 'subamendment') {
		const parent = all.find((a) => a.id === p.parentId);
		return parent ? referenceFor(text, parent.proposal, all) : null;
	}
	return null;
}

/** What the amendment changes, as it stands now: the target's text, or the parent's proposed text. */
export function baseTextOf(text: DraftText, p: AmendmentProposal, all: readonly Amendment[]): string | null {
	if (p.kind === 'subamendment') {
		const parent = all.find((a) => a.id === p.parentId);
		return parent ? proposedText(parent.proposal) : null;
	}
	if (p.kind === 'insert_after') return null;
	if (text.title?.id === p.targetId) return text.title.text;
	for (const c of text.preamble) if (c.id === p.targetId) return c.text;
	for (const item of text.body) {
		if (item.id === p.targetId) return item.text;
		if (item.kind === 'paragraph') for (const s of item.subparagraphs) if (s.id === p.targetId) return s.text;
	}
	return null;
}

/** Whether untyped input (a form, a request body) is a proposal of the right shape; AMD-1 is checked after. */
export function isProposal(p: unknown): p is AmendmentProposal {
	if (typeof p !== 'object' || p === null) return false;
	const o = p as Record<string, unknown>;
	const str = (k: string) => typeof o[k] === 'string';
	if (!AMENDMENT_KINDS.includes(o['kind'] as AmendmentProposal['kind'])) return false;
	switch (o['kind']) {
		case 'change_wording':
		case 'change_clause':
			return str('targetId') && str('text');
		case 'delete':
			return str('targetId');
		case 'insert_after':
			return str('afterId') && str('text') && (o['level'] === 'paragraph' || o['level'] === 'subparagraph');
		default:
			return str('parentId') && str('text');
	}
}

/** CON-2: once the conclusions are adopted nothing moves, amendments and positions included. */
export function requireOpenText(db: DbOrTx, meetingId: string): void {
	const adopted = db
		.select({ at: meetings.conclusionsAdoptedAt })
		.from(meetings)
		.where(eq(meetings.id, meetingId))
		.get()?.at;
	if (adopted) throw new CommandError(409, 'decision.conclusionsAdopted');
}
