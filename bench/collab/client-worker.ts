// A thread of the load generator: hosts a share of the clients, types for its typists, and times every
// keystroke of every typist (whichever thread types it) on arrival at each of its clients. run.ts drives
// it step by step; the keystroke send times are shared memory, on one monotonic clock (`now`).
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import * as Y from 'yjs';
import { createClient, type BenchClient, type ClientEvents, type FrameCounters } from './clients.ts';
import { now, type FromWorker, type ToWorker, type WorkerInit } from './ipc.ts';
import { Samples } from './stats.ts';

if (!parentPort) throw new Error('client-worker.ts runs as a worker thread of run.ts');
const port = parentPort;

interface Typist {
	number: number;
	doc: Y.Doc;
	text: Y.Text;
	timer: ReturnType<typeof setTimeout> | null;
}

let init: WorkerInit;
let sentAt: Float64Array;
let windowAt: Float64Array;
let finalClock: Int32Array;
const clients: BenchClient[] = [];
const typists: Typist[] = [];
const frames: FrameCounters = { sent: 0, received: 0 };
const events: ClientEvents = { active: false, closes: new Map(), errors: 0, reasons: new Set() };
/** Deliveries to a client on the typist's own node, and to one on another node (`--nodes`). */
const sameNode = new Samples();
const crossNode = new Samples();
let firstAt: Float64Array;
let lastAt: Float64Array;
let firstSameNodeAt: Float64Array;
let firstCrossNodeAt: Float64Array;
let typing = false;
let keystrokes = 0;
let skippedTicks = 0;
let overflow = 0;
let framesAtWindow: FrameCounters = { sent: 0, received: 0 };
let framesAtStop: FrameCounters = { sent: 0, received: 0 };
let cpuAtWindow = process.threadCpuUsage();
let cpuInWindowUs = 0;
const loop = monitorEventLoopDelay({ resolution: 10 });

function reply(message: FromWorker, transfer: ArrayBuffer[] = []): void {
	port.postMessage(message, transfer);
}

/** On every client: when a transaction has integrated other typists' keystrokes, time each of them. */
function recordArrivals(doc: Y.Doc, node: number): (tr: Y.Transaction) => void {
	const ids = init.typistClientIds;
	const nodes = init.typistNodes;
	const { capacity } = init.tables;
	return (tr) => {
		if (tr.local) return;
		let at = -1;
		for (let t = 0; t < ids.length; t++) {
			const id = ids[t]!;
			if (id === doc.clientID) continue;
			const after = Math.min(tr.afterState.get(id) ?? 0, capacity);
			const before = tr.beforeState.get(id) ?? 0;
			for (let clock = before; clock < after; clock++) {
				const slot = t * capacity + clock;
				const sent = sentAt[slot]!;
				if (sent === 0 || sent < windowAt[0]! || sent >= windowAt[1]!) continue;
				if (at < 0) at = now();
				const same = nodes[t] === node;
				(same ? sameNode : crossNode).push(at - sent);
				if (!(firstAt[slot]! <= at)) firstAt[slot] = at;
				if (!(lastAt[slot]! >= at)) lastAt[slot] = at;
				const first = same ? firstSameNodeAt : firstCrossNodeAt;
				if (!(first[slot]! <= at)) first[slot] = at;
			}
		}
	};
}

async function connect(): Promise<number> {
	const start = now();
	for (let first = 0; first < init.clients.length; first += init.connectBatch) {
		const batch: BenchClient[] = [];
		for (const c of init.clients.slice(first, first + init.connectBatch)) {
			const target = {
				kind: init.target.kind,
				port: init.target.ports[c.node]!,
				docName: init.target.docName
			};
			const client = createClient(c.index, target, c.cookie, frames, events, c.typist?.clientId);
			client.doc.on('afterTransaction', recordArrivals(client.doc, c.node));
			clients.push(client);
			batch.push(client);
			if (c.typist)
				typists.push({ number: c.typist.number, doc: client.doc, text: new Y.Text(), timer: null });
		}
		const left = init.connectTimeoutMs - (now() - start);
		let timer: ReturnType<typeof setTimeout> | undefined;
		try {
			await Promise.race([
				Promise.all(batch.map((c) => c.synced)),
				new Promise<never>((_, reject) => {
					timer = setTimeout(
						() =>
							reject(
								new Error(
									`${clients.filter((c) => c.isSynced()).length}/${init.clients.length} clients ` +
										`of this thread synced within ${init.connectTimeoutMs} ms`
								)
							),
						Math.max(1, left)
					);
				})
			]);
		} finally {
			clearTimeout(timer);
		}
	}
	return (now() - start) / 1000;
}

