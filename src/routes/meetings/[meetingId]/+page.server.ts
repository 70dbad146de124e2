import { fail, type RequestEvent } from '@sveltejs/kit';
import { AMENDMENT_KINDS, type AmendmentProposal, type Capacity } from '#lib/domain/amendment.ts';
import { CARD_STEPS, type CardStep } from '#lib/collab/live-amendments.ts';
import { STANCES, type PositionSubject, type Stance } from '#lib/domain/position.ts';
import { isGroupId } from '#lib/domain/roles.ts';
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
import { membershipOf } from '#lib/server/meetings/queries.ts';
import { loadDraftText } from '#lib/server/meetings/text-store.ts';
import { tKey } from '#lib/i18n/index.ts';
import type { Actions, PageServerLoad } from './$types';

// The layout has already refused anyone who is not in the meeting.
export const load: PageServerLoad = async ({ params, parent, locals }) => {
	await parent();
	const userId = locals.user?.id ?? '';
	return {
		...loadDraftText(getDb(), params.meetingId),
		// The presence list shows the viewer first and counts their other tabs as them.
		viewerId: userId,
		// A Government representative's member State: what they may table in a national capacity.
		country: membershipOf(getDb(), params.meetingId, userId)?.country ?? null
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

export const actions: Actions = {
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
