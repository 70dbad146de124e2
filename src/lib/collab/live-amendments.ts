/**
 * The amendments, positions, order and merges the server mirrors into the live documents
 * (live-records.ts), read defensively: the mirror is another program's JSON, so anything that does not
 * have the shape of the contract is left out rather than trusted. Also the views the page derives from
 * them: amendments per unit, the order of discussion of one unit, the steps a person may take.
 */
import type * as Y from 'yjs';
import {
	AMENDMENT_KINDS,
	AMENDMENT_STATUSES,
	anchorId,
	type Amendment,
	type AmendmentProposal,
	type AmendmentStatus
} from '#lib/domain/amendment.ts';
import { canAmend, type AmendmentActor } from '#lib/domain/amendment-policy.ts';
import {
	TRANSITIONS,
	transition,
	type TransitionAction,
	type TransitionType
} from '#lib/domain/amendment-lifecycle.ts';
import { applyManualOrder, orderForDiscussion } from '#lib/domain/amendment-order.ts';
import { cachedDeparture } from './diff-memo.ts';
import {
	parseBrackets,
	parseConclusions,
	parseFocus,
	parseStatement,
	type LiveConclusions,
	type LiveFocus,
	type LiveStatement,
	type RawBracket
} from './live-decisions.ts';
import { numberedView } from '#lib/domain/numbering.ts';
import type { MergeConflict } from '#lib/domain/merge.ts';
import { emptyRow, STANCES, type PositionRow, type Stance } from '#lib/domain/position.ts';
import { GROUPS, isGroupId, type GroupId } from '#lib/domain/roles.ts';
import type { DraftText, TextBlock } from '#lib/domain/text.ts';
import {
	MEETING_KEYS,
	type DraftTarget,
	type LiveAmendment,
	type LiveDraft,
	type LiveMerge,
	type LivePosition,
	type LivePositionRow
} from './live-records.ts';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** A proposal of one of the five kinds (AMD-1), with the fields its kind needs; null otherwise. */
export function parseProposal(v: unknown, withText = true): AmendmentProposal | null {
	if (!isObj(v) || !AMENDMENT_KINDS.includes(v.kind as AmendmentProposal['kind'])) return null;
	const text = withText ? str(v.text) : '';
	switch (v.kind) {
		case 'change_wording':
		case 'change_clause': {
			const targetId = str(v.targetId);
			return targetId !== null && text !== null ? { kind: v.kind, targetId, text } : null;
		}
		case 'delete': {
			const targetId = str(v.targetId);
			return targetId !== null ? { kind: 'delete', targetId } : null;
		}
		case 'insert_after': {
			const afterId = str(v.afterId);
			const level = v.level === 'paragraph' || v.level === 'subparagraph' ? v.level : null;
			return afterId !== null && level !== null && text !== null
				? { kind: 'insert_after', afterId, level, text }
				: null;
		}
		default: {
			const parentId = str(v.parentId);
			return parentId !== null && text !== null ? { kind: 'subamendment', parentId, text } : null;
		}
	}
}

export function parseAmendment(v: unknown): LiveAmendment | null {
	if (!isObj(v)) return null;
	const id = str(v.id);
	const proposal = parseProposal(v.proposal);
	const status = AMENDMENT_STATUSES.includes(v.status as AmendmentStatus)
		? (v.status as AmendmentStatus)
		: null;
	if (id === null || proposal === null || status === null || !isGroupId(v.groupId)) return null;
	const seconder =
		isObj(v.seconder) &&
		str(v.seconder.userId) !== null &&
		str(v.seconder.name) !== null &&
		str(v.seconder.country) !== null
			? {
					userId: v.seconder.userId as string,
					name: v.seconder.name as string,
					country: v.seconder.country as string
				}
			: null;
	return {
		id,
		code: str(v.code),
		groupId: v.groupId,
		proposal,
		justification: str(v.justification),
		status,
		capacity: v.capacity === 'group' || v.capacity === 'national' ? v.capacity : null,
		country: str(v.country),
		tablerId: str(v.tablerId),
		tablerName: str(v.tablerName),
		seconder,
		baseText: str(v.baseText)
	};
}

