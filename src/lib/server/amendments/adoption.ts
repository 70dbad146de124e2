// What adopting an amendment does to the text (docs/domain.md, "Amendments": merged into the working text).
// A new wording is merged into the unit's live Y.Text word by word (MRG-1 … MRG-5), keeping edits made
// since tabling elsewhere in the paragraph; where the text changed under it, the change is left out and a
// conflict recorded for the secretariat. Other open amendments to the same passage are offered to the
// Chair to declare fallen (MRG-6). A deletion marks the unit deleted; an insertion adds a unit.
import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import type { DbOrTx } from '../db/index.ts';
import { amendmentMerges, textUnits } from '../db/schema.ts';
import { CommandError } from '../command-error.ts';
import { meetingDocName } from '../collab-store/meeting-doc.ts';
import type { LiveChanges } from '../kernel/live-changes.ts';
import type { AmendmentRow } from './store.ts';
import {
	bumpStructure,
	liveMergeOf,
	mirrorMerge,
	mirrorStatuses,
	unitStatuses,
	type Names
} from './mirror.ts';
import { compareByCode, isOpen, type Amendment } from '#lib/domain/amendment.ts';
import { competingAmendments, mergeAmendment, type MergeConflict, type TextEdit } from '#lib/domain/merge.ts';
import type { LiveMerge } from '#lib/collab/live-records.ts';

/** The wording the meeting adopted: the amendment's own, or (adopted as subamended) its adopted subamendment's. */
export function adoptedWording(a: Amendment, all: readonly Amendment[]): string | null {
	if (a.status === 'adopted_as_subamended') {
		const subs = all
			.filter(
				(s) => s.proposal.kind === 'subamendment' && s.proposal.parentId === a.id && s.status === 'adopted'
			)
			.sort(compareByCode);
		const last = subs.at(-1);
		if (last && last.proposal.kind === 'subamendment') return last.proposal.text;
	}
	return a.proposal.kind === 'delete' ? null : a.proposal.text;
}

interface Context {
	tx: DbOrTx;
	live: LiveChanges;
	meetingId: string;
	names: Names;
	/** Every amendment of the meeting after the step, and their rows (for the base texts). */
	all: readonly Amendment[];
	rows: ReadonlyMap<string, AmendmentRow>;
}

/**
 * Applies an amendment just adopted to the text, inside the adoption's transaction. Returns what it
 * did to a wording (for the event and the Chair), or null when it changed no wording.
 */
export function applyAdoption(ctx: Context, a: Amendment): LiveMerge | null {
	const p = a.proposal;
	if (p.kind === 'subamendment') return null; // its parent carries it into the text
	if (p.kind === 'insert_after') {
		insertUnit(ctx, p.afterId, p.level, adoptedWording(a, ctx.all) ?? '');
		return null;
	}
	if (p.kind === 'delete') return deleteUnit(ctx, a, p.targetId);
	return mergeWording(ctx, a, p.targetId, adoptedWording(a, ctx.all) ?? '');
}

/** The other open amendments that change the words of `unitId`, with the text each was tabled against. */
function openRivals(ctx: Context, a: Amendment, unitId: string) {
	return ctx.all.filter(
		(o) =>
			o.id !== a.id &&
			isOpen(o.status) &&
			(o.proposal.kind === 'change_wording' || o.proposal.kind === 'change_clause') &&
			o.proposal.targetId === unitId
	);
}

function mergeWording(ctx: Context, a: Amendment, unitId: string, proposed: string): LiveMerge {
	const docName = meetingDocName(ctx.meetingId);
	const ytext = ctx.live.doc(docName).getMap<unknown>('texts').get(unitId);
	if (!(ytext instanceof Y.Text)) throw new CommandError(409, 'amendment.unknownTarget');
	const current = ytext.toString();
	const base = ctx.rows.get(a.id)?.baseText ?? current;
	const result = mergeAmendment(base, proposed, current);
	const edits: TextEdit[] = result.ok ? result.edits : result.partial.edits;
	const conflicts: MergeConflict[] = result.ok ? [] : result.conflicts;
	const merged = result.ok ? result.text : result.partial.text;
	const rivals = openRivals(ctx, a, unitId).map((o) => ({
		id: o.id,
		base: ctx.rows.get(o.id)?.baseText ?? current,
		proposed: o.proposal.kind === 'delete' ? '' : o.proposal.text
	}));
	const moot = competingAmendments(current, { base, proposed }, rivals).map((o) => o.id);
	const row = ctx.tx
		.insert(amendmentMerges)
		.values({ amendmentId: a.id, meetingId: ctx.meetingId, unitId, conflicts, moot })
		.onConflictDoUpdate({
			target: amendmentMerges.amendmentId,
			set: { unitId, conflicts, moot, resolvedBy: null, resolvedAt: null }
		})
		.returning()
		.get();
	const merge = liveMergeOf(row, ctx.names);
	ctx.tx
		.update(textUnits)
		.set({ text: merged })
		.where(and(eq(textUnits.id, unitId), eq(textUnits.meetingId, ctx.meetingId)))
		.run();
	ctx.live.change(docName, (doc) => {
		// MRG-2: each edit against what the previous left, from the end of the text backwards.
		for (const e of edits) {
			if (e.deleteCount > 0) ytext.delete(e.index, e.deleteCount);
			if (e.insert) ytext.insert(e.index, e.insert);
		}
		mirrorMerge(doc, merge);
	});
	return merge;
}

