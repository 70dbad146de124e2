// The outputs (issue 6) from the seeded demo meeting on a real SQLite file: the text round trip, every
// document in every format for everyone in the meeting, each download an event, group drafts in none,
// the deleted and bracketed text, the adopted stamp, and refusals that say what was wrong.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '#lib/server/db/index.ts';
import { events, participants, textUnits, users } from '#lib/server/db/schema.ts';
import { DEMO_MEETING_ID } from '#lib/server/demo/seed.ts';
import { loadDraftText } from '#lib/server/meetings/text-store.ts';
import { draftAmendment, tableAmendment } from '#lib/server/amendments/commands.ts';
import { setPosition } from '#lib/server/amendments/positions.ts';
import { decideUnit } from '#lib/server/decisions/commands.ts';
import { adoptConclusions } from '#lib/server/decisions/conclusions.ts';
import { downloadOutput, outputRequest } from '#lib/server/outputs/download.ts';
import { CommandError } from '#lib/server/command-error.ts';
import { toImportJson } from '#lib/domain/import-json.ts';
import { parsePlainText } from '#lib/domain/import-text.ts';
import { importDocx } from '#lib/server/docx-import/index.ts';
import { FORMATS_OF, OUTPUT_WHATS } from '#lib/domain/outputs/model.ts';
import { refusalAsync } from '../support/refusal.ts';
import { demoCopies } from './demo-copy.ts';
import { outputText, pdfText } from './output-text.ts';
import { unitIdByReference } from './unit-ref.ts';

const M = DEMO_MEETING_ID;
const demo = demoCopies();
let db: Db;
beforeEach(() => (db = demo.db));
const u = (username: string) => demo.user(username);

const FIXTURE = fs.readFileSync(
	new URL('../../src/lib/server/demo/ttmlm-2013-conclusions.txt', import.meta.url),
	'utf8'
);
const XSD = fileURLToPath(new URL('../fixtures/akn/akomantoso30.xsd', import.meta.url));

const ALL = OUTPUT_WHATS.flatMap((what) => FORMATS_OF[what].map((format) => ({ what, format })));

function download(username: string | null, what: string, format: string, lineNumbers = false) {
	return downloadOutput(db, username ? u(username) : null, M, outputRequest(what, format, lineNumbers));
}
const textOf = async (what: string, format: string, username: string | null = 'observer') =>
	outputText(format, (await download(username, what, format)).bytes);

const unitId = (reference: string) => unitIdByReference(db, M, reference);
const downloads = () =>
	db
		.select()
		.from(events)
		.where(and(eq(events.meetingId, M), eq(events.type, 'output.downloaded')))
		.orderBy(asc(events.seq))
		.all();

