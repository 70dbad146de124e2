// Words as the unit of change, shared by the inline diff (diff.ts) and the merge (merge.ts).
// Rules DIF-n in SPEC.md. The edit script itself is jsdiff's Myers diff over token arrays.
import { diffArrays } from 'diff';

/**
 * DIF-1: a token is a word (letters, marks and digits, with inner apostrophes as in "Body’s" and inner
 * separators of a number as in "1,000" or "3.5"), a run of whitespace, or any other single character
 * (punctuation, dashes, quotes, brackets). Joining the tokens gives the text back exactly.
 */
const TOKEN = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+|(?<=\p{N})[.,]\p{N}+)*|\s+|[^]/gu;

export function tokenize(text: string): string[] {
	return text.match(TOKEN) ?? [];
}

export function isSpace(token: string): boolean {
	return /^\s/u.test(token);
}

/** Tokens that are not whitespace: the words and marks a reader counts. */
export function weight(tokens: readonly string[], start = 0, end = tokens.length): number {
	let n = 0;
	for (let i = start; i < end; i++) if (!isSpace(tokens[i] ?? ' ')) n++;
	return n;
}

/**
 * A change from `a` to `b`: tokens a[aStart, aEnd) became b[bStart, bEnd). Either side may be empty (a
 * pure insertion or deletion), not both. Hunks come in order, with at least one common token between two.
 */
export interface Hunk {
	aStart: number;
	aEnd: number;
	bStart: number;
	bEnd: number;
}

/**
 * DIF-2: the changes from token list `a` to `b`. Words and marks are aligned first, by a minimal diff
 * (Myers) that ignores whitespace, so that a space never anchors an alignment; each stretch between two
 * aligned words that differs is then one change, trimmed of equal tokens at its start, then at its end.
 * Deleting "Office" from "the Office should" thus deletes "Office " (the space after the word), in
 * whichever diff it is found, so the two diffs of a merge place the same change in the same tokens.
 */
export function hunksOf(a: readonly string[], b: readonly string[]): Hunk[] {
	const wordsOf = (tokens: readonly string[]) => [...tokens.keys()].filter((i) => !isSpace(tokens[i] ?? ''));
	const aw = wordsOf(a);
	const bw = wordsOf(b);
	const anchors: Array<[number, number]> = [];
	let x = 0;
	let y = 0;
	for (const part of diffArrays(
		aw.map((i) => a[i]),
		bw.map((j) => b[j])
	)) {
		if (part.removed) x += part.count;
		else if (part.added) y += part.count;
		else {
			for (let k = 0; k < part.count; k++) anchors.push([aw[x + k] ?? 0, bw[y + k] ?? 0]);
			x += part.count;
			y += part.count;
		}
	}
	anchors.push([a.length, b.length]);
	const hunks: Hunk[] = [];
	let aFrom = 0;
	let bFrom = 0;
	for (const [aTo, bTo] of anchors) {
		let aStart = aFrom;
		let bStart = bFrom;
		let aEnd = aTo;
		let bEnd = bTo;
		while (aStart < aEnd && bStart < bEnd && a[aStart] === b[bStart]) {
			aStart++;
			bStart++;
		}
		while (aStart < aEnd && bStart < bEnd && a[aEnd - 1] === b[bEnd - 1]) {
			aEnd--;
			bEnd--;
		}
		if (aStart < aEnd || bStart < bEnd) hunks.push({ aStart, aEnd, bStart, bEnd });
		aFrom = aTo + 1;
		bFrom = bTo + 1;
	}
	return hunks;
}

export function join(tokens: readonly string[], start = 0, end = tokens.length): string {
	return tokens.slice(start, end).join('');
}

/** offsets[i] is the UTF-16 index where token i starts; offsets[tokens.length] is the text's length. */
export function offsetsOf(tokens: readonly string[]): number[] {
	const offsets = [0];
	let at = 0;
	for (const t of tokens) offsets.push((at += t.length));
	return offsets;
}
