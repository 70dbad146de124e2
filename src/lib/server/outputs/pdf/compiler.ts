// The Typst typesetter, a Node native addon, run in a child process. The addon keeps native memory after
// every render (measured in-process: 99 → 361 MB RSS over 200 renders of the conclusions with 0.6.0,
// 88 → 584 MB over 300 with 0.7.0, evictCache or not), which a server that runs for a whole meeting
// cannot afford; a child is cheap to replace. So one child renders, one document at a time, and is
// replaced after RECYCLE_AFTER renders, when it dies, or when a render takes longer than
// RENDER_TIMEOUT_MS; the server itself never loads the addon.
//
// The addon is pinned at 0.6.0 (Typst 0.13.1): 0.7.0's packages for macOS, Windows and ARM are not
// published, and `npm ci` refuses a lockfile that lacks them.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { TYPST_CHILD_SOURCE } from './typst-child.ts';

const RECYCLE_AFTER = 40;
const RENDER_TIMEOUT_MS = 30_000;

type Reply = { id: number; ok: true; pdf: Uint8Array } | { id: number; ok: false; message: string };

interface Child {
	process: ChildProcess;
	ready: Promise<void>;
	renders: number;
}

let child: Child | null = null;
let nextId = 1;
/** Renders wait their turn: the child typesets one document at a time. */
let queue: Promise<unknown> = Promise.resolve();

function addonUrl(): string {
	// Resolved here, where node_modules can be found from this module (also inside the built server).
	return pathToFileURL(createRequire(import.meta.url).resolve('@myriaddreamin/typst-ts-node-compiler')).href;
}

function startChild(): Child {
	const proc = spawn(process.execPath, ['--input-type=module', '-e', TYPST_CHILD_SOURCE], {
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		serialization: 'advanced',
		env: { ...process.env, DR_TYPST_ADDON: addonUrl() }
	});
	const ready = new Promise<void>((resolve, reject) => {
		proc.once('message', () => resolve());
		proc.once('exit', (code) =>
			reject(new Error(`the Typst process stopped before it was ready (exit ${code})`))
		);
		proc.once('error', reject);
	});
	// An idle child never keeps the server, the CLI or a test run alive; a render in flight does (ref below).
	proc.unref();
	proc.channel?.unref();
	const started: Child = { process: proc, ready, renders: 0 };
	proc.once('exit', () => {
		if (child === started) child = null;
	});
	return started;
}

function stop(c: Child): void {
	if (child === c) child = null;
	c.process.kill();
}

async function renderOnce(source: string, inputs: Record<string, string>): Promise<Uint8Array> {
	if (child && child.renders >= RECYCLE_AFTER) stop(child);
	const c = (child ??= startChild());
	c.process.ref();
	c.process.channel?.ref();
	try {
		return await exchange(c, source, inputs);
	} finally {
		c.process.unref();
		c.process.channel?.unref();
	}
}

async function exchange(c: Child, source: string, inputs: Record<string, string>): Promise<Uint8Array> {
	await c.ready;
	c.renders++;
	const id = nextId++;
	const reply = await new Promise<Reply>((resolve, reject) => {
		const timer = setTimeout(() => {
			stop(c);
			reject(new Error(`Typst took longer than ${RENDER_TIMEOUT_MS / 1000} s and was stopped`));
		}, RENDER_TIMEOUT_MS);
		const onMessage = (m: Reply) => {
			if (m.id !== id) return;
			done();
			resolve(m);
		};
		const onExit = (code: number | null) => {
			done();
			reject(new Error(`the Typst process stopped while typesetting (exit ${code})`));
		};
		const done = () => {
			clearTimeout(timer);
			c.process.off('message', onMessage);
			c.process.off('exit', onExit);
		};
		c.process.on('message', onMessage);
		c.process.once('exit', onExit);
		c.process.send({ id, source, inputs });
	});
	if (!reply.ok) throw new Error(reply.message);
	return reply.pdf;
}

/**
 * Typesets `source` with the given `sys.inputs` and returns the PDF. The source is always one of our
 * static templates; everything a user wrote arrives through `inputs` as JSON, never as Typst source.
 */
export function compilePdf(source: string, inputs: Record<string, string>): Promise<Uint8Array> {
	const result = queue.then(() => renderOnce(source, inputs));
	queue = result.catch(() => undefined);
	return result;
}

/** Stops the child now (tests, shutdown); the next render starts another. */
export function stopTypst(): void {
	if (child) stop(child);
}
