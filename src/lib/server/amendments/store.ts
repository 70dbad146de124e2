// Amendment rows ↔ the domain's Amendment (amendment.ts). The proposal is spread over plain columns
// (schema.ts, amendments); this is the one place that knows how.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/index.ts';
import { amendments } from '../db/schema.ts';
import type { Amendment, AmendmentProposal } from '#lib/domain/amendment.ts';

export type AmendmentRow = typeof amendments.$inferSelect;
type ProposalColumns = Pick<
	AmendmentRow,
	'kind' | 'targetId' | 'afterId' | 'level' | 'parentId' | 'proposedText'
>;

/** The columns that hold a proposal. */
export function proposalColumns(p: AmendmentProposal): ProposalColumns {
	const none = { targetId: null, afterId: null, level: null, parentId: null, proposedText: null };
	switch (p.kind) {
		case 'change_wording':
		case 'change_clause':
			return { ...none, kind: p.kind, targetId: p.targetId, proposedText: p.text };
		case 'delete':
			return { ...none, kind: p.kind, targetId: p.targetId };
		case 'insert_after':
			return { ...none, kind: p.kind, afterId: p.afterId, level: p.level, proposedText: p.text };
		case 'subamendment':
			return { ...none, kind: p.kind, parentId: p.parentId, proposedText: p.text };
	}
}

/** The proposal a row holds. Columns a kind needs are written together, so a missing one is corruption. */
export function proposalOf(r: ProposalColumns): AmendmentProposal {
	const need = (v: string | null, what: string): string => {
		if (v === null) throw new Error(`amendment row without ${what} for kind ${r.kind}`);
		return v;
	};
	switch (r.kind) {
		case 'change_wording':
		case 'change_clause':
			return { kind: r.kind, targetId: need(r.targetId, 'target_id'), text: need(r.proposedText, 'text') };
		case 'delete':
			return { kind: 'delete', targetId: need(r.targetId, 'target_id') };
		case 'insert_after':
			return {
				kind: 'insert_after',
				afterId: need(r.afterId, 'after_id'),
				level: r.level ?? 'paragraph',
				text: need(r.proposedText, 'text')
			};
		case 'subamendment':
			return {
				kind: 'subamendment',
				parentId: need(r.parentId, 'parent_id'),
				text: need(r.proposedText, 'text')
			};
	}
}

export function amendmentOf(r: AmendmentRow): Amendment {
	return {
		id: r.id,
		groupId: r.groupId,
		code: r.code,
		proposal: proposalOf(r),
		justification: r.justification,
		status: r.status,
		tabledBy:
			r.tabledBy && r.capacity
				? { userId: r.tabledBy, groupId: r.groupId, capacity: r.capacity, country: r.tabledCountry }
				: null,
		secondedBy: r.secondedBy ? { userId: r.secondedBy, country: r.secondedCountry ?? '' } : null
	};
}

/** The columns that change when an amendment moves through its lifecycle. */
export function lifecycleColumns(a: Amendment) {
	return {
		code: a.code,
		status: a.status,
		tabledBy: a.tabledBy?.userId ?? null,
		capacity: a.tabledBy?.capacity ?? null,
		tabledCountry: a.tabledBy?.country ?? null,
		secondedBy: a.secondedBy?.userId ?? null,
		secondedCountry: a.secondedBy?.country ?? null
	};
}

export function meetingAmendmentRows(db: DbOrTx, meetingId: string): AmendmentRow[] {
	return db.select().from(amendments).where(eq(amendments.meetingId, meetingId)).all();
}
