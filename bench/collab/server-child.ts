// One collaboration server in its own process, so that its CPU and memory are its own. Forked by run.ts;
// told what to serve over IPC; listens on 127.0.0.1 on a free port; reports its CPU time, RSS and
// event-loop delay over the measured window. Exits when told to, when its parent goes away, or when its
// lifetime runs out.
import http from 'node:http';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import v8 from 'node:v8';
import type { Duplex } from 'node:stream';
import type { FromChild, ServerReport, StartConfig, ToChild } from './ipc.ts';

interface Running {
	port: number;
	stop(): Promise<void>;
}

function send(message: FromChild): void {
	process.send?.(message);
}

// The parent is gone (or closed the channel): nobody will read our reports.
process.on('disconnect', () => process.exit(0));

async function listen(server: http.Server): Promise<number> {
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	return (server.address() as AddressInfo).port;
}

function closeHttp(server: http.Server): Promise<void> {
	server.closeAllConnections();
	return new Promise((resolve) => server.close(() => resolve()));
}

/**
 * Ours, as server/app-server.ts mounts it: authentication, validation, durable appends. With `redisUrl`,
 * one node of several on the same database file, wired as createAppCollab (server/collab-app.ts) wires
 * it with a bus: the persistence shared with the relay, compaction no further than this copy holds. The
 * bridge for commands and the identity channel are left out: typing uses neither.
 */
async function startOurs(config: StartConfig): Promise<Running> {
	if (!config.dbFile) throw new Error('ours needs dbFile');
	// Origin is checked against the Host the client used, as in development: no configured ORIGIN.
	delete process.env.ORIGIN;
	const { openDatabase } = await import('#lib/server/db/index.ts');
	const { createCollabServer } = await import('../../server/collab/index.ts');
	const { collabDeps, createCollabPersistence } = await import('../../server/collab-app.ts');
	const db = openDatabase(config.dbFile);
	// Imported only for several nodes, so that a single node's memory is what it was without them.
	const bus = config.redisUrl
		? await (
				await import('../../server/collab/relay/redis-bus.ts')
			).redisBus(config.redisUrl, config.nodeId ?? `bench-${process.pid}`, (error) =>
				console.error(`server-child (${config.nodeId}): redis:`, error)
			)
		: undefined;
	const persistence = bus
		? createCollabPersistence(db, (error, docName) =>
				console.error(`server-child (${config.nodeId}): compaction of ${docName} failed:`, error)
			)
		: undefined;
	const deps = bus ? collabDeps(db, persistence, bus) : collabDeps(db);
	// Timed, not changed: how long the durable append of each accepted update holds the event loop. What
	// it returns (the update's seq and the one before) is what a node publishes to the others.
	const persist = deps.persistUpdate?.bind(deps);
	if (persist) {
		deps.persistUpdate = (docName, update) => {
			const start = performance.now();
			try {
				return persist(docName, update);
			} finally {
				if (measuring) persistTimes.push(performance.now() - start);
			}
		};
	}
	const collab = createCollabServer(deps);
	if (persistence) persistence.heldUpTo = (docName) => collab.heldUpTo(docName);
	const server = http.createServer((_req, res) => res.end());
	server.on('upgrade', (req, socket: Duplex, head: Buffer) => {
		if (!collab.handleUpgrade(req, socket, head)) socket.destroy();
	});
	const port = await listen(server);
	return {
		port,
		async stop() {
			await collab.close();
			persistence?.compactor.stop();
			persistence?.mirror.stop();
			await bus?.close();
			await closeHttp(server);
			db.$client.close();
		}
	};
}

/** @hocuspocus/server 4 with its defaults: in memory, no extensions, no authentication. */
async function startHocuspocus(config: StartConfig): Promise<Running> {
	const { Server } = await import('@hocuspocus/server');
	const initial = config.initialState;
	const server = new Server({
		port: 0,
		address: '127.0.0.1',
		quiet: true,
		stopOnSignals: false,
		// Returning an update makes hocuspocus apply it to the fresh document (Hocuspocus.ts, createDocument).
		async onLoadDocument() {
			return initial;
		}
	});
	await server.listen();
	return {
		port: server.address.port,
		async stop() {
			await server.destroy();
		}
	};
}

