// Reads a text file as a secretariat would hand it over: UTF-8 (with or without BOM), UTF-16 as
// Word's "Unicode Text" saves it, or Windows-1252 as Word's default "Plain Text" saves it on Windows.
import { readFileSync } from 'node:fs';
import { InputError } from './command.ts';

export interface TextFile {
	text: string;
	/** Said to the user when the encoding had to be guessed. */
	note: string | null;
}

/** `-` reads standard input. */
export function readTextFile(path: string): TextFile {
	return decodeText(path, readBytes(path));
}

/** How messages name the input. */
export function inputName(path: string): string {
	return path === '-' ? 'standard input' : path;
}

/** The file's bytes, or an InputError saying in words why they cannot be had. */
export function readBytes(path: string): Uint8Array {
	try {
		return readFileSync(path === '-' ? 0 : path);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const reason =
			code === 'ENOENT'
				? 'no such file'
				: code === 'EISDIR'
					? 'this is a folder, not a file'
					: code === 'EACCES' || code === 'EPERM'
						? 'permission denied'
						: `cannot be read (${code ?? String(error)})`;
		throw new InputError(`${inputName(path)}: ${reason}`);
	}
}

export function decodeText(path: string, bytes: Uint8Array): TextFile {
	const [b0, b1] = bytes;
	if (b0 === 0xff && b1 === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes), note: null };
	if (b0 === 0xfe && b1 === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes), note: null };
	try {
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), note: null };
	} catch {
		// Not UTF-8. Binary files end up here too; the import rejects them once their control
		// characters show (IMP-2), which Windows-1252 keeps as they are.
		return {
			text: new TextDecoder('windows-1252').decode(bytes),
			note: `${inputName(path)} is not UTF-8 text; it was read as Windows-1252 (Western European). Check accented letters and quotation marks.`
		};
	}
}
