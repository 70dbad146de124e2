/**
 * What the Chair's decisions put in the live meeting document (live-records.ts: `focus`, `brackets`,
 * `statements`), read defensively like the rest of the mirror, and the views the pages derive from them:
 * the units the Chair walks through in reading order, the text cut at its square brackets, and where a
 * selection in the rendered text falls in the unit's own text.
 */
import * as Y from 'yjs';
import type { Bracket } from '#lib/domain/decision.ts';
import { numberedView } from '#lib/domain/numbering.ts';
import { isGroupId, type GroupId } from '#lib/domain/roles.ts';
import { STATEMENT_KINDS, type StatementKind, type StatementSubject } from '#lib/domain/statement.ts';
import type { DraftText } from '#lib/domain/text.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** The conclusions as a whole, once adopted (CON-2). */
export interface LiveConclusions {
	adoptedAt: number;
	asAmended: boolean;
}

export function parseConclusions(v: unknown): LiveConclusions | null {
	if (!isObj(v) || typeof v.adoptedAt !== 'number') return null;
	return { adoptedAt: v.adoptedAt, asAmended: v.asAmended === true };
}

/** What the Chair has the meeting discussing: a unit, and possibly one of its amendments. */
export interface LiveFocus {
	unitId: string;
	amendmentId: string | null;
}

/** A bracket as the mirror holds it: its ends as Yjs relative positions (JSON) in the unit's text. */
export interface RawBracket {
	id: string;
	start: Record<string, unknown>;
	end: Record<string, unknown>;
}

/** An interpretive statement or reservation on the record, as everyone in the meeting sees it. */
export interface LiveStatement {
	id: string;
	kind: StatementKind;
	subject: StatementSubject;
	speakerName: string;
	speakerGroup: GroupId | null;
	country: string | null;
	onBehalfOfGroup: boolean;
	text: string;
	/** ms since the epoch. */
	at: number;
}

export function parseFocus(v: unknown): LiveFocus | null {
	if (!isObj(v)) return null;
	const unitId = str(v.unitId);
	return unitId ? { unitId, amendmentId: str(v.amendmentId) } : null;
}

export function parseBrackets(v: unknown): RawBracket[] {
	if (!Array.isArray(v)) return [];
	const out: RawBracket[] = [];
	for (const b of v) {
		if (!isObj(b) || str(b.id) === null || !isObj(b.start) || !isObj(b.end)) continue;
		out.push({ id: b.id as string, start: b.start, end: b.end });
	}
	return out;
}

export function parseStatement(v: unknown): LiveStatement | null {
	if (!isObj(v)) return null;
	const id = str(v.id);
	const text = str(v.text);
	const kind = STATEMENT_KINDS.includes(v.kind as StatementKind) ? (v.kind as StatementKind) : null;
	let subject: StatementSubject | null = null;
	if (isObj(v.subject)) {
		if (v.subject.kind === 'conclusions') subject = { kind: 'conclusions' };
		else if (v.subject.kind === 'unit' && str(v.subject.unitId))
			subject = { kind: 'unit', unitId: v.subject.unitId as string };
	}
	if (id === null || text === null || kind === null || subject === null) return null;
	const at = typeof v.at === 'number' ? v.at : typeof v.at === 'string' ? Date.parse(v.at) : NaN;
	return {
		id,
		kind,
		subject,
		speakerName: str(v.speakerName) ?? '',
		speakerGroup: isGroupId(v.speakerGroup) ? v.speakerGroup : null,
		country: str(v.country),
		onBehalfOfGroup: v.onBehalfOfGroup === true,
		text,
		at: Number.isFinite(at) ? at : 0
	};
}

/** Statements per subject: unit id, or `conclusions` for the text as a whole; oldest first. */
export function statementsBySubject(all: ReadonlyMap<string, LiveStatement>): Map<string, LiveStatement[]> {
	const out = new Map<string, LiveStatement[]>();
	for (const s of [...all.values()].sort((a, b) => a.at - b.at)) {
		const key = s.subject.kind === 'unit' ? s.subject.unitId : 'conclusions';
		const list = out.get(key);
		if (list) list.push(s);
		else out.set(key, [s]);
	}
	return out;
}

/**
 * The brackets of every unit where they stand now in `doc`'s texts: unit id → [{id, start, end}] by
 * UTF-16 offset, in text order. A bracket whose ends no longer resolve, or whose words were all
 * deleted, is left out.
 */
export function resolveBrackets(
	raw: ReadonlyMap<string, readonly RawBracket[]>,
	doc: Y.Doc
): Map<string, Bracket[]> {
	const out = new Map<string, Bracket[]>();
	const at = (json: Record<string, unknown>): number | null => {
		try {
			return (
				Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(json), doc)?.index ??
				null
			);
		} catch {
			return null;
		}
	};
	for (const [unitId, list] of raw) {
		const resolved: Bracket[] = [];
		for (const b of list) {
			const start = at(b.start);
			const end = at(b.end);
			if (start === null || end === null || end <= start) continue;
			resolved.push({ id: b.id, start, end });
		}
		if (resolved.length)
			out.set(
				unitId,
				resolved.sort((a, b) => a.start - b.start)
			);
	}
	return out;
}

/** A unit the Chair decides on one by one (DEC-3), with how people cite it. */
export interface DecidableUnit {
	id: string;
	kind: 'preamble' | 'paragraph' | 'subparagraph';
	/** '5(iii)' for a paragraph or subparagraph; the clause's ordinal ('2') for the preamble. */
	reference: string;
}

