// Keystroke-to-screen latency and server cost under one meeting's load, for our collaboration server and
// two references, one after the other:
//
//   node bench/collab/run.ts [--clients 300] [--typists 10] [--rate 5] [--seconds 30]
//                            [--servers ours,hocuspocus,y-websocket] [--nodes 1] [--warmup 5] [--drain 10]
//                            [--threads 1] [--quiet-wait 120] [--retries 2] [--json FILE]
//
// Every client lives in this process (in `--threads` worker threads, one monotonic clock); each server runs
// in its own child process (its CPU and RSS are its own); ours with `--nodes N` runs as N of them on one
// database and one Redis, the clients dealt round-robin. See docs/benchmarks.md for the method.
import fs from 'node:fs';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { createFixture, type Fixture } from './fixture.ts';
import {
	now,
	type FromWorker,
	type ServerKind,
	type SharedTables,
	type ToWorker,
	type WorkerClient
} from './ipc.ts';
import { mergeLatencies } from './merge.ts';
import { nodeOfClient, startNodes, type ServerNodes } from './nodes.ts';
import { startBenchRedis, type BenchRedis } from './redis-service.ts';
import { machine, printReport, serverLabel } from './report.ts';
import { DISTURBED_PERCENT, type ServerResult } from './result.ts';
import { settingsFrom, type Settings } from './settings.ts';
import { fixed } from './stats.ts';

const WORKER = new URL('./client-worker.ts', import.meta.url);
/** Clients connected at once; the next batch starts when this one has synced. */
const CONNECT_BATCH = 50;
const CONNECT_TIMEOUT_MS = 120_000;

// ---------------------------------------------------------------------------------------------------------
// The client threads

class ClientThread {
	readonly #worker: Worker;
	#waiters: { type: FromWorker['type']; resolve(m: FromWorker): void; reject(e: Error): void }[] = [];
	#exited: Promise<void>;

	readonly index: number;

	constructor(index: number) {
		this.index = index;
		this.#worker = new Worker(WORKER);
		this.#exited = new Promise((resolve) => {
			this.#worker.once('exit', (code) => {
				for (const w of this.#waiters.splice(0))
					w.reject(new Error(`client thread ${index} exited (code ${code})`));
				resolve();
			});
		});
		this.#worker.on('error', (error) => {
			for (const w of this.#waiters.splice(0)) w.reject(error);
		});
		this.#worker.on('message', (message: FromWorker) => {
			if (message.type === 'failed') {
				for (const w of this.#waiters.splice(0))
					w.reject(new Error(`client thread ${index}: ${message.message}`));
				return;
			}
			const i = this.#waiters.findIndex((w) => w.type === message.type);
			if (i >= 0) this.#waiters.splice(i, 1)[0]!.resolve(message);
		});
	}

	request<T extends FromWorker['type']>(
		message: ToWorker,
		answer: T,
		timeoutMs = 30_000
	): Promise<Extract<FromWorker, { type: T }>> {
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => {
				this.#waiters = this.#waiters.filter((w) => w !== waiter);
				reject(
					new Error(`client thread ${this.index} did not answer '${message.type}' within ${timeoutMs} ms`)
				);
			}, timeoutMs);
			const waiter = {
				type: answer,
				resolve: (m: FromWorker) => {
					clearTimeout(timer);
					resolve(m as Extract<FromWorker, { type: T }>);
				},
				reject: (e: Error) => {
					clearTimeout(timer);
					reject(e);
				}
			};
			this.#waiters.push(waiter);
			this.#worker.postMessage(message);
		});
	}

	/** Destroys the thread's clients, then ends the thread (terminating it if it does not end in 10 s). */
	async close(): Promise<void> {
		try {
			await this.request({ type: 'close' }, 'closed', 10_000);
		} catch {
			// ended, failed or stuck: terminate below
		}
		const timer = setTimeout(() => void this.#worker.terminate(), 10_000);
		await this.#exited;
		clearTimeout(timer);
	}
}

