// OUT-7 (issue 11, point 5): every output in every format stays valid for any text stored in a meeting,
// whatever a user typed or an older import left there: `&` and what looks like an entity, markup,
// control characters, lone surrogates, bidi controls, joiners, emoji and 10,000-character words.
// Each file is read back by the program the output tests use for its format: xmllint (the Akoma Ntoso
// schema; every XML part of a DOCX), LibreOffice, pdftotext, an HTML parser, and our own text importer.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { DOMParser, type Element as XmlElement, type Node as XmlNode } from '@xmldom/xmldom';
import { unzipSync } from 'fflate';
import type { Db } from '#lib/server/db/index.ts';
import { amendments, events, meetings, textUnits, users } from '#lib/server/db/schema.ts';
import { DEMO_MEETING_ID } from '#lib/server/demo/seed.ts';
import { loadDraftText } from '#lib/server/meetings/text-store.ts';
import { draftAmendment, tableAmendment } from '#lib/server/amendments/commands.ts';
import { recordStatement } from '#lib/server/decisions/statements.ts';
import { downloadOutput, outputRequest } from '#lib/server/outputs/download.ts';
import { byEid, one, parse, text as textOf, validate } from '#lib/server/outputs/akn/test-support.ts';
import { parsePlainText } from '#lib/domain/import-text.ts';
import { toImportJson } from '#lib/domain/import-json.ts';
import { FORMATS_OF, OUTPUT_WHATS, type OutputFormat, type OutputWhat } from '#lib/domain/outputs/model.ts';
import type { DraftText } from '#lib/domain/text.ts';
import { seededRandom } from '../support/seeded-random.ts';
import { demoCopies } from './demo-copy.ts';
import { libreOfficeTexts } from './libreoffice.ts';
import { pdfText } from './output-text.ts';
import { tempDir } from './temp-dir.ts';
import { unitIdByReference } from './unit-ref.ts';

const M = DEMO_MEETING_ID;
const demo = demoCopies();
const u = (username: string) => demo.user(username);

// ---------------------------------------------------------------------------------------------------
// The rule, written out here independently of the code under test: what every output shows of a text.

const SPACES = new Set([0x09, 0x0a, 0x0d, 0x0b, 0x0c, 0x85, 0x2028, 0x2029]);

/** OUT-7: tabs and line breaks become a space; other controls, lone surrogates and U+FFFE/U+FFFF U+FFFD. */
function shown(s: string): string {
	let out = '';
	// for…of walks code points: a well-formed pair is one, a lone surrogate stands alone.
	for (const ch of s) {
		const cp = ch.codePointAt(0)!;
		if (SPACES.has(cp)) out += ' ';
		else if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) out += '\uFFFD';
		else if ((cp >= 0xd800 && cp <= 0xdfff) || cp === 0xfffe || cp === 0xffff) out += '\uFFFD';
		else out += ch;
	}
	return out;
}

/** A character no output file may hold (XML 1.0's excluded characters, C1 controls, lone surrogates). */
const FORBIDDEN =
	// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's purpose
	/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u;
const forbiddenIn = (s: string) => {
	const m = FORBIDDEN.exec(s);
	return m ? `U+${m[0].codePointAt(0)!.toString(16).toUpperCase()} at ${m.index}` : null;
};

// ---------------------------------------------------------------------------------------------------
// Hostile strings from a seed.

