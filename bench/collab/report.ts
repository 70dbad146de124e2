// The printed report: the main table, details, ratios and targets; then, for ours on several nodes,
// latency by whether the receiver is on the typist's node, and each process's cost.
import fs from 'node:fs';
import os from 'node:os';
import type { ServerKind, ServerReport } from './ipc.ts';
import { DISTURBED_PERCENT, type ServerResult } from './result.ts';
import type { Settings } from './settings.ts';
import { fixed, ratio, table, type LatencySummary } from './stats.ts';

const P99_TARGET_MS = 50;

const mb = (bytes: number | undefined): number => (bytes ?? NaN) / 2 ** 20;

/** `ours`, or `ours ×2` for ours on two nodes. */
export function serverLabel(kind: ServerKind, nodes: number): string {
	return nodes > 1 ? `${kind} ×${nodes}` : kind;
}

/** A figure summed over a run's nodes. */
function sumOf(
	r: ServerResult,
	key: 'rssAtReadyBytes' | 'peakRssWindowBytes' | 'heapUsedBytes' | 'newSpaceBytes'
): number {
	return r.serverReports!.reduce((n, report) => n + report[key], 0);
}

export function machine(): { cpus: number; cpuModel: string; node: string; memoryGiB: number } {
	let cpuModel = os.cpus()[0]?.model ?? 'unknown';
	try {
		cpuModel = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpuModel;
	} catch {
		// not Linux: keep os.cpus()'s name
	}
	return {
		cpus: os.availableParallelism(),
		cpuModel,
		node: process.version,
		memoryGiB: Math.round(os.totalmem() / 2 ** 30)
	};
}