function validates(xml: Uint8Array): { ok: boolean; message: string } {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dr-akn-'));
	try {
		const file = path.join(dir, 'doc.xml');
		fs.writeFileSync(file, xml);
		const run = spawnSync('xmllint', ['--noout', '--schema', XSD, file], { encoding: 'utf8' });
		return { ok: run.status === 0, message: run.stderr };
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

describe('the conclusions as plain text', () => {
	it('reproduce the imported fixture exactly (the demo meeting imports it)', async () => {
		const file = await download('observer', 'conclusions', 'txt');
		expect(new TextDecoder().decode(file.bytes)).toBe(FIXTURE);
		expect(file.contentType).toBe('text/plain; charset=utf-8');
		expect(file.filename).toMatch(
			/^tripartite-technical-meeting-on-labour-migration-conclusions-draft-\d{4}-\d{2}-\d{2}\.txt$/
		);
	});

	it('leave deleted paragraphs out and number the rest again; bracketed words show in brackets', async () => {
		const second = unitId('2');
		const third = loadDraftText(db, M).text.body.filter((b) => b.kind === 'paragraph')[2]!;
		await decideUnit(db, u('chair'), M, second, { type: 'delete' });
		const target = unitId('3');
		const words = 'Office';
		const start = db.select().from(textUnits).where(eq(textUnits.id, target)).get()!.text.indexOf(words);
		await decideUnit(db, u('chair'), M, target, { type: 'bracket', start, end: start + words.length });
		const txt = await textOf('conclusions', 'txt');
		const deleted = loadDraftText(db, M).text.body.find((b) => b.id === second)!;
		// 2(i), gone with its paragraph ('The Office should:' itself opens other paragraphs too).
		const deletedText = deleted.kind === 'paragraph' ? deleted.subparagraphs[0]!.text : '';
		expect(deletedText.length).toBeGreaterThan(40);
		expect(txt).not.toContain(deletedText);
		expect(txt).toContain(`2. ${third.text.slice(0, 40)}`);
		expect(txt.match(/^\d+\. /gm)).toHaveLength(8);
		expect(txt).toContain('[Office]');
		// The same in the HTML and the PDF: one model behind every format.
		expect(await textOf('conclusions', 'html')).toContain('[Office]');
		expect(await textOf('conclusions', 'html')).not.toContain(deletedText);
	});
});

describe('the conclusions as DOCX, read back by our Word import', () => {
	it('have the same headings, paragraphs, numbers, subparagraphs and footnote as the fixture', async () => {
		const file = await download('emp-member', 'conclusions', 'docx');
		const back = importDocx(file.bytes);
		if (!back.ok) throw new Error(back.error);
		const fixture = parsePlainText(FIXTURE);
		if (!fixture.ok) throw new Error(fixture.error);
		const read = toImportJson(back.text);
		const expected = toImportJson(fixture.text);
		expect(read.body).toEqual(expected.body);
		expect(read.footnotes).toEqual(expected.footnotes);
		// Above the title the export prints the meeting, its place and dates, and the stamp, which the
		// importer reads as the first lines; the preamble's clauses follow as imported.
		expect(read.preamble.slice(-expected.preamble.length)).toEqual(expected.preamble);
		expect([read.title, ...read.preamble].join('\n')).toContain('Conclusions[^1]');
	});
});

describe('every output', () => {
	it('comes in each of its formats to everyone in the meeting, and each download is an event', async () => {
		const before = downloads().length;
		for (const { what, format } of ALL) {
			const file = await download('wkr-member', what, format);
			expect(file.bytes.length, `${what}.${format}`).toBeGreaterThan(200);
			expect(file.filename.endsWith(format === 'akn' ? '.akn.xml' : `.${format}`)).toBe(true);
		}
		// The draft conclusions are valid Akoma Ntoso too (the adopted ones: below).
		expect(validates((await download('wkr-member', 'conclusions', 'akn')).bytes).ok).toBe(true);
		const after = downloads().slice(before, before + ALL.length);
		expect(after.map((e) => `${e.payload['what']}.${e.payload['format']}`)).toEqual(
			ALL.map((x) => `${x.what}.${x.format}`)
		);
		const member = u('wkr-member');
		expect(after.every((e) => e.actorUserId === member.id && e.actorGroup === 'workers')).toBe(true);
		// The command line's are the operator's: no user.
		await download(null, 'conclusions', 'txt');
		expect(downloads().at(-1)).toMatchObject({ actorUserId: null, payload: { via: 'cli' } });
	});

	it('is refused to someone outside the meeting (404), and a wrong request says what was wrong', async () => {
		db.insert(users)
			.values({ id: 'stranger', username: 'stranger', displayName: 'S', passwordHash: 'x' })
			.run();
		const before = downloads().length;
		expect(
			await refusalAsync(() => downloadOutput(db, { id: 'stranger' }, M, outputRequest('conclusions', 'pdf')))
		).toEqual({
			status: 404,
			key: 'policy.notMember'
		});
		const refused = (what: string, format: string) => {
			try {
				outputRequest(what, format);
			} catch (e) {
				if (e instanceof CommandError) return { status: e.status, key: e.key };
			}
			return null;
		};
		expect(refused('minutes', 'pdf')).toEqual({ status: 400, key: 'outputs.refusal.unknownWhat' });
		expect(refused('conclusions', 'rtf')).toEqual({ status: 400, key: 'outputs.refusal.unknownFormat' });
		expect(refused('proceedings', 'txt')).toEqual({ status: 400, key: 'outputs.refusal.notOffered' });
		expect(refused('proceedings', 'akn')).toEqual({ status: 400, key: 'outputs.refusal.notOffered' });
		expect(downloads().length).toBe(before);
	});
});

describe('group drafts', () => {
	it("never appear in any output made by anyone, while a tabled amendment's words do", async () => {
		const secret = 'Zanzibar clause known only to the Workers';
		const open = 'Quetzal wording tabled for all to see';
		await draftAmendment(db, u('wkr-member'), M, {
			proposal: { kind: 'change_wording', targetId: unitId('3(i)'), text: secret },
			justification: `Because of the ${secret}.`
		});
		const tabled = await draftAmendment(db, u('emp-member'), M, {
			proposal: { kind: 'change_wording', targetId: unitId('5(ii)'), text: open }
		});
		await tableAmendment(db, u('emp-secretary'), M, tabled, 'group');
		const people = db
			.select({ username: users.username })
			.from(participants)
			.innerJoin(users, eq(users.id, participants.userId))
			.where(eq(participants.meetingId, M))
			.all()
			.map((p) => p.username);
		expect(people).toHaveLength(12);
		for (const who of [...people, null])
			for (const { what, format } of ALL) {
				const text = await textOf(what, format, who);
				expect(text, `${what}.${format} for ${who ?? 'the command line'}`).not.toContain('Zanzibar');
				if (what === 'amendments') expect(text.replace(/\s+/g, ' ')).toContain('Quetzal');
			}
	}, 120_000);
});

describe('the list of amendments', () => {
	it('lists tabled amendments in text order with the three positions and the outcome, and validates as AKN', async () => {
		const later = await draftAmendment(db, u('emp-member'), M, {
			proposal: { kind: 'change_wording', targetId: unitId('7'), text: 'Later words & <more>.' }
		});
		await tableAmendment(db, u('emp-secretary'), M, later, 'group');
		const earlier = await draftAmendment(db, u('wkr-member'), M, {
			proposal: { kind: 'change_wording', targetId: unitId('2(i)'), text: 'Earlier words.' }
		});
		await tableAmendment(db, u('wkr-secretary'), M, earlier, 'group');
		await setPosition(
			db,
			u('wkr-spokesperson'),
			M,
			{ kind: 'amendment', amendmentId: earlier },
			'workers',
			'support'
		);
		await setPosition(
			db,
			u('emp-spokesperson'),
			M,
			{ kind: 'amendment', amendmentId: earlier },
			'employers',
			'oppose'
		);
		const html = await textOf('amendments', 'html');
		// D.2 amends 2(i), D.1 amends 7: text order puts D.2 first.
		expect(html.indexOf('id="D.2"')).toBeGreaterThan(0);
		expect(html.indexOf('id="D.2"')).toBeLessThan(html.indexOf('id="D.1"'));
		const d2 = html.slice(html.indexOf('id="D.2"'), html.indexOf('id="D.1"'));
		expect(d2).toContain('Paragraph 2(i)');
		expect(d2).toContain('Workers’ group');
		expect(d2).toContain('<td>Oppose</td><td>Support</td>');
		expect(d2).toContain('Pending (Tabled)');
		expect(d2).toContain('<ins>');
		expect(html).toContain('Later words &amp; &lt;more&gt;.');
		const akn = await download('observer', 'amendments', 'akn');
		expect(validates(akn.bytes)).toEqual({ ok: true, message: expect.stringContaining('validates') });
	});
});

describe('the adopted conclusions', () => {
	it('carry their adoption date, in every format, and validate as AKN', async () => {
		const units = db.select().from(textUnits).where(eq(textUnits.meetingId, M)).all();
		for (const unit of units.filter((x) => ['preamble', 'paragraph', 'subparagraph'].includes(x.kind)))
			await decideUnit(db, u('chair'), M, unit.id, { type: 'adopt', asAmended: false });
		await adoptConclusions(db, u('chair'), M);
		const html = await download('gov-kenya', 'conclusions', 'html');
		expect(html.filename).toMatch(/-conclusions-adopted-\d{4}-\d{2}-\d{2}\.html$/);
		const page = new TextDecoder().decode(html.bytes);
		expect(page).toMatch(/data-stamp="adopted"/);
		expect(page).toMatch(/Adopted on \d{1,2} \w+ \d{4}/);
		expect(page).not.toMatch(/Draft,/);
		const pdf = pdfText((await download('gov-kenya', 'conclusions', 'pdf')).bytes);
		expect(pdf).toMatch(/Adopted on \d{1,2} \w+ \d{4}/);
		expect(pdf).not.toContain('Draft');
		const akn = await download('gov-kenya', 'conclusions', 'akn');
		expect(validates(akn.bytes).ok).toBe(true);
		// Downloads go on after adoption, and are recorded.
		expect(downloads().map((e) => e.payload['stamp'])).toEqual(['adopted', 'adopted', 'adopted']);
	}, 60_000);
});
