// The words of the large meeting, made from the one real text we have (the 2013 conclusions in
// src/lib/server/demo/): a plain-text Office draft with N numbered paragraphs, as the secretariat would
// paste it, and realistic changes of wording for the amendments. Everything is drawn from a seeded PRNG,
// so a seed always gives the same draft and the same amendments.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prng from 'lib0/prng';
import { parsePlainText } from '#lib/domain/import-text.ts';
import { toRoman } from '#lib/domain/numbering.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The demo seed's copy of the 2013 conclusions, the same text the tests read. */
const FIXTURE = path.resolve(ROOT, 'src/lib/server/demo/ttmlm-2013-conclusions.txt');

export type Random = prng.PRNG;

export const createRandom = (seed: number): Random => prng.create(seed);
export const int = (r: Random, min: number, max: number): number => prng.int32(r, min, max);
export const real = (r: Random): number => prng.real53(r);
export const pick = <T>(r: Random, items: readonly T[]): T => items[int(r, 0, items.length - 1)]!;
export const chance = (r: Random, p: number): boolean => real(r) < p;

/** The pieces of the real conclusions: title, preamble, headings, paragraphs, subparagraphs, footnote. */
interface Pieces {
	source: string;
	title: string;
	preamble: string[];
	headings: string[];
	/** Paragraphs without subparagraphs: whole statements. */
	statements: string[];
	/** The sentences of those statements, to recombine. */
	sentences: string[];
	/** Introductory words of paragraphs with subparagraphs ("The Office should:"). */
	intros: string[];
	subparagraphs: string[];
	footnote: string;
}

function readPieces(): Pieces {
	const source = fs.readFileSync(FIXTURE, 'utf8');
	const parsed = parsePlainText(source);
	if (!parsed.ok) throw new Error(`the fixture does not import: ${parsed.error}`);
	const t = parsed.text;
	const paragraphs = t.body.flatMap((b) => (b.kind === 'paragraph' ? [b] : []));
	const statements = paragraphs.filter((p) => p.subparagraphs.length === 0).map((p) => p.text);
	return {
		source,
		title: t.title?.text ?? 'Conclusions',
		preamble: t.preamble.map((c) => c.text),
		headings: t.body.flatMap((b) => (b.kind === 'heading' ? [b.text] : [])),
		statements,
		sentences: statements.flatMap((s) => s.split(/(?<=\.)\s+(?=[A-Z])/)),
		intros: paragraphs.filter((p) => p.subparagraphs.length > 0).map((p) => p.text),
		subparagraphs: paragraphs.flatMap((p) => p.subparagraphs.map((s) => s.text)),
		footnote: t.footnotes[0]?.text ?? 'A footnote.'
	};
}

let cached: Pieces | null = null;
const pieces = (): Pieces => (cached ??= readPieces());

/** Sentences, drawn and joined, for a paragraph that is one statement. */
function statement(r: Random): string {
	const p = pieces();
	if (chance(r, 0.4)) return pick(r, p.statements);
	const n = int(r, 1, 3);
	const chosen = new Set<string>();
	while (chosen.size < n) chosen.add(pick(r, p.sentences));
	return [...chosen].join(' ');
}

/**
 * An Office draft in the plain-text shape the importer reads (IMP-n): the title, the preamble, and
 * `paragraphs` numbered paragraphs under headings; about 60% have 2–6 subparagraphs (i), (ii) …,
 * drawn from the real ones, and every fifth or so is varied by a change of wording.
 */
export function composeDraft(r: Random, paragraphs: number): string {
	const p = pieces();
	const lines: string[] = [`${p.title}[^1]`, ...p.preamble];
	let nextHeading = 0;
	for (let n = 1; n <= paragraphs; n++) {
		if (n === 1 || n >= nextHeading) {
			lines.push(pick(r, p.headings));
			nextHeading = n + int(r, 6, 14);
		}
		if (chance(r, 0.6)) {
			lines.push(`${n}. ${pick(r, p.intros)}`);
			const subs = int(r, 2, 6);
			for (let i = 0; i < subs; i++) {
				const s = pick(r, p.subparagraphs);
				lines.push(`(${toRoman(i + 1).toLowerCase()}) ${chance(r, 0.2) ? changeWording(r, s) : s}`);
			}
		} else {
			const s = statement(r);
			lines.push(`${n}. ${chance(r, 0.2) ? changeWording(r, s) : s}`);
		}
	}
	lines.push(`[^1]: ${p.footnote}`);
	return lines.join('\n\n') + '\n';
}