function parsePosition(v: unknown): LivePosition | null {
	if (!isObj(v) || !STANCES.includes(v.stance as Stance)) return null;
	return { stance: v.stance as Stance, note: str(v.note), by: str(v.by) ?? '', at: num(v.at) ?? 0 };
}

export function parsePositionRow(v: unknown): LivePositionRow {
	const row: LivePositionRow = {};
	if (!isObj(v)) return row;
	for (const g of GROUPS) {
		const p = parsePosition(v[g]);
		if (p) row[g] = p;
	}
	return row;
}

function parseConflict(v: unknown): MergeConflict | null {
	if (!isObj(v) || !isObj(v.base) || !isObj(v.current) || str(v.proposed) === null) return null;
	const span = (s: Obj) => ({ start: num(s.start) ?? 0, end: num(s.end) ?? 0, text: str(s.text) ?? '' });
	return { base: span(v.base), proposed: v.proposed as string, current: span(v.current) };
}

export function parseMerge(v: unknown): LiveMerge | null {
	if (!isObj(v)) return null;
	const amendmentId = str(v.amendmentId);
	const unitId = str(v.unitId);
	if (amendmentId === null || unitId === null) return null;
	return {
		amendmentId,
		unitId,
		conflicts: Array.isArray(v.conflicts)
			? v.conflicts.map(parseConflict).filter((c): c is MergeConflict => c !== null)
			: [],
		moot: Array.isArray(v.moot) ? v.moot.filter((x): x is string => typeof x === 'string') : [],
		resolvedBy: str(v.resolvedBy),
		at: num(v.at) ?? 0
	};
}