const C0 = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i));
const C1 = Array.from({ length: 33 }, (_, i) => String.fromCharCode(0x7f + i));
const ATOMS = [
	'&',
	'<',
	'>',
	'"',
	"'",
	'&amp;',
	'&lt;',
	'&nbsp;',
	'Non&nbsp;breaking',
	'R&D;',
	'&#0;',
	'&#x1F;',
	'&#38;',
	'&#xD800;',
	']]>',
	'<![CDATA[',
	'<!--',
	'-->',
	'<?xml version="1.0"?>',
	'<b>bold</b>',
	'</p></div>',
	'<script>alert(1)</script>',
	'<img src=x onerror=alert(1)>',
	'\t',
	'\r\n',
	'\u2028',
	'\u2029',
	'\ud800',
	'\udfff',
	'\ufffe',
	'\uffff',
	'\u200f',
	'\u202e',
	'\u202c',
	'\u2066',
	'\u2069',
	'\u200d',
	'\u200c',
	'\u200b',
	'\ufeff',
	'\u00a0',
	'e\u0301',
	'😀',
	'👩‍👩‍👧',
	'🏳️‍🌈',
	'👍🏽',
	'中文',
	'العربية',
	'עברית',
	'#set text(red)',
	'$x^2$',
	'*bold*',
	'_under_',
	'`raw`',
	'@label',
	'\\',
	'//',
	'/*',
	'{"a":"}"}',
	'%s',
	'~'
];
const LONG_ALPHABET = [
	...'abcdefghijklmnopqrstuvwxyz',
	'é',
	'ß',
	'Ω',
	'&',
	'<',
	'>',
	';',
	'#',
	'😀',
	'\u200d'
];

/** The kinds of character OUT-7 is about, each with a pattern to find it and examples to plant. */
const KINDS: { name: string; pattern: RegExp; examples: string[] }[] = [
	{
		name: 'C0 control',
		// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's purpose
		pattern: /[\u0000-\u0008\u000e-\u001f]/,
		examples: ['\u0000', '\u0001', '\u0008', '\u001b', '\u001f']
	},
	{
		name: 'line break',
		pattern: /[\n\r\v\f\u0085\u2028\u2029]/,
		examples: ['\n', '\r', '\v', '\f', '\u0085']
	},
	{
		name: 'DEL or C1 control',
		pattern: /[\u007f-\u0084\u0086-\u009f]/,
		examples: ['\u007f', '\u0080', '\u009f']
	},
	{
		name: 'lone surrogate',
		pattern: /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/,
		examples: ['\ud800', '\udbff', '\udc00', '\udfff']
	},
	{ name: 'U+FFFE or U+FFFF', pattern: /[\ufffe\uffff]/, examples: ['\ufffe', '\uffff'] },
	{ name: 'bidi override', pattern: /[\u202a-\u202e]/, examples: ['\u202e', '\u202d', '\u202b'] },
	{ name: 'joined emoji', pattern: /\u200d/, examples: ['👩‍👩‍👧', '🏳️‍🌈'] },
	{ name: 'entity', pattern: /&(#x?[0-9a-f]+|[a-z]+);/i, examples: ['&nbsp;', '&#0;', '&#x1F;', 'R&D;'] },
	{ name: 'markup', pattern: /<[a-z!?/]/i, examples: ['<b>', '<![CDATA[', '</p>', '<?x?>'] },
	{ name: 'CDATA end', pattern: /\]\]>/, examples: [']]>'] }
];

function generator(seed: number) {
	const rand = seededRandom(seed);
	const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
	const letters = (n: number) =>
		Array.from({ length: n }, () => pick([...'abcdefghijklmnopqrstuvwxyz'])).join('');
	let markers = 0;
	const atom = (): string => {
		const r = rand();
		if (r < 0.12) return pick(C0);
		if (r < 0.18) return pick(C1);
		if (r < 0.24) return `&${letters(1 + Math.floor(rand() * 6))};`;
		if (r < 0.28) return `&#${Math.floor(rand() * 70_000)};`;
		if (r < 0.32) return `&#x${Math.floor(rand() * 0x110000).toString(16)};`;
		return pick(ATOMS);
	};
	const longWord = () => {
		let w = '';
		while (w.length < 10_000) w += pick(LONG_ALPHABET);
		// Cut at 10,000 code units, even through an emoji's pair: a lone surrogate is hostile too.
		return w.slice(0, 10_000);
	};
	return {
		/** A word only letters, unique in the meeting, that every reader must find where it was put. */
		marker: () => `Qk${seed}${letters(3)}${String.fromCharCode(97 + (markers++ % 26))}${letters(2)}`,
		/** `long`: with a 10,000-character word; `every`: with one character of each of KINDS. */
		hostile(options: { long?: boolean; every?: boolean } = {}): string {
			const parts = Array.from({ length: 6 + Math.floor(rand() * 20) }, atom);
			if (options.every)
				for (const kind of KINDS) parts.splice(Math.floor(rand() * parts.length), 0, pick(kind.examples));
			if (options.long) parts.splice(Math.floor(rand() * parts.length), 0, ` ${longWord()} `);
			return parts.map((p) => (rand() < 0.5 ? p : ` ${p}`)).join('');
		}
	};
}

