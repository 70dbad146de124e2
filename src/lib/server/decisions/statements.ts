// Statements on the record (STM-n): checked by the domain, stored with the sitting, one event, and copied
// into the live meeting document so that they appear beside the text at once (never inside it).
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { statements, textUnits, users } from '../db/schema.ts';
import { currentSitting } from '../events.ts';
import { CommandError } from '../command-error.ts';
import { actorFor, membershipOf } from '../meetings/queries.ts';
import { loadDraftText } from '../meetings/text-store.ts';
import { meetingDocName } from '../collab-store/meeting-doc.ts';
import { command } from '../kernel/command.ts';
import { MEETING_KEYS } from '#lib/collab/live-records.ts';
import { viewOf } from './statement-views.ts';
import { region } from '../amendments/mirror.ts';
import { referenceOf } from '#lib/domain/numbering.ts';
import { mayRecordStatement, type StatementKind, type StatementSubject } from '#lib/domain/statement.ts';
import type { GroupId } from '#lib/domain/roles.ts';

export { listStatements, type StatementView } from './statement-views.ts';

export interface StatementRequest {
	kind: StatementKind;
	subject: StatementSubject;
	/** Who made it; the secretariat records others' statements, everyone else their own. */
	speakerUserId: string;
	onBehalfOfGroup: boolean;
	text: string;
}

/** Puts a statement on the record (STM-1 … STM-4); returns its id. */
export async function recordStatement(
	db: Db,
	user: { id: string; isOffice: boolean },
	meetingId: string,
	request: StatementRequest
): Promise<string> {
	const actor = actorFor(db, user, meetingId);
	if (!actor.membership) throw new CommandError(404, 'statement.notMember');
	if (!request || typeof request.text !== 'string' || !request.subject)
		throw new CommandError(400, 'statement.empty');
	const speaker = membershipOf(db, meetingId, String(request.speakerUserId));
	if (!speaker) throw new CommandError(400, 'statement.notSpeaker');
	const docName = meetingDocName(meetingId);
	return command(db, { meetingId, docs: [docName] }, ({ tx, live, record }) => {
		let subjectKind = null;
		if (request.subject.kind === 'unit') {
			const unit = tx
				.select({ kind: textUnits.kind })
				.from(textUnits)
				.where(and(eq(textUnits.id, request.subject.unitId), eq(textUnits.meetingId, meetingId)))
				.get();
			if (!unit) throw new CommandError(404, 'decision.unknownUnit');
			subjectKind = unit.kind;
		}
		const decision = mayRecordStatement(
			actor,
			{
				kind: request.kind,
				subject: request.subject,
				speakerId: request.speakerUserId,
				speakerGroup: speaker.groupId,
				onBehalfOfGroup: request.onBehalfOfGroup === true,
				text: request.text
			},
			subjectKind
		);
		if (!decision.ok) throw new CommandError(decision.rule === 'STM-1' ? 403 : 400, decision.reason);
		const id = crypto.randomUUID();
		const at = new Date();
		const row = tx
			.insert(statements)
			.values({
				id,
				meetingId,
				kind: request.kind,
				unitId: request.subject.kind === 'unit' ? request.subject.unitId : null,
				speakerId: request.speakerUserId,
				speakerGroup: speaker.groupId as GroupId,
				speakerCountry: speaker.country ?? null,
				onBehalfOfGroup: request.onBehalfOfGroup === true,
				text: decision.text,
				recordedBy: user.id,
				sittingId: currentSitting(tx, meetingId, at),
				at
			})
			.returning()
			.get();
		const unitId = request.subject.kind === 'unit' ? request.subject.unitId : null;
		record({
			meetingId,
			type: 'statement.made',
			actorUserId: user.id,
			membership: actor.membership,
			payload: {
				statementId: id,
				kind: request.kind,
				unitId,
				reference: unitId ? referenceOf(loadDraftText(tx, meetingId).text, unitId) : null,
				speakerId: request.speakerUserId,
				speakerGroup: speaker.groupId,
				country: speaker.country ?? null,
				onBehalfOfGroup: row.onBehalfOfGroup,
				text: decision.text
			}
		});
		const name = tx
			.select({ n: users.displayName })
			.from(users)
			.where(eq(users.id, request.speakerUserId))
			.get()?.n;
		live.change(docName, (doc) => {
			region(doc, MEETING_KEYS.statements).set(id, viewOf(row, name ?? ''));
		});
		return id;
	});
}
