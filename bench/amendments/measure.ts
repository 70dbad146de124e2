// How the meeting page holds up with a large meeting (150 paragraphs, 1,000 amendments), in Chromium:
//
//   node bench/amendments/measure.ts [--db FILE] [--regenerate] [--runs 10] [--tab-runs 10]
//                                    [--type-runs 20] [--typist wkr-member] [--user wkr-secretary]
//                                    [--no-build] [--quiet-wait 120] [--server-prof DIR] [--profile DIR]
//                                    [--json FILE]
//
// (a) loading the meeting page: navigation start → hydrated, and → the live document synced;
// (b) opening a paragraph's amendments: click → the panel's cards are in the DOM;
// (c) tabling a draft: click on "Table" → the new code is in the panel;
// (d) someone else typing: their keystroke's message arrives → this page shows it.
// The database is generated first if missing (generate.ts), and copied, so runs never change it. The app is
// started as `npm start` starts it (scripts/start.ts) on a free loopback port. Method: docs/benchmarks.md.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { BENCH_PASSWORD, generateMeeting, type Manifest } from './fixture.ts';
import { machineCpu, ourTreeCpu, waitForQuiet, type CpuSample } from './machine.ts';
import { profileSelfTimes, traceSelfTimes } from './profile.ts';
import { startTypist } from './typist.ts';
import { summary, type Summary } from './stats.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DEFAULT_DB = 'data/bench-amendments.db';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update'
];
/** Targets from issue 4, item 8. */
const INTERACTIVE_TARGET_MS = 1500;
const ACTION_TARGET_MS = 100;
/** A run during which the rest of the machine used more than this (% of one core) is flagged. */
const DISTURBED_PERCENT = 20;

// The page, as the measurement finds it. Kept here so that a change of markup is one edit.
const SEL = {
	/** Set by src/routes/+layout.svelte's onMount, which Svelte runs after every child has mounted. */
	hydrated: 'html[data-hydrated]',
	/** ConnectionStatus: the meeting document has synced. */
	synced: '.conn-status.conn-connected',
	/** A unit of the document, as DraftDocument renders it. */
	unitById: (unitId: string) => `#u-${unitId}`,
	/** The badge beside a paragraph that opens its amendments (shown once the live document has synced). */
	badge: (unitId: string) => `#amd-badge-${unitId}`,
	panel: '#amd-panel .amd-panel',
	card: '.amd-card',
	/** A draft in the group's room (GroupDrafts), and its "Table" button. */
	tableButton: (draftId: string) =>
		`li.draft-item[data-draft="${draftId}"] form[action="?/table"] button[type="submit"]`
};

interface Settings {
	db: string;
	regenerate: boolean;
	runs: number;
	tabRuns: number;
	typeRuns: number;
	user: string;
	typist: string;
	build: boolean;
	quietWait: number;
	serverProf: string | null;
	/** Also profile one extra cold load (trace + CPU profile) into this folder. */
	profile: string | null;
	json: string | null;
}

function usage(message: string): never {
	console.error(`bench:amendments: ${message}`);
	console.error(
		'usage: node bench/amendments/measure.ts [--db FILE] [--regenerate] [--runs 10] [--tab-runs 10]\n' +
			'         [--type-runs 20] [--typist wkr-member]\n' +
			'         [--user wkr-secretary] [--no-build] [--quiet-wait 120] [--server-prof DIR] [--profile DIR]\n' +
			'         [--json FILE]'
	);
	process.exit(2);
}

function settingsFrom(argv: string[]): Settings {
	let values;
	try {
		({ values } = parseArgs({
			args: argv,
			options: {
				db: { type: 'string', default: DEFAULT_DB },
				regenerate: { type: 'boolean', default: false },
				runs: { type: 'string', default: '10' },
				'tab-runs': { type: 'string', default: '10' },
				'type-runs': { type: 'string', default: '20' },
				user: { type: 'string', default: 'wkr-secretary' },
				typist: { type: 'string', default: 'wkr-member' },
				'no-build': { type: 'boolean', default: false },
				'quiet-wait': { type: 'string', default: '120' },
				'server-prof': { type: 'string' },
				profile: { type: 'string' },
				json: { type: 'string' }
			}
		}));
	} catch (e) {
		usage((e as Error).message);
	}
	const num = (name: string, v: string, min: number, max: number): number => {
		const n = Number(v);
		if (!Number.isInteger(n) || n < min || n > max)
			usage(`--${name} must be an integer from ${min} to ${max}`);
		return n;
	};
	return {
		db: path.resolve(values.db),
		regenerate: values.regenerate,
		runs: num('runs', values.runs, 1, 1000),
		tabRuns: num('tab-runs', values['tab-runs'], 0, 1000),
		typeRuns: num('type-runs', values['type-runs'], 0, 1000),
		user: values.user,
		typist: values.typist,
		build: !values['no-build'],
		quietWait: num('quiet-wait', values['quiet-wait'], 0, 3600),
		serverProf: values['server-prof'] ? path.resolve(values['server-prof']) : null,
		profile: values.profile ? path.resolve(values.profile) : null,
		json: values.json ? path.resolve(values.json) : null
	};
}

// ---------------------------------------------------------------------------------------------------
// The fixture and the server

