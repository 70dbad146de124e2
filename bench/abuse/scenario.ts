// An abusive observer against the collaboration server (issue 11, point 4), measured from outside: the
// server runs in a process of its own (tests/server/fixtures/collab-server-child.ts) on a copy of the
// demo database. The observer opens many sockets at once, then keeps a few asking for the whole
// document (sync step 1 with an empty state vector) many times a second, reconnecting whenever it is
// closed. Meanwhile two members type, a third watches, and someone signs in again and again: what is
// measured is how long others' keystrokes take to arrive and how long sign-in takes to answer.
import fs from 'node:fs';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import type { Db } from '#lib/server/db/index.ts';
import { DEMO_MEETING_ID } from '#lib/server/demo/seed.ts';
import { loadDraftText } from '#lib/server/meetings/text-store.ts';
import { authenticatedProvider, sessionCookie, startChildServer } from '../../tests/server/child-server.ts';

export interface AbuseOptions {
	/** The demo database the server uses (seeded, with `password` for every demo account). */
	db: Db;
	file: string;
	password: string;
	/** Sockets the observer opens at once. */
	sockets: number;
	/** Of those, how many keep asking for the document, and how often each (messages a second). */
	spammers: number;
	rate: number;
	seconds: number;
	/** Characters typed into the document beforehand, spread over its paragraphs: a long meeting's text. */
	grow: number;
}

export interface AbuseFigures {
	/** The document's full state, in bytes: what one "send me everything" answer weighs. */
	docBytes: number;
	/** Of the observer's sockets opened at once, how many the server accepted. */
	accepted: number;
	/** Keystroke → arrival at the other typist and the watcher, in ms. */
	edits: { count: number; median: number; p90: number; max: number };
	/** Sign-in round trips, in ms. */
	signIns: { count: number; median: number; p90: number; max: number };
	/** Bytes the observer received, and the server's CPU time during the abuse, in ms. */
	abuserBytes: number;
	serverCpuMs: number;
	/** Keystrokes that never arrived. */
	lost: number;
}

const DOC = `meeting/${DEMO_MEETING_ID}`;

