// Positions as a server command (POS-1 … POS-4): checked by the domain, the current entry replaced, the
// change kept as a `position.set` event (the history), and the subject's row copied to the live meeting
// document so that every grid shows it at once.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { positions, textUnits } from '../db/schema.ts';
import { CommandError } from '../command-error.ts';
import { loadDraftText } from '../meetings/text-store.ts';
import { meetingDocName } from '../collab-store/meeting-doc.ts';
import { command } from '../kernel/command.ts';
import {
	amendmentActorFor,
	referenceFor,
	refuse,
	requireMember,
	requireOpenText,
	visibleTo,
	type CommandUser
} from './access.ts';
import { meetingNames, mirrorPositionRow, positionRows } from './mirror.ts';
import { amendmentOf, meetingAmendmentRows } from './store.ts';
import { referenceOf } from '#lib/domain/numbering.ts';
import {
	setPosition as decidePosition,
	STANCES,
	type PositionSubject,
	type Stance
} from '#lib/domain/position.ts';
import type { GroupId } from '#lib/domain/roles.ts';

/** Records one group's position on an amendment or a paragraph (POS-1 … POS-3); replaces that entry only. */
export async function setPosition(
	db: Db,
	user: CommandUser,
	meetingId: string,
	subject: PositionSubject,
	groupId: GroupId,
	stance: Stance,
	note: string | null = null
): Promise<void> {
	const actor = amendmentActorFor(db, user, meetingId);
	requireMember(actor, 'position.notMember');
	requireOpenText(db, meetingId);
	if (!STANCES.includes(stance)) throw new CommandError(400, 'position.unknownStance');
	const decision = decidePosition(actor, subject, groupId, stance, note);
	if (!decision.ok) refuse(decision.reason);
	const entry = decision.entry;
	const subjectId = subject.kind === 'amendment' ? subject.amendmentId : subject.unitId;
	const meetingDoc = meetingDocName(meetingId);
	await command(db, { meetingId, docs: [meetingDoc] }, ({ tx, live, record }) => {
		const text = loadDraftText(tx, meetingId).text;
		let reference: string | null;
		let code: string | null = null;
		if (subject.kind === 'amendment') {
			const all = meetingAmendmentRows(tx, meetingId).map(amendmentOf);
			const a = all.find((x) => x.id === subject.amendmentId);
			if (!a || !visibleTo(actor, a)) throw new CommandError(404, 'amendment.notFound');
			// A position answers a proposal put to the meeting: not a group's own draft.
			if (a.status === 'draft') throw new CommandError(409, 'position.amendmentNotTabled');
			code = a.code;
			reference = referenceFor(text, a.proposal, all);
		} else {
			const unit = tx
				.select({ kind: textUnits.kind })
				.from(textUnits)
				.where(and(eq(textUnits.id, subject.unitId), eq(textUnits.meetingId, meetingId)))
				.get();
			if (!unit || (unit.kind !== 'paragraph' && unit.kind !== 'subparagraph'))
				throw new CommandError(404, 'position.unknownSubject');
			reference = referenceOf(text, subject.unitId);
		}
		const key = and(
			eq(positions.meetingId, meetingId),
			eq(positions.subjectKind, subject.kind),
			eq(positions.subjectId, subjectId),
			eq(positions.groupId, groupId)
		);
		const previous = tx
			.select({ stance: positions.stance, note: positions.note })
			.from(positions)
			.where(key)
			.get();
		const values = { stance: entry.stance, note: entry.note, setBy: user.id, setAt: new Date() };
		tx.insert(positions)
			.values({ meetingId, subjectKind: subject.kind, subjectId, groupId, ...values })
			.onConflictDoUpdate({
				target: [positions.meetingId, positions.subjectKind, positions.subjectId, positions.groupId],
				set: values
			})
			.run();
		record({
			meetingId,
			type: 'position.set',
			actorUserId: user.id,
			membership: actor.membership,
			payload: {
				subjectKind: subject.kind,
				subjectId,
				code,
				reference,
				groupId,
				stance: entry.stance,
				note: entry.note,
				previous: previous ?? null
			}
		});
		const names = meetingNames(tx, meetingId);
		const rows = positionRows(tx, meetingId, names, [subjectId]);
		const row = [...rows.values()].find((r) => r.subject.kind === subject.kind)?.row ?? null;
		live.change(meetingDoc, (doc) => mirrorPositionRow(doc, subject, row));
	});
}
