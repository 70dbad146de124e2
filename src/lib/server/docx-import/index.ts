// The Word import: a .docx becomes the plain text the text import reads, and goes through the same
// parser, so that a Word draft and a pasted one give the same preview, JSON and warnings (DOCX-n).
// The server and the CLI read Word files with importDocxInWorker, off the event loop and within
// bounds of time and memory (DOCX-14); importDocx is the same import on the calling thread.
export { docxToImportText, importDocx, MAX_WARNINGS } from './import-docx.ts';
export type { DocxImportOptions, DocxImportResult } from './import-docx.ts';
export { importDocxInWorker, READ_HEAP_MB, READ_TIMEOUT_MS } from './import-in-worker.ts';
export type { WorkerReadOptions } from './import-in-worker.ts';
export { looksLikeWordFile, MAX_DOCX_BYTES, MAX_PARAGRAPHS, MAX_XML_DEPTH } from './read-docx.ts';
export type { DocxTextResult } from './docx-to-text.ts';