async function fixture(s: Settings): Promise<Manifest> {
	const manifestFile = `${s.db}.json`;
	if (!s.regenerate && fs.existsSync(s.db) && fs.existsSync(manifestFile))
		return JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest;
	console.log(`Generating the meeting into ${s.db} (node bench/amendments/generate.ts) …`);
	const m = await generateMeeting({
		file: s.db,
		seed: 1,
		paragraphs: 150,
		amendments: 1000,
		positions: 300,
		drafts: 40,
		password: process.env.DEMO_PASSWORD || BENCH_PASSWORD,
		log: (line) => console.log(line)
	});
	console.log(`Generated in ${(m.timings['total']! / 1000).toFixed(1)} s.`);
	return m;
}

interface Server {
	url: string;
	child: ChildProcess;
	stop(): Promise<void>;
}

async function startServer(dbFile: string, password: string, s: Settings): Promise<Server> {
	const args = ['scripts/start.ts'];
	if (s.serverProf) args.unshift('--cpu-prof', `--cpu-prof-dir=${s.serverProf}`);
	const child = spawn(process.execPath, args, {
		cwd: ROOT,
		env: {
			...process.env,
			PORT: '0',
			HOST: '127.0.0.1',
			DATABASE_PATH: dbFile,
			DEMO_PASSWORD: password,
			DR_PARENT_PID: String(process.pid),
			...(s.build ? {} : { DR_SKIP_BUILD: '1' })
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	const url = await new Promise<string>((resolve, reject) => {
		// A stale build is rebuilt first (as `npm start` does): that can take a few minutes here.
		const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 600_000);
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			const m = /running at (http:\/\/\S+)/.exec(output);
			if (m) {
				clearTimeout(timer);
				resolve(m[1]!);
			}
		};
		child.stdout!.on('data', onData);
		child.stderr!.on('data', onData);
		child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${output}`)));
	});
	child.removeAllListeners('exit');
	return {
		url,
		child,
		async stop() {
			if (child.exitCode !== null) return;
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGTERM');
			await exited;
		}
	};
}

// ---------------------------------------------------------------------------------------------------
// In the page

/** Installed before any of the page's scripts: notes when the page is hydrated and when it has synced. */
function probe(selectors: { hydrated: string; synced: string }): void {
	interface Bench {
		hydrated: number | null;
		synced: number | null;
		syncedFrame: number | null;
		longTasks: [number, number][];
		/** Every websocket message received: when it was dispatched (before the app's handler), bytes, path. */
		ws: [number, number, string][];
	}
	const b: Bench = { hydrated: null, synced: null, syncedFrame: null, longTasks: [], ws: [] };
	(window as unknown as { __bench: Bench }).__bench = b;
	// Our listener is added in the constructor, before the app sets `onmessage`: it runs first.
	const Native = window.WebSocket;
	window.WebSocket = class extends Native {
		constructor(url: string | URL, protocols?: string | string[]) {
			super(url, protocols);
			const path = new URL(this.url).pathname;
			this.addEventListener('message', (e: MessageEvent) => {
				const d: unknown = e.data;
				const bytes = d instanceof ArrayBuffer ? d.byteLength : d instanceof Blob ? d.size : String(d).length;
				b.ws.push([performance.now(), bytes, path]);
			});
		}
	};
	try {
		new PerformanceObserver((list) => {
			for (const e of list.getEntries()) b.longTasks.push([e.startTime, e.duration]);
		}).observe({ type: 'longtask', buffered: true });
	} catch {
		// no long-task timing in this browser
	}
	const check = () => {
		if (b.hydrated === null && document.querySelector(selectors.hydrated)) b.hydrated = performance.now();
		// The connection status is rendered by the hydrated page only: no need to look before.
		if (b.hydrated !== null && b.synced === null && document.querySelector(selectors.synced)) {
			b.synced = performance.now();
			requestAnimationFrame(() => requestAnimationFrame(() => (b.syncedFrame = performance.now())));
			observer.disconnect();
		}
	};
	const observer = new MutationObserver(check);
	observer.observe(document, {
		subtree: true,
		childList: true,
		attributes: true,
		attributeFilter: ['data-hydrated', 'class']
	});
}

interface LoadRun {
	kind: 'cold' | 'warm';
	/** Navigation timing, ms from navigation start. */
	ttfb: number;
	htmlEnd: number;
	domContentLoaded: number;
	load: number;
	hydrated: number;
	synced: number;
	syncedFrame: number;
	/** When the meeting document's largest message (its sync) had arrived, and its size. */
	syncArrived: number;
	syncBytes: number;
	/** Main-thread long tasks (> 50 ms) until the synced frame: count, total, longest, and their excess over 50 ms. */
	longTasks: number;
	longTaskMs: number;
	longestTask: number;
	blockingMs: number;
	htmlTransfer: number;
	htmlBody: number;
	/** Every resource but the document: transferred over the network (0 when cached), and decoded. */
	assetsTransfer: number;
	assetsDecoded: number;
	wsReceived: number;
	wsSent: number;
	wsFramesReceived: number;
	sockets: string[];
	otherCpuPercent: number;
	firstAfterStart: boolean;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Bytes and frames over the page's websockets, from the DevTools protocol. */
async function watchSockets(context: BrowserContext, page: Page) {
	const cdp = await context.newCDPSession(page);
	await cdp.send('Network.enable');
	const stats = { received: 0, sent: 0, framesReceived: 0, urls: [] as string[] };
	const size = (r: { opcode: number; payloadData: string }) =>
		r.opcode === 2 ? Buffer.from(r.payloadData, 'base64').length : Buffer.byteLength(r.payloadData);
	cdp.on('Network.webSocketCreated', (e) => stats.urls.push(e.url));
	cdp.on('Network.webSocketFrameReceived', (e) => {
		stats.received += size(e.response);
		stats.framesReceived++;
	});
	cdp.on('Network.webSocketFrameSent', (e) => (stats.sent += size(e.response)));
	return stats;
}

/** Waits for the probe's synced frame; says which mark never came when it times out. */
async function untilSynced(page: Page): Promise<void> {
	try {
		await page.waitForFunction(
			() => (window as unknown as { __bench: { syncedFrame: number | null } }).__bench.syncedFrame !== null,
			null,
			{ timeout: 120_000, polling: 50 }
		);
	} catch (e) {
		const marks = await page
			.evaluate(() => (window as unknown as { __bench?: object }).__bench)
			.catch(() => null);
		throw new Error(
			`the meeting page did not get hydrated and synced within 120 s (marks: ${JSON.stringify(marks, (k, v) => (k === 'longTasks' || k === 'ws' ? undefined : v))}). ` +
				`No "hydrated" mark: is the build older than the ${SEL.hydrated} marker in src/routes/+layout.svelte? ` +
				`(run without --no-build).`,
			{ cause: e }
		);
	}
}

async function loadOnce(
	context: BrowserContext,
	url: string,
	kind: LoadRun['kind'],
	firstAfterStart: boolean
): Promise<LoadRun> {
	const page = await context.newPage();
	await page.addInitScript(probe, { hydrated: SEL.hydrated, synced: SEL.synced });
	const sockets = await watchSockets(context, page);
	const machine0 = machineCpu();
	const ours0 = ourTreeCpu();
	const t0 = performance.now();
	await page.goto(url, { waitUntil: 'commit' });
	await untilSynced(page);
	await page.waitForLoadState('load');
	const cpu = otherCpu(machine0, ours0, performance.now() - t0);
	const got = await page.evaluate(() => {
		const b = (
			window as unknown as {
				__bench: {
					hydrated: number;
					synced: number;
					syncedFrame: number;
					longTasks: [number, number][];
					ws: [number, number, string][];
				};
			}
		).__bench;
		const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
		const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
		const tasks = b.longTasks.filter(([start]) => start < b.syncedFrame);
		const sync = b.ws
			.filter(([at, , p]) => at <= b.synced && p.includes('/collab/meeting/'))
			.reduce<[number, number, string] | null>((big, m) => (big && big[1] >= m[1] ? big : m), null);
		return {
			ttfb: nav.responseStart,
			htmlEnd: nav.responseEnd,
			domContentLoaded: nav.domContentLoadedEventEnd,
			load: nav.loadEventEnd,
			hydrated: b.hydrated,
			synced: b.synced,
			syncedFrame: b.syncedFrame,
			syncArrived: sync ? sync[0] : NaN,
			syncBytes: sync ? sync[1] : NaN,
			longTasks: tasks.length,
			longTaskMs: tasks.reduce((s, [, d]) => s + d, 0),
			longestTask: tasks.reduce((m, [, d]) => Math.max(m, d), 0),
			blockingMs: tasks.reduce((s, [, d]) => s + Math.max(0, d - 50), 0),
			htmlTransfer: nav.transferSize,
			htmlBody: nav.decodedBodySize,
			assetsTransfer: resources.reduce((s, r) => s + r.transferSize, 0),
			assetsDecoded: resources.reduce((s, r) => s + r.decodedBodySize, 0)
		};
	});
	await page.close();
	return {
		kind,
		...got,
		wsReceived: sockets.received,
		wsSent: sockets.sent,
		wsFramesReceived: sockets.framesReceived,
		sockets: sockets.urls.map((u) => new URL(u).pathname),
		otherCpuPercent: cpu,
		firstAfterStart
	};
}

function otherCpu(machine0: CpuSample, ours0: number, wallMs: number): number {
	const machine = machineCpu().tasks - machine0.tasks;
	const ours = ourTreeCpu() - ours0;
	return Math.max(0, ((machine - ours) / (wallMs / 1000)) * 100);
}

// ---------------------------------------------------------------------------------------------------
// (b) and (c): one signed-in page, actions timed inside the page

interface ActionRun {
	what: string;
	/** Click → the result is in the DOM (ms). */
	dom: number;
	/** Click → the frame after it (two animation frames: the result is painted). */
	frame: number;
	/** (b) The cards in the panel when it first showed any, and click → all of them in the DOM (ms). */
	cards?: number;
	allCards?: number;
	/** (c) Click → the form post's response received, → the live document's message (the new amendment) arrived (ms), and the requests the page made. */
	postAnswered?: number;
	wsArrived?: number;
	requests?: string[];
	otherCpuPercent: number;
}

/** Clicks `button` and times until `done()` holds in the DOM, then until the next frame. In the page. */
async function timeClick(
	page: Page,
	buttonSelector: string,
	doneScript: string,
	timeoutMs: number,
	/** Also time until this holds (e.g. every card of a panel rendered progressively is in). */
	allScript = '() => true'
): Promise<{ dom: number; frame: number; all: number; count: number; clickAt: number; wsArrived: number }> {
	return page.evaluate(
		async ([buttonSelector, doneScript, timeoutMs, allScript]) => {
			const button = document.querySelector<HTMLElement>(buttonSelector);
			if (!button) throw new Error(`no ${buttonSelector}`);
			const done = new Function(`return (${doneScript})()`) as () => number | null;
			const complete = new Function(`return (${allScript})()`) as () => boolean;
			return new Promise<{
				dom: number;
				frame: number;
				all: number;
				count: number;
				clickAt: number;
				wsArrived: number;
			}>((resolve, reject) => {
				let t0 = 0;
				let dom = NaN;
				let frame = NaN;
				let all = NaN;
				let count = 0;
				const timer = setTimeout(() => {
					observer.disconnect();
					reject(new Error(`not done within ${timeoutMs} ms after the click`));
				}, timeoutMs);
				const finish = () => {
					if (Number.isNaN(frame) || Number.isNaN(all)) return;
					observer.disconnect();
					clearTimeout(timer);
					// The first message on the meeting document's socket after the click, if any.
					const bench = (window as unknown as { __bench?: { ws: [number, number, string][] } }).__bench;
					const m = bench?.ws.find(([at, , p]) => at >= t0 && p.includes('/collab/meeting/'));
					resolve({ dom, frame, all, count, clickAt: t0, wsArrived: m ? m[0] - t0 : NaN });
				};
				const observer = new MutationObserver(() => {
					if (Number.isNaN(dom)) {
						const n = done();
						if (n === null) return;
						dom = performance.now() - t0;
						count = n;
						// The frame after the first result: what the person sees first is painted.
						requestAnimationFrame(() =>
							requestAnimationFrame(() => {
								frame = performance.now() - t0;
								finish();
							})
						);
					}
					if (Number.isNaN(all) && complete()) {
						all = performance.now() - t0;
						finish();
					}
				});
				observer.observe(document.body, {
					subtree: true,
					childList: true,
					attributes: true,
					characterData: true
				});
				t0 = performance.now();
				button.click();
			});
		},
		[buttonSelector, doneScript, timeoutMs, allScript] as const
	);
}

/** A page-side check: the number of cards in `panel`, or null while there are none. */
function cardsIn(panel: string): string {
	return `() => { const p = document.querySelector(${JSON.stringify(panel)}); const n = p ? p.querySelectorAll(${JSON.stringify(SEL.card)}).length : 0; return n > 0 ? n : null; }`;
}

/** A page-side check: whether `panel` holds at least `n` cards (a panel renders its first cards at once). */
function cardsAtLeast(panel: string, n: number): string {
	return `() => { const p = document.querySelector(${JSON.stringify(panel)}); return !!p && p.querySelectorAll(${JSON.stringify(SEL.card)}).length >= ${n}; }`;
}

/** A page-side check: 1 once the panel shows a card whose code is not among `codes`, else null. */
function newCodeIn(codes: (string | null)[]): string {
	const cards = `${SEL.panel} ${SEL.card}[data-code]`;
	return `() => { const known = new Set(${JSON.stringify(codes)}); for (const c of document.querySelectorAll(${JSON.stringify(cards)})) if (!known.has(c.getAttribute('data-code'))) return 1; return null; }`;
}

async function openPage(context: BrowserContext, url: string): Promise<Page> {
	const page = await context.newPage();
	await page.addInitScript(probe, { hydrated: SEL.hydrated, synced: SEL.synced });
	await page.goto(url);
	await page.locator(SEL.hydrated).waitFor({ state: 'attached', timeout: 60_000 });
	await page.locator(SEL.synced).waitFor({ timeout: 120_000 });
	return page;
}

async function measureOpen(page: Page, m: Manifest, runs: number, quietWait: number): Promise<ActionRun[]> {
	const out: ActionRun[] = [];
	const targets = [
		{ what: `busiest (paragraph ${m.busiest.number})`, id: m.busiest.id },
		{ what: `median (paragraph ${m.median.number})`, id: m.median.id }
	];
	for (const target of targets) {
		const button = SEL.badge(target.id);
		if (!(await page.locator(button).count())) throw new Missing(`no "${button}" on the meeting page`);
		await page.locator(button).scrollIntoViewIfNeeded();
		// How many the badge announces ("Amendments (71) to 145"): the panel is complete with that many cards.
		const expected = Number(/\((\d+)\)/.exec((await page.locator(button).textContent()) ?? '')?.[1] ?? 1);
		await waitForQuiet(quietWait);
		for (let i = 0; i < runs; i++) {
			const machine0 = machineCpu();
			const ours0 = ourTreeCpu();
			const t0 = performance.now();
			const r = await timeClick(page, button, cardsIn(SEL.panel), 30_000, cardsAtLeast(SEL.panel, expected));
			out.push({
				what: target.what,
				dom: r.dom,
				frame: r.frame,
				allCards: r.all,
				cards: r.count,
				otherCpuPercent: otherCpu(machine0, ours0, performance.now() - t0)
			});
			// Close it again (Escape, as a person would), and let the page settle.
			await page.keyboard.press('Escape');
			await page.locator(SEL.panel).waitFor({ state: 'detached', timeout: 10_000 });
			await sleep(300);
		}
	}
	return out;
}

async function measureTable(page: Page, m: Manifest, runs: number, quietWait: number): Promise<ActionRun[]> {
	const out: ActionRun[] = [];
	const open = SEL.badge(m.busiest.id);
	if (!(await page.locator(open).count())) throw new Missing(`no "${open}" on the meeting page`);
	await page.locator(open).click();
	await page.locator(`${SEL.panel} ${SEL.card}`).first().waitFor({ timeout: 30_000 });
	// What the page fetches meanwhile: the form post, and whatever it reloads after it.
	let requests: string[] = [];
	page.on('request', (r) =>
		requests.push(`${r.method()} ${new URL(r.url()).pathname}${new URL(r.url()).search}`)
	);
	await waitForQuiet(quietWait);
	const drafts = [...m.workersDrafts];
	for (let i = 0; i < runs; i++) {
		const draft = drafts.shift();
		const table = draft ? SEL.tableButton(draft) : '';
		if (!draft || !(await page.locator(table).count()))
			throw new Missing(`no "${table || SEL.tableButton('…')}" (a Workers' draft to table)`);
		const codes = await page.$$eval(`${SEL.panel} ${SEL.card}[data-code]`, (els) =>
			els.map((e) => e.getAttribute('data-code'))
		);
		requests = [];
		const machine0 = machineCpu();
		const ours0 = ourTreeCpu();
		const t0 = performance.now();
		const r = await timeClick(page, table, newCodeIn(codes), 30_000);
		// When the form post was answered, in the same clock as the click (the latest post to ?/table).
		const post = await page.evaluate(() => {
			const posts = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((e) =>
				e.name.includes('/table')
			);
			const last = posts[posts.length - 1];
			return last ? { start: last.startTime, end: last.responseEnd } : null;
		});
		await sleep(500); // for requests the post set off (a reload of the page's data, say)
		out.push({
			what: 'table a draft',
			dom: r.dom,
			frame: r.frame,
			postAnswered: post ? post.end - r.clickAt : NaN,
			wsArrived: r.wsArrived,
			requests: [...requests],
			otherCpuPercent: otherCpu(machine0, ours0, performance.now() - t0)
		});
	}
	return out;
}

/**
 * (d) Someone else types in a paragraph (`typist`, a drafting committee member, from this process): for
 * each keystroke, the time on this page from the websocket message that carries it to the paragraph's
 * text changed in the DOM, and to the next frame.
 */
async function measureRemoteTyping(
	page: Page,
	base: string,
	typist: { user: string; cookie: string },
	m: Manifest,
	runs: number,
	quietWait: number
): Promise<ActionRun[]> {
	const unit = SEL.unitById(m.median.id);
	if (!(await page.locator(unit).count())) throw new Missing(`no "${unit}" on the meeting page`);
	await page.locator(unit).scrollIntoViewIfNeeded();
	const t = await startTypist(base, typist.cookie, `meeting/${m.meetingId}`, m.median.id);
	const out: ActionRun[] = [];
	const panelOpen = async (open: boolean) => {
		if ((await page.locator(SEL.panel).count()) > 0 === open) return;
		await page.locator(SEL.badge(m.busiest.id)).click();
		await page.locator(SEL.panel).waitFor({ state: open ? 'visible' : 'detached', timeout: 30_000 });
	};
	try {
		// With no amendment panel open, then with the busiest paragraph's open (as a Chair would have it).
		for (const [open, i] of [false, true].flatMap((o) =>
			Array.from({ length: runs }, (_, i) => [o, i] as const)
		)) {
			if (i === 0) {
				await panelOpen(open);
				await page.locator(unit).scrollIntoViewIfNeeded();
				await sleep(1000);
				await waitForQuiet(quietWait);
			}
			await page.evaluate((unit) => {
				type Ws = [number, number, string][];
				const w = window as unknown as { __bench: { ws: Ws }; __pending?: Promise<unknown> };
				const target = document.querySelector(unit)!;
				const since = performance.now();
				w.__pending = new Promise((resolve, reject) => {
					const timer = setTimeout(() => reject(new Error('the keystroke never showed')), 10_000);
					const observer = new MutationObserver(() => {
						const dom = performance.now();
						observer.disconnect();
						clearTimeout(timer);
						const messages = w.__bench.ws.filter(
							([at, , p]) => at >= since && p.includes('/collab/meeting/')
						);
						const arrived = messages.length ? messages[messages.length - 1]![0] : NaN;
						requestAnimationFrame(() =>
							requestAnimationFrame(() => resolve({ dom: dom - arrived, frame: performance.now() - arrived }))
						);
					});
					observer.observe(target, { subtree: true, childList: true, characterData: true });
				});
			}, unit);
			const machine0 = machineCpu();
			const ours0 = ourTreeCpu();
			const t0 = performance.now();
			t.type('abcdefghij'[i % 10]!);
			const r = (await page.evaluate(
				() => (window as unknown as { __pending: Promise<unknown> }).__pending
			)) as { dom: number; frame: number };
			out.push({
				what: `keystroke in ${m.median.number}, ${open ? `panel of ${m.busiest.number} open` : 'no panel open'}`,
				dom: r.dom,
				frame: r.frame,
				otherCpuPercent: otherCpu(machine0, ours0, performance.now() - t0)
			});
			await sleep(250);
		}
	} finally {
		t.destroy();
	}
	return out;
}

class Missing extends Error {}

const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute'];

/**
 * One more cold load, traced (Chromium's performance trace) and profiled (V8 sampling profiler), written
 * to `dir` and summarised. The page first opens the app's home page, so that the meeting page loads in
 * the same renderer process that the profiler is attached to.
 */
async function profileLoad(
	browser: Browser,
	storageState: Awaited<ReturnType<BrowserContext['storageState']>>,
	base: string,
	url: string,
	m: Manifest,
	dir: string,
	typist: { user: string; cookie: string } | null
): Promise<void> {
	fs.mkdirSync(dir, { recursive: true });
	const context = await browser.newContext({ storageState });
	const page = await context.newPage();
	await page.addInitScript(probe, { hydrated: SEL.hydrated, synced: SEL.synced });
	await page.goto(`${base}/`);
	const cdp = await context.newCDPSession(page);
	await cdp.send('Profiler.enable');
	await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
	await cdp.send('Profiler.start');
	await browser.startTracing(page, {
		categories: [
			'devtools.timeline',
			'disabled-by-default-devtools.timeline',
			'v8.execute',
			'blink.user_timing'
		]
	});
	await page.goto(url, { waitUntil: 'commit' });
	await untilSynced(page);
	const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as Parameters<
		typeof traceSelfTimes
	>[0];
	const { profile } = await cdp.send('Profiler.stop');
	const marks = await page.evaluate(() => (window as unknown as { __bench: object }).__bench);
	fs.writeFileSync(path.join(dir, 'meeting-load.trace.json'), JSON.stringify(trace));
	fs.writeFileSync(path.join(dir, 'meeting-load.cpuprofile'), JSON.stringify(profile));
	console.log(
		`\nProfiled load (${dir}): ${JSON.stringify(marks, (k, v) => (k === 'longTasks' ? undefined : v))}`
	);
	printProfile(trace, profile);

	// Opening the busiest paragraph's amendments, then tabling a draft there, likewise.
	const profiled = async (name: string, button: string, done: string, what: string) => {
		await sleep(500);
		await cdp.send('Profiler.start');
		await browser.startTracing(page, { categories: TRACE_CATEGORIES });
		const r = await timeClick(page, button, done, 30_000);
		const actionTrace = JSON.parse((await browser.stopTracing()).toString('utf8')) as Parameters<
			typeof traceSelfTimes
		>[0];
		const { profile: actionProfile } = await cdp.send('Profiler.stop');
		fs.writeFileSync(path.join(dir, `${name}.trace.json`), JSON.stringify(actionTrace));
		fs.writeFileSync(path.join(dir, `${name}.cpuprofile`), JSON.stringify(actionProfile));
		console.log(
			`\nProfiled ${what}: ${r.dom.toFixed(1)} ms to the DOM, ${r.frame.toFixed(1)} ms to the next frame`
		);
		printProfile(actionTrace, actionProfile);
	};
	const badge = SEL.badge(m.busiest.id);
	if (await page.locator(badge).count()) {
		await page.locator(badge).scrollIntoViewIfNeeded();
		await profiled(
			'open-busiest',
			badge,
			cardsIn(SEL.panel),
			`opening paragraph ${m.busiest.number}'s amendments`
		);
		// The last of the generated drafts: the measured runs took the first ones, in another copy of the database.
		const draft = m.workersDrafts[m.workersDrafts.length - 1];
		const table = draft ? SEL.tableButton(draft) : null;
		if (table && (await page.locator(table).count())) {
			const codes = await page.$$eval(`${SEL.panel} ${SEL.card}[data-code]`, (els) =>
				els.map((e) => e.getAttribute('data-code'))
			);
			await profiled('table-one', table, newCodeIn(codes), 'tabling a draft');
		}
	}
	// Five keystrokes by someone else, 300 ms apart.
	if (typist) {
		const t = await startTypist(base, typist.cookie, `meeting/${m.meetingId}`, m.median.id);
		await sleep(1000);
		await cdp.send('Profiler.start');
		await browser.startTracing(page, { categories: TRACE_CATEGORIES });
		for (let i = 0; i < 5; i++) {
			t.type('v');
			await sleep(300);
		}
		const typingTrace = JSON.parse((await browser.stopTracing()).toString('utf8')) as Parameters<
			typeof traceSelfTimes
		>[0];
		const { profile: typingProfile } = await cdp.send('Profiler.stop');
		t.destroy();
		fs.writeFileSync(path.join(dir, 'remote-typing.trace.json'), JSON.stringify(typingTrace));
		fs.writeFileSync(path.join(dir, 'remote-typing.cpuprofile'), JSON.stringify(typingProfile));
		console.log(`\nProfiled five keystrokes by ${typist.user} in paragraph ${m.median.number}`);
		printProfile(typingTrace, typingProfile);
	}
	await context.close();
}

function printProfile(trace: Parameters<typeof traceSelfTimes>[0], profile: unknown): void {
	console.log('  main thread, self time by kind of work (ms):');
	for (const s of traceSelfTimes(trace)) console.log(`    ${s.ms.toFixed(0).padStart(6)}  ${s.name}`);
	console.log('  JavaScript, self time by function (ms):');
	for (const s of profileSelfTimes(profile as Parameters<typeof profileSelfTimes>[0]))
		console.log(`    ${s.ms.toFixed(0).padStart(6)}  ${s.name}`);
}

// ---------------------------------------------------------------------------------------------------
// Report

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(0) : '—');
const ms1 = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '—');
const kb = (v: number) => (Number.isFinite(v) ? (v / 1024).toFixed(0) : '—');

function row(label: string, s: Summary, f = ms): string {
	return `  ${label.padEnd(44)} ${f(s.p50).padStart(7)} ${f(s.p90).padStart(7)} ${f(s.max).padStart(7)}   (n=${s.count})`;
}

function printLoads(title: string, runs: LoadRun[]): void {
	if (!runs.length) return;
	console.log(`\n${title}`);
	console.log(`  ${''.padEnd(44)} ${'median'.padStart(7)} ${'p90'.padStart(7)} ${'max'.padStart(7)}`);
	const col = (k: keyof LoadRun) => summary(runs.map((r) => r[k] as number));
	console.log(row('first byte of the HTML (ms)', col('ttfb')));
	console.log(row('HTML received (ms)', col('htmlEnd')));
	console.log(row('DOMContentLoaded (ms)', col('domContentLoaded')));
	console.log(row('load (ms)', col('load')));
	console.log(row('hydrated = interactive (ms)', col('hydrated')));
	console.log(row('meeting document sync message arrived (ms)', col('syncArrived')));
	console.log(row('live document synced (ms)', col('synced')));
	console.log(row('… and the frame after it painted (ms)', col('syncedFrame')));
	console.log(row('long tasks until then: total (ms)', col('longTaskMs')));
	console.log(row('  longest (ms)', col('longestTask')));
	console.log(row('  blocking time, > 50 ms each (ms)', col('blockingMs')));
	console.log(row('HTML transferred (KiB)', col('htmlTransfer'), kb));
	console.log(row('  its body, decoded (KiB)', col('htmlBody'), kb));
	console.log(row('other resources transferred (KiB)', col('assetsTransfer'), kb));
	console.log(row('  decoded (KiB)', col('assetsDecoded'), kb));
	console.log(row('websocket received until synced (KiB)', col('wsReceived'), kb));
	console.log(row('  of which the meeting document sync (KiB)', col('syncBytes'), kb));
	console.log(row('websocket sent (bytes)', col('wsSent')));
	console.log(row('other processes (% of a core)', col('otherCpuPercent')));
	console.log(`  sockets: ${[...new Set(runs.flatMap((r) => r.sockets))].join(', ')}`);
}

function printActions(title: string, runs: ActionRun[]): void {
	if (!runs.length) return;
	console.log(`\n${title}`);
	console.log(`  ${''.padEnd(44)} ${'median'.padStart(7)} ${'p90'.padStart(7)} ${'max'.padStart(7)}`);
	for (const what of new Set(runs.map((r) => r.what))) {
		const rs = runs.filter((r) => r.what === what);
		if (rs.some((r) => r.postAnswered !== undefined))
			console.log(
				row(`${what}: form post answered (ms)`, summary(rs.map((r) => r.postAnswered ?? NaN)), ms1)
			);
		if (rs.some((r) => r.wsArrived !== undefined))
			console.log(
				row(`${what}: its change reached the page (ms)`, summary(rs.map((r) => r.wsArrived ?? NaN)), ms1)
			);
		console.log(row(`${what}: in the DOM (ms)`, summary(rs.map((r) => r.dom)), ms1));
		console.log(row(`${what}: next frame (ms)`, summary(rs.map((r) => r.frame)), ms1));
		if (rs.some((r) => r.allCards !== undefined))
			console.log(row(`${what}: every card in the DOM (ms)`, summary(rs.map((r) => r.allCards ?? NaN)), ms1));
		console.log(
			`  ${what}: ${rs[0]!.cards === undefined ? '' : `${rs[0]!.cards} cards at first; `}other processes median ${ms(summary(rs.map((r) => r.otherCpuPercent)).p50)}% of a core`
		);
		const requests = [...new Set(rs.flatMap((r) => r.requests ?? []))];
		if (requests.length) console.log(`  requests per run: ${requests.join(', ')}`);
	}
}

// ---------------------------------------------------------------------------------------------------

async function signIn(browser: Browser, base: string, user: string, password: string) {
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto(`${base}/login`);
	await page.getByLabel('Username').fill(user);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 30_000 });
	const state = await context.storageState();
	await context.close();
	return state;
}