// Changes of wording as the groups make them: a qualifier added, a verb strengthened or softened, a
// clause struck out, a reference to the social partners or to standards inserted.
const SWAPS: readonly [string, string][] = [
	['should', 'shall'],
	['should', 'could'],
	['promote', 'strengthen'],
	['promote', 'encourage'],
	['support', 'assist'],
	['develop', 'design and implement'],
	['effective', 'efficient'],
	['important', 'key'],
	['migrant workers', 'all migrant workers'],
	['governments', 'member States'],
	['constituents', 'tripartite constituents'],
	['countries', 'member States'],
	['labour migration', 'fair labour migration'],
	['policies', 'policies and practices'],
	['rights', 'fundamental rights'],
	['enterprises', 'sustainable enterprises'],
	['research', 'evidence-based research'],
	['ensure', 'seek to ensure'],
	['facilitate', 'help facilitate'],
	['international labour standards', 'relevant international labour standards']
];

const INSERTS: readonly string[] = [
	'where appropriate',
	'upon their request',
	'in consultation with the social partners',
	'in line with national law and practice',
	'within available resources',
	'taking into account national circumstances',
	'with the full involvement of the social partners',
	'in accordance with relevant international labour standards',
	'with particular attention to women migrant workers',
	'as a matter of priority'
];

/** New paragraphs or subparagraphs proposed in full. */
const NEW_TEXTS: readonly string[] = [
	'Promote the collection of sex-disaggregated data on labour migration, in cooperation with national statistical offices.',
	'Assist member States, upon their request, in reviewing recruitment fees and related costs borne by migrant workers.',
	'Support the social partners in their efforts to organize and represent migrant workers, including in the informal economy.',
	'Report to the Governing Body on the implementation of these conclusions at its 322nd Session.',
	'Strengthen cooperation with regional economic communities on the mutual recognition of skills and qualifications.',
	'Ensure that labour migration policies are gender-responsive and address the specific needs of domestic workers.',
	'Promote fair recruitment initiatives that are developed and implemented with the social partners.'
];

/** The text with one to three changes of wording of the kinds above; never the text itself. */
export function changeWording(r: Random, text: string): string {
	let out = text;
	const changes = int(r, 1, 3);
	for (let c = 0; c < changes; c++) {
		const kind = int(r, 0, 9);
		if (kind < 5) {
			const options = SWAPS.filter(([from]) => out.includes(from));
			if (options.length) {
				const [from, to] = pick(r, options);
				const at = out.indexOf(from);
				out = out.slice(0, at) + to + out.slice(at + from.length);
				continue;
			}
		}
		if (kind < 8) {
			// A qualifier after a comma, or before the final full stop.
			const commas = [...out.matchAll(/, /g)].map((m) => m.index);
			const at = commas.length && chance(r, 0.6) ? pick(r, commas) : out.replace(/[.:;]\s*$/, '').length;
			out = `${out.slice(0, at)}, ${pick(r, INSERTS)}${out.slice(at)}`;
			continue;
		}
		// A clause struck out: from one comma to the next.
		const clauses = [...out.matchAll(/, [^,.;:]+(?=[,.;:])/g)];
		if (clauses.length) {
			const m = pick(r, clauses);
			out = out.slice(0, m.index) + out.slice(m.index + m[0].length);
		} else out = `${out.replace(/[.:;]\s*$/, '')}, ${pick(r, INSERTS)}.`;
	}
	return out === text ? `${text.replace(/[.:;]\s*$/, '')}, ${pick(r, INSERTS)}.` : out;
}

export function newText(r: Random): string {
	return chance(r, 0.5) ? pick(r, NEW_TEXTS) : changeWording(r, pick(r, pieces().subparagraphs));
}
