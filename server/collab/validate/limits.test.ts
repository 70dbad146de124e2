// What a text unit may hold and how much text a document may have, as the validator enforces it (rules
// VAL-16 … VAL-19 in README.md, TXT-7 and TXT-8 in src/lib/domain/SPEC.md). Real Yjs clients make the
// updates; every refusal leaves the server's document exactly as it was.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	ALL,
	TEXTS,
	clientOf,
	fingerprint,
	meetingDoc,
	rawUpdate,
	text,
	textItemId,
	textsOf,
	updateOf
} from './fixtures.ts';
import { GROUP_SCHEMA, MEETING_SCHEMA, validateUpdate, type DocSchema, type Verdict } from './index.ts';
import {
	AMENDMENT_TEXT_MAX_CHARS,
	DOCUMENT_LOG_MAX_BYTES,
	DOCUMENT_MAX_CHARS,
	UNIT_MAX_CHARS
} from '#lib/domain/text-limits.ts';

/** Validates; applies when accepted; otherwise checks that the server did not change. */
function deliver(
	server: Y.Doc,
	update: Uint8Array,
	schema: DocSchema = MEETING_SCHEMA,
	loggedBytes?: number
): Verdict {
	const before = fingerprint(server);
	const verdict = validateUpdate(server, update, ALL, schema, { loggedBytes });
	if (verdict.kind === 'accept') Y.applyUpdate(server, update, 'client');
	else expect(fingerprint(server)).toBe(before);
	return verdict;
}

const forbidden = (detail: string | RegExp) => ({
	kind: 'forbidden',
	detail: typeof detail === 'string' ? expect.stringContaining(detail) : expect.stringMatching(detail)
});

