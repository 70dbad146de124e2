// The messages between the load generator (run.ts) and a server child (server-child.ts), over the fork's
// IPC channel with `serialization: 'advanced'` (so Uint8Arrays cross as they are).

export const SERVER_KINDS = ['ours', 'hocuspocus', 'y-websocket'] as const;
export type ServerKind = (typeof SERVER_KINDS)[number];

export function isServerKind(value: string): value is ServerKind {
	return (SERVER_KINDS as readonly string[]).includes(value);
}

export interface StartConfig {
	kind: ServerKind;
	/** The one document every client opens, e.g. `meeting/ttmlm-2013`. */
	docName: string;
	/** ours: the migrated, seeded SQLite file. */
	dbFile?: string;
	/** hocuspocus, y-websocket: the document's initial state (`Y.encodeStateAsUpdate` of the meeting doc). */
	initialState?: Uint8Array;
	/** The child exits by itself after this long, whatever happens to the parent. */
	lifetimeMs: number;
	/** ours, one node of several (`--nodes`): the Redis the nodes share, and this node's name among them. */
	redisUrl?: string;
	nodeId?: string;
}

export type ToChild =
	{ type: 'start'; config: StartConfig } | { type: 'mark' } | { type: 'report' } | { type: 'stop' };

export interface ServerReport {
	/** CPU of the server process between 'mark' and 'report', microseconds. */
	cpuUserUs: number;
	cpuSystemUs: number;
	/** Wall time between 'mark' and 'report', milliseconds. */
	windowMs: number;
	/** Highest RSS sampled every 100 ms between 'mark' and 'report'. */
	peakRssWindowBytes: number;
	/** VmHWM from /proc/self/status: the highest RSS of the process's whole life. */
	vmHwmBytes: number;
	rssBytes: number;
	/** V8 heap in use, and the physical size of V8's young generation (new space), at the report. */
	heapUsedBytes: number;
	newSpaceBytes: number;
	/** RSS when the server had started listening, before any client: the idle baseline. */
	rssAtReadyBytes: number;
	/** Event-loop delay over the window (perf_hooks.monitorEventLoopDelay, 10 ms resolution). */
	loopDelayP99Ms: number;
	loopDelayMaxMs: number;
	/** ours only: the durable appends (persistUpdate) over the window, timed around the call. */
	persist: { count: number; totalMs: number; p50Ms: number; p99Ms: number; maxMs: number } | null;
}

export type FromChild =
	| { type: 'ready'; port: number }
	| { type: 'marked' }
	| { type: 'report'; report: ServerReport }
	| { type: 'failed'; message: string };

// ---------------------------------------------------------------------------------------------------------
// Between run.ts and its client workers (worker_threads in the load-generator process).

/** Where the typists' keystrokes are timed: shared by every worker thread. */
export interface SharedTables {
	/** `sentAt[typist * capacity + clock]`: when the typist's insert with that clock happened (ms, see `now`). 0: not yet. */
	sentAt: SharedArrayBuffer;
	/** [windowStart, windowEnd] in `now` ms; Infinity until set. */
	window: SharedArrayBuffer;
	/** `finalClock[typist]`: the typist's clock once it has stopped typing; -1 while it types. */
	finalClock: SharedArrayBuffer;
	capacity: number;
}

export interface WorkerClient {
	index: number;
	/** The server node it connects to (index into `target.ports`). */
	node: number;
	cookie: string | null;
	/** The typist number and the text unit it types in, or null for an observer. */
	typist: { number: number; unit: string; clientId: number } | null;
}

export interface WorkerInit {
	type: 'init';
	/** `ports`: each server node's, by node number (one for a single process). */
	target: { kind: ServerKind; ports: number[]; docName: string };
	clients: WorkerClient[];
	/** Every typist's Yjs clientID, by typist number (assigned by run.ts, so that every worker knows them). */
	typistClientIds: number[];
	/** The node each typist is connected to, by typist number. */
	typistNodes: number[];
	initialTexts: [string, string][];
	rate: number;
	connectBatch: number;
	connectTimeoutMs: number;
	tables: SharedTables;
}

export type ToWorker =
	| WorkerInit
	| { type: 'check' }
	| { type: 'type' }
	| { type: 'window-start' }
	| { type: 'stop-typing' }
	| { type: 'drain'; timeoutMs: number }
	| { type: 'collect' }
	| { type: 'close' };

export interface WorkerCollected {
	type: 'collected';
	/**
	 * Latency of every (keystroke in the window, receiving client) pair this worker's clients applied, ms:
	 * where the receiver is on the typist's node, and where it is on another node.
	 */
	sameNodeSamples: Float64Array;
	crossNodeSamples: Float64Array;
	/** Per keystroke slot (`typist * capacity + clock`): earliest and latest arrival on this worker's clients, ms; NaN if none. */
	firstAt: Float64Array;
	lastAt: Float64Array;
	/** Earliest arrival per slot among this worker's receivers on the typist's node, and on other nodes. */
	firstSameNodeAt: Float64Array;
	firstCrossNodeAt: Float64Array;
	framesSent: number;
	framesReceived: number;
	closes: [number, number][];
	reasons: string[];
	socketErrors: number;
	loopDelayP99Ms: number;
	loopDelayMaxMs: number;
	/** This thread's CPU over the window (process.threadCpuUsage), microseconds. */
	threadCpuUs: number;
}

export type FromWorker =
	| { type: 'synced'; seconds: number }
	| { type: 'checked'; mismatches: number }
	| { type: 'typing' }
	| { type: 'window-started' }
	| { type: 'stopped'; keystrokes: number; skippedTicks: number; overflow: number }
	| { type: 'drained'; caughtUp: boolean }
	| WorkerCollected
	| { type: 'closed' }
	| { type: 'failed'; message: string };

/** One clock for every thread: CLOCK_MONOTONIC in ms (performance.now() has a per-thread origin). */
export function now(): number {
	return Number(process.hrtime.bigint()) / 1e6;
}
