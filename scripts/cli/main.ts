// The dispatcher: finds the command, runs it, and turns its failures into one line and an exit code.
import {
	EXIT_BAD_INPUT,
	EXIT_OK,
	EXIT_USAGE,
	InputError,
	UsageError,
	type CliIo,
	type Command
} from './command.ts';
import { exportCommand } from './export-command.ts';
import { importCommand } from './import-command.ts';

const COMMANDS: readonly Command[] = [importCommand, exportCommand];
const PROGRAM = 'npm run cli --';

function usage(): string {
	const lines = COMMANDS.map((c) => `  ${`${c.name} ${c.args}`.padEnd(28)}${c.summary}`);
	return `Usage: ${PROGRAM} <command> [arguments]\n\nCommands:\n${lines.join('\n')}\n`;
}

function commandUsage(command: Command): string {
	return `usage: ${PROGRAM} ${command.name} ${command.args}`;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
	const [name, ...args] = argv;
	if (name === undefined || name === '') return fail(io, EXIT_USAGE, `no command given (${shortUsage()})`);
	if (name === 'help' || name === '--help' || name === '-h') {
		io.out(usage());
		return EXIT_OK;
	}
	const command = COMMANDS.find((c) => c.name === name);
	if (!command) return fail(io, EXIT_USAGE, `unknown command "${name}" (${shortUsage()})`);
	if (args.includes('--help') || args.includes('-h')) {
		io.out(`${commandUsage(command)}\n${command.summary}\n`);
		return EXIT_OK;
	}
	try {
		return await command.run(args, io);
	} catch (error) {
		if (error instanceof UsageError)
			return fail(io, EXIT_USAGE, `${error.message} (${commandUsage(command)})`);
		if (error instanceof InputError) return fail(io, EXIT_BAD_INPUT, error.message);
		throw error;
	}
}

function shortUsage(): string {
	return `usage: ${PROGRAM} <command>; commands: ${COMMANDS.map((c) => c.name).join(', ')}`;
}

function fail(io: CliIo, code: number, message: string): number {
	io.err(`error: ${message}\n`);
	return code;
}
