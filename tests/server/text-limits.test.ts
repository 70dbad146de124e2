// What a unit may hold and how much text there may be (TXT-7, TXT-8; VAL-16, VAL-17), end to end: the
// live server with the demo meeting, real y-websocket clients, the mirror, the stored log, and the
// plain-text export read back by the importer.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import { waitFor } from '../../server/collab/test-kit.ts';
import { amendments, collabUpdates, textUnits } from '#lib/server/db/schema.ts';
import { draftAmendment, tableAmendment } from '#lib/server/amendments/commands.ts';
import { groupDocName } from '#lib/server/collab-store/meeting-doc.ts';
import { tryCommand } from '#lib/server/guard.ts';
import { DEMO_MEETING_ID } from '#lib/server/demo/seed.ts';
import { downloadOutput, outputRequest } from '#lib/server/outputs/download.ts';
import { parsePlainText } from '#lib/domain/import-text.ts';
import { renderPlainText as exportedTextOf } from '#lib/domain/render-text.ts';
import { toImportJson } from '#lib/domain/import-json.ts';
import {
	AMENDMENT_TEXT_MAX_CHARS,
	forbiddenCharacter,
	JUSTIFICATION_MAX_CHARS,
	UNIT_MAX_CHARS
} from '#lib/domain/text-limits.ts';
import { loadDraftText } from '#lib/server/meetings/text-store.ts';
import { allBlocks, type DraftText } from '#lib/domain/text.ts';
import { demoUser } from './demo-users.ts';
import { liveServerText, syncedMember } from './live-meeting.ts';
import { startCollab, type Client } from './collab-harness.ts';

const M = DEMO_MEETING_ID;
let h: Awaited<ReturnType<typeof startCollab>>;
beforeEach(async () => (h = await startCollab()));
afterEach(() => h.stop());

const member = (username: string) => syncedMember(h, username);
const serverText = (id: string) => liveServerText(h, id);
const storedText = (id: string) => {
	h.persistence.mirror.flush(M);
	return h.db
		.select({ text: textUnits.text })
		.from(textUnits)
		.where(and(eq(textUnits.id, id), eq(textUnits.meetingId, M)))
		.get()?.text;
};
const loggedBytes = () =>
	h.db
		.select({ bytes: sql<number>`coalesce(sum(${collabUpdates.bytes}), 0)` })
		.from(collabUpdates)
		.where(eq(collabUpdates.docName, `meeting/${M}`))
		.get()!.bytes;

const u = (username: string) => demoUser(h.db, username);

async function exportedText(): Promise<string> {
	const file = await downloadOutput(h.db, u('observer'), M, outputRequest('conclusions', 'txt'));
	return new TextDecoder().decode(file.bytes);
}

/** The other participant goes on working: their typing reaches the server and comes back to them. */
async function stillServed(other: Client, id: string, words: string): Promise<void> {
	other.texts.get(id)!.insert(0, words);
	await waitFor(() => serverText(id)?.startsWith(words));
	expect(other.texts.get(id)!.toString()).toBe(serverText(id));
}

describe('how much text a paragraph takes (TXT-8)', () => {
	it('VAL-17: 900 KB pasted into a paragraph is refused with 4403 naming the limit; nothing is stored', async () => {
		const id = h.unitId('4');
		const typist = await member('emp-member');
		const other = await member('wkr-member');
		const before = serverText(id)!;
		const logged = loggedBytes();

		typist.texts.get(id)!.insert(0, 'w'.repeat(900_000));
		const closed = await typist.closed;
		expect(closed.code).toBe(4403);
		expect(closed.reason).toContain(`unit limit of ${UNIT_MAX_CHARS} characters`);
		expect(serverText(id)).toBe(before);

		await stillServed(other, id, 'Still here: ');
		expect(storedText(id)).toBe(`Still here: ${before}`);
		expect(loggedBytes() - logged).toBeLessThan(1_000);
	});
});

describe('what a paragraph holds (TXT-7)', () => {
	it('VAL-16: "\\n\\n5. …" typed into a paragraph is refused with 4403; the export imports back to as many paragraphs', async () => {
		const id = h.unitId('4');
		const typist = await member('emp-member');
		const other = await member('wkr-member');
		const paragraphs = (txt: string) => {
			const back = parsePlainText(txt);
			if (!back.ok) throw new Error(back.error);
			return toImportJson(back.text).body.filter((b) => b.type === 'paragraph').length;
		};
		const count = paragraphs(await exportedText());

		typist.texts.get(id)!.insert(serverText(id)!.length, '\n\n5. An extra paragraph, or so it seemed.');
		const closed = await typist.closed;
		expect(closed.code).toBe(4403);
		expect(closed.reason).toContain('U+000A (a line break)');
		await stillServed(other, id, 'Agreed: ');
		expect(paragraphs(await exportedText())).toBe(count);
	});
});

