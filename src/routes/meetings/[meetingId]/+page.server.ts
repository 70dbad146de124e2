import { fail, type RequestEvent } from '@sveltejs/kit';
import { AMENDMENT_KINDS, type AmendmentProposal, type Capacity } from '#lib/domain/amendment.ts';
import { CARD_STEPS, type CardStep } from '#lib/collab/live-amendments.ts';
import { speaksFor, STANCES, type PositionSubject, type Stance } from '#lib/domain/position.ts';
import { GROUPS, isGroupId, type GroupId } from '#lib/domain/roles.ts';
import { DECISIONS, type DecisionType } from '#lib/domain/decision.ts';
import { STATEMENT_KINDS, type StatementKind } from '#lib/domain/statement.ts';
import { CHOICES, type Ballot, type Choice, type Counts } from '#lib/domain/vote.ts';
import { decideUnit, setFocus, type DecisionInput } from '#lib/server/decisions/commands.ts';
import { adoptConclusions } from '#lib/server/decisions/conclusions.ts';
import { recordStatement } from '#lib/server/decisions/statements.ts';
import { compositionOf, recordVote, setQuorum } from '#lib/server/decisions/votes.ts';
import {
	discardDraft,
	draftAmendment,
	reorderAmendments,
	resolveMerge,
	tableAmendment,
	transitionAmendment
} from '#lib/server/amendments/commands.ts';
import { setPosition } from '#lib/server/amendments/positions.ts';
import { getDb } from '#lib/server/db/index.ts';
import { requireAllowed, tryCommand, type Attempt } from '#lib/server/guard.ts';
import { getMeeting, listParticipants, membershipOf } from '#lib/server/meetings/queries.ts';
import { loadDraftText } from '#lib/server/meetings/text-store.ts';
import { tKey } from '#lib/i18n/index.ts';
import type { Actions, PageServerLoad } from './$types';

// The layout has already refused anyone who is not in the meeting.
export const load: PageServerLoad = async ({ params, parent, locals }) => {
	await parent();
	const userId = locals.user?.id ?? '';
	const db = getDb();
	const membership = membershipOf(db, params.meetingId, userId);
	const roles = membership?.roles ?? [];
	const people = listParticipants(db, params.meetingId);
	return {
		...loadDraftText(getDb(), params.meetingId),
		// The presence list shows the viewer first and counts their other tabs as them.
		viewerId: userId,
		// A Government representative's member State: what they may table in a national capacity.
		country: membership?.country ?? null,
		// The conclusions as a whole have been adopted (CON-2): the text is final.
		conclusionsAdopted: !!getMeeting(db, params.meetingId)?.conclusionsAdoptedAt,
		// Whom the secretariat may record a statement for (STM-1): members of the groups.
		speakers: roles.includes('secretariat')
			? people
					.filter((p) => p.groupId !== null)
					.map((p) => ({
						userId: p.userId,
						name: p.displayName,
						groupId: p.groupId!,
						country: p.country,
						speaksForGroup: speaksFor({ groupId: p.groupId, roles: p.roles }, p.groupId!)
					}))
			: [],
		// Members entitled to vote per group, as the vote will count them: the most a group casts (VOT-4).
		groupSizes: compositionOf(db, params.meetingId),
		// For a vote member by member (VOT-2), to the Chair and the secretariat: who may vote.
		voters:
			roles.includes('chair') || roles.includes('secretariat')
				? people
						.filter((p) => p.groupId !== null)
						.map((p) => ({ userId: p.userId, name: p.displayName, groupId: p.groupId! }))
				: [],
		quorum: getMeeting(db, params.meetingId)?.quorum ?? 0
	};
};

// Every amendment action answers with the control it came from (`target`), so that a refusal is shown
// beside that control. The page posts them without reloading: the live mirror shows what changed.

async function formOf(event: RequestEvent) {
	const { user } = requireAllowed(event, event.params.meetingId ?? null, { type: 'meeting.view' });
	const form = await event.request.formData();
	const field = (name: string) => String(form.get(name) ?? '');
	return {
		user,
		meetingId: event.params.meetingId ?? '',
		field,
		all: (name: string) => form.getAll(name).map(String)
	};
}

