// `export MEETING --format F [--what W] [--out FILE] [--lines]`: an output of a meeting in the app's
// database (DATABASE_PATH), made by the same code as the web download and recorded the same way, as
// the operator's. Group drafts are in no output.
import fs from 'node:fs';
import path from 'node:path';
import { CommandError } from '#lib/server/command-error.ts';
import { databasePath, openDatabase, setDb } from '#lib/server/db/index.ts';
import { applyMigrations } from '#lib/server/db/migrate.ts';
import { meetings } from '#lib/server/db/schema.ts';
import { downloadOutput, outputRequest } from '#lib/server/outputs/download.ts';
import { tKey } from '#lib/i18n/index.ts';
import { EXIT_OK, InputError, UsageError, type Command } from './command.ts';

interface ExportArgs {
	meetingId: string;
	format: string;
	what: string;
	out: string | null;
	lines: boolean;
}

export const exportCommand: Command = {
	name: 'export',
	args: 'MEETING --format pdf|docx|html|akn|txt [--what conclusions|amendments|proceedings] [--out FILE] [--lines]',
	summary:
		'Write an output of a meeting in the database (default: the conclusions) to FILE, or to a file named for it in the current folder; - writes to standard output.',
	async run(args, io) {
		const a = parseArgs(args);
		let request;
		try {
			request = outputRequest(a.what, a.format, a.lines);
		} catch (error) {
			if (error instanceof CommandError) throw new UsageError(tKey(error.key, error.params));
			throw error;
		}
		const file = databasePath();
		if (!fs.existsSync(file))
			throw new InputError(`no database at ${file}: start the app once (npm start) or set DATABASE_PATH`);
		const db = openDatabase(file);
		setDb(db);
		applyMigrations(db);
		const known = db.select({ id: meetings.id, title: meetings.title }).from(meetings).all();
		if (!known.some((m) => m.id === a.meetingId))
			throw new InputError(
				`no meeting "${a.meetingId}" in ${file}; meetings: ${known.map((m) => `${m.id} (${m.title})`).join(', ') || 'none'}`
			);
		let output;
		try {
			output = await downloadOutput(db, null, a.meetingId, request);
		} catch (error) {
			if (error instanceof CommandError) throw new InputError(tKey(error.key, error.params));
			throw error;
		} finally {
			db.$client.close();
		}
		if (a.out === '-') {
			if (io.outBytes) io.outBytes(output.bytes);
			else io.out(new TextDecoder().decode(output.bytes));
			return EXIT_OK;
		}
		const target = path.resolve(a.out ?? output.filename);
		fs.writeFileSync(target, output.bytes);
		io.err(`wrote ${target} (${output.bytes.length.toLocaleString('en')} bytes)\n`);
		return EXIT_OK;
	}
};

function parseArgs(args: string[]): ExportArgs {
	const positional: string[] = [];
	const options: Record<string, string> = {};
	let lines = false;
	for (let i = 0; i < args.length; i++) {
		const arg = args[i] ?? '';
		if (arg === '--lines') lines = true;
		else if (arg === '--format' || arg === '--what' || arg === '--out') {
			const value = args[++i];
			if (value === undefined) throw new UsageError(`${arg} needs a value`);
			options[arg.slice(2)] = value;
		} else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option "${arg}"`);
		else positional.push(arg);
	}
	const [meetingId, ...extra] = positional;
	if (meetingId === undefined) throw new UsageError('missing MEETING (its id, e.g. ttmlm-2013)');
	if (extra.length > 0) throw new UsageError(`one MEETING at a time, not ${positional.length}`);
	if (!options['format']) throw new UsageError('missing --format');
	return {
		meetingId,
		format: options['format'],
		what: options['what'] ?? 'conclusions',
		out: options['out'] ?? null,
		lines
	};
}
