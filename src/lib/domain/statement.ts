// Statements that do not change the text (docs/domain.md, "Decisions"): an interpretive statement on a
// paragraph, or a reservation, on a paragraph or on the conclusions as a whole; by a participant in
// their own name or on behalf of their group. They go on the record with the sitting, shown beside the
// text and never inside it. Pure. Rules STM-n in SPEC.md.
import type { Actor } from './policy.ts';
import { speaksFor } from './position.ts';
import type { GroupId } from './roles.ts';

export type StatementKind = 'interpretive' | 'reservation';
export const STATEMENT_KINDS: readonly StatementKind[] = ['interpretive', 'reservation'];

/** What a statement is about: one unit of the text (by stable id), or the conclusions as a whole. */
export type StatementSubject = { kind: 'unit'; unitId: string } | { kind: 'conclusions' };

export interface StatementInput {
	kind: StatementKind;
	subject: StatementSubject;
	/** Who made it: the participant speaking (the secretariat records statements made orally). */
	speakerId: string;
	/** The speaker's group, as they stand now. */
	speakerGroup: GroupId | null;
	/** On behalf of the speaker's group, rather than in their own name. */
	onBehalfOfGroup: boolean;
	text: string;
}

/** The longest statement, in characters: several paragraphs, not a document. */
export const STATEMENT_MAX = 5000;

export type StatementReason =
	| 'statement.notMember'
	| 'statement.notSpeaker'
	| 'statement.noGroup'
	| 'statement.notForGroup'
	| 'statement.empty'
	| 'statement.tooLong'
	| 'statement.unknownKind'
	| 'statement.wrongSubject';

export type StatementResult =
	{ ok: true; text: string } | { ok: false; rule: string; reason: StatementReason };

const refuse = (rule: string, reason: StatementReason): StatementResult => ({ ok: false, rule, reason });

/**
 * Whether `actor` may put `input` on the record (STM-1 … STM-4), and its text as recorded (trimmed).
 * `subjectKind`: the kind of the unit the statement is about, when it is about one.
 */
export function mayRecordStatement(
	actor: Actor,
	input: StatementInput,
	subjectKind: 'title' | 'preamble' | 'heading' | 'paragraph' | 'subparagraph' | 'footnote' | null
): StatementResult {
	const m = actor.membership;
	if (!m) return refuse('STM-1', 'statement.notMember');
	if (!STATEMENT_KINDS.includes(input.kind)) return refuse('STM-3', 'statement.unknownKind');
	const secretariat = m.roles.includes('secretariat');
	// STM-1: a delegate speaks for themselves; the secretariat records what was said for anyone.
	if (!secretariat && input.speakerId !== actor.userId) return refuse('STM-1', 'statement.notSpeaker');
	// STM-2: the speaker sits in a group (the Chair, the secretariat and observers make none), and speaks
	// for the whole group only as its spokesperson or secretary (for Governments, the coordinator).
	if (input.speakerGroup === null) return refuse('STM-2', 'statement.noGroup');
	if (input.onBehalfOfGroup && !secretariat && !speaksFor(m, input.speakerGroup))
		return refuse('STM-2', 'statement.notForGroup');
	// STM-3: about a clause, paragraph or subparagraph, or the conclusions as a whole.
	if (input.subject.kind === 'unit') {
		const ok = subjectKind === 'preamble' || subjectKind === 'paragraph' || subjectKind === 'subparagraph';
		if (!ok) return refuse('STM-3', 'statement.wrongSubject');
	}
	const text = input.text.trim();
	if (!text) return refuse('STM-4', 'statement.empty');
	if (text.length > STATEMENT_MAX) return refuse('STM-4', 'statement.tooLong');
	return { ok: true, text };
}