interface Slot {
	/** Where the string went, for messages. */
	where: string;
	before: string;
	after: string;
	/** As stored. */
	value: string;
	/** The documents that show it. */
	in: OutputWhat[];
}

interface Planted {
	slots: Slot[];
	/** The meeting's text as stored, to compare the plain text's re-import with. */
	stored: DraftText;
	justification: string;
	paragraph1Id: string;
	/** The Employers' amendment: its code, and the slot of its wording. */
	code: string;
	wording: Slot;
}

const framedOf = (s: Slot) => `${s.before} ${s.value} ${s.after}`;

function setUnit(db: Db, id: string, text: string) {
	db.update(textUnits).set({ text }).where(eq(textUnits.id, id)).run();
}

/**
 * Puts hostile strings into the demo meeting: its name and venue, the title, a footnote (with a hostile
 * label), a preamble clause, a heading, paragraph 1 (a 10,000-character word in it), a subparagraph, a
 * tabled Employers' amendment (wording with a long word, justification), a national amendment (the
 * member State's name), and a statement by a member whose name is hostile. Unit texts, names and the
 * amendment's columns are written straight into the database, as an older import or a careless script
 * might have; the rest goes through the commands.
 */
async function plant(db: Db, seed: number): Promise<Planted> {
	const g = generator(seed);
	const slots: Slot[] = [];
	const slot = (where: string, inDocs: OutputWhat[], options: { long?: boolean; every?: boolean } = {}) => {
		const s = { where, before: g.marker(), after: g.marker(), value: g.hostile(options), in: inDocs };
		slots.push(s);
		return s;
	};
	const framed = framedOf;
	const everywhere: OutputWhat[] = ['conclusions', 'amendments', 'proceedings'];

	const name = slot('meeting name', everywhere);
	const venue = slot('venue', everywhere);
	db.update(meetings)
		.set({ title: `Meeting ${framed(name)}`, venue: framed(venue) })
		.where(eq(meetings.id, M))
		.run();

	const { text } = loadDraftText(db, M);
	const label = `n&b;<"'>${seed}`;
	const title = slot('title', ['conclusions']);
	setUnit(db, text.title!.id, `${framed(title)} Conclusions[^${label}]`);
	const note = text.footnotes[0]!;
	const noteSlot = slot('footnote', ['conclusions']);
	db.update(textUnits)
		.set({ label, text: `${note.text} ${framed(noteSlot)} ${g.hostile()}` })
		.where(eq(textUnits.id, note.id))
		.run();
	const clause = text.preamble[2]!;
	setUnit(db, clause.id, `${framed(slot('preamble clause', ['conclusions']))} ${clause.text}`);
	const heading = text.body.find((b) => b.kind === 'heading')!;
	setUnit(db, heading.id, `${framed(slot('heading', ['conclusions']))} ${heading.text}`);
	const p1 = unitIdByReference(db, M, '1');
	const p1Slot = slot('paragraph 1', ['conclusions'], { long: true, every: true });
	setUnit(db, p1, `${framed(p1Slot)} ${loadDraftText(db, M).text.body.find((b) => b.id === p1)!.text}`);
	const sub = unitIdByReference(db, M, '2(i)');
	const subText = db.select().from(textUnits).where(eq(textUnits.id, sub)).get()!.text;
	// A hostile tail: the block ends however the string ends (line breaks, controls, spaces).
	setUnit(db, sub, `${subText} ${framed(slot('subparagraph 2(i)', ['conclusions']))} ${g.hostile()}`);

	const wording = slot('amendment wording', ['amendments'], { long: true, every: true });
	const why = slot('justification', ['amendments']);
	const tabled = await draftAmendment(db, u('emp-member'), M, {
		proposal: { kind: 'change_wording', targetId: unitIdByReference(db, M, '3'), text: 'Placeholder.' }
	});
	const code = await tableAmendment(db, u('emp-secretary'), M, tabled, 'group');
	db.update(amendments)
		.set({ proposedText: framed(wording), justification: framed(why) })
		.where(eq(amendments.id, tabled))
		.run();

	const country = slot('member State', ['amendments', 'proceedings']);
	const national = await draftAmendment(db, u('gov-kenya'), M, {
		proposal: { kind: 'change_wording', targetId: unitIdByReference(db, M, '4'), text: 'Kenyan words.' }
	});
	await tableAmendment(db, u('gov-kenya'), M, national, 'national');
	db.update(amendments)
		.set({ tabledCountry: framed(country) })
		.where(eq(amendments.id, national))
		.run();

	const speaker = slot('speaker name', ['proceedings']);
	db.update(users)
		.set({ displayName: framed(speaker) })
		.where(eq(users.id, u('wkr-member').id))
		.run();
	// Statements are checked (STM-4: at most 5,000 characters, trimmed) but may hold any character.
	const said = slot('statement', ['proceedings'], { every: true });
	// A Government member is named by the country; others by their name (en-record.ts).
	await recordStatement(db, u('wkr-member'), M, {
		kind: 'interpretive',
		subject: { kind: 'unit', unitId: p1 },
		speakerUserId: u('wkr-member').id,
		onBehalfOfGroup: false,
		text: framed(said)
	});

	return {
		slots,
		stored: loadDraftText(db, M).text,
		justification: framed(why),
		paragraph1Id: p1,
		code,
		wording
	};
}

