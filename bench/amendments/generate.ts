// Generates the large meeting for the amendments benchmark (see fixture.ts and docs/benchmarks.md):
//
//   node bench/amendments/generate.ts [--db FILE] [--seed 1] [--paragraphs 150] [--amendments 1000]
//                                     [--positions 300] [--drafts 40]
//
// Writes a fresh SQLite database (replacing FILE) and, beside it, FILE.json: what was generated, and how
// long each phase and each kind of command took.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BENCH_PASSWORD, generateMeeting, type FixtureOptions, type Manifest } from './fixture.ts';

export const DEFAULT_DB = 'data/bench-amendments.db';

function usage(message: string): never {
	console.error(`bench/amendments/generate: ${message}`);
	console.error(
		'usage: node bench/amendments/generate.ts [--db FILE] [--seed 1] [--paragraphs 150]\n' +
			'         [--amendments 1000] [--positions 300] [--drafts 40]'
	);
	process.exit(2);
}

function optionsFrom(argv: string[]): FixtureOptions {
	let values;
	try {
		({ values } = parseArgs({
			args: argv,
			options: {
				db: { type: 'string', default: DEFAULT_DB },
				seed: { type: 'string', default: '1' },
				paragraphs: { type: 'string', default: '150' },
				amendments: { type: 'string', default: '1000' },
				positions: { type: 'string', default: '300' },
				drafts: { type: 'string', default: '40' }
			}
		}));
	} catch (e) {
		usage((e as Error).message);
	}
	const num = (name: string, v: string, min: number, max: number): number => {
		const n = Number(v);
		if (!Number.isInteger(n) || n < min || n > max)
			usage(`--${name} must be an integer from ${min} to ${max}`);
		return n;
	};
	return {
		file: path.resolve(values.db),
		seed: num('seed', values.seed, 0, 2 ** 31 - 1),
		paragraphs: num('paragraphs', values.paragraphs, 1, 999),
		amendments: num('amendments', values.amendments, 0, 100_000),
		positions: num('positions', values.positions, 0, 100_000),
		drafts: num('drafts', values.drafts, 0, 10_000),
		password: process.env.DEMO_PASSWORD || BENCH_PASSWORD
	};
}

export function describe(m: Manifest): string {
	const fmt = (o: Record<string, number>) =>
		Object.entries(o)
			.map(([k, v]) => `${k} ${v}`)
			.join(', ');
	const lines = [
		`Meeting ${m.meetingId} "${m.meetingTitle}" in ${m.file}`,
		`  text: ${m.paragraphs} paragraphs, ${m.subparagraphs} subparagraphs, ${m.headings} headings (${m.sourceChars} characters pasted)`,
		`  amendments: ${m.tabled} tabled (${fmt(m.byKind)}), ${m.drafts} drafts`,
		`  by group: ${fmt(m.byGroup)}`,
		`  by status: ${fmt(m.byStatus)}`,
		`  positions set: ${m.positions}`,
		`  busiest paragraph: ${m.busiest.number} (${m.busiest.amendments} amendments); median: ${m.median.number} (${m.median.amendments})`,
		`  meeting document: ${m.doc.bytes} bytes as one update (JSON: ${fmt(m.doc.parts)}), ${m.doc.clients} Yjs client ids; ` +
			`load ${m.doc.loadMs} ms, encode whole ${m.doc.encodeMs} ms`,
		`  commands (ms):\n` +
			Object.entries(m.commands)
				.map(
					([k, c]) =>
						`    ${k} ×${c.count} p50 ${c.p50} p90 ${c.p90} max ${c.max} (first 100: ${c.first100}, last 100: ${c.last100})`
				)
				.join('\n'),
		`Generated in ${(m.timings['total']! / 1000).toFixed(1)} s.`
	];
	return lines.join('\n');
}

const options = optionsFrom(process.argv.slice(2));
console.log(`Generating (seed ${options.seed}) …`);
const manifest = await generateMeeting({ ...options, log: (line) => console.log(line) });
console.log(describe(manifest));
