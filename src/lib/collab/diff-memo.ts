// Word diffs the page asks for again and again: every keystroke anywhere re-renders the open panel, every
// change of the mirror re-orders it. A diff of the same two strings is the same diff (DIF-3, DIF-6 are
// pure functions), so the last few thousand are kept, oldest dropped first.
import { departure, wordDiff } from '#lib/domain/diff.ts';

export function memoPair<T>(fn: (a: string, b: string) => T, max = 4000): (a: string, b: string) => T {
	const cache = new Map<string, T>();
	return (a, b) => {
		// The first string's length makes the key unambiguous, whatever characters the texts hold.
		const key = `${a.length}:${a}${b}`;
		let value = cache.get(key);
		if (value === undefined) {
			value = fn(a, b);
			if (cache.size >= max) cache.delete(cache.keys().next().value as string);
			cache.set(key, value);
		}
		return value;
	};
}

export const cachedWordDiff = memoPair(wordDiff);
export const cachedDeparture = memoPair(departure);
