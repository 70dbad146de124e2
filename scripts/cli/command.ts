// What every CLI command is, and the two ways a run can fail, each with its exit code.

export interface CliIo {
	out(text: string): void;
	err(text: string): void;
	/** Bytes to standard output as they are (a PDF written to `-`). */
	outBytes?(bytes: Uint8Array): void;
}

export interface Command {
	name: string;
	/** Arguments after the command's name, e.g. 'FILE [--json]'. */
	args: string;
	summary: string;
	/** Resolves to the exit code; throws UsageError or InputError for the failures below. */
	run(args: string[], io: CliIo): Promise<number>;
}

export const EXIT_OK = 0;
export const EXIT_BAD_INPUT = 1;
export const EXIT_USAGE = 2;

/** The command line itself is wrong: unknown command or option, missing argument. */
export class UsageError extends Error {
	override name = 'UsageError';
}

/** The command line is right but what it points at cannot be used: missing file, binary, no paragraphs. */
export class InputError extends Error {
	override name = 'InputError';
}
