// The Chair's decisions on the text (docs/domain.md, "Decisions"): taking a paragraph up, adopting it (as
// drafted or as amended), deferring it, keeping words of it in square brackets, deleting it, reopening
// a decided one with a reason; and at the end the conclusions as a whole. Pure: one function, `decide`,
// returns what the decision changes or why it is refused; `chairOffers` is what the Chair's console
// offers, from the same checks, so that it offers nothing the server refuses. Rules DEC-n, CON-n in SPEC.md.
import type { Actor } from './policy.ts';
import type { UnitStatus } from './status.ts';
import type { UnitAmendments } from './unit-amendments.ts';

/** A stretch of a unit's text kept in square brackets: not agreed while the rest is (DEC-6). */
export interface Bracket {
	id: string;
	/** UTF-16 offsets [start, end) in the unit's text as it stands. */
	start: number;
	end: number;
}

export type DecisionAction =
	| { type: 'discuss' }
	| { type: 'adopt'; asAmended: boolean }
	| { type: 'defer' }
	| { type: 'bracket'; bracket: Bracket }
	| { type: 'unbracket'; bracketId: string }
	| { type: 'delete' }
	| { type: 'reopen'; reason: string };

export type DecisionType = DecisionAction['type'];

export type DecisionReason =
	| 'decision.notMember'
	| 'decision.notChair'
	| 'decision.wrongStatus'
	| 'decision.bracketsOpen'
	| 'decision.badBracket'
	| 'decision.overlappingBracket'
	| 'decision.unknownBracket'
	| 'decision.reasonRequired'
	| 'decision.reasonTooLong'
	| 'decision.conclusionsAdopted'
	| 'decision.notDecidable'
	| 'decision.openAmendments'
	| 'decision.notAmended'
	| 'decision.wasAmended'
	| 'decision.unresolvedConflict';

/** The unit as a decision sees it. */
export interface DecisionSubject {
	kind: 'title' | 'preamble' | 'heading' | 'paragraph' | 'subparagraph' | 'footnote';
	status: UnitStatus;
	text: string;
	brackets: readonly Bracket[];
	/** The amendments bearing on it (unit-amendments.ts): what adopting it may say (DEC-9 … DEC-11). */
	amendments: UnitAmendments;
}

/** Why a decision is refused; `amendments` names the amendments the reason is about, by code. */
export interface DecisionRefusal {
	ok: false;
	rule: string;
	reason: DecisionReason;
	amendments?: string[];
}

export type DecisionResult = { ok: true; status: UnitStatus; brackets: Bracket[] } | DecisionRefusal;

/** The longest reason for reopening, in characters: a sentence for the record, not a speech. */
export const REASON_MAX = 1000;

/** Decided: the text is settled and locked (POL-6); only reopening moves it again (DEC-7). */
export const DECIDED: readonly UnitStatus[] = ['adopted', 'adopted_as_amended', 'deleted'];

/** Where each decision may start (DEC-2). `bracket` and `unbracket` keep or leave the bracketed status. */
export const DECISIONS: Readonly<Record<DecisionType, readonly UnitStatus[]>> = {
	// A unit with words in brackets is being discussed already: taking it up keeps it bracketed.
	discuss: ['draft', 'deferred'],
	adopt: ['draft', 'under_discussion', 'deferred', 'bracketed'],
	defer: ['draft', 'under_discussion', 'bracketed'],
	bracket: ['draft', 'under_discussion', 'deferred', 'bracketed'],
	unbracket: ['bracketed'],
	delete: ['draft', 'under_discussion', 'deferred', 'bracketed'],
	reopen: ['adopted', 'adopted_as_amended', 'deleted']
};

const refuse = (rule: string, reason: DecisionReason, amendments?: string[]): DecisionRefusal =>
	amendments ? { ok: false, rule, reason, amendments } : { ok: false, rule, reason };

/** Only the Chair decides (DEC-1). */
export function mayDecide(actor: Actor): { ok: true } | { ok: false; rule: string; reason: DecisionReason } {
	if (!actor.membership) return { ok: false, rule: 'DEC-1', reason: 'decision.notMember' };
	return actor.membership.roles.includes('chair')
		? { ok: true }
		: { ok: false, rule: 'DEC-1', reason: 'decision.notChair' };
}

/** Which units the Chair decides on one by one (DEC-3): the preamble's clauses, paragraphs, subparagraphs. */
export function isDecidable(kind: DecisionSubject['kind']): boolean {
	return kind === 'preamble' || kind === 'paragraph' || kind === 'subparagraph';
}