function check(): number {
	const expected = new Map(init.initialTexts);
	let mismatches = 0;
	for (const c of clients) {
		const texts = c.doc.getMap<Y.Text>('texts');
		let same = texts.size === expected.size;
		for (const [id, text] of expected) if (texts.get(id)?.toString() !== text) same = false;
		if (!same) mismatches++;
	}
	for (const t of typists) {
		const unit = init.clients.find((c) => c.typist?.number === t.number)!.typist!.unit;
		const text = t.doc.getMap<Y.Text>('texts').get(unit);
		if (!(text instanceof Y.Text)) throw new Error(`typist ${t.number}: unit ${unit} is not in the document`);
		t.text = text;
	}
	events.active = true;
	return mismatches;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

function keystroke(t: Typist): void {
	const clock = Y.getState(t.doc.store, t.doc.clientID);
	const at = Math.floor(Math.random() * (t.text.length + 1));
	const sent = now();
	// Stored before the insert: with several threads, another one may apply the keystroke before this
	// one gets to run again after sending it.
	if (clock < init.tables.capacity) sentAt[t.number * init.tables.capacity + clock] = sent;
	else overflow++;
	t.text.insert(at, LETTERS[(clock + t.number) % LETTERS.length]!);
	if (sent >= windowAt[0]! && sent < windowAt[1]!) keystrokes++;
}

/**
 * Each typist on its own timer at `rate` keystrokes per second on average: a random first phase, then
 * intervals drawn uniformly from 0.5–1.5 periods, so that typists are not in lockstep.
 */
function startTyping(): void {
	const period = 1000 / init.rate;
	typing = true;
	for (const t of typists) {
		let due = performance.now() + Math.random() * period;
		const tick = (): void => {
			if (!typing) return;
			keystroke(t);
			due += period * (0.5 + Math.random());
			const current = performance.now();
			if (due < current - period) {
				// This thread fell behind: drop the missed keystrokes rather than burst to catch up.
				skippedTicks++;
				due = current;
			}
			t.timer = setTimeout(tick, Math.max(0, due - current));
		};
		t.timer = setTimeout(tick, Math.max(0, due - performance.now()));
	}
}

function stopTyping(): void {
	typing = false;
	for (const t of typists) {
		if (t.timer) clearTimeout(t.timer);
		Atomics.store(finalClock, t.number, Y.getState(t.doc.store, t.doc.clientID));
	}
}

function caughtUp(): boolean {
	const ids = init.typistClientIds;
	for (const c of clients) {
		for (let t = 0; t < ids.length; t++) {
			const id = ids[t]!;
			if (id === c.doc.clientID) continue;
			const final = Atomics.load(finalClock, t);
			if (final < 0 || Y.getState(c.doc.store, id) < final) return false;
		}
	}
	return true;
}

async function drain(timeoutMs: number): Promise<boolean> {
	const start = now();
	while (!caughtUp()) {
		if (now() - start > timeoutMs) return false;
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	return true;
}

function collect(): void {
	const same = sameNode.toArray();
	const cross = crossNode.toArray();
	reply(
		{
			type: 'collected',
			sameNodeSamples: same,
			crossNodeSamples: cross,
			firstAt,
			lastAt,
			firstSameNodeAt,
			firstCrossNodeAt,
			framesSent: framesAtStop.sent - framesAtWindow.sent,
			framesReceived: framesAtStop.received - framesAtWindow.received,
			closes: [...events.closes],
			reasons: [...events.reasons],
			socketErrors: events.errors,
			loopDelayP99Ms: loop.percentile(99) / 1e6,
			loopDelayMaxMs: loop.max / 1e6,
			threadCpuUs: cpuInWindowUs
		},
		[same.buffer as ArrayBuffer, cross.buffer as ArrayBuffer]
	);
}

async function handle(message: ToWorker): Promise<void> {
	switch (message.type) {
		case 'init': {
			init = message;
			// Each stock provider adds a process 'exit' listener.
			process.setMaxListeners(init.clients.length + 10);
			sentAt = new Float64Array(init.tables.sentAt);
			windowAt = new Float64Array(init.tables.window);
			finalClock = new Int32Array(init.tables.finalClock);
			firstAt = new Float64Array(sentAt.length).fill(NaN);
			lastAt = new Float64Array(sentAt.length).fill(NaN);
			firstSameNodeAt = new Float64Array(sentAt.length).fill(NaN);
			firstCrossNodeAt = new Float64Array(sentAt.length).fill(NaN);
			reply({ type: 'synced', seconds: await connect() });
			return;
		}
		case 'check':
			reply({ type: 'checked', mismatches: check() });
			return;
		case 'type':
			startTyping();
			reply({ type: 'typing' });
			return;
		case 'window-start':
			framesAtWindow = { ...frames };
			cpuAtWindow = process.threadCpuUsage();
			loop.reset();
			loop.enable();
			reply({ type: 'window-started' });
			return;
		case 'stop-typing': {
			stopTyping();
			framesAtStop = { ...frames };
			const cpu = process.threadCpuUsage(cpuAtWindow);
			cpuInWindowUs = cpu.user + cpu.system;
			loop.disable();
			reply({ type: 'stopped', keystrokes, skippedTicks, overflow });
			return;
		}
		case 'drain':
			reply({ type: 'drained', caughtUp: await drain(message.timeoutMs) });
			return;
		case 'collect':
			events.active = false;
			collect();
			return;
		case 'close':
			events.active = false;
			typing = false;
			for (const t of typists) if (t.timer) clearTimeout(t.timer);
			for (const c of clients) c.destroy();
			await new Promise((resolve) => setTimeout(resolve, 200));
			reply({ type: 'closed' });
			// Providers leave intervals and process listeners behind; this thread's work is done.
			process.exit(0);
	}
}

port.on('message', (message: ToWorker) => {
	handle(message).catch((error: unknown) => {
		reply({
			type: 'failed',
			message: error instanceof Error ? (error.stack ?? error.message) : String(error)
		});
	});
});