/** @y/websocket-server's setupWSConnection, bare: in memory, no authentication. */
async function startYWebsocket(config: StartConfig): Promise<Running> {
	const Y = await import('yjs');
	const { WebSocketServer } = await import('ws');
	const { setupWSConnection, getYDoc } = await import('@y/websocket-server/utils');
	if (config.initialState) Y.applyUpdate(getYDoc(config.docName), config.initialState);
	// Same `ws` (v8) as ours; the package's own server.js uses its bundled ws 6 the same way.
	const wss = new WebSocketServer({ noServer: true });
	const server = http.createServer((_req, res) => res.end('okay'));
	server.on('upgrade', (req, socket: Duplex, head: Buffer) => {
		wss.handleUpgrade(req, socket, head, (ws) => setupWSConnection(ws, req, { docName: config.docName }));
	});
	const port = await listen(server);
	return {
		port,
		async stop() {
			for (const ws of wss.clients) ws.terminate();
			await closeHttp(server);
		}
	};
}

function vmHwmBytes(): number {
	try {
		const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
		return match ? Number(match[1]) * 1024 : 0;
	} catch {
		return 0;
	}
}

let running: Running | null = null;
/** ours: milliseconds each persistUpdate call took, between 'mark' and 'report'. */
let persistTimes: number[] = [];
let measuring = false;
let rssAtReady = 0;
let markCpu = process.cpuUsage();
let markAt = performance.now();
let peakWindow = 0;
const loop = monitorEventLoopDelay({ resolution: 10 });
const sampler = setInterval(() => {
	peakWindow = Math.max(peakWindow, process.memoryUsage.rss());
}, 100);

async function stop(code: number): Promise<never> {
	clearInterval(sampler);
	try {
		await running?.stop();
	} catch (error) {
		console.error('server-child: stop failed:', error);
	}
	process.exit(code);
}

process.on('message', (raw: ToChild) => {
	switch (raw.type) {
		case 'start': {
			const config = raw.config;
			setTimeout(() => {
				console.error(`server-child (${config.kind}): lifetime of ${config.lifetimeMs} ms exceeded, exiting`);
				void stop(3);
			}, config.lifetimeMs);
			const starting =
				config.kind === 'ours'
					? startOurs(config)
					: config.kind === 'hocuspocus'
						? startHocuspocus(config)
						: startYWebsocket(config);
			starting.then(
				(r) => {
					running = r;
					rssAtReady = process.memoryUsage.rss();
					send({ type: 'ready', port: r.port });
				},
				(error: unknown) => {
					send({
						type: 'failed',
						message: error instanceof Error ? (error.stack ?? error.message) : String(error)
					});
					void stop(1);
				}
			);
			return;
		}
		case 'mark':
			markCpu = process.cpuUsage();
			markAt = performance.now();
			peakWindow = process.memoryUsage.rss();
			loop.reset();
			loop.enable();
			persistTimes = [];
			measuring = true;
			send({ type: 'marked' });
			return;
		case 'report': {
			const cpu = process.cpuUsage(markCpu);
			const windowMs = performance.now() - markAt;
			loop.disable();
			measuring = false;
			const rss = process.memoryUsage.rss();
			const sorted = Float64Array.from(persistTimes).sort();
			const at = (q: number): number =>
				sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
			const report: ServerReport = {
				cpuUserUs: cpu.user,
				cpuSystemUs: cpu.system,
				windowMs,
				peakRssWindowBytes: Math.max(peakWindow, rss),
				vmHwmBytes: vmHwmBytes(),
				rssBytes: rss,
				rssAtReadyBytes: rssAtReady,
				heapUsedBytes: process.memoryUsage().heapUsed,
				newSpaceBytes:
					v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')
						?.physical_space_size ?? 0,
				loopDelayP99Ms: loop.percentile(99) / 1e6,
				loopDelayMaxMs: loop.max / 1e6,
				persist:
					sorted.length === 0
						? null
						: {
								count: sorted.length,
								totalMs: sorted.reduce((sum, v) => sum + v, 0),
								p50Ms: at(0.5),
								p99Ms: at(0.99),
								maxMs: sorted[sorted.length - 1]!
							}
			};
			send({ type: 'report', report });
			return;
		}
		case 'stop':
			void stop(0);
			return;
	}
});