/**
 * DEC-6: a bracket covers at least one character that is not white space, lies within the text, and
 * neither overlaps nor touches another (two brackets side by side are one bracket).
 */
function bracketProblem(text: string, brackets: readonly Bracket[], b: Bracket): DecisionReason | null {
	if (!Number.isInteger(b.start) || !Number.isInteger(b.end)) return 'decision.badBracket';
	if (b.start < 0 || b.end > text.length || b.start >= b.end) return 'decision.badBracket';
	if (text.slice(b.start, b.end).trim() === '') return 'decision.badBracket';
	if (brackets.some((o) => o.id === b.id || (b.start <= o.end && o.start <= b.end)))
		return 'decision.overlappingBracket';
	return null;
}

/** What every decision checks first: the Chair (DEC-1), text not final (CON-2), the unit (DEC-3), its status (DEC-2). */
function gate(
	actor: Actor,
	unit: Pick<DecisionSubject, 'kind' | 'status'>,
	type: DecisionType,
	conclusionsAdopted: boolean
): DecisionRefusal | null {
	const who = mayDecide(actor);
	if (!who.ok) return refuse(who.rule, who.reason);
	if (conclusionsAdopted) return refuse('CON-2', 'decision.conclusionsAdopted');
	if (!isDecidable(unit.kind)) return refuse('DEC-3', 'decision.notDecidable');
	if (!DECISIONS[type].includes(unit.status)) return refuse('DEC-2', 'decision.wrongStatus');
	return null;
}

/**
 * Why `unit` cannot be adopted as drafted (or `asAmended`) now, or null: the record must say only what
 * happened. Words in brackets are settled first (DEC-5); then the amendments to it (DEC-9), and the
 * conflicts adopted ones left in its text (DEC-11); then "as amended" is true only if an amendment to it
 * was adopted, and "as drafted" only if none was (DEC-10). Reopening takes no adopted words out of the
 * text, so it does not make a unit "as drafted" again.
 */
function adoptionProblem(unit: DecisionSubject, asAmended: boolean): DecisionRefusal | null {
	if (unit.brackets.length > 0) return refuse('DEC-5', 'decision.bracketsOpen');
	const { open, adopted, unresolved } = unit.amendments;
	if (open.length) return refuse('DEC-9', 'decision.openAmendments', [...open]);
	if (unresolved.length) return refuse('DEC-11', 'decision.unresolvedConflict', [...unresolved]);
	if (asAmended && adopted.length === 0) return refuse('DEC-10', 'decision.notAmended');
	if (!asAmended && adopted.length > 0) return refuse('DEC-10', 'decision.wasAmended', [...adopted]);
	return null;
}

/**
 * What `action` by `actor` does to `unit` (DEC-1 … DEC-11): its next status and brackets, or the refusal.
 * `conclusionsAdopted`: the conclusions as a whole have been adopted (CON-2): nothing moves any more.
 */
export function decide(
	actor: Actor,
	unit: DecisionSubject,
	action: DecisionAction,
	conclusionsAdopted = false
): DecisionResult {
	const stop = gate(actor, unit, action.type, conclusionsAdopted);
	if (stop) return stop;
	const brackets = [...unit.brackets];
	switch (action.type) {
		case 'discuss':
			return { ok: true, status: 'under_discussion', brackets };
		case 'adopt': {
			const problem = adoptionProblem(unit, action.asAmended);
			if (problem) return problem;
			return { ok: true, status: action.asAmended ? 'adopted_as_amended' : 'adopted', brackets };
		}
		case 'defer':
			return { ok: true, status: 'deferred', brackets };
		case 'bracket': {
			const problem = bracketProblem(unit.text, brackets, action.bracket);
			if (problem) return refuse('DEC-6', problem);
			const next = [...brackets, { ...action.bracket }].sort((a, b) => a.start - b.start);
			return { ok: true, status: 'bracketed', brackets: next };
		}
		case 'unbracket': {
			const next = brackets.filter((b) => b.id !== action.bracketId);
			if (next.length === brackets.length) return refuse('DEC-6', 'decision.unknownBracket');
			// The last bracket gone, the paragraph is back under discussion, ready to be adopted.
			return { ok: true, status: next.length ? 'bracketed' : 'under_discussion', brackets: next };
		}
		case 'delete':
			return { ok: true, status: 'deleted', brackets: [] };
		case 'reopen': {
			const reason = action.reason.trim();
			if (!reason) return refuse('DEC-7', 'decision.reasonRequired');
			if (reason.length > REASON_MAX) return refuse('DEC-7', 'decision.reasonTooLong');
			return { ok: true, status: 'under_discussion', brackets };
		}
	}
}

