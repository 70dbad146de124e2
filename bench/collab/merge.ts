// One run's latencies from what the client threads timed: every (keystroke, receiver) pair, split by
// whether the receiver is connected to the typist's node or to another (`--nodes`), and per keystroke its
// first and last arrival over all threads.
import type { WorkerCollected } from './ipc.ts';
import { summarize, type LatencySummary } from './stats.ts';

export interface Latencies {
	/** Every pair, whatever the nodes. */
	all: LatencySummary;
	/** Pairs whose receiver is on the typist's node / on another node (count 0 with one node). */
	sameNode: LatencySummary;
	crossNode: LatencySummary;
	/** Per keystroke: its first and its last arrival among all receivers. */
	firstArrival: LatencySummary;
	lastArrival: LatencySummary;
	/** Per keystroke: its first arrival among the receivers on the typist's node, and on the others. */
	firstSameNode: LatencySummary;
	firstCrossNode: LatencySummary;
}

function concat(arrays: Float64Array[]): Float64Array {
	const all = new Float64Array(arrays.reduce((n, a) => n + a.length, 0));
	let offset = 0;
	for (const a of arrays) {
		all.set(a, offset);
		offset += a.length;
	}
	return all;
}

/**
 * For every keystroke sent inside the window (`sentAt` slots, ms on the shared clock): the earliest
 * (`first`) or latest (`last`) arrival any thread recorded, less its send time. Slots never received are left out.
 */
function perKeystroke(
	sentAt: Float64Array,
	window: readonly [number, number],
	tables: Float64Array[],
	pick: 'first' | 'last'
): Float64Array {
	const out: number[] = [];
	for (let slot = 0; slot < sentAt.length; slot++) {
		const sent = sentAt[slot]!;
		if (sent === 0 || sent < window[0] || sent >= window[1]) continue;
		let at = pick === 'first' ? Infinity : -Infinity;
		for (const t of tables) {
			const v = t[slot]!;
			if (pick === 'first' ? v < at : v > at) at = v;
		}
		if (Number.isFinite(at)) out.push(at - sent);
	}
	return Float64Array.from(out);
}

export function mergeLatencies(
	collected: WorkerCollected[],
	sentAt: Float64Array,
	window: readonly [number, number]
): Latencies {
	const same = concat(collected.map((c) => c.sameNodeSamples));
	const cross = concat(collected.map((c) => c.crossNodeSamples));
	return {
		all: summarize(concat([same, cross])),
		sameNode: summarize(same),
		crossNode: summarize(cross),
		firstArrival: summarize(
			perKeystroke(
				sentAt,
				window,
				collected.map((c) => c.firstAt),
				'first'
			)
		),
		lastArrival: summarize(
			perKeystroke(
				sentAt,
				window,
				collected.map((c) => c.lastAt),
				'last'
			)
		),
		firstSameNode: summarize(
			perKeystroke(
				sentAt,
				window,
				collected.map((c) => c.firstSameNodeAt),
				'first'
			)
		),
		firstCrossNode: summarize(
			perKeystroke(
				sentAt,
				window,
				collected.map((c) => c.firstCrossNodeAt),
				'first'
			)
		)
	};
}