// ---------------------------------------------------------------------------------------------------------
// One server's run

interface MachineCpu {
	/** user + nice + system: time spent running processes, ours included. */
	tasks: number;
	/** irq + softirq: interrupt work, on loopback mostly the TCP traffic itself, charged to no process. */
	irq: number;
	/** Time the hypervisor gave this VM's CPUs to someone else. */
	steal: number;
}

/** CPU time of the whole machine so far (all cores, /proc/stat), seconds; NaN where unavailable. */
function machineCpu(): MachineCpu {
	try {
		const f = /^cpu\s+(.*)$/m
			.exec(fs.readFileSync('/proc/stat', 'utf8'))?.[1]
			?.trim()
			.split(/\s+/)
			.map(Number);
		if (!f) throw new Error('no cpu line');
		// user nice system idle iowait irq softirq steal guest guest_nice, in USER_HZ (100 on Linux).
		const at = (i: number): number => (f[i] ?? 0) / 100;
		return { tasks: at(0) + at(1) + at(2), irq: at(5) + at(6), steal: at(7) };
	} catch {
		return { tasks: NaN, irq: NaN, steal: NaN };
	}
}

function cpuSince(start: MachineCpu): MachineCpu {
	const end = machineCpu();
	return { tasks: end.tasks - start.tasks, irq: end.irq - start.irq, steal: end.steal - start.steal };
}

/** Below this much CPU used by the rest of the machine (% of one core), it counts as quiet. */
const QUIET_PERCENT = 15;

/**
 * Other work on the machine (tests, builds) competes for the same two cores and ruins the figures. Waits,
 * up to `maxSeconds`, for a 3-second stretch in which the machine (this process included, idle between
 * runs) is busy less than QUIET_PERCENT of one core. Returns the busy percentage last seen.
 */