function answer<T>(
	target: string,
	attempt: Attempt<T>,
	extra: (value: T) => Record<string, string> = () => ({})
) {
	if (!attempt.ok) return fail(attempt.status, { target, message: attempt.message });
	return { target, done: true, ...extra(attempt.value) };
}

const refused = (target: string, key: string) => fail(400, { target, message: tKey(key) });

/** Proposed wording is one paragraph: line breaks pasted into the form become spaces (TXT-6). */
const oneLine = (text: string) => text.replace(/\s*[\r\n]+\s*/g, ' ').trim();

function proposalFrom(field: (name: string) => string): AmendmentProposal | null {
	const kind = field('kind');
	const target = field('targetId');
	const text = oneLine(field('text'));
	if (!AMENDMENT_KINDS.includes(kind as AmendmentProposal['kind']) || !target) return null;
	switch (kind) {
		case 'delete':
			return { kind, targetId: target };
		case 'insert_after': {
			const level = field('level') === 'subparagraph' ? 'subparagraph' : 'paragraph';
			return { kind, afterId: target, level, text };
		}
		case 'subamendment':
			return { kind, parentId: target, text };
		default:
			return { kind: kind as 'change_wording' | 'change_clause', targetId: target, text };
	}
}

const DECISION_TYPES = Object.keys(DECISIONS) as DecisionType[];

/** A whole number from a form field, or NaN (the domain refuses it with its own words). */
const whole = (v: string) => (/^\s*\d+\s*$/.test(v) ? Number(v) : Number.NaN);

function decisionFrom(field: (name: string) => string): DecisionInput | null {
	const type = field('type') as DecisionType;
	if (!DECISION_TYPES.includes(type)) return null;
	switch (type) {
		case 'adopt':
			return { type, asAmended: field('asAmended') === 'true' };
		case 'bracket':
			return { type, start: whole(field('start')), end: whole(field('end')) };
		case 'unbracket':
			return { type, bracketId: field('bracketId') };
		case 'reopen':
			return { type, reason: field('reason') };
		default:
			return { type };
	}
}

