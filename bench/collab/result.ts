// What one server's run measured: printed by report.ts, written to --json.
import type { ServerKind, ServerReport } from './ipc.ts';
import type { RedisReport } from './redis-service.ts';
import type { LatencySummary } from './stats.ts';

/** A window in which the rest of the machine used more than this (% of one core) is run again (--retries). */
export const DISTURBED_PERCENT = 20;

export interface ServerResult {
	server: ServerKind;
	/** Processes the server ran as (`--nodes` for ours; always 1 for the references). */
	nodes: number;
	ok: boolean;
	/** Which run of this server this is (see --retries). */
	attempt?: number;
	failure?: string;
	connectSeconds?: number;
	contentMismatches?: number;
	keystrokes?: number;
	keystrokesPerSecond?: number;
	skippedTicks?: number;
	expectedDeliveries?: number;
	delivered?: number;
	caughtUp?: boolean;
	/** Every (keystroke, receiving client) pair. */
	latency?: LatencySummary;
	/** The pairs whose receiver is on the typist's node, and those whose receiver is on another. */
	sameNode?: LatencySummary;
	crossNode?: LatencySummary;
	/** Per keystroke: its first and its last arrival among the receiving clients. */
	firstArrival?: LatencySummary;
	lastArrival?: LatencySummary;
	/** Per keystroke: its first arrival among the receivers on the typist's node, and on the others. */
	firstSameNode?: LatencySummary;
	firstCrossNode?: LatencySummary;
	/** Each node's own report, by node number. */
	serverReports?: ServerReport[];
	/** Clients and typists connected to each node. */
	clientsPerNode?: number[];
	typistsPerNode?: number[];
	/** With several nodes: the Redis they share. */
	redisReport?: RedisReport;
	/** CPU of each node over the window, seconds. */
	nodeCpuSeconds?: number[];
	/** Every process of the server side: the nodes, and Redis with several. */
	serverCpuSeconds?: number;
	serverCpuPercent?: number;
	/** Sum of those processes' peak RSS (VmHWM); their peaks need not coincide. */
	serverPeakRssBytes?: number;
	generatorCpuSeconds?: number;
	generatorCpuPercent?: number;
	/** The busiest client thread's CPU over the window, % of one core. */
	busiestThreadCpuPercent?: number;
	generatorLoopDelayP99Ms?: number;
	generatorLoopDelayMaxMs?: number;
	generatorRssMb?: number;
	/** CPU other processes (neither the server side nor the generator), and steal, took during the window, % of one core. */
	otherCpuPercent?: number;
	/** Interrupt work (irq + softirq) on the machine during the window, % of one core: mostly the loopback traffic. */
	irqCpuPercent?: number;
	framesSentByClients?: number;
	framesReceivedByClients?: number;
	closes?: Record<string, number>;
	closeReasons?: string[];
	socketErrors?: number;
}
