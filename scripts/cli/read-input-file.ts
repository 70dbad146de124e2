// What `import` reads: a Word document, by its extension or its first bytes (a .docx is a zip, an
// old or encrypted .doc an OLE file, whatever it is called), or else a text file.
import { looksLikeWordFile } from '#lib/server/docx-import/index.ts';
import { decodeText, readBytes, type TextFile } from './read-text-file.ts';

export type InputFile = ({ kind: 'text' } & TextFile) | { kind: 'word'; bytes: Uint8Array };

const WORD_EXTENSIONS = /\.(docx|docm|dotx|dotm|doc)$/i;

/** `-` reads standard input. */
export function readInputFile(path: string): InputFile {
	const bytes = readBytes(path);
	if (WORD_EXTENSIONS.test(path) || looksLikeWordFile(bytes)) return { kind: 'word', bytes };
	return { kind: 'text', ...decodeText(path, bytes) };
}