export function parseIds(v: unknown): string[] {
	return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function parseDraft(v: unknown): LiveDraft | null {
	if (!isObj(v)) return null;
	const id = str(v.id);
	const target = parseProposal(v.target, false);
	if (id === null || target === null) return null;
	const { text: _text, ...rest } = target as AmendmentProposal & { text?: string };
	return {
		id,
		target: rest as DraftTarget,
		justification: str(v.justification),
		createdByName: str(v.createdByName) ?? '',
		createdAt: num(v.createdAt) ?? 0,
		code: str(v.code)
	};
}

/** Everything the meeting document's `server` map mirrors, parsed. */
export interface Mirror {
	amendments: ReadonlyMap<string, LiveAmendment>;
	positions: ReadonlyMap<string, LivePositionRow>;
	order: ReadonlyMap<string, string[]>;
	merges: ReadonlyMap<string, LiveMerge>;
	structure: number | null;
	/** What the Chair has the meeting discussing (setFocus), or null. */
	focus: LiveFocus | null;
	/** Unit id → its square brackets, the ends as relative positions (live-decisions.ts resolves them). */
	brackets: ReadonlyMap<string, RawBracket[]>;
	/** Statement id → statement on the record (STM-n). */
	statements: ReadonlyMap<string, LiveStatement>;
	/** Set once the conclusions as a whole are adopted (CON-2). */
	conclusions: LiveConclusions | null;
}

export const EMPTY_MIRROR: Mirror = {
	amendments: new Map(),
	positions: new Map(),
	order: new Map(),
	merges: new Map(),
	structure: null,
	focus: null,
	brackets: new Map(),
	statements: new Map(),
	conclusions: null
};

/** A Y.Map (or, defensively, a plain object) of the mirror as [key, value] pairs. */
function entriesOf(v: unknown): Array<[string, unknown]> {
	if (
		v &&
		typeof (v as Y.Map<unknown>).entries === 'function' &&
		typeof (v as Y.Map<unknown>).get === 'function'
	)
		return [...(v as Y.Map<unknown>).entries()];
	return isObj(v) ? Object.entries(v) : [];
}

function parseMap<T>(v: unknown, parse: (x: unknown) => T | null): Map<string, T> {
	const out = new Map<string, T>();
	for (const [key, raw] of entriesOf(v)) {
		const parsed = parse(raw);
		if (parsed !== null) out.set(key, parsed);
	}
	return out;
}

/** Reads the mirror from the meeting document's `server` map (anything with `get`). */
export function readMirror(server: { get(key: string): unknown }): Mirror {
	return {
		amendments: parseMap(server.get(MEETING_KEYS.amendments), parseAmendment),
		positions: parseMap(server.get(MEETING_KEYS.positions), parsePositionRow),
		order: parseMap(server.get(MEETING_KEYS.order), parseIds),
		merges: parseMap(server.get(MEETING_KEYS.merges), parseMerge),
		structure: num(server.get(MEETING_KEYS.structure)),
		focus: parseFocus(server.get(MEETING_KEYS.focus)),
		brackets: parseMap(server.get(MEETING_KEYS.brackets), (v) => {
			const list = parseBrackets(v);
			return list.length ? list : null;
		}),
		statements: parseMap(server.get(MEETING_KEYS.statements), parseStatement),
		conclusions: parseConclusions(server.get(MEETING_KEYS.conclusions))
	};
}

/** The three positions with `none` where a group has none yet, as position.ts reads them. */
export function toPositionRow(row: LivePositionRow | undefined): PositionRow {
	const out = emptyRow();
	for (const g of GROUPS) {
		const p = row?.[g];
		if (p) out[g] = { stance: p.stance, note: p.note };
	}
	return out;
}

/** Where a unit of text sits: its paragraph (itself for a paragraph) and its text. */
export interface UnitInfo {
	id: string;
	kind: 'title' | 'preamble' | 'heading' | 'paragraph' | 'subparagraph' | 'footnote';
	paragraphId: string | null;
	text: string;
}

export function unitIndex(text: DraftText): Map<string, UnitInfo> {
	const units = new Map<string, UnitInfo>();
	if (text.title) units.set(text.title.id, { ...text.title, kind: 'title', paragraphId: null });
	for (const c of text.preamble)
		units.set(c.id, { id: c.id, text: c.text, kind: 'preamble', paragraphId: null });
	for (const item of text.body) {
		if (item.kind === 'heading') {
			units.set(item.id, { id: item.id, text: item.text, kind: 'heading', paragraphId: null });
			continue;
		}
		units.set(item.id, { id: item.id, text: item.text, kind: 'paragraph', paragraphId: item.id });
		for (const s of item.subparagraphs)
			units.set(s.id, { id: s.id, text: s.text, kind: 'subparagraph', paragraphId: item.id });
	}
	for (const f of text.footnotes)
		units.set(f.id, { id: f.id, text: f.text, kind: 'footnote', paragraphId: null });
	return units;
}

/** Unit id → how people cite it ('5', '5(iii)'), for the paragraphs and subparagraphs of a text. */
export function referencesOf(text: DraftText): Map<string, string> {
	const refs = new Map<string, string>();
	for (const item of numberedView(text).body) {
		if (item.kind === 'heading') continue;
		refs.set(item.id, item.number);
		for (const sub of item.subparagraphs) refs.set(sub.id, sub.reference);
	}
	return refs;
}

/** The unit an amendment is about: its anchor, or for a subamendment its parent's (followed up). */
export function unitOf(
	a: { proposal: AmendmentProposal },
	all: ReadonlyMap<string, LiveAmendment>
): string | null {
	let p = a.proposal;
	for (let depth = 0; depth < 16; depth++) {
		const anchor = anchorId(p);
		if (anchor !== null) return anchor;
		if (p.kind !== 'subamendment') return null;
		const parent = all.get(p.parentId);
		if (!parent) return null;
		p = parent.proposal;
	}
	return null;
}

/**
 * Amendments per unit: a unit's own (subamendments counted with their parent's unit), and a
 * paragraph's also those to its subparagraphs. Computed once per change of the mirror.
 */
export function amendmentsByUnit(
	all: ReadonlyMap<string, LiveAmendment>,
	units: ReadonlyMap<string, UnitInfo>
): Map<string, string[]> {
	const byUnit = new Map<string, string[]>();
	const add = (unitId: string, id: string) => {
		const list = byUnit.get(unitId);
		if (list) list.push(id);
		else byUnit.set(unitId, [id]);
	};
	for (const a of all.values()) {
		const unitId = unitOf(a, all);
		if (unitId === null) continue;
		add(unitId, a.id);
		const paragraphId = units.get(unitId)?.paragraphId;
		if (paragraphId && paragraphId !== unitId) add(paragraphId, a.id);
	}
	return byUnit;
}

/** The amendment as the domain functions see it. */
export function toDomain(a: LiveAmendment): Amendment {
	return {
		id: a.id,
		groupId: a.groupId,
		code: a.code,
		proposal: a.proposal,
		justification: a.justification,
		status: a.status,
		tabledBy: a.capacity
			? { userId: a.tablerId ?? '', groupId: a.groupId, capacity: a.capacity, country: a.country }
			: null,
		secondedBy: a.seconder ? { userId: a.seconder.userId, country: a.seconder.country } : null
	};
}

/** The blocks a unit's panel covers: a paragraph with its subparagraphs, or one block. */
export function blocksOf(text: DraftText, unitId: string): TextBlock[] {
	for (const item of text.body) {
		if (item.kind === 'heading') {
			if (item.id === unitId) return [item];
			continue;
		}
		if (item.id === unitId) return [{ id: item.id, text: item.text }, ...item.subparagraphs];
		const sub = item.subparagraphs.find((s) => s.id === unitId);
		if (sub) return [sub];
	}
	const clause = text.preamble.find((c) => c.id === unitId);
	return clause ? [clause] : [];
}

/**
 * The order in which the Chair takes the amendments `ids` to `unitId` (AMD-17 … AMD-20): the computed
 * order with departure (DIF-6) as the size of a change, then the Chair's own order over it.
 */
export function discussionOrder(
	unitId: string,
	ids: readonly string[],
	all: ReadonlyMap<string, LiveAmendment>,
	text: DraftText,
	manual: readonly string[]
): LiveAmendment[] {
	const live = ids.map((id) => all.get(id)).filter((a): a is LiveAmendment => !!a);
	const computed = orderForDiscussion(
		live.map((a) => toDomain(a)),
		blocksOf(text, unitId),
		cachedDeparture
	);
	return applyManualOrder(computed, manual)
		.map((a) => all.get(a.id))
		.filter((a): a is LiveAmendment => !!a);
}

/** The steps offered on an amendment card, in the order the buttons appear. */
export const CARD_STEPS = [
	'second',
	'call',
	'adopt',
	'adoptAsSubamended',
	'reject',
	'withdraw',
	'declareFallen',
	'declareNotSeconded',
	'return'
] as const satisfies readonly TransitionType[];
export type CardStep = (typeof CARD_STEPS)[number];

/**
 * The steps `actor` may take on `a` now: what the lifecycle (AMD-2 … AMD-15) allows, asked of the
 * domain's own `transition` (the server asks it again).
 */
export function stepsFor(
	actor: AmendmentActor,
	a: LiveAmendment,
	all: ReadonlyMap<string, LiveAmendment>
): CardStep[] {
	const amendment = toDomain(a);
	const context = {
		amendments: [...all.values()]
			.filter((x) => x.proposal.kind === 'subamendment' && x.proposal.parentId === a.id)
			.map((x) => toDomain(x))
	};
	return CARD_STEPS.filter((type) => {
		if (!TRANSITIONS[type].from.includes(a.status)) return false;
		return transition(amendment, { type } as TransitionAction, actor, context).ok;
	});
}

/** Whether `actor` may table a group's draft in `capacity` (AMD-5 … AMD-7). */
export function tablingCapacities(actor: AmendmentActor, groupId: GroupId): Array<'group' | 'national'> {
	return (['group', 'national'] as const).filter(
		(capacity) => canAmend(actor, { type: 'amendment.table', groupId, capacity }).allowed
	);
}

/** What a proposal's wording is compared with: the target's text now, the parent's wording, or nothing. */
export function baseFor(
	target: DraftTarget,
	units: ReadonlyMap<string, UnitInfo>,
	all: ReadonlyMap<string, LiveAmendment>
): string {
	switch (target.kind) {
		case 'insert_after':
			return '';
		case 'subamendment': {
			const parent = all.get(target.parentId);
			return parent && parent.proposal.kind !== 'delete' ? parent.proposal.text : '';
		}
		default:
			return units.get(target.targetId)?.text ?? '';
	}
}

/** The wording an amendment proposes, for the diff: nothing for a deletion. */
export function wordingOf(p: AmendmentProposal): string {
	return p.kind === 'delete' ? '' : p.text;
}