// ---------------------------------------------------------------------------------------------------
// The readers.

/** `xmllint --noout` on every XML part of a DOCX: '' when all are well-formed, else what xmllint said. */
function docxPartsProblems(docx: Uint8Array): string {
	const parts = Object.entries(unzipSync(docx)).filter(([name]) => /\.(xml|rels)$/.test(name));
	expect(parts.map(([name]) => name)).toContain('word/document.xml');
	return tempDir('dr-docx-parts-', (dir) => {
		const files = parts.map(([name, data], i) => {
			const file = path.join(dir, `${i}-${name.replace(/[^\w.]+/g, '_')}`);
			fs.writeFileSync(file, data);
			return file;
		});
		const run = spawnSync('xmllint', ['--noout', ...files], { encoding: 'utf8' });
		if (run.error) throw run.error;
		return run.status === 0 ? '' : run.stderr || `xmllint exited ${run.status}`;
	});
}

/** The file parsed as HTML or as XML by xmldom; every complaint of the parser is collected. */
function parseAs(file: string, type: 'text/html' | 'text/xml') {
	const complaints: string[] = [];
	const doc = new DOMParser({
		onError: (level, message) => {
			// xmldom warns of every U+FFFD as a sign of a wrong encoding; here it is OUT-7's replacement.
			if (level === 'warning' && /replacement character/.test(message)) return;
			complaints.push(`${level}: ${message}`);
		}
	}).parseFromString(file, type);
	return { doc, complaints };
}

/** The stored text as every output must show it (OUT-7): each block one trimmed line. */
function shownText(text: DraftText): DraftText {
	const block = <T extends { text: string }>(b: T): T => ({ ...b, text: shown(b.text).trim() });
	return {
		...text,
		title: text.title ? block(text.title) : null,
		preamble: text.preamble.map(block),
		body: text.body.map((item) =>
			item.kind === 'paragraph'
				? { ...block(item), subparagraphs: item.subparagraphs.map(block) }
				: block(item)
		),
		footnotes: text.footnotes.map((f) => ({ ...block(f), label: shown(f.label) }))
	};
}

const squash = (s: string) => s.replace(/\s+/g, ' ');