export function printReport(s: Settings, results: ServerResult[]): void {
	const done = results.filter((r) => r.ok);
	const name = (r: ServerResult): string => serverLabel(r.server, r.nodes);
	console.log('');
	console.log(
		`${s.clients} clients on one document, ${s.typists} typists at ${s.rate}/s each; ` +
			`${s.seconds} s measured after ${s.warmup} s warm-up; load generator on ${s.threads} thread(s)`
	);
	if (results.some((r) => r.nodes > 1)) {
		const refs = results.filter((r) => r.server !== 'ours').map((r) => r.server);
		console.log(
			`ours as ${s.nodes} processes on one SQLite file and one Redis, clients dealt round-robin` +
				(refs.length > 0 ? `; ${refs.join(' and ')}: single-process references` : '') +
				". Ours' CPU and peak RSS below are sums over its nodes and Redis."
		);
	}
	console.log(
		table(
			[
				'server',
				'p50 ms',
				'p99 ms',
				'max ms',
				'CPU s',
				'% core',
				'peak RSS MB',
				'delivered/expected',
				'closes',
				'errors'
			],
			results.map((r) => {
				if (!r.ok) return [name(r), `FAILED: ${r.failure ?? ''}`];
				const closes = Object.entries(r.closes ?? {})
					.map(([code, n]) => `${n}×${code}`)
					.join(' ');
				return [
					name(r),
					fixed(r.latency!.p50),
					fixed(r.latency!.p99),
					fixed(r.latency!.max),
					fixed(r.serverCpuSeconds!, 2),
					fixed(r.serverCpuPercent!, 0),
					fixed(mb(r.serverPeakRssBytes), 0),
					`${r.delivered}/${r.expectedDeliveries}`,
					closes || '0',
					String(r.socketErrors ?? 0)
				];
			})
		)
	);
	console.log('');
	console.log(
		table(
			[
				'details',
				'1st p50',
				'1st p99',
				'last p99',
				'keys/s',
				'RSS idle/win MB',
				'heap/new MB',
				'srv loop p99',
				'gen % core',
				'busiest thr %',
				'gen loop p99',
				'frames out/in',
				'connect s',
				'irq % core',
				'others % core',
				'run'
			],
			done.map((r) => [
				name(r),
				fixed(r.firstArrival!.p50),
				fixed(r.firstArrival!.p99),
				fixed(r.lastArrival!.p99),
				fixed(r.keystrokesPerSecond!, 1),
				`${fixed(mb(sumOf(r, 'rssAtReadyBytes')), 0)}/${fixed(mb(sumOf(r, 'peakRssWindowBytes')), 0)}`,
				`${fixed(mb(sumOf(r, 'heapUsedBytes')), 0)}/${fixed(mb(sumOf(r, 'newSpaceBytes')), 0)}`,
				fixed(Math.max(...r.serverReports!.map((n) => n.loopDelayP99Ms))),
				fixed(r.generatorCpuPercent!, 0),
				fixed(r.busiestThreadCpuPercent!, 0),
				fixed(r.generatorLoopDelayP99Ms!),
				`${r.framesSentByClients}/${r.framesReceivedByClients}`,
				fixed(r.connectSeconds!, 1),
				fixed(r.irqCpuPercent!, 0),
				fixed(r.otherCpuPercent!, 0),
				String(r.attempt ?? 1)
			])
		)
	);

	printLatencySplit(results);
	for (const r of done) if (r.nodes > 1) printProcesses(r);

	const ours = results.find((r) => r.server === 'ours' && r.ok);
	const refs = results.filter((r) => r.server !== 'ours' && r.ok);
	if (ours && refs.length > 0) {
		console.log('');
		console.log(
			table(
				['ours / theirs', 'p99', 'CPU', 'peak RSS'],
				refs.map((r) => [
					`${name(ours)} / ${r.server}`,
					ratio(ours.latency!.p99, r.latency!.p99),
					ratio(ours.serverCpuSeconds!, r.serverCpuSeconds!),
					ratio(mb(ours.serverPeakRssBytes), mb(r.serverPeakRssBytes))
				])
			)
		);
	}

	console.log('');
	for (const r of results.filter((x) => x.ok)) {
		const complete = r.delivered === r.expectedDeliveries;
		const met = r.latency!.p99 < P99_TARGET_MS && complete;
		console.log(
			`target p99 < ${P99_TARGET_MS} ms at ${s.clients} clients, every keystroke delivered — ${name(r)}: ` +
				`${met ? 'met' : 'NOT met'} (p99 ${fixed(r.latency!.p99)} ms, ${r.delivered}/${r.expectedDeliveries} delivered)`
		);
	}
	if (ours) {
		for (const r of refs) {
			const p99 = ours.latency!.p99 <= r.latency!.p99;
			const cpu = ours.serverCpuSeconds! <= r.serverCpuSeconds!;
			const rss = (ours.serverPeakRssBytes ?? Infinity) <= (r.serverPeakRssBytes ?? 0);
			console.log(
				`target ${name(ours)} no worse than ${r.server}: p99 ${p99 ? 'yes' : 'NO'}, CPU ${cpu ? 'yes' : 'NO'}, ` +
					`peak RSS ${rss ? 'yes' : 'NO'}`
			);
		}
	}
	for (const r of done) {
		r.serverReports!.forEach((report, i) => {
			const persist = report.persist;
			if (!persist) return;
			console.log(
				`${name(r)}${r.nodes > 1 ? `, node ${i + 1}` : ''}: ${persist.count} durable appends in the window, ` +
					`p50 ${fixed(persist.p50Ms, 2)} ms, p99 ${fixed(persist.p99Ms, 2)} ms, max ${fixed(persist.maxMs, 1)} ms; ` +
					`the event loop spent ${fixed((100 * persist.totalMs) / report.windowMs, 0)}% of the window in them`
			);
		});
	}
	for (const r of done) {
		// A thread busy 70% of the time with bursty work (a fan-out per keystroke) queues most of what arrives.
		if (r.busiestThreadCpuPercent! > 70 || r.generatorCpuPercent! > 90) {
			console.log(
				`WARNING (${name(r)}): the load generator is near saturation — its busiest thread used ` +
					`${fixed(r.busiestThreadCpuPercent!, 0)}% of a core, the whole generator ` +
					`${fixed(r.generatorCpuPercent!, 0)}% — so its own queueing is part of the latencies measured`
			);
		}
		if (r.otherCpuPercent! > DISTURBED_PERCENT) {
			console.log(
				`WARNING (${name(r)}): other processes used ${fixed(r.otherCpuPercent!, 0)}% of a core during the window; ` +
					`the machine was not quiet`
			);
		}
		if (r.skippedTicks)
			console.log(`WARNING (${name(r)}): ${r.skippedTicks} typing ticks skipped (generator behind)`);
		if ((r.closeReasons ?? []).length > 0) console.log(`closes (${name(r)}): ${r.closeReasons!.join('; ')}`);
		if (r.contentMismatches)
			console.log(`WARNING (${name(r)}): ${r.contentMismatches} clients got a different document`);
	}
}

