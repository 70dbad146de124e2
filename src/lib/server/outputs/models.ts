// The outputs' models from the database (OUT-n): the conclusions, the list of amendments and the record,
// worded in the interface language. Only what is public to the meeting goes in: never a group's draft.
import { and, asc, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/index.ts';
import { amendmentMerges, events, positions } from '../db/schema.ts';
import { collabBridge } from '../collab-bridge.ts';
import { loadDraftText } from '../meetings/text-store.ts';
import { amendmentOf, meetingAmendmentRows } from '../amendments/store.ts';
import { bracketSpans } from '../decisions/bracket-spans.ts';
import { meetingRecord } from '../record/proceedings.ts';
import { conclusionsStamp, meetingHeading, proceedingsStamp } from './heading.ts';
import { anchorId, isSettled } from '#lib/domain/amendment.ts';
import { amendmentStanding } from '#lib/domain/unit-amendments.ts';
import { referenceOf } from '#lib/domain/numbering.ts';
import { buildConclusions } from '#lib/domain/outputs/conclusions.ts';
import {
	changeOf,
	inTextOrder,
	publicAmendments,
	type ListedAmendment
} from '#lib/domain/outputs/amendment-list.ts';
import type {
	AmendmentListOutput,
	AmendmentListRow,
	ConclusionsOutput,
	RecordOutput
} from '#lib/domain/outputs/model.ts';
import { GROUPS, type GroupId } from '#lib/domain/roles.ts';
import type { DraftText } from '#lib/domain/text.ts';
import { formatDate } from '#lib/format.ts';
import { renderPhrase, t } from '#lib/i18n/index.ts';

const words = (text: string, n = 8) => text.split(/\s+/).slice(0, n).join(' ');

/** The conclusions as they stand: adopted, or the draft with today's date and its brackets (OUT-1, OUT-2). */
export async function conclusionsOutput(
	db: Db,
	meetingId: string,
	now = new Date()
): Promise<ConclusionsOutput | null> {
	const heading = meetingHeading(db, meetingId);
	if (!heading) return null;
	const brackets = await bracketSpans(db, meetingId);
	// The typing of the last few hundred milliseconds is part of the text people see.
	collabBridge()?.flushTexts(meetingId);
	const { text, statuses } = loadDraftText(db, meetingId);
	return buildConclusions({
		text,
		statuses,
		brackets,
		meeting: heading.meeting,
		stamp: conclusionsStamp(heading, now),
		labels: {
			document: t('outputs.document.conclusions'),
			page: t('outputs.pageWord'),
			footnotes: t('outputs.footnotes')
		}
	});
}

/** Amendment id → the reference of the text it amended when it was tabled (the number people used then). */
function tabledReferences(db: DbOrTx, meetingId: string): Map<string, string> {
	const refs = new Map<string, string>();
	const rows = db
		.select({ payload: events.payload })
		.from(events)
		.where(and(eq(events.meetingId, meetingId), eq(events.type, 'amendment.tabled')))
		.orderBy(asc(events.seq))
		.all();
	for (const { payload } of rows) {
		const id = payload['amendmentId'];
		const ref = payload['reference'];
		if (typeof id === 'string' && typeof ref === 'string' && !refs.has(id)) refs.set(id, ref);
	}
	return refs;
}

function placeOf(text: DraftText, unitId: string, reference: string | null): string {
	const ref = reference ?? referenceOf(text, unitId);
	if (ref !== null) return ref;
	const clause = text.preamble.findIndex((c) => c.id === unitId);
	if (clause >= 0) return t('outputs.list.targets.preamble', { n: clause + 1 });
	const heading = text.body.find((b) => b.id === unitId && b.kind === 'heading');
	if (heading) return t('outputs.list.targets.heading', { words: words(heading.text) });
	if (text.title?.id === unitId) return t('outputs.list.targets.title');
	return t('outputs.list.targets.unknown');
}

function targetOf(
	text: DraftText,
	a: ListedAmendment,
	codes: Map<string, string>,
	tabledRef: string | null
): string {
	const p = a.proposal;
	if (p.kind === 'subamendment')
		return t('outputs.list.targets.subamendment', { code: codes.get(p.parentId) ?? '' });
	if (p.kind === 'insert_after')
		return t(
			p.level === 'paragraph'
				? 'outputs.list.targets.newParagraphAfter'
				: 'outputs.list.targets.newSubparagraphAfter',
			{ place: placeOf(text, p.afterId, tabledRef) }
		);
	const ref = tabledRef ?? referenceOf(text, p.targetId);
	return ref !== null ? t('outputs.list.targets.paragraph', { ref }) : placeOf(text, p.targetId, null);
}

/** Every tabled amendment in text order, with its change, the three positions and the outcome (OUT-3, OUT-4). */
export function amendmentListOutput(db: Db, meetingId: string, now = new Date()): AmendmentListOutput | null {
	const heading = meetingHeading(db, meetingId);
	if (!heading) return null;
	const { text } = loadDraftText(db, meetingId);
	const listed: ListedAmendment[] = publicAmendments(meetingAmendmentRows(db, meetingId)).map((r) => ({
		...amendmentOf(r),
		baseText: r.baseText
	}));
	const codes = new Map(listed.map((a) => [a.id, a.code ?? '']));
	const refs = tabledReferences(db, meetingId);
	const stances = new Map<string, Partial<Record<GroupId, string>>>();
	for (const p of db
		.select()
		.from(positions)
		.where(and(eq(positions.meetingId, meetingId), eq(positions.subjectKind, 'amendment')))
		.all()) {
		const row = stances.get(p.subjectId) ?? {};
		row[p.groupId] = p.stance === 'none' ? '' : t(`amendments.stance.${p.stance}`);
		stances.set(p.subjectId, row);
	}
	const merges = new Map(
		db
			.select()
			.from(amendmentMerges)
			.where(eq(amendmentMerges.meetingId, meetingId))
			.all()
			.map((m) => [m.amendmentId, { conflicts: m.conflicts, resolved: m.resolvedBy !== null }])
	);
	const rows = inTextOrder(text, listed).map((a): AmendmentListRow => {
		const tabledRef = refs.get(a.id) ?? null;
		const parent = a.proposal.kind === 'subamendment' ? a.proposal.parentId : null;
		const anchor = anchorId(a.proposal);
		// AMD-22: an adoption whose change is not all in the text does not read as plainly adopted.
		const status = t(`amendments.status.${amendmentStanding(a.status, merges.get(a.id))}`);
		return {
			id: a.id,
			code: a.code ?? '',
			kind: a.proposal.kind,
			status: a.status,
			author:
				a.tabledBy?.capacity === 'national' && a.tabledBy.country
					? t('outputs.list.nationalAuthor', { country: a.tabledBy.country })
					: t(`outputs.list.groupAuthor.${a.groupId}`),
			authorGroup: a.groupId,
			target: targetOf(text, a, codes, tabledRef),
			targetUnitId: anchor,
			targetReference:
				anchor !== null ? referenceOf(text, anchor) : parent ? (refs.get(parent) ?? null) : null,
			parentCode: parent ? (codes.get(parent) ?? null) : null,
			change: changeOf(a),
			positions: Object.fromEntries(GROUPS.map((g) => [g, stances.get(a.id)?.[g] ?? ''])) as Record<
				GroupId,
				string
			>,
			outcome: isSettled(a.status) ? status : t('outputs.list.pending', { status }),
			justification: a.justification
		};
	});
	return {
		what: 'amendments',
		meeting: heading.meeting,
		stamp: proceedingsStamp(heading, now),
		rows,
		labels: {
			document: t('outputs.document.amendments'),
			page: t('outputs.pageWord'),
			none: t('outputs.list.none'),
			code: t('outputs.list.code'),
			author: t('outputs.list.author'),
			target: t('outputs.list.target'),
			change: t('outputs.list.change'),
			groups: Object.fromEntries(GROUPS.map((g) => [g, t(`group.${g}`)])) as Record<GroupId, string>,
			outcome: t('outputs.list.outcome'),
			deleted: t('amendments.diff.deleted'),
			inserted: t('amendments.diff.inserted'),
			justification: t('amendments.card.justification')
		}
	};
}

const TIME = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });

/** The record of proceedings, sitting by sitting, in the meeting's own phrasing (OUT-5). */
export function recordOutput(db: Db, meetingId: string, now = new Date()): RecordOutput | null {
	const heading = meetingHeading(db, meetingId);
	if (!heading) return null;
	return {
		what: 'proceedings',
		meeting: heading.meeting,
		stamp: proceedingsStamp(heading, now),
		sittings: meetingRecord(db, meetingId).map((s) => ({
			heading: !s.sitting
				? t('proceedings.noSitting')
				: s.sitting.date
					? t('proceedings.sitting', { number: s.sitting.number, date: formatDate(s.sitting.date) })
					: t('proceedings.sittingUndated', { number: s.sitting.number }),
			entries: s.entries.map((e) => ({
				at: e.at.toISOString(),
				time: TIME.format(e.at),
				sentence: renderPhrase(e.sentence)
			}))
		})),
		labels: {
			document: t('outputs.document.proceedings'),
			page: t('outputs.pageWord'),
			empty: t('proceedings.empty')
		}
	};
}