describe('every stored text comes back from the plain-text export (RND-4, RND-6)', () => {
	it('RND-6, TXT-7: units typed with tricky but valid characters, emptied or with spaces at the ends import back the same', async () => {
		const typist = await member('emp-member');
		const tricky =
			'5. (a) no\u00a0break, thin\u202fspace, two  spaces, emoji 😀, e\u0301, عربي\u200f, zero\u200bwidth, ' +
			'bom\ufeff, \ufffd, "quotes" — dashes, [^1] and (iii) inside:';
		const edits: Array<[string, (t: Y.Text) => void]> = [
			['1', (t) => t.insert(0, tricky)],
			['2(ii)', (t) => t.insert(0, '(a) ')],
			['4', (t) => t.delete(0, t.length)], // an emptied paragraph
			['3(i)', (t) => t.delete(0, t.length)], // an emptied subparagraph
			['6', (t) => (t.insert(t.length, '   '), t.insert(0, '\u00a0 '))]
		];
		for (const [reference, edit] of edits) edit(typist.texts.get(h.unitId(reference))!);
		await waitFor(() => serverText(h.unitId('1'))?.startsWith(tricky) && serverText(h.unitId('4')) === '');
		await waitFor(() => serverText(h.unitId('6'))?.endsWith('   '));
		h.persistence.mirror.flush(M);
		const stored = loadDraftText(h.db, M).text;
		for (const block of allBlocks(stored)) expect(forbiddenCharacter(block.text)).toBeNull();
		expect(stored.body.some((b) => b.kind === 'paragraph' && b.text === '')).toBe(true);

		const exported = await exportedText();
		const back = parsePlainText(exported);
		if (!back.ok) throw new Error(back.error);
		// The same text again, unit for unit: only the spaces at each end go, as the export writes them.
		expect(toImportJson(back.text)).toEqual(toImportJson(trimmed(stored)));
		// And the export is the import's canonical form: once more, byte for byte.
		expect(exportedTextOf(back.text)).toBe(exported);
	});
});

function trimmed(text: DraftText): DraftText {
	const trim = <T extends { text: string }>(b: T): T => ({ ...b, text: b.text.trim() });
	return {
		...text,
		title: text.title && trim(text.title),
		preamble: text.preamble.map(trim),
		body: text.body.map((b) =>
			b.kind === 'paragraph' ? { ...trim(b), subparagraphs: b.subparagraphs.map(trim) } : trim(b)
		),
		footnotes: text.footnotes.map(trim)
	};
}

describe('an amendment’s wording and justification (TXT-7, TXT-8)', () => {
	const draft = (text: string, justification: string | null = null) =>
		tryCommand(() =>
			draftAmendment(h.db, u('wkr-member'), M, {
				proposal: { kind: 'change_wording', targetId: h.unitId('4'), text },
				justification
			})
		);
	const drafts = () => h.db.select().from(amendments).all().length;

	it('TXT-8: a wording over 20,000 characters or a justification over 5,000 is refused, saying the limit', async () => {
		const before = drafts();
		expect(await draft('w'.repeat(AMENDMENT_TEXT_MAX_CHARS + 1))).toEqual({
			ok: false,
			status: 400,
			message: 'The proposed wording is too long (20,000 characters at most).'
		});
		expect(await draft('Fine words.', 'j'.repeat(JUSTIFICATION_MAX_CHARS + 1))).toEqual({
			ok: false,
			status: 400,
			message: 'The justification is too long (5,000 characters at most).'
		});
		expect(drafts()).toBe(before);
		expect(
			await draft('w'.repeat(AMENDMENT_TEXT_MAX_CHARS), 'j'.repeat(JUSTIFICATION_MAX_CHARS))
		).toMatchObject({
			ok: true
		});
	});

	it('TXT-7: a wording with a tab or control is refused like one with a line break; a justification keeps its line breaks', async () => {
		for (const text of ['One\ntwo', 'One\ttwo', 'One\u0085two', 'One\u2028two', 'One\u0007two'])
			expect(await draft(text), JSON.stringify(text)).toMatchObject({
				ok: false,
				message:
					'The proposed wording must be one paragraph, without line breaks, tabs or other invisible control characters.'
			});
		expect(await draft('Fine words.', 'Bell\u0007.')).toMatchObject({
			ok: false,
			message: 'The justification holds an invisible control character: type it again without it.'
		});
		expect(await draft('Fine words.', 'First reason.\r\nSecond reason.')).toMatchObject({ ok: true });
	});

	it('TXT-8: the wording the group wrote in its room is checked again when it is tabled', async () => {
		const made = await draft('Short words.');
		if (!made.ok) throw new Error(made.message);
		const room = groupDocName(M, 'workers');
		h.connect('wkr-member', new Y.Doc(), room);
		const live = await waitFor(() => h.collab.liveDocument(room));
		// Only the server can write past the limit (the validator refuses it from any client): as a bug might.
		live.getMap<Y.Text>('drafts').get(made.value)!.insert(0, 'x'.repeat(AMENDMENT_TEXT_MAX_CHARS));
		expect(await tryCommand(() => tableAmendment(h.db, u('wkr-secretary'), M, made.value, 'group'))).toEqual({
			ok: false,
			status: 400,
			message: 'The proposed wording is too long (20,000 characters at most).'
		});
	});
});