/** p50 / p95 / p99 / max of one class of deliveries, with its count. */
function latencyRow(
	label: string,
	l: LatencySummary | undefined,
	first: LatencySummary | undefined
): string[] {
	if (!l || l.count === 0) return [label, '0', '—', '—', '—', '—', '—', '—'];
	return [
		label,
		String(l.count),
		fixed(l.p50),
		fixed(l.p95),
		fixed(l.p99),
		fixed(l.max),
		first ? fixed(first.p50) : '—',
		first ? fixed(first.p99) : '—'
	];
}

/**
 * Latency split by where the receiver is: on the typist's node (the path a single node has) or on
 * another (the update crossed Redis). "1st": per keystroke, its first arrival in that class.
 */
function printLatencySplit(results: ServerResult[]): void {
	const rows: string[][] = [];
	for (const r of results.filter((x) => x.ok)) {
		const label = serverLabel(r.server, r.nodes);
		rows.push(latencyRow(`${label}: all`, r.latency, r.firstArrival));
		if (r.nodes > 1) {
			rows.push(latencyRow(`${label}: same node`, r.sameNode, r.firstSameNode));
			rows.push(latencyRow(`${label}: cross-node`, r.crossNode, r.firstCrossNode));
		}
	}
	console.log('');
	console.log(table(['deliveries, ms', 'count', 'p50', 'p95', 'p99', 'max', '1st p50', '1st p99'], rows));
}

/** Each process of a run on several nodes: its clients, CPU over the window, memory, loop and appends. */
function printProcesses(r: ServerResult): void {
	const label = serverLabel(r.server, r.nodes);
	const reports = r.serverReports!;
	const rows = reports.map((n: ServerReport, i) => {
		const cpu = r.nodeCpuSeconds![i]!;
		return [
			`${label}: node ${i + 1}`,
			`${r.clientsPerNode![i]} (${r.typistsPerNode![i]})`,
			fixed(cpu, 2),
			fixed((100 * cpu) / (n.windowMs / 1000), 0),
			fixed(mb(n.vmHwmBytes), 0),
			`${fixed(mb(n.rssAtReadyBytes), 0)}/${fixed(mb(n.peakRssWindowBytes), 0)}`,
			fixed(n.loopDelayP99Ms),
			n.persist ? `${n.persist.count} / ${fixed(n.persist.p99Ms, 2)}` : '—'
		];
	});
	const redis = r.redisReport;
	if (redis)
		rows.push([
			`${label}: redis-server`,
			'',
			fixed(redis.cpuSeconds, 2),
			fixed((100 * redis.cpuSeconds) / (redis.windowMs / 1000), 0),
			fixed(mb(redis.vmHwmBytes), 0),
			`—/${fixed(mb(redis.rssBytes), 0)}`,
			'',
			`${redis.commands} commands`
		]);
	rows.push([
		`${label}: total`,
		String(r.clientsPerNode!.reduce((a, b) => a + b, 0)),
		fixed(r.serverCpuSeconds!, 2),
		fixed(r.serverCpuPercent!, 0),
		fixed(mb(r.serverPeakRssBytes), 0),
		'',
		'',
		''
	]);
	console.log('');
	console.log(
		table(
			[
				'process',
				'clients (typists)',
				'CPU s',
				'% core',
				'peak RSS MB',
				'RSS idle/win MB',
				'loop p99 ms',
				'appends / p99 ms'
			],
			rows
		)
	);
}
