// Word's automatic numbering, as Word counts and displays it (DOCX-5): pure, fed by word-lists.ts.
// A list instance (w:num) points at a list definition (w:abstractNum); instances of the same
// definition share their counters, so the paragraphs of a draft keep counting through headings and
// through lists that Word split in two, unless an instance asks for a restart (w:startOverride).
import { toAlpha, toRoman } from '#lib/domain/numbering.ts';

/** One level of a list, with the instance's overrides applied. */
export interface ListLevel {
	start: number;
	/** w:numFmt: decimal, lowerRoman, upperLetter, bullet, none, … */
	format: string;
	/** w:lvlText: '%1.', '(%2)', '%1.%2', or the bullet character. */
	text: string;
	/** w:lvlRestart: null restarts after any shallower level, 0 never, n after level n (1-based) or shallower. */
	restart: number | null;
	/** w:isLgl: the levels this one shows are all written in arabic numerals. */
	legal: boolean;
}

/** A list instance (w:num). */
export interface ListNum {
	abstractId: string;
	/** By level (w:ilvl, 0 to 8). */
	levels: ReadonlyArray<ListLevel | undefined>;
	/** Levels whose counting starts afresh where this instance is first used. */
	startOverrides: readonly number[];
}

export type ListNumber =
	| { kind: 'number'; text: string; unsupported: string | null }
	| { kind: 'bullet'; text: string }
	| { kind: 'missing' };

const LEVELS = 9;

export class ListCounters {
	private readonly nums: ReadonlyMap<string, ListNum>;
	/** Current value by level, per list definition; null until the level is first used or after a restart. */
	private readonly counters = new Map<string, Array<number | null>>();
	private readonly met = new Set<string>();

	constructor(nums: ReadonlyMap<string, ListNum>) {
		this.nums = nums;
	}

	/** Counts one paragraph of list instance `numId` at level `ilvl`, and says what Word shows before it. */
	next(numId: string, ilvl: number): ListNumber {
		const num = this.nums.get(numId);
		const level = num?.levels[ilvl];
		if (!num || !level) return { kind: 'missing' };
		let counters = this.counters.get(num.abstractId);
		if (!counters) {
			counters = new Array<number | null>(LEVELS).fill(null);
			this.counters.set(num.abstractId, counters);
		}
		if (!this.met.has(numId)) {
			this.met.add(numId);
			for (const l of num.startOverrides) counters[l] = null;
		}
		const current = counters[ilvl];
		counters[ilvl] = current === null || current === undefined ? level.start : current + 1;
		for (let deeper = ilvl + 1; deeper < LEVELS; deeper++) {
			const restart = num.levels[deeper]?.restart ?? null;
			if (restart === null || (restart !== 0 && ilvl < restart)) counters[deeper] = null;
		}
		if (level.format === 'bullet') return { kind: 'bullet', text: level.text };

		let unsupported: string | null = null;
		const text = level.text.replace(/%([1-9])/g, (_, digit: string) => {
			const l = Number(digit) - 1;
			const shown = num.levels[l];
			const value = counters[l] ?? shown?.start ?? 1;
			const format = level.legal ? 'decimal' : (shown?.format ?? 'decimal');
			const written = formatNumber(value, format);
			if (written !== null) return written;
			unsupported ??= format;
			return String(value);
		});
		return { kind: 'number', text, unsupported };
	}
}

/** A counter's value as a level of this format displays it, or null for formats not supported. */
export function formatNumber(value: number, format: string): string | null {
	switch (format) {
		case 'decimal':
			return String(value);
		case 'decimalZero':
			return value >= 0 && value < 10 ? `0${value}` : String(value);
		case 'lowerRoman':
			return roman(value);
		case 'upperRoman':
			return roman(value).toUpperCase();
		case 'lowerLetter':
			return letters(value);
		case 'upperLetter':
			return letters(value).toUpperCase();
		case 'none':
			return '';
		default:
			return null;
	}
}

/** Word writes counters outside what numerals can say (0, negatives, past 3999) as plain numbers. */
function roman(value: number): string {
	return value >= 1 && value <= 3999 ? toRoman(value) : String(value);
}

/** Word's letters are NUM-4's: a … z, then aa … zz, then aaa …, the letter repeated. */
function letters(value: number): string {
	return value >= 1 ? toAlpha(value - 1) : String(value);
}
