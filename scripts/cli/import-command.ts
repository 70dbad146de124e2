// `import FILE [--json]`: reads the Office draft, plain text or Word, and shows what the importer makes of it.
// It touches no database: loading the text into a meeting is the app's business.
import { toImportJson } from '#lib/domain/import-json.ts';
import { parsePlainText, type ImportWarning } from '#lib/domain/import-text.ts';
import { subparagraphLabel } from '#lib/domain/numbering.ts';
import type { DraftText } from '#lib/domain/text.ts';
import { importDocxInWorker } from '#lib/server/docx-import/index.ts';
import { EXIT_OK, InputError, UsageError, type Command } from './command.ts';
import { readInputFile } from './read-input-file.ts';
import { inputName } from './read-text-file.ts';

export const importCommand: Command = {
	name: 'import',
	args: 'FILE [--json]',
	summary:
		'Check a draft, plain text or Word .docx (FILE, or - for standard input); --json prints its structure.',
	async run(args, io) {
		const { file, json } = parseArgs(args);
		const input = readInputFile(file);
		// A Word file is read as the server reads it: in a worker thread, within its bounds (DOCX-14).
		const result = input.kind === 'word' ? await importDocxInWorker(input.bytes) : parsePlainText(input.text);
		if (!result.ok) throw new InputError(`${inputName(file)}: ${result.error}`);
		if (input.kind === 'text' && input.note) io.err(`warning: ${input.note}\n`);
		// A Word document's lines are its paragraphs (DOCX-4): said so, since Word numbers no lines.
		const where = input.kind === 'word' ? 'paragraph' : 'line';
		for (const w of result.warnings) io.err(formatWarning(w, where));
		io.out(
			json
				? JSON.stringify(toImportJson(result.text), null, 2) + '\n'
				: summary(inputName(file), result.text, result.warnings)
		);
		return EXIT_OK;
	}
};

function parseArgs(args: string[]): { file: string; json: boolean } {
	const files: string[] = [];
	let json = false;
	for (const arg of args) {
		if (arg === '--json') json = true;
		else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option "${arg}"`);
		else files.push(arg);
	}
	const [file, ...extra] = files;
	if (file === undefined) throw new UsageError('missing FILE');
	if (extra.length > 0) throw new UsageError(`one FILE at a time, not ${files.length}`);
	return { file, json };
}

function formatWarning(w: ImportWarning, where: 'line' | 'paragraph'): string {
	return `warning: ${where} ${w.line}: ${w.message}\n`;
}

function count(n: number, noun: string): string {
	return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function summary(file: string, text: DraftText, warnings: ImportWarning[]): string {
	const paragraphs = text.body.flatMap((item) => (item.kind === 'paragraph' ? [item] : []));
	const subparagraphs = paragraphs.reduce((n, p) => n + p.subparagraphs.length, 0);
	const labels = `${subparagraphLabel(text.scheme, 0)}, ${subparagraphLabel(text.scheme, 1)}, …`;
	return [
		`${file}:`,
		`  title:       ${text.title?.text ?? '(none)'}`,
		`  preamble:    ${count(text.preamble.length, 'clause')}`,
		`  body:        ${count(text.body.length - paragraphs.length, 'heading')}, ${count(paragraphs.length, 'paragraph')}, ` +
			`${count(subparagraphs, 'subparagraph')}${subparagraphs > 0 ? ` labelled ${labels}` : ''}`,
		`  footnotes:   ${text.footnotes.length}`,
		`  warnings:    ${warnings.length === 0 ? 'none' : `${warnings.length} (listed above)`}`,
		''
	].join('\n');
}