/** The text under `node`, leaving out the elements `skip` names: the proposal, without what it deletes. */
function textWithout(node: XmlNode, skip: (el: XmlElement) => boolean): string {
	if (node.nodeType === node.TEXT_NODE) return node.nodeValue ?? '';
	if (node.nodeType === node.ELEMENT_NODE && skip(node as XmlElement)) return '';
	return Array.from(node.childNodes)
		.map((c) => textWithout(c, skip))
		.join('');
}

/** The wording an amendment proposes, as the list shows its change: the words kept and those inserted. */
function proposedIn(row: XmlElement, format: 'html' | 'akn'): string {
	const cells = Array.from(row.getElementsByTagName(format === 'html' ? 'td' : 'p'));
	const change = cells.find((c) => c.getElementsByTagName('ins').length > 0);
	if (!change) throw new Error('no change with an insertion');
	const hidden = (el: XmlElement) =>
		el.localName === 'del' ||
		el.getAttribute('class') === 'visually-hidden' ||
		el.getAttribute('class') === 'justification';
	return textWithout(change, hidden);
}

async function download(db: Db, what: OutputWhat, format: OutputFormat) {
	return (await downloadOutput(db, u('observer'), M, outputRequest(what, format))).bytes;
}

// ---------------------------------------------------------------------------------------------------