/** The preamble's clauses, paragraphs and subparagraphs in reading order: the Chair's walk (DEC-3). */
export function decidableUnits(text: DraftText): DecidableUnit[] {
	const out: DecidableUnit[] = text.preamble.map((c, i) => ({
		id: c.id,
		kind: 'preamble',
		reference: String(i + 1)
	}));
	for (const item of numberedView(text).body) {
		if (item.kind === 'heading') continue;
		out.push({ id: item.id, kind: 'paragraph', reference: item.number });
		for (const s of item.subparagraphs) out.push({ id: s.id, kind: 'subparagraph', reference: s.reference });
	}
	return out;
}

/**
 * The unit `step` places from `current` in `units` (1: next, -1: previous), or null past either end.
 * With nothing current, the first unit going forwards and the last going backwards.
 */
export function stepFrom(
	units: readonly { id: string }[],
	current: string | null,
	step: 1 | -1
): string | null {
	const i = current === null ? -1 : units.findIndex((u) => u.id === current);
	if (i < 0) return (step === 1 ? units[0] : units[units.length - 1])?.id ?? null;
	return units[i + step]?.id ?? null;
}

/** A stretch of a unit's text: in square brackets (with the bracket's id) or not. */
export interface TextPiece {
	text: string;
	bracketId: string | null;
}

/**
 * The text cut at its brackets, so that a renderer shows `[ … ]` around the bracketed words without
 * ever putting the marks into the text itself. Brackets out of range are clipped; overlapping ones
 * (which the server never makes) are taken in order of their start, the later one from where the
 * earlier ends.
 */
export function splitAtBrackets(text: string, brackets: readonly Bracket[]): TextPiece[] {
	const pieces: TextPiece[] = [];
	let at = 0;
	for (const b of [...brackets].sort((x, y) => x.start - y.start)) {
		const start = Math.max(at, Math.min(b.start, text.length));
		const end = Math.min(Math.max(b.end, start), text.length);
		if (end <= start) continue;
		if (start > at) pieces.push({ text: text.slice(at, start), bracketId: null });
		pieces.push({ text: text.slice(start, end), bracketId: b.id });
		at = end;
	}
	if (at < text.length || pieces.length === 0) pieces.push({ text: text.slice(at), bracketId: null });
	return pieces;
}

/**
 * Where a point of the rendered text falls in the unit's own text, in UTF-16 code units. The rendered
 * text differs from the source in two ways: bracket marks (elements with `data-mark`) add characters
 * that are not in the text, and a footnote reference `[^label]` shows as its label alone (a `sup`
 * with `data-src-length`). A point inside such a reference snaps to its end.
 */
export function sourceOffset(root: Node, node: Node, offset: number): number | null {
	if (!root.contains(node)) return null;
	// A point given as (element, child index): the start of that child, or the element's end.
	if (node.nodeType !== Node.TEXT_NODE) {
		const child = node.childNodes[offset];
		if (child) return sourceOffset(root, child, 0) ?? null;
		return endOf(root, node);
	}
	let total = 0;
	const doc = root.ownerDocument ?? document;
	const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
	for (let n = walker.nextNode(); n; n = walker.nextNode()) {
		const special = specialOf(root, n);
		if (n === node) {
			if (special === 'mark') return total;
			if (special) return total + special.length;
			return total + offset;
		}
		total += length(root, n, special);
	}
	return null;
}

/** The source offset just after `node`'s content. */
function endOf(root: Node, node: Node): number | null {
	let total = 0;
	const doc = root.ownerDocument ?? document;
	const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
	let inside = false;
	for (let n = walker.nextNode(); n; n = walker.nextNode()) {
		const within = node.contains(n);
		if (inside && !within) return total;
		inside ||= within;
		total += length(root, n, specialOf(root, n));
	}
	return total;
}

type Special = 'mark' | { length: number; first: boolean } | null;

/** A text node in a bracket mark, or in a footnote reference (counted once, at its first text node). */
function specialOf(root: Node, n: Node): Special {
	for (let el = n.parentElement; el && el !== root; el = el.parentElement) {
		if (el.hasAttribute('data-mark')) return 'mark';
		const src = el.getAttribute('data-src-length');
		if (src !== null) {
			const first = firstText(el) === n;
			return { length: Number(src) || 0, first };
		}
	}
	return null;
}

function firstText(el: Element): Node | null {
	const walker = (el.ownerDocument ?? document).createTreeWalker(el, NodeFilter.SHOW_TEXT);
	return walker.nextNode();
}

function length(_root: Node, n: Node, special: Special): number {
	if (special === 'mark') return 0;
	if (special) return special.first ? special.length : 0;
	return n.textContent?.length ?? 0;
}

/** The stretch of one unit's text a selection covers: the unit (`data-unit` on its root) and offsets. */
export function selectionInUnit(
	selection: Selection | null
): { unitId: string; start: number; end: number } | null {
	if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
	const range = selection.getRangeAt(0);
	const rootOf = (n: Node) =>
		(n instanceof Element ? n : n.parentElement)?.closest<HTMLElement>('[data-unit]');
	const root = rootOf(range.startContainer);
	if (!root || root !== rootOf(range.endContainer)) return null;
	const unitId = root.dataset.unit;
	const start = sourceOffset(root, range.startContainer, range.startOffset);
	const end = sourceOffset(root, range.endContainer, range.endOffset);
	if (!unitId || start === null || end === null || end <= start) return null;
	return { unitId, start, end };
}
