// Reading a Word file costs time and memory in proportion to what the file holds, and a file can be
// made to hold a great deal: 400,000 paragraphs in a 100 KB upload took the DOM parser 10 s and 1.6 GB,
// during which the server answered no one. So the server reads Word files in a worker thread, never on
// its event loop (DOCX-14): a fresh thread for each file, stopped when it takes longer than
// READ_TIMEOUT_MS or needs more heap than READ_HEAP_MB, and at most READS_AT_ONCE of them at a time,
// the rest waiting their turn, so that the bounds hold for the server as a whole.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { DocxImportResult } from './import-docx.ts';

/** About twenty times what the longest conclusions take (0.5 s), on a busy machine. */
export const READ_TIMEOUT_MS = 10_000;
/** The DOM of the longest conclusions takes a few tens of MB; a flood of markup, far more. */
export const READ_HEAP_MB = 512;
const READS_AT_ONCE = 2;

/** What import-worker.ts is given. */
export interface WorkerInput {
	bytes: Uint8Array;
	maxTextLength?: number;
}

/** What a refusal says when the import itself failed: a fault of ours rather than of the file. */
export const READ_FAILED =
	'This Word file could not be read: the import stopped on something in it that it does not handle. ' +
	'Open it in Word, save it again as .docx and import the new file, or save it as plain text (.txt) ' +
	'and import that.';

export interface WorkerReadOptions {
	/** Converted text beyond this many characters is refused (tooLong) before it is parsed. */
	maxTextLength?: number;
	timeoutMs?: number;
	maxHeapMb?: number;
}

/**
 * The worker's program. Not `new URL(…, import.meta.url)`: in the built server this module is bundled
 * into build/server/chunks/, where no such file is. package.json's "imports" maps #lib to the source
 * tree from anywhere in the project, the build included, and production runs from that tree (as
 * scripts/start.ts does), with a Node that loads TypeScript.
 */
function workerFile(): string {
	return createRequire(import.meta.url).resolve('#lib/server/docx-import/import-worker.ts');
}

let running = 0;
const waiting: Array<() => void> = [];

/** Runs `work` when fewer than READS_AT_ONCE are running; a finished one hands its place to the next. */
async function inTurn<T>(work: () => Promise<T>): Promise<T> {
	if (running < READS_AT_ONCE) running++;
	else await new Promise<void>((resolve) => waiting.push(resolve));
	try {
		return await work();
	} finally {
		const next = waiting.shift();
		if (next) next();
		else running--;
	}
}

/** Imports a .docx as importDocx does, in a worker thread within the bounds above. */
export function importDocxInWorker(
	bytes: Uint8Array,
	options: WorkerReadOptions = {}
): Promise<DocxImportResult> {
	return inTurn(() => readInWorker(bytes, options));
}

function readInWorker(bytes: Uint8Array, options: WorkerReadOptions): Promise<DocxImportResult> {
	const timeoutMs = options.timeoutMs ?? READ_TIMEOUT_MS;
	const maxHeapMb = options.maxHeapMb ?? READ_HEAP_MB;
	const input: WorkerInput = { bytes, maxTextLength: options.maxTextLength };
	return new Promise((resolve) => {
		let worker: Worker;
		try {
			// The bytes are copied to the thread (20 MB at most: a few milliseconds), so the caller keeps its own.
			worker = new Worker(workerFile(), {
				workerData: input,
				resourceLimits: { maxOldGenerationSizeMb: maxHeapMb },
				// The thread takes Node's flags from the process (a Node 22 may need them to load TypeScript),
				// except the one for code given with -e, which refuses a file like the worker's.
				execArgv: process.execArgv.filter((flag) => !flag.startsWith('--input-type'))
			});
		} catch (error) {
			console.error('The Word import worker could not be started:', error);
			return resolve(refusal(READ_FAILED));
		}
		let settled = false;
		const settle = (result: DocxImportResult) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			void worker.terminate();
			resolve(result);
		};
		const timer = setTimeout(() => settle(refusal(tooSlow(timeoutMs))), timeoutMs);
		worker.once('message', (result: DocxImportResult) => settle(result));
		worker.once('error', (error: Error & { code?: string }) => {
			if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') return settle(refusal(tooBig(maxHeapMb)));
			// The thread could not start or broke: the server's fault, which its operator must see.
			console.error('The Word import worker failed:', error);
			settle(refusal(READ_FAILED));
		});
		worker.once('exit', () => settle(refusal(READ_FAILED)));
	});
}

function refusal(error: string): DocxImportResult {
	return { ok: false, error };
}

function tooSlow(ms: number): string {
	return (
		`This Word file took too long to read (more than ${ms / 1000} s, where a long draft takes well ` +
		'under one); it was not imported. Save it as plain text (.txt) and import that, or remove what ' +
		'is not the draft.'
	);
}

function tooBig(mb: number): string {
	return (
		`This Word file is too large to read: it needs more than ${mb} MB of memory, many times what a ` +
		'long draft needs; it was not imported. Save it as plain text (.txt) and import that, or remove ' +
		'what is not the draft.'
	);
}