async function waitForQuiet(maxSeconds: number, log: (line: string) => void): Promise<number> {
	const deadline = performance.now() + maxSeconds * 1000;
	let said = false;
	for (;;) {
		const before = machineCpu();
		await sleep(3000);
		const used = cpuSince(before);
		const busy = ((used.tasks + used.steal) / 3) * 100;
		if (!Number.isFinite(busy) || busy < QUIET_PERCENT || performance.now() > deadline) {
			if (said || busy >= QUIET_PERCENT) log(`machine busy ${busy.toFixed(0)}% of a core; starting`);
			return busy;
		}
		if (!said)
			log(`machine busy ${busy.toFixed(0)}% of a core; waiting up to ${maxSeconds} s for it to go quiet`);
		said = true;
	}
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Distinct random Yjs client ids for the typists. */
function typistClientIds(count: number): number[] {
	const ids = new Set<number>();
	while (ids.size < count) ids.add(1 + Math.floor(Math.random() * 0xfffffffe));
	return [...ids];
}

async function runServer(
	kind: ServerKind,
	fx: Fixture,
	s: Settings,
	redis: BenchRedis | null
): Promise<ServerResult> {
	const nodeCount = kind === 'ours' ? s.nodes : 1;
	const label = serverLabel(kind, nodeCount);
	const log = (line: string): void => console.error(`[${label}] ${line}`);
	if (s.quietWait > 0) await waitForQuiet(s.quietWait, log);
	const lifetimeMs = CONNECT_TIMEOUT_MS + (s.warmup + s.seconds + s.drain) * 1000 + 60_000;
	const threads: ClientThread[] = [];
	let nodes: ServerNodes | null = null;
	// Room for every keystroke of the run, twice over (the rate is an average).
	const capacity = Math.ceil(s.rate * (s.warmup + s.seconds + 5) * 2) + 1000;
	const tables: SharedTables = {
		sentAt: new SharedArrayBuffer(8 * s.typists * capacity),
		window: new SharedArrayBuffer(16),
		finalClock: new SharedArrayBuffer(4 * s.typists),
		capacity
	};
	const windowAt = new Float64Array(tables.window).fill(Infinity);
	new Int32Array(tables.finalClock).fill(-1);
	const all = <T extends FromWorker['type']>(message: ToWorker, answer: T, timeoutMs?: number) =>
		Promise.all(threads.map((t) => t.request(message, answer, timeoutMs)));

	try {
		nodes = await startNodes(
			kind,
			nodeCount,
			{
				kind,
				docName: fx.docName,
				dbFile: kind === 'ours' ? fx.dbFile : undefined,
				initialState: kind === 'ours' ? undefined : fx.initialState,
				lifetimeMs
			},
			redis?.url ?? null
		);
		const { ports, pids } = nodes;
		log(
			ports.length === 1
				? `server pid ${pids[0]} listening on 127.0.0.1:${ports[0]}`
				: `${ports.length} nodes (pids ${pids.join(', ')}) on 127.0.0.1:${ports.join(', ')}, Redis ${redis!.url}`
		);

		// Clients are dealt round-robin to the threads, and to the nodes; the first `typists` clients are
		// the typists.
		const ids = typistClientIds(s.typists);
		const typistNodes = ids.map((_, i) => nodeOfClient(i, nodeCount));
		const clientsPerNode = new Array<number>(nodeCount).fill(0);
		const typistsPerNode = new Array<number>(nodeCount).fill(0);
		const shares: WorkerClient[][] = Array.from({ length: s.threads }, () => []);
		for (let i = 0; i < s.clients; i++) {
			const node = nodeOfClient(i, nodeCount);
			clientsPerNode[node]!++;
			if (i < s.typists) typistsPerNode[node]!++;
			shares[i % s.threads]!.push({
				index: i,
				node,
				cookie: kind === 'ours' ? fx.cookies[i]! : null,
				typist: i < s.typists ? { number: i, unit: fx.typistUnits[i]!, clientId: ids[i]! } : null
			});
		}
		for (let i = 0; i < s.threads; i++) threads.push(new ClientThread(i));
		const synced = await Promise.all(
			threads.map((t, i) =>
				t.request(
					{
						type: 'init',
						target: { kind, ports, docName: fx.docName },
						clients: shares[i]!,
						typistClientIds: ids,
						typistNodes,
						initialTexts: [...fx.initialTexts],
						rate: s.rate,
						connectBatch: Math.max(1, Math.ceil(CONNECT_BATCH / s.threads)),
						connectTimeoutMs: CONNECT_TIMEOUT_MS,
						tables
					},
					'synced',
					CONNECT_TIMEOUT_MS + 10_000
				)
			)
		);
		const connectSeconds = Math.max(...synced.map((m) => m.seconds));
		log(`${s.clients} clients synced in ${connectSeconds.toFixed(1)} s`);
		const contentMismatches = (await all({ type: 'check' }, 'checked')).reduce((n, m) => n + m.mismatches, 0);
		if (contentMismatches > 0)
			log(`WARNING: ${contentMismatches} clients hold a document that differs from the fixture`);

		await all({ type: 'type' }, 'typing');
		log(`typing; warm-up ${s.warmup} s`);
		await sleep(s.warmup * 1000);

		// The measured window.
		await Promise.all([nodes.mark(), redis && nodeCount > 1 ? redis.mark() : null]);
		await all({ type: 'window-start' }, 'window-started');
		const cpuAtStart = process.cpuUsage();
		const machineAtStart = machineCpu();
		windowAt[0] = now();
		log(`measuring ${s.seconds} s`);
		await sleep(s.seconds * 1000);
		windowAt[1] = now();
		const generatorCpu = process.cpuUsage(cpuAtStart);
		const machine = cpuSince(machineAtStart);
		const [reports, redisReport] = await Promise.all([
			nodes.report(),
			redis && nodeCount > 1 ? redis.report() : undefined
		]);
		const stopped = await all({ type: 'stop-typing' }, 'stopped');
		const windowSeconds = (windowAt[1] - windowAt[0]) / 1000;
		const keystrokes = stopped.reduce((n, m) => n + m.keystrokes, 0);
		if (stopped.some((m) => m.overflow > 0))
			log('WARNING: more keystrokes than the timing table holds; some were not timed');

		// Let what is in flight arrive: until every client holds every keystroke, or the drain time is up.
		const drainStart = performance.now();
		const drained = await all(
			{ type: 'drain', timeoutMs: s.drain * 1000 },
			'drained',
			s.drain * 1000 + 10_000
		);
		const caughtUp = drained.every((m) => m.caughtUp);
		log(
			`${caughtUp ? 'drained' : 'NOT caught up'} after ${((performance.now() - drainStart) / 1000).toFixed(1)} s`
		);
		const collected = await all({ type: 'collect' }, 'collected');

		// Merge the threads' figures.
		const latencies = mergeLatencies(collected, new Float64Array(tables.sentAt), [windowAt[0], windowAt[1]]);
		const closes = new Map<number, number>();
		for (const c of collected)
			for (const [code, n] of c.closes) closes.set(code, (closes.get(code) ?? 0) + n);

		const nodeCpuSeconds = reports.map((r) => (r.cpuUserUs + r.cpuSystemUs) / 1e6);
		const redisCpuSeconds = redisReport?.cpuSeconds ?? 0;
		const serverCpuSeconds = nodeCpuSeconds.reduce((a, b) => a + b, 0) + redisCpuSeconds;
		const serverWindowSeconds = Math.max(...reports.map((r) => r.windowMs)) / 1000;
		const generatorCpuSeconds = (generatorCpu.user + generatorCpu.system) / 1e6;
		return {
			server: kind,
			nodes: nodeCount,
			ok: true,
			connectSeconds,
			contentMismatches,
			keystrokes,
			keystrokesPerSecond: keystrokes / windowSeconds,
			skippedTicks: stopped.reduce((n, m) => n + m.skippedTicks, 0),
			expectedDeliveries: keystrokes * (s.clients - 1),
			delivered: latencies.all.count,
			caughtUp,
			latency: latencies.all,
			sameNode: latencies.sameNode,
			crossNode: latencies.crossNode,
			firstArrival: latencies.firstArrival,
			lastArrival: latencies.lastArrival,
			firstSameNode: latencies.firstSameNode,
			firstCrossNode: latencies.firstCrossNode,
			serverReports: reports,
			clientsPerNode,
			typistsPerNode,
			redisReport,
			nodeCpuSeconds,
			serverCpuSeconds,
			serverCpuPercent: (100 * serverCpuSeconds) / serverWindowSeconds,
			serverPeakRssBytes:
				reports.reduce((n, r) => n + r.vmHwmBytes, 0) + (redisReport ? redisReport.vmHwmBytes : 0),
			generatorCpuSeconds,
			generatorCpuPercent: (100 * generatorCpuSeconds) / windowSeconds,
			busiestThreadCpuPercent: Math.max(...collected.map((c) => c.threadCpuUs / 1e4 / windowSeconds)),
			generatorLoopDelayP99Ms: Math.max(...collected.map((c) => c.loopDelayP99Ms)),
			generatorLoopDelayMaxMs: Math.max(...collected.map((c) => c.loopDelayMaxMs)),
			generatorRssMb: process.memoryUsage.rss() / 2 ** 20,
			otherCpuPercent: Math.max(
				0,
				(100 * (machine.tasks + machine.steal - serverCpuSeconds - generatorCpuSeconds)) / windowSeconds
			),
			irqCpuPercent: (100 * machine.irq) / windowSeconds,
			framesSentByClients: collected.reduce((n, c) => n + c.framesSent, 0),
			framesReceivedByClients: collected.reduce((n, c) => n + c.framesReceived, 0),
			closes: Object.fromEntries([...closes].map(([code, n]) => [String(code), n])),
			closeReasons: [...new Set(collected.flatMap((c) => c.reasons))],
			socketErrors: collected.reduce((n, c) => n + c.socketErrors, 0)
		};
	} catch (error) {
		const failure = error instanceof Error ? error.message : String(error);
		log(`FAILED: ${failure}`);
		return { server: kind, nodes: nodeCount, ok: false, failure };
	} finally {
		await Promise.all(threads.map((t) => t.close()));
		await nodes?.stop();
	}
}

// ---------------------------------------------------------------------------------------------------------

async function main(): Promise<number> {
	const s = settingsFrom(process.argv.slice(2));
	const m = machine();
	console.error(
		`bench:collab — ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGiB} GiB, Node ${m.node}; ` +
			`load average ${os
				.loadavg()
				.map((l) => l.toFixed(2))
				.join(' ')}; servers: ${s.servers.map((k) => serverLabel(k, k === 'ours' ? s.nodes : 1)).join(', ')}`
	);
	const references = s.servers.filter((k) => k !== 'ours');
	if (s.nodes > 1 && references.length > 0)
		console.error(`bench:collab: --nodes ${s.nodes} is for ours; ${references.join(', ')}: one process each`);
	// Several nodes of ours share one Redis, started here and stopped at the end.
	let redis: BenchRedis | null = null;
	if (s.nodes > 1 && s.servers.includes('ours')) {
		redis = await startBenchRedis();
		console.error(`bench:collab: redis-server at ${redis.url} for the ${s.nodes} nodes of ours`);
	}
	// Interrupted: the server children see their IPC channel close and exit; remove the temporary database
	// and stop Redis.
	const live = new Set<Fixture>();
	for (const signal of ['SIGINT', 'SIGTERM'] as const) {
		process.once(signal, () => {
			for (const fx of live) fx.cleanup();
			void (redis?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
		});
	}
	try {
		return await runAll(s, m, live, redis);
	} finally {
		await redis?.stop();
	}
}

async function runAll(
	s: Settings,
	m: ReturnType<typeof machine>,
	live: Set<Fixture>,
	redis: BenchRedis | null
): Promise<number> {
	const results: ServerResult[] = [];
	for (const kind of s.servers) {
		// A run disturbed by other work on the machine is repeated; the least disturbed one is kept.
		let kept: ServerResult | null = null;
		for (let attempt = 1; attempt <= 1 + s.retries; attempt++) {
			// A fresh database and document for every run: ours stores what was typed.
			const fx = await createFixture(s.clients, s.typists);
			live.add(fx);
			let result: ServerResult;
			try {
				result = await runServer(kind, fx, s, redis);
			} finally {
				fx.cleanup();
				live.delete(fx);
			}
			result.attempt = attempt;
			if (!result.ok) {
				kept = result;
				break;
			}
			if (kept === null || result.otherCpuPercent! < kept.otherCpuPercent!) kept = result;
			if (result.otherCpuPercent! <= DISTURBED_PERCENT) break;
			if (attempt <= s.retries) {
				console.error(
					`[${serverLabel(kind, result.nodes)}] other processes used ${fixed(result.otherCpuPercent!, 0)}% of a core during the window; ` +
						`running again (${attempt}/${s.retries})`
				);
			}
		}
		results.push(kept!);
	}
	printReport(s, results);
	if (s.json) {
		fs.writeFileSync(
			s.json,
			JSON.stringify({ at: new Date().toISOString(), machine: m, settings: s, results }, null, '\t')
		);
		console.error(`results written to ${s.json}`);
	}
	return results.every((r) => r.ok) ? 0 : 1;
}

main().then(
	(code) => {
		process.exitCode = code;
		// Providers leave timers behind (process 'exit' handlers, intervals); the run is over.
		setTimeout(() => process.exit(code), 1000).unref();
	},
	(error: unknown) => {
		console.error('bench:collab: harness failure:', error);
		process.exit(1);
	}
);