export async function runAbuse(o: AbuseOptions): Promise<AbuseFigures> {
	const server = startChildServer(o.file);
	const child = server.child;
	const stops: (() => void)[] = [];
	try {
		const port = await server.port;
		const base = `ws://127.0.0.1:${port}/collab/${DOC}`;
		const origin = `http://127.0.0.1:${port}`;

		// Others at work first: two typists, a watcher.
		const provider = (username: string) => {
			const { doc, provider: p } = authenticatedProvider(o.db, port, username, DOC);
			stops.push(() => p.destroy());
			return { doc, p };
		};
		const typists = [provider('wkr-member'), provider('emp-member')];
		const watcher = provider('gov-kenya');
		const everyone = [...typists, watcher];
		await until(() => everyone.every((c) => c.p.synced), 10_000);
		const paragraphs = loadDraftText(o.db, DEMO_MEETING_ID)
			.text.body.filter((u) => u.kind === 'paragraph')
			.map((u) => u.id);

		// A document of a long meeting's size: what each "send me everything" costs.
		const perUnit = 15_000;
		for (let i = 2, left = o.grow; left > 0 && i < paragraphs.length; i++, left -= perUnit) {
			const text = typists[0]!.doc.getMap<Y.Text>('texts').get(paragraphs[i]!)!;
			text.insert(text.length, ' ' + 'lorem ipsum '.repeat(Math.ceil(Math.min(left, perUnit) / 12)));
		}
		const size = Y.encodeStateAsUpdate(typists[0]!.doc).length;
		await until(() => Y.encodeStateAsUpdate(watcher.doc).length >= size, 10_000);

		// Every keystroke's clock, when it was typed, and who is still waiting for it.
		const sent = new Map<string, { at: number; waiting: Set<Y.Doc> }>();
		const arrivals: number[] = [];
		for (const receiver of everyone)
			receiver.doc.on('update', (update: Uint8Array, origin: unknown) => {
				if (origin !== receiver.p) return;
				const now = performance.now();
				for (const [client, clock] of Y.parseUpdateMeta(update).to)
					for (let c = clock - 1; c >= 0; c--) {
						const key = `${client}:${c}`;
						const s = sent.get(key);
						if (!s) break;
						if (!s.waiting.delete(receiver.doc)) continue;
						arrivals.push(now - s.at);
						if (s.waiting.size === 0) sent.delete(key);
					}
			});

		// The observer opens its sockets all at once.
		const abuserCookie = sessionCookie(o.db, 'observer');
		let abuserBytes = 0;
		const opened = await Promise.all(
			Array.from({ length: o.sockets }, () => openRaw(base, abuserCookie, origin, (n) => (abuserBytes += n)))
		);
		const accepted = opened.filter((ws): ws is WebSocket => ws !== null);
		const cpuBefore = cpuMs(child.pid!);

		const step1 = syncStep1();
		let abusing = true;
		const spam = async (first: WebSocket | null) => {
			let ws = first;
			while (abusing) {
				if (ws === null || ws.readyState !== ws.OPEN) {
					ws = await openRaw(base, abuserCookie, origin, (n) => (abuserBytes += n));
					if (ws === null) {
						await sleep(50);
						continue;
					}
				}
				ws.send(step1);
				await sleep(1000 / o.rate);
			}
			ws?.terminate();
		};
		const spammers = Array.from({ length: o.spammers }, (_, i) => spam(accepted[i] ?? null));

		// Typing at 5 keystrokes a second each, and a sign-in every 250 ms, for the length of the abuse.
		const signIns: number[] = [];
		let typed = 0;
		const typing = typists.map(({ doc }, i) =>
			every(200, o.seconds * 1000, () => {
				const text = doc.getMap<Y.Text>('texts').get(paragraphs[i]!)!;
				text.insert(text.length, 'x');
				const waiting = new Set(everyone.map((c) => c.doc).filter((d) => d !== doc));
				sent.set(`${doc.clientID}:${Y.getState(doc.store, doc.clientID) - 1}`, {
					at: performance.now(),
					waiting
				});
				typed += waiting.size;
			})
		);
		const signing = every(250, o.seconds * 1000, async () => {
			const started = performance.now();
			const res = await fetch(`${origin}/sign-in`, {
				method: 'POST',
				body: JSON.stringify({ username: 'gov-italy', password: o.password })
			});
			if (res.status !== 200) throw new Error(`sign-in answered ${res.status}`);
			signIns.push(performance.now() - started);
		});
		await Promise.all([...typing, signing]);
		abusing = false;
		await Promise.all(spammers);
		// Stragglers get a second to arrive; whatever has not by then is lost.
		await until(() => sent.size === 0, 1_000).catch(() => {});
		const serverCpuMs = cpuMs(child.pid!) - cpuBefore;
		for (const ws of accepted) ws.terminate();
		return {
			docBytes: size,
			accepted: accepted.length,
			edits: summary(arrivals),
			signIns: summary(signIns),
			abuserBytes,
			serverCpuMs,
			lost: typed - arrivals.length
		};
	} finally {
		for (const stop of stops) stop();
		child.kill('SIGKILL');
	}
}

/** A raw socket with the observer's session; null when the server refused it. */
function openRaw(url: string, cookie: string, origin: string, received: (bytes: number) => void) {
	return new Promise<WebSocket | null>((resolve) => {
		const ws = new WebSocket(url, { headers: { cookie, origin } });
		ws.on('message', (data: Buffer) => received(data.length));
		ws.once('open', () => resolve(ws));
		ws.once('error', () => resolve(null));
		ws.once('unexpected-response', (_req, res) => {
			res.resume();
			resolve(null);
		});
	});
}

/** Sync step 1 with an empty state vector: "send me everything". */
function syncStep1(): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 0);
	encoding.writeVarUint(encoder, 0);
	encoding.writeVarUint8Array(encoder, Y.encodeStateVector(new Y.Doc()));
	return encoding.toUint8Array(encoder);
}

/** Calls `fn` every `ms` for `forMs`, each call awaited before the next is due (no pile-up). */
async function every(ms: number, forMs: number, fn: () => unknown): Promise<void> {
	const end = performance.now() + forMs;
	for (let next = performance.now(); next < end; next += ms) {
		await sleep(Math.max(0, next - performance.now()));
		await fn();
	}
}

function summary(values: number[]) {
	const sorted = [...values].sort((a, b) => a - b);
	const at = (q: number) =>
		Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN);
	return { count: sorted.length, median: at(0.5), p90: at(0.9), max: Math.round(sorted.at(-1) ?? NaN) };
}

/** A process's user + system CPU time so far, from /proc (Linux). */
function cpuMs(pid: number): number {
	const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
	const ticks = Number(fields[11]) + Number(fields[12]);
	return ticks * 10; // USER_HZ is 100 on Linux
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(probe: () => boolean, ms: number): Promise<void> {
	const end = Date.now() + ms;
	while (!probe()) {
		if (Date.now() > end) throw new Error('timed out');
		await sleep(10);
	}
}
