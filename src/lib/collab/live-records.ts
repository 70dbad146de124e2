/**
 * What the server mirrors of amendments and positions into the live documents, so that every page sees a
 * tabling, a step or a position the moment it is committed (docs/collab-protocol.md, "The server's
 * region"). SQLite is the truth; these are copies the server writes after each command and reconciles
 * when a document is loaded. Clients only read them: the validator refuses any client write outside the
 * texts root (VAL-3).
 *
 * Meeting document `meeting/<id>`, root map `server`:
 * - `statuses`: unit id → UnitStatus (a plain object, replaced whole);
 * - `amendments`: Y.Map, amendment id → LiveAmendment (every amendment that is not a draft);
 * - `positions`: Y.Map, `positionKey(subject)` → LivePositionRow;
 * - `order`: Y.Map, paragraph or unit id → amendment ids in the Chair's order (AMD-20);
 * - `merges`: Y.Map, amendment id → LiveMerge (what adopting it did to the text);
 * - `structure`: a number that grows whenever units are added (an adopted insertion): the page reloads
 *   the text's shape when it changes;
 * - `brackets`: Y.Map, unit id → [{id, start, end}], words kept in square brackets (DEC-6), the ends
 *   as Yjs relative positions (JSON) in the unit's text;
 * - `focus`: {unitId, amendmentId} the Chair has the meeting discussing, or null;
 * - `statements`: Y.Map, statement id → the statement (STM-n): shown beside the text, never in it;
 * - `conclusions`: {adoptedAt, asAmended} once the conclusions as a whole are adopted (CON-2).
 *
 * Group document `group/<meetingId>/<group>` (its members only):
 * - root `drafts`: Y.Map, amendment id → Y.Text, the draft's wording, co-written live (VAL-1);
 * - root `server`, key `meta`: Y.Map, amendment id → LiveDraft (what the draft is about).
 */
import type { AmendmentProposal, AmendmentStatus, Capacity } from '#lib/domain/amendment.ts';
import type { MergeConflict } from '#lib/domain/merge.ts';
import type { PositionSubject, Stance } from '#lib/domain/position.ts';
import type { GroupId } from '#lib/domain/roles.ts';

export const SERVER_ROOT = 'server';
export const MEETING_KEYS = {
	statuses: 'statuses',
	amendments: 'amendments',
	positions: 'positions',
	order: 'order',
	merges: 'merges',
	structure: 'structure',
	brackets: 'brackets',
	focus: 'focus',
	statements: 'statements',
	conclusions: 'conclusions'
} as const;
export const GROUP_TEXTS_ROOT = 'drafts';
export const GROUP_META_KEY = 'meta';

/** A public amendment (tabled or later), as everyone in the meeting sees it. */
export interface LiveAmendment {
	id: string;
	code: string | null;
	groupId: GroupId;
	proposal: AmendmentProposal;
	justification: string | null;
	status: AmendmentStatus;
	/** How it was tabled: for the group, or by one Government in a national capacity. */
	capacity: Capacity | null;
	/** The member State of a national Government amendment. */
	country: string | null;
	/** Who tabled it: a national amendment is withdrawn by that person only (AMD-11). */
	tablerId: string | null;
	tablerName: string | null;
	seconder: { userId: string; name: string; country: string } | null;
	/** The wording it changes as it stood when tabled (the parent's wording for a subamendment). */
	baseText: string | null;
}

/** One group's position on one subject, with who set it and when (ms since the epoch). */
export interface LivePosition {
	stance: Stance;
	note: string | null;
	by: string;
	at: number;
}

export type LivePositionRow = Partial<Record<GroupId, LivePosition>>;

export function positionKey(subject: PositionSubject): string {
	return subject.kind === 'amendment' ? `amendment:${subject.amendmentId}` : `paragraph:${subject.unitId}`;
}

/**
 * What adopting an amendment did to the live text (MRG-n): the unit changed; the places where the text
 * had changed under it so that it could not be applied there (for the secretariat to settle); the other
 * open amendments it makes moot (offered to the Chair to declare fallen).
 */
export interface LiveMerge {
	amendmentId: string;
	unitId: string;
	conflicts: MergeConflict[];
	moot: string[];
	/** The secretariat has dealt with the conflicts: who, when. */
	resolvedBy: string | null;
	at: number;
}

/** A draft in a group room: what it is about. Its wording is the Y.Text under the same id in `drafts`. */
export interface LiveDraft {
	id: string;
	/** The proposal with its text taken out (the wording lives in the Y.Text). */
	target: DraftTarget;
	justification: string | null;
	createdByName: string;
	createdAt: number;
	/** Set when the secretariat returned a tabled amendment for clarification: its code, kept. */
	code: string | null;
}

export type DraftTarget = DistributiveOmit<AmendmentProposal, 'text'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** The proposal a draft makes with `wording` as its text. */
export function proposalWith(target: DraftTarget, wording: string): AmendmentProposal {
	switch (target.kind) {
		case 'delete':
			return target;
		default:
			return { ...target, text: wording } as AmendmentProposal;
	}
}

/** The target of a proposal: the proposal with its text left out. */
export function targetOf(p: AmendmentProposal): DraftTarget {
	if (p.kind === 'delete') return p;
	const { text: _text, ...rest } = p;
	return rest as DraftTarget;
}
