// The program of the worker thread that reads one Word file (import-in-worker.ts says why): the bytes
// and the caller's text limit come in as workerData, the result goes back as one message, and the
// thread ends. Loaded by Node itself, from the source tree, in the app and in the CLI alike. Nothing
// imports this module: loaded anywhere else, it would answer a parent that never asked.
import { parentPort, workerData } from 'node:worker_threads';
import { importDocx, type DocxImportResult } from './import-docx.ts';
import { READ_FAILED, type WorkerInput } from './import-in-worker.ts';

function read({ bytes, maxTextLength }: WorkerInput): DocxImportResult {
	try {
		return importDocx(bytes, { maxTextLength });
	} catch (error) {
		console.error('The Word import failed:', error);
		return { ok: false, error: READ_FAILED };
	}
}

if (parentPort) parentPort.postMessage(read(workerData as WorkerInput));
