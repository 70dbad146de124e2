// Where a page load's time goes: a Chromium performance trace of the renderer's main thread (self time
// per kind of work: parsing HTML, running scripts, style, layout, paint, GC) and a V8 CPU profile of the
// page's JavaScript (self time per function). Used by measure.ts --profile, on one extra load.

interface TraceEvent {
	name: string;
	ph: string;
	ts: number;
	dur?: number;
	pid: number;
	tid: number;
	args?: { name?: string };
}

export interface Share {
	name: string;
	ms: number;
}

/** The renderer main thread of the page: the CrRendererMain thread with the most complete events. */
function mainThread(events: TraceEvent[]): { pid: number; tid: number } | null {
	const mains = events.filter(
		(e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain'
	);
	let best: { pid: number; tid: number } | null = null;
	let bestCount = -1;
	for (const m of mains) {
		const count = events.filter((e) => e.pid === m.pid && e.tid === m.tid && e.ph === 'X').length;
		if (count > bestCount) [best, bestCount] = [{ pid: m.pid, tid: m.tid }, count];
	}
	return best;
}

/**
 * Self time (ms) per event name on the page's main thread, for complete ('X') events: each event's
 * duration less that of the events nested in it. `from`/`to` are trace timestamps (µs) to keep.
 */
export function traceSelfTimes(trace: { traceEvents: TraceEvent[] }, limit = 15): Share[] {
	const events = trace.traceEvents;
	const main = mainThread(events);
	if (!main) return [];
	const xs = events
		.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && typeof e.dur === 'number')
		.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
	const self = new Map<string, number>();
	const stack: { end: number; name: string }[] = [];
	for (const e of xs) {
		while (stack.length && stack[stack.length - 1]!.end <= e.ts) stack.pop();
		const parent = stack[stack.length - 1];
		if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - e.dur!);
		self.set(e.name, (self.get(e.name) ?? 0) + e.dur!);
		stack.push({ end: e.ts + e.dur!, name: e.name });
	}
	return [...self]
		.map(([name, us]) => ({ name, ms: us / 1000 }))
		.filter((s) => s.ms >= 1)
		.sort((a, b) => b.ms - a.ms)
		.slice(0, limit);
}

interface CpuProfile {
	nodes: {
		id: number;
		callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
	}[];
	samples: number[];
	timeDeltas: number[];
}

/** Self time (ms) per function in a V8 CPU profile, by name and place (file:line:column). */
export function profileSelfTimes(profile: CpuProfile, limit = 20): Share[] {
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const self = new Map<string, number>();
	profile.samples.forEach((id, i) => {
		const frame = byId.get(id)?.callFrame;
		if (!frame) return;
		const file = frame.url ? frame.url.replace(/^.*\//, '') : '';
		const key = file
			? `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`
			: frame.functionName || '(anonymous)';
		// Each sample's time is the delta to the next one.
		self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
	});
	return [...self]
		.map(([name, us]) => ({ name, ms: us / 1000 }))
		.sort((a, b) => b.ms - a.ms)
		.slice(0, limit);
}