describe('what a unit may hold (VAL-16, TXT-7)', () => {
	it('VAL-16: a line break typed into a paragraph is forbidden, naming the character; nothing is applied', () => {
		const server = meetingDoc();
		const client = clientOf(server);
		// What became two extra paragraphs when the plain-text export was imported again.
		const update = updateOf(client, (doc) => text(doc, 'p1').insert(10, '\n\n5. Extra paragraph'));
		expect(deliver(server, update)).toEqual(forbidden("U+000A (a line break) in text 'p1'"));
		expect(textsOf(server)).toEqual(TEXTS);
	});

	it('VAL-16: carriage returns, separators, tab, C0 and C1 controls and DEL are forbidden too', () => {
		for (const char of [
			'\r',
			'\u2028',
			'\u2029',
			'\u0085',
			'\t',
			'\u0000',
			'\u0001',
			'\u001b',
			'\u007f',
			'\u009b'
		]) {
			const server = meetingDoc();
			const update = updateOf(clientOf(server), (doc) => text(doc, 'p2').insert(3, `a${char}b`));
			const code = `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
			expect(deliver(server, update), code).toEqual(forbidden(`${code} `));
		}
	});

	it('VAL-16: tricky but valid characters are accepted as typed', () => {
		const server = meetingDoc();
		const client = clientOf(server);
		const tricky =
			'no\u00a0break, thin\u202fspace, two  spaces, emoji 😀, e\u0301, عربي\u200f, zero\u200bwidth, ' +
			'\ufeff, \ufffd, "quotes" — dashes, [^1], 5. and (iii) inside';
		const update = updateOf(client, (doc) => text(doc, 'p3').insert(0, tricky));
		expect(deliver(server, update)).toEqual({ kind: 'accept' });
		expect(text(server, 'p3').toString()).toBe(tricky + TEXTS.p3);
	});

	it('VAL-16: typing between the two halves of a surrogate pair is forbidden (Yjs would make it two U+FFFD)', () => {
		const server = meetingDoc({ ...TEXTS, p4: 'Emoji 😀 here' });
		const client = clientOf(server);
		const update = updateOf(client, (doc) => text(doc, 'p4').insert(7, 'x'));
		expect(deliver(server, update)).toEqual(forbidden("splits a character (a surrogate pair) in text 'p4'"));
		expect(text(server, 'p4').toString()).toBe('Emoji 😀 here');
	});

	it('VAL-16: deleting half of a surrogate pair is forbidden; deleting the whole character is accepted', () => {
		const server = meetingDoc({ ...TEXTS, p4: 'Emoji 😀 here' });
		const half = updateOf(clientOf(server), (doc) => text(doc, 'p4').delete(7, 1));
		expect(deliver(server, half)).toEqual(forbidden("splits a character (a surrogate pair) in text 'p4'"));
		const whole = updateOf(clientOf(server), (doc) => text(doc, 'p4').delete(6, 2));
		expect(deliver(server, whole)).toEqual({ kind: 'accept' });
		expect(text(server, 'p4').toString()).toBe('Emoji  here');
	});

	it('VAL-13: string content that is not valid UTF-8 is malformed (Yjs would store U+FFFD for it)', () => {
		const server = meetingDoc({ ...TEXTS, p4: '' });
		const bytes = rawUpdate([[4242, 0, [{ parentId: textItemId(server, 'p4'), text: 'XYZ' }]]]);
		// A UTF-16 surrogate written as UTF-8 (CESU-8): three bytes, no character.
		const at = bytes.findIndex((b, i) => b === 0x58 && bytes[i + 1] === 0x59 && bytes[i + 2] === 0x5a);
		bytes.set([0xed, 0xa0, 0x80], at);
		expect(deliver(server, bytes)).toEqual({ kind: 'malformed', detail: expect.stringMatching(/utf-8/i) });
	});
});

describe('how much text (VAL-17 … VAL-19, TXT-8)', () => {
	it('VAL-17: a unit may grow to 20,000 characters and no further; the refusal names the limit', () => {
		const server = meetingDoc();
		const client = clientOf(server);
		const fill = updateOf(client, (doc) =>
			text(doc, 'p1').insert(0, 'x'.repeat(UNIT_MAX_CHARS - TEXTS.p1.length))
		);
		expect(deliver(server, fill)).toEqual({ kind: 'accept' });
		expect(text(server, 'p1').length).toBe(UNIT_MAX_CHARS);
		const one = updateOf(client, (doc) => text(doc, 'p1').insert(5, 'y'));
		expect(deliver(server, one)).toEqual(
			forbidden(`unit limit of ${UNIT_MAX_CHARS} characters: text 'p1' would hold ${UNIT_MAX_CHARS + 1}`)
		);
		expect(text(server, 'p1').length).toBe(UNIT_MAX_CHARS);
	});

	it('VAL-17: 900 KB pasted into one paragraph is forbidden at once', () => {
		const server = meetingDoc();
		const paste = updateOf(clientOf(server), (doc) => text(doc, 'p2').insert(4, 'w'.repeat(900_000)));
		expect(deliver(server, paste)).toEqual(forbidden(`unit limit of ${UNIT_MAX_CHARS} characters`));
		expect(textsOf(server)).toEqual(TEXTS);
	});

	it('VAL-17: the length counts what the update deletes: replacing a long paragraph by another is accepted', () => {
		const long = 'a'.repeat(UNIT_MAX_CHARS - 1000);
		const server = meetingDoc({ ...TEXTS, p1: long });
		const client = clientOf(server);
		const replace = updateOf(client, (doc) => {
			text(doc, 'p1').delete(0, long.length);
			text(doc, 'p1').insert(0, 'b'.repeat(long.length));
		});
		expect(deliver(server, replace)).toEqual({ kind: 'accept' });
		expect(text(server, 'p1').toString()).toBe('b'.repeat(long.length));
	});

	it('VAL-17: text an update inserts and deletes again (sent with gc off) does not count towards the length', () => {
		const server = meetingDoc();
		const client = new Y.Doc({ gc: false });
		Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
		const update = updateOf(client, (doc) => {
			text(doc, 'p1').insert(0, 'z'.repeat(UNIT_MAX_CHARS));
			text(doc, 'p1').delete(0, UNIT_MAX_CHARS - 1);
		});
		expect(
			Y.decodeUpdate(update).structs.some((s) => s instanceof Y.Item && s.content instanceof Y.ContentString)
		).toBe(true);
		expect(deliver(server, update)).toEqual({ kind: 'accept' });
		expect(text(server, 'p1').toString()).toBe(`z${TEXTS.p1}`);
	});

	it("VAL-17: a group room's draft has the amendment wording's limit", () => {
		const room = new Y.Doc();
		room.getMap<Y.Text>('drafts').set('a1', new Y.Text('Replace "all" by "everyone"'));
		// The fingerprint reads these roots: defined before, not during, its first look.
		room.getMap('texts');
		room.getMap('server');
		const client = clientOf(room);
		const drafts = (doc: Y.Doc) => doc.getMap<Y.Text>('drafts').get('a1')!;
		const over = updateOf(client, (doc) => drafts(doc).insert(0, 'q'.repeat(AMENDMENT_TEXT_MAX_CHARS)));
		expect(deliver(room, over, GROUP_SCHEMA)).toEqual(
			forbidden(`unit limit of ${AMENDMENT_TEXT_MAX_CHARS} characters: text 'a1'`)
		);
	});

	it('VAL-18: all the texts of a document together may hold 2,000,000 characters and no more', () => {
		const units: Record<string, string> = { ...TEXTS };
		for (let i = 0; i < 100; i++) units[`q${i}`] = 'a'.repeat(19_999);
		const server = meetingDoc(units);
		const total = Object.values(units).reduce((sum, t) => sum + t.length, 0);
		const room = DOCUMENT_MAX_CHARS - total;
		const client = clientOf(server);
		const fits = updateOf(client, (doc) => text(doc, 'p1').insert(0, 'b'.repeat(room)));
		expect(deliver(server, fits)).toEqual({ kind: 'accept' });
		const over = updateOf(client, (doc) => text(doc, 'p2').insert(0, 'c'));
		expect(deliver(server, over)).toEqual(
			forbidden(
				`document limit of ${DOCUMENT_MAX_CHARS} characters: its texts would hold ${DOCUMENT_MAX_CHARS + 1}`
			)
		);
		// Deleting is always allowed, and then there is room again.
		const shorter = updateOf(client, (doc) => text(doc, 'q0').delete(0, 10));
		expect(deliver(server, shorter)).toEqual({ kind: 'accept' });
	});

	it('VAL-19: an update the document’s update log has no room for is forbidden, naming the limit', () => {
		const server = meetingDoc();
		const client = clientOf(server);
		const update = updateOf(client, (doc) => text(doc, 'p1').insert(0, 'Log '));
		expect(deliver(server, update, MEETING_SCHEMA, DOCUMENT_LOG_MAX_BYTES - update.length + 1)).toEqual(
			forbidden(`update log limit of ${DOCUMENT_LOG_MAX_BYTES} bytes`)
		);
		expect(deliver(server, update, MEETING_SCHEMA, DOCUMENT_LOG_MAX_BYTES - update.length)).toEqual({
			kind: 'accept'
		});
		// Without the figure (a caller that keeps no log) there is no such limit.
		const next = updateOf(client, (doc) => text(doc, 'p1').insert(0, 'More '));
		expect(deliver(server, next)).toEqual({ kind: 'accept' });
	});
});