/** A deleted paragraph takes its subparagraphs with it; every open amendment to them falls moot. */
function deleteUnit(ctx: Context, a: Amendment, unitId: string): LiveMerge {
	const unit = ctx.tx
		.select({ id: textUnits.id })
		.from(textUnits)
		.where(and(eq(textUnits.id, unitId), eq(textUnits.meetingId, ctx.meetingId)))
		.get();
	if (!unit) throw new CommandError(409, 'amendment.unknownTarget');
	const children = ctx.tx
		.select({ id: textUnits.id })
		.from(textUnits)
		.where(and(eq(textUnits.meetingId, ctx.meetingId), eq(textUnits.parentId, unitId)))
		.all()
		.map((r) => r.id);
	const gone = new Set([unitId, ...children]);
	ctx.tx
		.update(textUnits)
		.set({ status: 'deleted' })
		.where(and(eq(textUnits.meetingId, ctx.meetingId), inArray(textUnits.id, [...gone])))
		.run();
	const moot = ctx.all
		.filter((o) => o.id !== a.id && isOpen(o.status))
		.filter((o) => {
			const q = o.proposal;
			return (q.kind === 'change_wording' || q.kind === 'delete') && gone.has(q.targetId);
		})
		.map((o) => o.id);
	const row = ctx.tx
		.insert(amendmentMerges)
		.values({ amendmentId: a.id, meetingId: ctx.meetingId, unitId, conflicts: [], moot })
		.onConflictDoUpdate({ target: amendmentMerges.amendmentId, set: { unitId, conflicts: [], moot } })
		.returning()
		.get();
	const merge = liveMergeOf(row, ctx.names);
	ctx.live.change(meetingDocName(ctx.meetingId), (doc) => {
		mirrorStatuses(doc, unitStatuses(ctx.tx, ctx.meetingId));
		mirrorMerge(doc, merge);
	});
	return merge;
}

/**
 * A new paragraph right after a paragraph or heading, or a new subparagraph right after a subparagraph
 * (or first in a paragraph): later siblings move down one place; numbers follow (NUM-n).
 */
function insertUnit(
	ctx: Context,
	afterId: string,
	level: 'paragraph' | 'subparagraph',
	wording: string
): void {
	const { tx, meetingId } = ctx;
	const anchor = tx
		.select()
		.from(textUnits)
		.where(and(eq(textUnits.id, afterId), eq(textUnits.meetingId, meetingId)))
		.get();
	if (!anchor) throw new CommandError(409, 'amendment.unknownTarget');
	const id = crypto.randomUUID();
	let kind: 'paragraph' | 'subparagraph';
	let parentId: string | null = null;
	let position: number;
	if (level === 'paragraph') {
		kind = 'paragraph';
		position = anchor.position + 1;
		tx.update(textUnits)
			.set({ position: sql`${textUnits.position} + 1` })
			.where(
				and(
					eq(textUnits.meetingId, meetingId),
					inArray(textUnits.kind, ['heading', 'paragraph']),
					gt(textUnits.position, anchor.position)
				)
			)
			.run();
	} else {
		kind = 'subparagraph';
		const first = anchor.kind === 'paragraph';
		parentId = first ? anchor.id : anchor.parentId;
		if (parentId === null) throw new CommandError(409, 'amendment.wrongTarget');
		position = first ? 0 : anchor.position + 1;
		tx.update(textUnits)
			.set({ position: sql`${textUnits.position} + 1` })
			.where(
				and(
					eq(textUnits.meetingId, meetingId),
					eq(textUnits.parentId, parentId),
					gt(textUnits.position, position - 1)
				)
			)
			.run();
	}
	tx.insert(textUnits).values({ id, meetingId, kind, parentId, position, text: wording }).run();
	ctx.live.change(meetingDocName(meetingId), (doc) => {
		doc.getMap<Y.Text>('texts').set(id, new Y.Text(wording));
		mirrorStatuses(doc, unitStatuses(tx, meetingId));
		bumpStructure(doc);
	});
}