/** Allowed, or why not. */
export type Offer = { ok: true } | DecisionRefusal;

/** The decisions the console has a control for; `discuss` is taking a unit up, which is moving (below). */
export type OfferedDecision =
	'adopt' | 'adoptAsAmended' | 'defer' | 'bracket' | 'unbracket' | 'delete' | 'reopen';

export interface ChairOffers {
	/** Taking a unit up, previous, next, or an amendment under discussion (CON-3). */
	move: Offer;
	decisions: Record<OfferedDecision, Offer>;
}

const YES: Offer = { ok: true };

/**
 * May the Chair move what the meeting discusses (take a unit up, go to the previous or next, point at an
 * amendment)? Not once the conclusions are adopted (CON-3): the text is final, there is nothing to discuss.
 */
export function mayMoveFocus(actor: Actor, conclusionsAdopted: boolean): Offer {
	const who = mayDecide(actor);
	if (!who.ok) return refuse(who.rule, who.reason);
	return conclusionsAdopted ? refuse('CON-3', 'decision.conclusionsAdopted') : YES;
}

/**
 * What the Chair's console offers on `unit` (null: nothing under discussion), each decision allowed or
 * refused as `decide` would (DEC-1 … DEC-11, CON-2, CON-3). The bracket's words and the reason for
 * reopening are the Chair's input, checked when sent (DEC-6, DEC-7): here only whether the decision can
 * be taken at all.
 */
export function chairOffers(
	actor: Actor,
	unit: DecisionSubject | null,
	conclusionsAdopted: boolean
): ChairOffers {
	const offer = (type: DecisionType, extra?: () => DecisionRefusal | null): Offer => {
		if (!unit) return refuse('DEC-3', 'decision.notDecidable');
		return gate(actor, unit, type, conclusionsAdopted) ?? extra?.() ?? YES;
	};
	return {
		move: mayMoveFocus(actor, conclusionsAdopted),
		decisions: {
			adopt: offer('adopt', () => (unit ? adoptionProblem(unit, false) : null)),
			adoptAsAmended: offer('adopt', () => (unit ? adoptionProblem(unit, true) : null)),
			defer: offer('defer'),
			bracket: offer('bracket'),
			unbracket: offer('unbracket'),
			delete: offer('delete'),
			reopen: offer('reopen')
		}
	};
}

/** The text with its brackets shown as the meeting reads it: `[ … ]` around each (DEC-6). */
export function withBrackets(text: string, brackets: readonly Bracket[]): string {
	let out = '';
	let at = 0;
	for (const b of [...brackets].sort((x, y) => x.start - y.start)) {
		out += `${text.slice(at, b.start)}[${text.slice(b.start, b.end)}]`;
		at = b.end;
	}
	return out + text.slice(at);
}

/** Units that still hold the conclusions back (CON-1): decidable and not decided. */
export function pendingUnits(units: readonly Pick<DecisionSubject, 'kind' | 'status'>[]): number[] {
	const pending: number[] = [];
	units.forEach((u, i) => {
		if (isDecidable(u.kind) && !DECIDED.includes(u.status)) pending.push(i);
	});
	return pending;
}

export type ConclusionsReason =
	| 'decision.notMember'
	| 'decision.notChair'
	| 'conclusions.pending'
	| 'conclusions.empty'
	| 'decision.conclusionsAdopted';

/**
 * Whether the Chair may put the conclusions as a whole to the meeting and declare them adopted (CON-1):
 * not before every clause, paragraph and subparagraph is decided, and only once (CON-2).
 */
export function mayAdoptConclusions(
	actor: Actor,
	units: readonly Pick<DecisionSubject, 'kind' | 'status'>[],
	alreadyAdopted: boolean
): { ok: true } | { ok: false; rule: string; reason: ConclusionsReason; pending?: number[] } {
	const who = mayDecide(actor);
	if (!who.ok) return { ok: false, rule: who.rule, reason: who.reason as ConclusionsReason };
	if (alreadyAdopted) return { ok: false, rule: 'CON-2', reason: 'decision.conclusionsAdopted' };
	if (!units.some((u) => isDecidable(u.kind)))
		return { ok: false, rule: 'CON-1', reason: 'conclusions.empty' };
	const pending = pendingUnits(units);
	return pending.length ? { ok: false, rule: 'CON-1', reason: 'conclusions.pending', pending } : { ok: true };
}
