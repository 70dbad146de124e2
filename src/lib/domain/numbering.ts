// Paragraph numbers and subparagraph labels, always computed from order (rules NUM-n in SPEC.md).
import type { DraftText, HeadingItem, ParagraphItem, SubparagraphScheme, TextBlock } from './text.ts';

const ROMAN_DIGITS: ReadonlyArray<readonly [number, string]> = [
	[1000, 'm'],
	[900, 'cm'],
	[500, 'd'],
	[400, 'cd'],
	[100, 'c'],
	[90, 'xc'],
	[50, 'l'],
	[40, 'xl'],
	[10, 'x'],
	[9, 'ix'],
	[5, 'v'],
	[4, 'iv'],
	[1, 'i']
];
const ROMAN_MAX = 3999;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz';

/** Lowercase roman numeral of 1 … 3999 (NUM-3). */
export function toRoman(n: number): string {
	if (!Number.isInteger(n) || n < 1 || n > ROMAN_MAX) throw new RangeError(`no roman numeral for ${n}`);
	let out = '';
	let rest = n;
	for (const [value, digits] of ROMAN_DIGITS) {
		for (; rest >= value; rest -= value) out += digits;
	}
	return out;
}

/** The value of a lowercase roman numeral in its standard form, or null ('iiii', 'ic' are not numerals). */
export function fromRoman(s: string): number | null {
	if (!/^[ivxlcdm]{1,15}$/.test(s)) return null;
	let value = 0;
	for (let i = 0; i < s.length; i++) {
		const here = romanDigit(s[i]);
		const next = romanDigit(s[i + 1]);
		value += here < next ? -here : here;
	}
	// Round-tripping rejects every non-standard spelling without a grammar of its own.
	return value >= 1 && value <= ROMAN_MAX && toRoman(value) === s ? value : null;
}

function romanDigit(c: string | undefined): number {
	return ROMAN_DIGITS.find(([, digits]) => digits === c)?.[0] ?? 0;
}

/** a … z, then aa, bb … zz, then aaa …: doubled letters, as UN and ILO documents continue (NUM-4). */
export function toAlpha(index0: number): string {
	if (!Number.isInteger(index0) || index0 < 0) throw new RangeError(`no letter label for ${index0}`);
	return (ALPHABET[index0 % 26] ?? '').repeat(Math.floor(index0 / 26) + 1);
}

function fromAlpha(s: string): number | null {
	if (!/^([a-z])\1*$/.test(s)) return null;
	return (s.length - 1) * 26 + ALPHABET.indexOf(s[0] ?? '');
}

/** The label's inside, without brackets: 'iii', 'c', '3'. */
export function labelMark(scheme: SubparagraphScheme, index0: number): string {
	if (scheme === 'roman') return toRoman(index0 + 1);
	if (scheme === 'alpha') return toAlpha(index0);
	if (!Number.isInteger(index0) || index0 < 0) throw new RangeError(`no number label for ${index0}`);
	return String(index0 + 1);
}

/** The label of the subparagraph at `index0` (0-based) in its paragraph: '(iii)'. */
export function subparagraphLabel(scheme: SubparagraphScheme, index0: number): string {
	return `(${labelMark(scheme, index0)})`;
}

export interface LabelReading {
	scheme: SubparagraphScheme;
	index: number;
}

/**
 * Every way to read a label (NUM-6), '(iv)' or 'iv': roman first, then alpha, then arabic. Letters that are
 * also roman digits give two readings ('(i)' is roman 1 or the 9th letter); none means not a label.
 */
export function parseSubparagraphLabel(label: string): LabelReading[] {
	const mark = /^\((.*)\)$/.exec(label)?.[1] ?? label;
	const readings: LabelReading[] = [];
	const roman = fromRoman(mark);
	if (roman !== null) readings.push({ scheme: 'roman', index: roman - 1 });
	const alpha = fromAlpha(mark);
	if (alpha !== null) readings.push({ scheme: 'alpha', index: alpha });
	if (/^[1-9]\d{0,3}$/.test(mark)) readings.push({ scheme: 'arabic', index: Number(mark) - 1 });
	return readings;
}

export interface LabelContext {
	/** The reading chosen for the previous label in the same list, null for a list's first label. */
	previous: LabelReading | null;
	/** The document's scheme once known, null before its first subparagraph. */
	documentScheme: SubparagraphScheme | null;
}

/**
 * Picks the reading that fits its context (NUM-7): the scheme of the previous label in the list, so
 * '(i)' after '(h)' is a letter; for a list's first label, the reading that starts a list; then the
 * document's scheme; then the lowest index.
 */
export function chooseReading(readings: LabelReading[], context: LabelContext): LabelReading | null {
	const { previous, documentScheme } = context;
	return (
		(previous && readings.find((r) => r.scheme === previous.scheme)) ||
		(!previous && readings.find((r) => r.index === 0)) ||
		readings.find((r) => r.scheme === documentScheme) ||
		[...readings].sort((a, b) => a.index - b.index)[0] ||
		null
	);
}

/** Paragraph id → its number: 1, 2, … in body order, continuous through sections (NUM-1). */
export function paragraphNumbers(body: DraftText['body']): Map<string, string> {
	const numbers = new Map<string, string>();
	for (const item of body) {
		if (item.kind === 'paragraph') numbers.set(item.id, String(numbers.size + 1));
	}
	return numbers;
}

export interface NumberedSubparagraph extends TextBlock {
	/** '(iii)' */
	label: string;
	/** How people cite it: '5(iii)' */
	reference: string;
}

export interface NumberedParagraph extends Omit<ParagraphItem, 'subparagraphs'> {
	/** '5' */
	number: string;
	subparagraphs: NumberedSubparagraph[];
}

export type NumberedBodyItem = HeadingItem | NumberedParagraph;

export interface NumberedText extends Omit<DraftText, 'body'> {
	body: NumberedBodyItem[];
}

/** The text with numbers, labels and references attached, for rendering (NUM-9). */
export function numberedView(text: DraftText): NumberedText {
	let count = 0;
	const body = text.body.map((item): NumberedBodyItem => {
		if (item.kind === 'heading') return item;
		const number = String(++count);
		const subparagraphs = item.subparagraphs.map((s, i) => {
			const label = subparagraphLabel(text.scheme, i);
			return { ...s, label, reference: number + label };
		});
		return { ...item, number, subparagraphs };
	});
	return { ...text, body };
}

/** How people cite a paragraph ('5') or subparagraph ('5(iii)'); null for anything else (NUM-8). */
export function referenceOf(text: DraftText, id: string): string | null {
	for (const item of numberedView(text).body) {
		if (item.kind === 'heading') continue;
		if (item.id === id) return item.number;
		const sub = item.subparagraphs.find((s) => s.id === id);
		if (sub) return sub.reference;
	}
	return null;
}
