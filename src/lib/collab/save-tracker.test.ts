import { describe, expect, it } from 'vitest';
import { SaveTracker } from './save-tracker.ts';

/** A socket as the provider opens it: its own step 1 goes out first. */
function opened(): SaveTracker {
	const tracker = new SaveTracker();
	tracker.socketOpened();
	return tracker;
}

describe('SaveTracker', () => {
	it('confirms changes when the answer to a probe sent after them arrives', () => {
		const tracker = opened();
		tracker.recordLocal(['p5']);
		tracker.recordLocal(['p5', 'p7']);
		expect(tracker.unsaved).toBe(true);
		tracker.probeSent();
		tracker.answerReceived(); // the answer to the provider's own step 1: confirms nothing of ours
		expect(tracker.unsavedUnits()).toEqual(['p5', 'p7']);
		tracker.answerReceived();
		expect(tracker.unsaved).toBe(false);
		expect(tracker.unsavedUnits()).toEqual([]);
	});

	it('does not count a change made after the probe as confirmed by its answer', () => {
		const tracker = opened();
		tracker.answerReceived();
		tracker.recordLocal(['p5']);
		tracker.probeSent();
		tracker.recordLocal(['p7']);
		expect(tracker.needsProbe()).toBe(true);
		tracker.answerReceived();
		expect(tracker.unsavedUnits()).toEqual(['p7']);
	});

	it('lists the units last changed last, once each', () => {
		const tracker = opened();
		tracker.recordLocal(['a']);
		tracker.recordLocal(['b']);
		tracker.recordLocal(['a']);
		expect(tracker.unsavedUnits()).toEqual(['b', 'a']);
	});

	it('forgets probes in flight when the socket closes: their answers will not come', () => {
		const tracker = opened();
		tracker.recordLocal(['p5']);
		tracker.probeSent();
		tracker.socketClosed();
		tracker.socketOpened();
		tracker.answerReceived(); // the new socket's first answer is to the provider's step 1
		expect(tracker.unsaved).toBe(true);
		expect(tracker.needsProbe()).toBe(true);
	});

	it('asks for no second probe while one already covers every change', () => {
		const tracker = opened();
		expect(tracker.needsProbe()).toBe(false);
		tracker.recordLocal(['p5']);
		tracker.probeSent();
		expect(tracker.needsProbe()).toBe(false);
	});

	it('reports each change of state and starts clean after a reset', () => {
		const seen: boolean[] = [];
		const tracker = new SaveTracker(() => seen.push(tracker.unsaved));
		tracker.socketOpened();
		tracker.recordLocal(['p5']);
		tracker.reset();
		expect(seen).toEqual([true, false]);
		expect(tracker.unsavedUnits()).toEqual([]);
	});
});
