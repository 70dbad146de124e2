// Downloading an output (issue 6, item 7): anyone in the meeting may download what the meeting may see
// (group drafts are in no output, whoever asks); each download is an event, but one person's repeats
// within a window are one event and a count (SEC-3). The command line exports through the same function,
// as the operator (no user).
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { events, outputDownloads } from '../db/schema.ts';
import { CommandError } from '../command-error.ts';
import { appendEvent } from '../events.ts';
import { membershipOf } from '../meetings/queries.ts';
import { amendmentListOutput, conclusionsOutput, recordOutput } from './models.ts';
import { renderOutput } from './render.ts';
import {
	FORMATS_OF,
	OUTPUT_FORMATS,
	OUTPUT_WHATS,
	type OutputDocument,
	type OutputFormat,
	type OutputWhat
} from '#lib/domain/outputs/model.ts';
import { t } from '#lib/i18n/index.ts';

export interface OutputRequest {
	what: OutputWhat;
	format: OutputFormat;
	lineNumbers: boolean;
}

export interface OutputFile {
	filename: string;
	contentType: string;
	bytes: Uint8Array;
}

/** Untyped input (a URL, the command line) to a request, or a refusal that says what was wrong. */
export function outputRequest(what: string, format: string, lineNumbers = false): OutputRequest {
	if (!(OUTPUT_WHATS as readonly string[]).includes(what))
		throw new CommandError(400, 'outputs.refusal.unknownWhat', { what });
	if (!(OUTPUT_FORMATS as readonly string[]).includes(format))
		throw new CommandError(400, 'outputs.refusal.unknownFormat', { format });
	const w = what as OutputWhat;
	const f = format as OutputFormat;
	if (!FORMATS_OF[w].includes(f))
		throw new CommandError(400, 'outputs.refusal.notOffered', {
			what: t(`outputs.what.${w}`),
			format: t(`outputs.format.${f}`),
			formats: FORMATS_OF[w].map((x) => t(`outputs.format.${x}`)).join(', ')
		});
	return { what: w, format: f, lineNumbers };
}

async function documentOf(
	db: Db,
	meetingId: string,
	what: OutputWhat,
	now: Date
): Promise<OutputDocument | null> {
	if (what === 'conclusions') return conclusionsOutput(db, meetingId, now);
	if (what === 'amendments') return amendmentListOutput(db, meetingId, now);
	return recordOutput(db, meetingId, now);
}

/** 'tripartite-technical-meeting-on-labour-migration-conclusions-draft-2026-11-22.pdf': what, its state and day, so two downloads never collide. */
function fileName(doc: OutputDocument, extension: string): string {
	const slug = doc.meeting.title
		.normalize('NFKD')
		.replace(/[^\w\s-]/g, '')
		.trim()
		.toLowerCase()
		.split(/[\s_-]+/)
		.filter(Boolean)
		.slice(0, 6)
		.join('-');
	const state =
		doc.what === 'conclusions' ? doc.stamp.kind : doc.stamp.kind === 'adopted' ? 'final' : 'as-of';
	return `${slug || 'meeting'}-${doc.what}-${state}-${doc.stamp.date}.${extension}`;
}

/**
 * The file, for `user` (null: the operator at the command line). Refused with 404 to someone outside the
 * meeting, as every meeting page is.
 */
export async function downloadOutput(
	db: Db,
	user: { id: string } | null,
	meetingId: string,
	request: OutputRequest,
	now = new Date()
): Promise<OutputFile> {
	const membership = user ? membershipOf(db, meetingId, user.id) : null;
	if (user && !membership) throw new CommandError(404, 'policy.notMember');
	const doc = await documentOf(db, meetingId, request.what, now);
	if (!doc) throw new CommandError(404, 'policy.notMember');
	let rendered;
	try {
		rendered = await renderOutput(doc, request.format, { lineNumbers: request.lineNumbers });
	} catch (error) {
		const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
		throw new CommandError(500, 'outputs.refusal.failed', {
			format: t(`outputs.format.${request.format}`),
			reason
		});
	}
	// outputRequest has checked FORMATS_OF; a renderer that disagrees is a bug, not a bad request.
	if (!rendered) throw new Error(`no ${request.format} renderer for ${request.what}`);
	const payload: DownloadPayload = {
		what: request.what,
		format: request.format,
		stamp: doc.stamp.kind,
		date: doc.stamp.date,
		lineNumbers: request.lineNumbers,
		via: user ? 'web' : 'cli',
		bytes: rendered.bytes.length
	};
	if (user) recordDownload(db, meetingId, user.id, membership, payload, now);
	// The operator at the command line already holds the database: every export of theirs is an event.
	else appendEvent(db, { meetingId, type: 'output.downloaded', actorUserId: null, membership, payload });
	return {
		filename: fileName(doc, rendered.extension),
		contentType: rendered.contentType,
		bytes: rendered.bytes
	};
}

/** SEC-3: how long one person's repeats of one download are counted against its first event. */
export const DOWNLOAD_WINDOW_MS = 10 * 60 * 1000;

interface DownloadPayload {
	[field: string]: unknown;
	what: OutputWhat;
	format: OutputFormat;
	stamp: OutputDocument['stamp']['kind'];
	date: string;
	lineNumbers: boolean;
	via: 'web' | 'cli';
	bytes: number;
}

/**
 * The first download of a document (what, stamp), format and line numbering by a person in a window is
 * an event; the rest only count, in output_downloads (the event log takes no updates). One transaction,
 * after the render: of downloads made at once, the first to finish is the event.
 */
function recordDownload(
	db: Db,
	meetingId: string,
	userId: string,
	membership: ReturnType<typeof membershipOf>,
	payload: DownloadPayload,
	now: Date
): void {
	const key = {
		meetingId,
		userId,
		what: payload.what,
		format: payload.format,
		stamp: payload.stamp,
		lineNumbers: payload.lineNumbers
	};
	db.transaction((tx) => {
		const same = and(
			eq(outputDownloads.meetingId, meetingId),
			eq(outputDownloads.userId, userId),
			eq(outputDownloads.what, key.what),
			eq(outputDownloads.format, key.format),
			eq(outputDownloads.stamp, key.stamp),
			eq(outputDownloads.lineNumbers, key.lineNumbers)
		);
		const tally = tx.select().from(outputDownloads).where(same).get();
		const elapsed = tally ? now.getTime() - tally.firstAt.getTime() : Infinity;
		if (tally && elapsed >= 0 && elapsed < DOWNLOAD_WINDOW_MS) {
			tx.update(outputDownloads)
				.set({ repeats: tally.repeats + 1, lastAt: now })
				.where(same)
				.run();
			return;
		}
		appendEvent(tx, { meetingId, type: 'output.downloaded', actorUserId: userId, membership, payload });
		const eventSeq = tx
			.select({ seq: events.seq })
			.from(events)
			.where(and(eq(events.meetingId, meetingId), eq(events.type, 'output.downloaded')))
			.orderBy(desc(events.seq))
			.get()!.seq;
		const fresh = { eventSeq, firstAt: now, lastAt: now, repeats: 0 };
		if (tally) tx.update(outputDownloads).set(fresh).where(same).run();
		else
			tx.insert(outputDownloads)
				.values({ ...key, ...fresh })
				.run();
	});
}