export const actions: Actions = {
	// The Chair's console (DEC-n): one decision on one unit.
	decide: async (event) => {
		const { user, meetingId, field } = await formOf(event);
		const target = field('target') || 'decide';
		const input = decisionFrom(field);
		if (!input) return refused(target, 'decision.unknown');
		const done = await tryCommand(() => decideUnit(getDb(), user, meetingId, field('unitId'), input));
		return answer(target, done, (status) => ({ status, decision: input.type }));
	},
	// What the meeting discusses now; empty: nothing.
	focus: async (event) => {
		const { user, meetingId, field } = await formOf(event);
		const unitId = field('unitId');
		const focus = unitId ? { unitId, amendmentId: field('amendmentId') || null } : null;
		const done = await tryCommand(() => setFocus(getDb(), user, meetingId, focus));
		return answer(field('target') || 'focus', done);
	},
	statement: async (event) => {
		const { user, meetingId, field } = await formOf(event);
		const target = field('target') || 'statement';
		const kind = field('kind') as StatementKind;
		if (!STATEMENT_KINDS.includes(kind)) return refused(target, 'statement.unknownKind');
		const unitId = field('unitId');
		const subject =
			field('subjectKind') === 'conclusions' || !unitId
				? { kind: 'conclusions' as const }
				: { kind: 'unit' as const, unitId };
		const done = await tryCommand(() =>
			recordStatement(getDb(), user, meetingId, {
				kind,
				subject,
				speakerUserId: field('speakerUserId') || user.id,
				onBehalfOfGroup: field('onBehalfOfGroup') === 'on',
				text: field('text')
			})
		);
		return answer(target, done, (id) => ({ statementId: id }));
	},
	vote: async (event) => {
		const { user, meetingId, field } = await formOf(event);
		const target = field('target') || 'vote';
		// `unit:<id>` or `amendment:<id>`.
		const [subjectKind, subjectId = ''] = field('subject').split(/:(.*)/s);
		const subject =
			subjectKind === 'amendment'
				? { kind: 'amendment' as const, amendmentId: subjectId }
				: { kind: 'unit' as const, unitId: subjectId };
		let ballot: Ballot;
		if (field('ballot') === 'members') {
			// `voter:<userId>` = yes | no | abstain; members left blank did not vote. The server checks
			// each voter's group against the roll.
			const people = listParticipants(getDb(), meetingId);
			const votes: { voterId: string; groupId: GroupId; choice: Choice }[] = [];
			for (const p of people) {
				const choice = field(`voter:${p.userId}`);
				if (!p.groupId || !CHOICES.includes(choice as Choice)) continue;
				votes.push({ voterId: p.userId, groupId: p.groupId, choice: choice as Choice });
			}
			ballot = { kind: 'members', votes };
		} else {
			const totals = Object.fromEntries(
				GROUPS.map((g) => [
					g,
					Object.fromEntries(CHOICES.map((c) => [c, whole(field(`${g}.${c}`) || '0')])) as Counts
				])
			) as Extract<Ballot, { kind: 'groups' }>['totals'];
			ballot = { kind: 'groups', totals };
		}
		const done = await tryCommand(() => recordVote(getDb(), user, meetingId, { subject, ballot }));
		if (!done.ok) return fail(done.status, { target, message: done.message });
		return { target, done: true, tally: done.value };
	},
	quorum: async (event) => {
		const { user, meetingId, field } = await formOf(event);
		const done = await tryCommand(() => setQuorum(getDb(), user, meetingId, whole(field('quorum') || '0')));
		return answer('quorum', done);
	},
	adoptConclusions: async (event) => {
		const { user, meetingId, field } = await formOf(event);
		const done = await tryCommand(() => adoptConclusions(getDb(), user, meetingId));
		return answer(field('target') || 'conclusions', done);
	},
	draft: async (event) => {
		const { user, meetingId, field } = await formOf(event);
		const target = field('target') || 'draft:new';
		const proposal = proposalFrom(field);
		if (!proposal) return refused(target, 'amendment.invalidProposal');
		const justification = field('justification').trim() || null;
		const done = await tryCommand(() =>
			draftAmendment(getDb(), user, meetingId, { proposal, justification })
		);
		return answer(target, done, (id) => ({ draftId: id }));
	},
	discard: async (event) => {
		const { user, meetingId, field } = await formOf(event);
		const id = field('amendmentId');
		const done = await tryCommand(() => discardDraft(getDb(), user, meetingId, id));
		return answer(field('target') || `discard:${id}`, done);
	},
	table: async (event) => {
		const { user, meetingId, field } = await formOf(event);
		const id = field('amendmentId');
		const capacity = field('capacity') as Capacity;
		const done = await tryCommand(() => tableAmendment(getDb(), user, meetingId, id, capacity));
		return answer(field('target') || `table:${id}`, done, (code) => ({ code }));
	},
	step: async (event) => {
		const { user, meetingId, field } = await formOf(event);
		const id = field('amendmentId');
		const target = field('target') || `step:${id}`;
		const step = field('step');
		if (!CARD_STEPS.includes(step as CardStep)) return refused(target, 'amendment.unknownAction');
		const done = await tryCommand(() =>
			transitionAmendment(getDb(), user, meetingId, id, { type: step as CardStep })
		);
		return answer(target, done);
	},
	position: async (event) => {
		const { user, meetingId, field } = await formOf(event);
		const target = field('target') || 'position';
		const subjectId = field('subjectId');
		const subject: PositionSubject =
			field('subjectKind') === 'amendment'
				? { kind: 'amendment', amendmentId: subjectId }
				: { kind: 'paragraph', unitId: subjectId };
		const groupId = field('groupId');
		const stance = field('stance');
		if (!isGroupId(groupId)) return refused(target, 'form.group');
		if (!STANCES.includes(stance as Stance)) return refused(target, 'position.unknownStance');
		const note = field('note').trim() || null;
		const done = await tryCommand(() =>
			setPosition(getDb(), user, meetingId, subject, groupId, stance as Stance, note)
		);
		return answer(target, done);
	},
	reorder: async (event) => {
		const { user, meetingId, field, all } = await formOf(event);
		const done = await tryCommand(() =>
			reorderAmendments(getDb(), user, meetingId, field('unitId'), all('ids'))
		);
		return answer(field('target') || 'reorder', done);
	},
	resolve: async (event) => {
		const { user, meetingId, field } = await formOf(event);
		const id = field('amendmentId');
		const done = await tryCommand(() => resolveMerge(getDb(), user, meetingId, id));
		return answer(field('target') || `resolve:${id}`, done);
	}
};