describe('OUT-7: outputs stay valid for any text', () => {
	it('OUT-7: "R&D; costs &#0;" in a paragraph and "Non&nbsp;breaking" in a tabled amendment give valid Akoma Ntoso that reads them back', async () => {
		const db = demo.db;
		const p1 = unitIdByReference(db, M, '1');
		const typed = `${db.select().from(textUnits).where(eq(textUnits.id, p1)).get()!.text} R&D; costs &#0;`;
		setUnit(db, p1, typed);
		const tabled = await draftAmendment(db, u('wkr-member'), M, {
			proposal: {
				kind: 'change_wording',
				targetId: unitIdByReference(db, M, '2(i)'),
				text: 'Non&nbsp;breaking words.'
			},
			justification: 'Because R&D; matters & <always> will.'
		});
		await tableAmendment(db, u('wkr-secretary'), M, tabled, 'group');

		const conclusions = new TextDecoder().decode(await download(db, 'conclusions', 'akn'));
		expect(validate(conclusions).output).toContain('validates');
		expect(textOf(byEid(parse(conclusions), 'para_1'))).toContain(typed);

		const list = new TextDecoder().decode(await download(db, 'amendments', 'akn'));
		expect(validate(list).output).toContain('validates');
		const root = parse(list);
		expect(textOf(root)).toContain('Non&nbsp;breaking words.');
		expect(textOf(root)).toContain('Because R&D; matters & <always> will.');
	});

	const SEEDS = [1, 2, 3];
	it.each(SEEDS)(
		'OUT-7: seed %i: hostile strings in a meeting’s texts, names, amendment and statement, through every format of every document',
		async (seed) => {
			const db = demo.db;
			const planted = await plant(db, seed);
			// What the outputs start from holds every kind of character (a lone surrogate survives only in
			// the event log's JSON: SQLite's UTF-8 text columns make it U+FFFD on the way in).
			const stored = [
				planted.stored.body.find((b) => b.id === planted.paragraph1Id)!.text,
				db.select().from(amendments).where(eq(amendments.code, planted.code)).get()!.proposedText!,
				...db
					.select()
					.from(events)
					.where(eq(events.type, 'statement.made'))
					.all()
					.map((e) => String(e.payload['text']))
			];
			for (const kind of KINDS)
				expect(
					stored.some((x) => kind.pattern.test(x)),
					`seed ${seed}: a ${kind.name} reaches the outputs`
				).toBe(true);
			const expectedText = shownText(planted.stored);
			for (const what of OUTPUT_WHATS) {
				const slots = planted.slots.filter((s) => s.in.includes(what));
				for (const format of FORMATS_OF[what]) {
					const label = `seed ${seed}, ${what}.${format}`;
					const bytes = await download(db, what, format);
					if (format === 'pdf') {
						const words = squash(pdfText(bytes));
						for (const s of slots) {
							expect(words, `${label}: the word before the ${s.where}`).toContain(s.before);
							expect(words, `${label}: the word after the ${s.where}`).toContain(s.after);
						}
						continue;
					}
					if (format === 'docx') {
						expect(docxPartsProblems(bytes), `${label}: xmllint on its XML parts`).toBe('');
						continue;
					}
					const file = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
					expect(forbiddenIn(file), `${label}: a character the format forbids`).toBeNull();
					if (format === 'akn') {
						const result = validate(file);
						expect(result.output, `${label}: xmllint --schema`).toContain('validates');
						const { doc, complaints } = parseAs(file, 'text/xml');
						expect(complaints, `${label}: the XML parser's complaints`).toEqual([]);
						const root = doc.documentElement!;
						for (const s of slots.filter((x) => x !== planted.wording))
							expect(textOf(root), `${label}: the ${s.where}`).toContain(shown(s.value));
						if (what === 'conclusions')
							expect(textOf(one(byEid(root, 'para_1'), 'p'))).toBe(
								expectedText.body.find((b) => b.id === planted.paragraph1Id)!.text
							);
						else {
							const component = Array.from(root.getElementsByTagName('component')).find((c) =>
								Array.from(c.getElementsByTagName('docNumber')).some((n) => textOf(n) === planted.code)
							)!;
							expect(proposedIn(component, 'akn'), `${label}: the amendment's wording`).toBe(
								shown(framedOf(planted.wording))
							);
							expect(textOf(root)).toContain(shown(planted.justification));
						}
					}
					if (format === 'html') {
						const { doc, complaints } = parseAs(file, 'text/html');
						expect(complaints, `${label}: the HTML parser's complaints`).toEqual([]);
						// Markup in the text stays text: no element came from it.
						expect(doc.getElementsByTagName('script').length).toBe(0);
						expect(doc.getElementsByTagName('img').length).toBe(0);
						expect(doc.getElementsByTagName('b').length).toBe(0);
						const page = doc.documentElement?.textContent ?? '';
						for (const s of slots.filter((x) => x !== planted.wording))
							expect(page, `${label}: the ${s.where}`).toContain(shown(s.value));
						if (what === 'amendments') {
							const row = Array.from(doc.getElementsByTagName('tr')).find(
								(r) => r.getAttribute('id') === planted.code
							)!;
							expect(proposedIn(row, 'html'), `${label}: the amendment's wording`).toBe(
								shown(framedOf(planted.wording))
							);
						}
					}
					if (format === 'txt') {
						const back = parsePlainText(file);
						if (!back.ok) throw new Error(`${label}: the import refused the text: ${back.error}`);
						expect(back.warnings.filter((w) => w.code === 'control-character')).toEqual([]);
						expect(toImportJson(back.text)).toEqual(toImportJson(expectedText));
					}
				}
			}
		},
		60_000
	);

	it('OUT-7: LibreOffice reads the DOCX of every document holding the hostile strings', async () => {
		const db = demo.db;
		const planted = await plant(db, 4);
		const files = Object.fromEntries(
			await Promise.all(OUTPUT_WHATS.map(async (what) => [what, await download(db, what, 'docx')] as const))
		);
		for (const [what, bytes] of Object.entries(files))
			expect(docxPartsProblems(bytes), `${what}.docx: xmllint on its XML parts`).toBe('');
		const texts = libreOfficeTexts(files);
		for (const what of OUTPUT_WHATS) {
			const words = squash(texts[what]!);
			// LibreOffice's text export leaves footnotes out (docx-libreoffice.test.ts).
			for (const s of planted.slots.filter((x) => x.in.includes(what) && x.where !== 'footnote')) {
				expect(words, `${what}.docx: the word before the ${s.where}`).toContain(s.before);
				expect(words, `${what}.docx: the word after the ${s.where}`).toContain(s.after);
			}
		}
	}, 180_000);
});