async function main(): Promise<number> {
	const s = settingsFrom(process.argv.slice(2));
	const m = await fixture(s);
	console.log(
		`Meeting "${m.meetingTitle}": ${m.paragraphs} paragraphs, ${m.subparagraphs} subparagraphs, ` +
			`${m.tabled} tabled amendments, ${m.drafts} drafts, ${m.positions} positions`
	);
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dr-bench-amd-'));
	const dbFile = path.join(dir, 'bench.db');
	fs.copyFileSync(s.db, dbFile);
	if (s.serverProf) fs.mkdirSync(s.serverProf, { recursive: true });
	console.log(
		s.build ? 'Starting the app (building it first if the sources changed) …' : 'Starting the app …'
	);
	const server = await startServer(dbFile, m.password, s);
	const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
	const chromiumVersion = browser.version();
	const meetingUrl = `${server.url}/meetings/${m.meetingId}`;
	const result: {
		loads: LoadRun[];
		open: ActionRun[];
		table: ActionRun[];
		typing: ActionRun[];
		missing: string[];
	} = { loads: [], open: [], table: [], typing: [], missing: [] };
	try {
		console.log(`App at ${server.url}; Chromium ${chromiumVersion}; signed in as ${s.user}`);
		const storageState = await signIn(browser, server.url, s.user, m.password);

		// (a) Cold: a fresh browser context each time (empty cache), signed in. Warm: the same page loaded
		// again in that context (scripts and styles from the cache). The first cold run after the server
		// started also builds the server's live document from SQLite; later ones find it in memory.
		await waitForQuiet(s.quietWait);
		for (let i = 0; i < s.runs; i++) {
			const context = await browser.newContext({ storageState });
			result.loads.push(await loadOnce(context, meetingUrl, 'cold', i === 0));
			result.loads.push(await loadOnce(context, meetingUrl, 'warm', false));
			await context.close();
			process.stdout.write('.');
		}
		console.log();

		// (b), (c): one page, as a person keeps it open.
		const context = await browser.newContext({ storageState });
		const page = await openPage(context, meetingUrl);
		try {
			result.open = await measureOpen(page, m, s.runs, s.quietWait);
		} catch (e) {
			if (!(e instanceof Missing)) throw e;
			result.missing.push(`(b) ${e.message}`);
		}
		try {
			if (s.tabRuns > 0) result.table = await measureTable(page, m, s.tabRuns, s.quietWait);
		} catch (e) {
			if (!(e instanceof Missing)) throw e;
			result.missing.push(`(c) ${e.message}`);
		}
		let typist: { user: string; cookie: string } | null = null;
		if (s.typeRuns > 0 || s.profile) {
			const state = await signIn(browser, server.url, s.typist, m.password);
			const session = state.cookies.find((c) => c.name === 'session');
			if (!session) throw new Error(`no session cookie for ${s.typist}`);
			typist = { user: s.typist, cookie: `session=${session.value}` };
		}
		try {
			if (typist && s.typeRuns > 0)
				result.typing = await measureRemoteTyping(page, server.url, typist, m, s.typeRuns, s.quietWait);
		} catch (e) {
			if (!(e instanceof Missing)) throw e;
			result.missing.push(`(d) ${e.message}`);
		}
		await context.close();
		if (s.profile) await profileLoad(browser, storageState, server.url, meetingUrl, m, s.profile, typist);
	} finally {
		await browser.close();
		await server.stop();
		fs.rmSync(dir, { recursive: true, force: true });
	}

	const first = result.loads.filter((r) => r.firstAfterStart);
	const cold = result.loads.filter((r) => r.kind === 'cold' && !r.firstAfterStart);
	const warm = result.loads.filter((r) => r.kind === 'warm');
	printLoads('(a) first load after the server started (its live document built from SQLite)', first);
	printLoads('(a) meeting page, cold browser cache', cold);
	printLoads('(a) meeting page, warm browser cache', warm);
	printActions(`(b) open a paragraph's amendments`, result.open);
	printActions('(c) table a Workers’ draft (as the Workers’ secretary)', result.table);
	printActions(
		`(d) someone else types (${s.typist}, one character per update): message arrived → on this page`,
		result.typing
	);
	for (const line of result.missing) console.log(`\nNot measured: ${line}`);

	const verdict = (name: string, value: number, target: number) =>
		console.log(
			`  ${name}: median ${ms1(value)} ms — ${Number.isFinite(value) ? (value < target ? 'met' : 'NOT met') : 'not measured'} (target < ${target} ms)`
		);
	console.log('\nTargets');
	verdict('page interactive (cold cache)', summary(cold.map((r) => r.hydrated)).p50, INTERACTIVE_TARGET_MS);
	verdict('page interactive (warm cache)', summary(warm.map((r) => r.hydrated)).p50, INTERACTIVE_TARGET_MS);
	for (const what of new Set(result.open.map((r) => r.what)))
		verdict(
			`open amendments, ${what}`,
			summary(result.open.filter((r) => r.what === what).map((r) => r.frame)).p50,
			ACTION_TARGET_MS
		);
	if (!result.open.length) verdict('open amendments', NaN, ACTION_TARGET_MS);
	// Not a target, said beside them: the panel shows its first cards at once and the rest per frame.
	for (const what of new Set(result.open.map((r) => r.what)))
		console.log(
			`  (every card of ${what} in the DOM: median ${ms1(summary(result.open.filter((r) => r.what === what).map((r) => r.allCards ?? NaN)).p50)} ms)`
		);
	verdict('table one', summary(result.table.map((r) => r.frame)).p50, ACTION_TARGET_MS);
	const disturbed = [...result.loads, ...result.open, ...result.table, ...result.typing].filter(
		(r) => r.otherCpuPercent > DISTURBED_PERCENT
	).length;
	if (disturbed)
		console.log(
			`\nWARNING: in ${disturbed} runs other processes used more than ${DISTURBED_PERCENT}% of a core: the machine was not quiet`
		);
	if (s.json) {
		fs.writeFileSync(
			s.json,
			JSON.stringify(
				{
					settings: s,
					manifest: m,
					chromium: chromiumVersion,
					node: process.version,
					cpus: os.cpus().length,
					...result
				},
				null,
				'\t'
			) + '\n'
		);
		console.log(`\nEvery run: ${s.json}`);
	}
	return 0;
}

process.exitCode = await main();
