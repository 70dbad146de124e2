import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	ALL,
	NONE,
	TEXTS,
	clientOf,
	fingerprint,
	meetingDoc,
	rawUpdate,
	rights,
	step2,
	text,
	textItemId,
	textsOf,
	updateOf,
	updatesOf
} from './fixtures.ts';
import { GROUP_SCHEMA, validateUpdate, type Verdict, type WriteRights } from './index.ts';

const DRAFTER = rights('p1', 'p2');

/** Validates; applies when accepted; otherwise checks the server did not change. */
function deliver(server: Y.Doc, update: Uint8Array, who: WriteRights): Verdict {
	const before = fingerprint(server);
	const verdict = validateUpdate(server, update, who);
	if (verdict.kind === 'accept') Y.applyUpdate(server, update, 'client');
	else expect(fingerprint(server)).toBe(before);
	if (verdict.kind !== 'no-change') expect(server.store.pendingStructs).toBeNull();
	expect(server.store.pendingDs).toBeNull();
	return verdict;
}

function deliverAll(server: Y.Doc, updates: Uint8Array[], who: WriteRights): Verdict[] {
	return updates.map((update) => deliver(server, update, who));
}

describe('accepted edits', () => {
	it('VAL-1: typing and deleting in a writable text is accepted and the server equals the client', () => {
		const server = meetingDoc();
		const client = clientOf(server);
		const updates = updatesOf(client, (doc) => {
			const p1 = text(doc, 'p1');
			for (const [i, ch] of [...' (tripartite)'].entries()) p1.insert(p1.length - 11 + i, ch);
			p1.delete(0, 4);
			doc.transact(() => {
				p1.insert(0, 'A ');
				p1.delete(5, 3);
			});
			text(doc, 'p2').insert(0, 'Promote ');
		});
		expect(deliverAll(server, updates, DRAFTER).map((v) => v.kind)).toEqual(updates.map(() => 'accept'));
		expect(textsOf(server)).toEqual(textsOf(client));
		expect(Y.encodeStateVector(server)).toEqual(Y.encodeStateVector(client));
	});

	it('VAL-1, VAL-8: a typed run in one update refers to itself and is accepted; so is typing into an empty text', () => {
		const server = meetingDoc({ ...TEXTS, p4: '' });
		const client = clientOf(server);
		const run = updateOf(client, (doc) => {
			const p1 = text(doc, 'p1');
			for (let i = 0; i < 20; i++) p1.insert(4 + i, String.fromCharCode(97 + i));
		});
		expect(deliver(server, run, DRAFTER)).toEqual({ kind: 'accept' });
		const empty = updateOf(client, (doc) => text(doc, 'p4').insert(0, 'New clause'));
		expect(Y.decodeUpdate(empty).structs[0]).toMatchObject({ origin: null, rightOrigin: null });
		expect(deliver(server, empty, rights('p4'))).toEqual({ kind: 'accept' });
		expect(textsOf(server)).toEqual(textsOf(client));
	});

	it('VAL-1, VAL-8: an origin in the middle of a longer server item resolves (items split lazily)', () => {
		const server = meetingDoc();
		const p1Item = textItemId(server, 'p1');
		// "The Conference…" is one server item of the server's client; its 4th character is clock p1Item.clock + 4.
		const origin = { client: p1Item.client, clock: p1Item.clock + 4 };
		const update = rawUpdate([[424242, 0, [{ origin, text: 'XY' }]]]);
		expect(deliver(server, update, DRAFTER)).toEqual({ kind: 'accept' });
		expect(text(server, 'p1').toString()).toBe(`The XY${TEXTS.p1.slice(4)}`);
	});

	it('VAL-1: the updates of two clients merged into one, the second typed after the first, are accepted', () => {
		const server = meetingDoc();
		const alice = clientOf(server);
		const bob = clientOf(server);
		// Yjs integrates the highest client id first: Bob's typing then needs Alice's, later in the update.
		alice.clientID = 100;
		bob.clientID = 200;
		const fromAlice = updateOf(alice, (doc) => text(doc, 'p1').insert(0, 'Alice '));
		Y.applyUpdate(bob, fromAlice);
		const fromBob = updateOf(bob, (doc) => text(doc, 'p1').insert(6, 'and Bob '));
		expect(deliver(server, Y.mergeUpdates([fromBob, fromAlice]), DRAFTER)).toEqual({ kind: 'accept' });
		expect(text(server, 'p1').toString()).toBe(`Alice and Bob ${TEXTS.p1}`);
	});

	it('VAL-1, VAL-12: a struct the server partly has (a step 2 against an older state vector) is accepted', () => {
		const server = meetingDoc();
		const client = clientOf(server);
		const older = Y.encodeStateVector(server);
		const first = updateOf(client, (doc) => text(doc, 'p1').insert(3, 'abc'));
		updateOf(client, (doc) => text(doc, 'p1').insert(6, 'def'));
		expect(deliver(server, first, DRAFTER)).toEqual({ kind: 'accept' });
		const late = Y.encodeStateAsUpdate(client, older);
		const structs = Y.decodeUpdate(late).structs;
		expect(structs).toHaveLength(1); // one merged item: 3 characters known to the server, 3 new
		expect(structs[0]?.length).toBe(6);
		expect(deliver(server, late, DRAFTER)).toEqual({ kind: 'accept' });
		expect(textsOf(server)).toEqual(textsOf(client));
	});

	it('VAL-1: rights are asked at validation time and may change between updates', () => {
		const server = meetingDoc();
		const client = clientOf(server);
		const open = new Set(['p1']);
		const live: WriteRights = { canWriteText: (key) => open.has(key) };
		const [first, second] = updatesOf(client, (doc) => {
			text(doc, 'p1').insert(0, 'a');
			text(doc, 'p1').insert(0, 'b');
		});
		expect(deliver(server, first as Uint8Array, live)).toEqual({ kind: 'accept' });
		open.delete('p1'); // the Chair closed the paragraph
		expect(deliver(server, second as Uint8Array, live)).toEqual({
			kind: 'forbidden',
			detail: "insert into text 'p1' not writable"
		});
	});

	it('VAL-1: a group room is a second schema: its drafts are writable, nothing else', () => {
		const room = new Y.Doc();
		room.getMap<Y.Text>('drafts').set('a1', new Y.Text('Replace "all" by "everyone"'));
		const client = clientOf(room);
		const edit = updateOf(client, (doc) => doc.getMap<Y.Text>('drafts').get('a1')?.insert(0, 'Amend: '));
		expect(validateUpdate(room, edit, ALL, GROUP_SCHEMA)).toEqual({ kind: 'accept' });
		expect(validateUpdate(room, edit, ALL).kind).toBe('forbidden'); // under the meeting schema it is not a text unit
	});
});

describe('forbidden edits', () => {
	it('VAL-5: typing and deleting in a text the connection may not write is forbidden; the server is unchanged', () => {
		const server = meetingDoc();
		const client = clientOf(server);
		const insert = updateOf(client, (doc) => text(doc, 'p3').insert(5, 'not '));
		expect(deliver(server, insert, DRAFTER)).toEqual({
			kind: 'forbidden',
			detail: "insert into text 'p3' not writable"
		});
		const other = clientOf(server);
		const remove = updateOf(other, (doc) => text(doc, 'p3').delete(0, 6));
		expect(deliver(server, remove, DRAFTER)).toEqual({
			kind: 'forbidden',
			detail: "deletion in text 'p3' not writable"
		});
		expect(textsOf(server)).toEqual(TEXTS);
	});

	it('VAL-5: an observer may write nothing', () => {
		const server = meetingDoc();
		for (const change of [
			(doc: Y.Doc) => text(doc, 'p1').insert(0, 'x'),
			(doc: Y.Doc) => text(doc, 'p2').delete(0, 1)
		]) {
			expect(deliver(server, updateOf(clientOf(server), change), NONE).kind).toBe('forbidden');
		}
		expect(textsOf(server)).toEqual(TEXTS);
	});

	it.each([
		[
			'a new key in texts',
			(d: Y.Doc) => d.getMap('texts').set('p9', new Y.Text('mine')),
			"map key set on root 'texts' (key 'p9')"
		],
		[
			'a replaced text',
			(d: Y.Doc) => d.getMap('texts').set('p1', new Y.Text('mine')),
			"map key set on root 'texts' (key 'p1')"
		],
		[
			'a value in texts',
			(d: Y.Doc) => d.getMap('texts').set('p1', 'plain'),
			"map key set on root 'texts' (key 'p1')"
		],
		[
			'the server map',
			(d: Y.Doc) => d.getMap('server').set('status', 'adopted'),
			"map key set on root 'server' (key 'status')"
		],
		[
			'a new server key',
			(d: Y.Doc) => d.getMap('server').set('x', 1),
			"map key set on root 'server' (key 'x')"
		],
		['a new root text', (d: Y.Doc) => d.getText('evil').insert(0, 'x'), "new root type 'evil'"],
		['a new root map', (d: Y.Doc) => d.getMap('x').set('k', 'v'), "new root type 'x'"]
	])('VAL-3: %s is forbidden even with every right', (_name, change, detail) => {
		const server = meetingDoc();
		const roots = [...server.share.keys()];
		expect(deliver(server, updateOf(clientOf(server), change), ALL)).toEqual({ kind: 'forbidden', detail });
		expect([...server.share.keys()]).toEqual(roots);
	});

	it('VAL-3: a string set as a key of a writable text (an attribute) is forbidden', () => {
		const server = meetingDoc();
		const update = rawUpdate([
			[71, 0, [{ parentId: textItemId(server, 'p1'), parentSub: 'lang', text: 'en' }]]
		]);
		expect(deliver(server, update, ALL)).toEqual({
			kind: 'forbidden',
			detail: "map key set on text 'p1' (key 'lang')"
		});
	});

	it('VAL-3: a struct the server already has that names a new root is forbidden (reading it would define the root)', () => {
		const server = meetingDoc();
		const known = textItemId(server, 'p1'); // a clock of the server's client that the server holds
		const update = rawUpdate([[known.client, known.clock, [{ parentRoot: 'evil', text: 'x' }]]]);
		expect(deliver(server, update, ALL)).toEqual({ kind: 'forbidden', detail: "new root type 'evil'" });
		const copy = clientOf(server);
		Y.applyUpdate(copy, update);
		expect(copy.share.has('evil')).toBe(true); // what applying it would have done
	});

	it.each([
		['format', (d: Y.Doc) => text(d, 'p1').format(0, 3, { bold: true }), "format content in text 'p1'"],
		[
			'an insert with attributes',
			(d: Y.Doc) => text(d, 'p1').insert(0, 'x', { bold: true }),
			"format content in text 'p1'"
		],
		['an embed', (d: Y.Doc) => text(d, 'p1').insertEmbed(2, { image: 'x.png' }), "embed in text 'p1'"],
		[
			'a nested type',
			(d: Y.Doc) => text(d, 'p1').insertEmbed(2, new Y.Map()),
			"new nested type (Y.Map) in text 'p1'"
		]
	])('VAL-4: %s is forbidden in a writable text', (_name, change, detail) => {
		const server = meetingDoc();
		expect(deliver(server, updateOf(clientOf(server), change), ALL)).toEqual({ kind: 'forbidden', detail });
	});

	it.each([
		['a whole text', (d: Y.Doc) => d.getMap('texts').delete('p1'), "deletion of text 'p1'"],
		[
			'a server key',
			(d: Y.Doc) => d.getMap('server').delete('status'),
			"deletion of map key 'status' on root 'server'"
		]
	])('VAL-6: deleting %s is forbidden', (_name, change, detail) => {
		const server = meetingDoc();
		expect(deliver(server, updateOf(clientOf(server), change), ALL)).toEqual({ kind: 'forbidden', detail });
		expect(textsOf(server)).toEqual(TEXTS);
	});

	it('VAL-2: a merge of an allowed and a forbidden update is forbidden whole', () => {
		const server = meetingDoc();
		const client = clientOf(server);
		const allowed = updateOf(client, (doc) => text(doc, 'p1').insert(0, 'ok '));
		const denied = updateOf(client, (doc) => text(doc, 'p3').insert(0, 'no '));
		expect(deliver(server, Y.mergeUpdates([allowed, denied]), DRAFTER)).toEqual({
			kind: 'forbidden',
			detail: "insert into text 'p3' not writable"
		});
		expect(textsOf(server)).toEqual(TEXTS);
	});

	it('VAL-5: with gc off on the server, typing into a text the server removed is forbidden', () => {
		const server = meetingDoc();
		server.gc = false;
		const client = clientOf(server);
		server.getMap('texts').set('p1', new Y.Text('replacement'));
		const late = updateOf(client, (doc) => text(doc, 'p1').insert(0, 'late '));
		expect(deliver(server, late, DRAFTER)).toEqual({
			kind: 'forbidden',
			detail: "insert into removed text 'p1'"
		});
	});

	it('VAL-12: an item whose origin and right origin are in different texts is forbidden', () => {
		const server = meetingDoc();
		const p1 = textItemId(server, 'p1');
		const p3 = textItemId(server, 'p3');
		const origin = { client: p1.client, clock: p1.clock + 2 };
		const rightOrigin = { client: p3.client, clock: p3.clock + 2 };
		const update = rawUpdate([[5150, 0, [{ origin, rightOrigin, text: 'x' }]]]);
		expect(deliver(server, update, DRAFTER)).toMatchObject({
			kind: 'forbidden',
			detail: expect.stringContaining('different types')
		});
	});

	it('VAL-12: the unknown tail of a partly known struct may not move into another text', () => {
		const server = meetingDoc();
		const client = 777;
		expect(
			deliver(server, rawUpdate([[client, 0, [{ parentId: textItemId(server, 'p1'), text: 'ab' }]]]), DRAFTER)
		).toEqual({
			kind: 'accept'
		});
		// Claims clocks 1..3 of the same client, clock 1 known (in p1), its origin in p3.
		const p3 = textItemId(server, 'p3');
		const smuggle = rawUpdate([
			[client, 1, [{ origin: { client: p3.client, clock: p3.clock + 1 }, text: 'xyz' }]]
		]);
		expect(deliver(server, smuggle, ALL)).toEqual({
			kind: 'forbidden',
			detail: `${client}:2 continues ${client}:1 in a different type`
		});
	});
});

describe('unresolvable updates', () => {
	it('VAL-9: the second of two consecutive updates sent alone is unresolvable; in order both are accepted', () => {
		const server = meetingDoc();
		const client = clientOf(server);
		const [first, second] = updatesOf(client, (doc) => {
			text(doc, 'p1').insert(0, 'one ');
			text(doc, 'p1').insert(4, 'two ');
		}) as [Uint8Array, Uint8Array];
		expect(deliver(server, second, DRAFTER).kind).toBe('unresolvable');
		expect(deliver(server, first, DRAFTER)).toEqual({ kind: 'accept' });
		expect(deliver(server, second, DRAFTER)).toEqual({ kind: 'accept' });
		expect(deliver(server, second, DRAFTER)).toEqual({ kind: 'no-change' }); // a duplicate
		expect(textsOf(server)).toEqual(textsOf(client));
	});

	it('VAL-9: deleting characters the server has not received is unresolvable', () => {
		const server = meetingDoc();
		const client = clientOf(server);
		const [, removal] = updatesOf(client, (doc) => {
			text(doc, 'p1').insert(0, 'abc');
			text(doc, 'p1').delete(0, 2);
		}) as [Uint8Array, Uint8Array];
		expect(deliver(server, removal, DRAFTER)).toMatchObject({
			kind: 'unresolvable',
			detail: expect.stringMatching(/^deletion of \d+:0\.\.1, which the server does not have$/)
		});
	});

	it('VAL-9: a merged update with a gap (Skip) is unresolvable unless the server has the gap', () => {
		const server = meetingDoc();
		const client = clientOf(server);
		const [u1, u2, u3] = updatesOf(client, (doc) => {
			text(doc, 'p1').insert(0, 'a');
			text(doc, 'p2').insert(0, 'b');
			text(doc, 'p1').insert(0, 'c');
		}) as [Uint8Array, Uint8Array, Uint8Array];
		const gapped = Y.mergeUpdates([u1, u3]);
		expect(Y.decodeUpdate(gapped).structs.some((s) => s instanceof Y.Skip)).toBe(true);
		expect(deliver(server, gapped, DRAFTER).kind).toBe('unresolvable');
		expect(deliver(server, u1, DRAFTER)).toEqual({ kind: 'accept' });
		expect(deliver(server, u2, DRAFTER)).toEqual({ kind: 'accept' });
		expect(deliver(server, gapped, DRAFTER)).toEqual({ kind: 'accept' });
		expect(textsOf(server)).toEqual(textsOf(client));
	});

	it.each([
		['an origin', { origin: { client: 999, clock: 0 } }, 'origin 999:0'],
		['a right origin', { rightOrigin: { client: 999, clock: 3 } }, 'right origin 999:3'],
		['a parent', { parentId: { client: 999, clock: 0 } }, 'parent 999:0'],
		['an origin of its own client ahead of it', { origin: { client: 31, clock: 5 } }, 'origin 31:5']
	])(
		'VAL-8: %s the server does not have is unresolvable, and Yjs would have kept it pending',
		(_name, refs, named) => {
			const server = meetingDoc();
			const update = rawUpdate([[31, 0, [{ ...refs, text: 'x' }]]]);
			expect(deliver(server, update, ALL)).toEqual({
				kind: 'unresolvable',
				detail: `${named} of 31:0 is not known to the server`
			});
			// What validating spared us: a throwaway copy keeps it pending, or throws.
			const copy = clientOf(server);
			let threw = false;
			try {
				Y.applyUpdate(copy, update);
			} catch {
				threw = true;
			}
			expect(threw || copy.store.pendingStructs !== null).toBe(true);
		}
	);

	it('VAL-9: a dependency cycle between two clients is unresolvable', () => {
		const server = meetingDoc();
		const update = rawUpdate([
			[41, 0, [{ origin: { client: 42, clock: 0 }, text: 'a' }]],
			[42, 0, [{ origin: { client: 41, clock: 0 }, text: 'b' }]]
		]);
		expect(deliver(server, update, ALL).kind).toBe('unresolvable');
	});

	it('VAL-11: typing next to content the server garbage-collected (a removed text) is unresolvable', () => {
		const server = meetingDoc();
		const client = clientOf(server);
		server.getMap('texts').delete('p2'); // the server removes the unit; its characters become GC structs
		const late = updateOf(client, (doc) => text(doc, 'p2').insert(4, ' late'));
		expect(deliver(server, late, ALL)).toMatchObject({
			kind: 'unresolvable',
			detail: expect.stringContaining('garbage-collected on the server')
		});
	});

	it('VAL-11: a parent id that is not a type is unresolvable', () => {
		const server = meetingDoc();
		const p1 = textItemId(server, 'p1');
		const intoACharacter = rawUpdate([
			[51, 0, [{ parentId: { client: p1.client, clock: p1.clock + 3 }, text: 'x' }]]
		]);
		expect(deliver(server, intoACharacter, ALL)).toMatchObject({
			kind: 'unresolvable',
			detail: expect.stringContaining("is string in text 'p1', not a type")
		});
	});

	it('VAL-14: nothing is accepted while the server document holds pending structs', () => {
		const server = meetingDoc();
		const client = clientOf(server);
		const [, second] = updatesOf(client, (doc) => {
			text(doc, 'p1').insert(0, 'a');
			text(doc, 'p1').insert(0, 'b');
		}) as [Uint8Array, Uint8Array];
		Y.applyUpdate(server, second); // what the validator exists to prevent
		const fine = updateOf(clientOf(meetingDoc()), (doc) => text(doc, 'p2').insert(0, 'x'));
		expect(validateUpdate(server, fine, ALL)).toEqual({
			kind: 'unresolvable',
			detail: 'the server document holds pending updates'
		});
	});
});

describe('reconnecting clients', () => {
	it('VAL-7: a fresh client’s empty step 2 and a synced client’s step 2 (repeating deletions) are no-change', () => {
		const server = meetingDoc();
		text(server, 'p1').delete(0, 4);
		text(server, 'p2').delete(3, 2);
		expect(deliver(server, step2(new Y.Doc(), server), NONE)).toEqual({ kind: 'no-change' });
		const synced = clientOf(server);
		const repeat = step2(synced, server);
		expect(Y.decodeUpdate(repeat).ds.clients.size).toBeGreaterThan(0);
		expect(deliver(server, repeat, NONE)).toEqual({ kind: 'no-change' });
		expect(deliver(server, Y.encodeStateAsUpdate(synced), NONE)).toEqual({ kind: 'no-change' });
	});

	it('VAL-1, VAL-10: an offline session typing and deleting in a writable text (gc on) is accepted and converges', () => {
		const server = meetingDoc();
		const client = clientOf(server);
		expect(client.gc).toBe(true);
		updatesOf(client, (doc) => {
			const p1 = text(doc, 'p1');
			p1.insert(4, 'International Labour ');
			p1.insert(0, 'Now: ');
			p1.delete(9, 14); // part of what was typed, and part of the server's text
			p1.delete(0, 2);
			text(doc, 'p2').insert(19, ' and everyone');
			text(doc, 'p2').delete(19, 4);
		});
		// Meanwhile someone else edits online.
		const other = clientOf(server);
		expect(
			deliver(
				server,
				updateOf(other, (doc) => text(doc, 'p1').insert(0, '[')),
				ALL
			)
		).toEqual({ kind: 'accept' });
		const reconnect = step2(client, server);
		const { structs } = Y.decodeUpdate(reconnect);
		expect(structs.some((s) => s instanceof Y.GC)).toBe(false); // typed-then-deleted text is ContentDeleted, not GC
		expect(structs.some((s) => s instanceof Y.Item && s.content instanceof Y.ContentDeleted)).toBe(true);
		expect(deliver(server, reconnect, DRAFTER)).toEqual({ kind: 'accept' });
		Y.applyUpdate(client, step2(server, client));
		expect(textsOf(server)).toEqual(textsOf(client));
	});

	it('VAL-2: the same offline session that also touched a forbidden text is forbidden whole', () => {
		const server = meetingDoc();
		const client = clientOf(server);
		updatesOf(client, (doc) => {
			text(doc, 'p1').insert(4, 'International Labour ');
			text(doc, 'p1').delete(0, 2);
			text(doc, 'p3').delete(0, 6);
			text(doc, 'p2').insert(0, 'x');
		});
		expect(deliver(server, step2(client, server), DRAFTER)).toEqual({
			kind: 'forbidden',
			detail: "deletion in text 'p3' not writable"
		});
		expect(textsOf(server)).toEqual(TEXTS);
	});

	it('VAL-10: GC structs are a no-change repeat where the server has them, forbidden where it does not', () => {
		const server = meetingDoc();
		const client = clientOf(server);
		updatesOf(client, (doc) => text(doc, 'p3').insert(0, 'offline '));
		server.getMap('texts').delete('p3');
		// The client learns the unit was removed before answering: its own typing there is now GC.
		Y.applyUpdate(client, step2(server, client));
		const reconnect = step2(client, server);
		expect(Y.decodeUpdate(reconnect).structs.every((s) => s instanceof Y.GC)).toBe(true);
		expect(deliver(server, reconnect, ALL)).toMatchObject({
			kind: 'forbidden',
			detail: expect.stringMatching(/^garbage-collected range \d+:0\.\.7 that the server does not have$/)
		});
		// The server's own GC structs, sent back in a full state update, change nothing.
		const synced = clientOf(server);
		expect(Y.decodeUpdate(Y.encodeStateAsUpdate(synced)).structs.some((s) => s instanceof Y.GC)).toBe(true);
		expect(deliver(server, Y.encodeStateAsUpdate(synced), NONE)).toEqual({ kind: 'no-change' });
	});
});

describe('malformed updates', () => {
	it('VAL-13, VAL-15: garbage bytes are malformed and never throw', () => {
		const server = meetingDoc();
		const samples = [
			new Uint8Array([]),
			new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
			new Uint8Array([1, 1, 5, 0, 99]),
			new Uint8Array([1, 1, 5, 0, 4 | 0b1000_0000, 1, 2]),
			new TextEncoder().encode('hello, server')
		];
		for (const sample of samples) expect(deliver(server, sample, ALL).kind).toBe('malformed');
	});

	it('VAL-13: every truncation of a real update is malformed', () => {
		const server = meetingDoc();
		const client = clientOf(server);
		const update = updateOf(client, (doc) => {
			text(doc, 'p1').insert(3, 'abc');
			text(doc, 'p2').delete(0, 2);
		});
		for (let length = 0; length < update.length; length++) {
			expect(deliver(server, update.subarray(0, length), ALL).kind).toBe('malformed');
		}
		expect(deliver(server, update, ALL)).toEqual({ kind: 'accept' });
	});

	it('VAL-13: trailing bytes, repeated client sections, unsorted deletions and V2 updates are malformed', () => {
		const server = meetingDoc();
		const client = clientOf(server);
		const update = updateOf(client, (doc) => text(doc, 'p1').insert(0, 'a'));
		const trailing = new Uint8Array([...update, 0]);
		const twice = rawUpdate([
			[61, 0, [{ parentId: textItemId(server, 'p1'), text: 'a' }]],
			[61, 1, [{ origin: { client: 61, clock: 0 }, text: 'b' }]]
		]);
		const serverClient = textItemId(server, 'p1').client;
		const unsorted = new Uint8Array([0, 1, ...varUint(serverClient), 2, 5, 1, 2, 1]);
		const v2 = Y.encodeStateAsUpdateV2(client, Y.encodeStateVector(server));
		for (const bad of [trailing, twice, unsorted, v2])
			expect(deliver(server, bad, ALL).kind).toBe('malformed');
		expect(validateUpdate(server, twice, ALL)).toEqual({
			kind: 'malformed',
			detail: 'client 61 has two struct sections'
		});
	});

	it('VAL-15: a throwing rights object is a refusal, not an exception', () => {
		const server = meetingDoc();
		const update = updateOf(clientOf(server), (doc) => text(doc, 'p1').insert(0, 'a'));
		const broken: WriteRights = {
			canWriteText: () => {
				throw new Error('db down');
			}
		};
		expect(validateUpdate(server, update, broken)).toEqual({
			kind: 'malformed',
			detail: 'validator error: db down'
		});
	});
});

describe('cost and purity', () => {
	it('VAL-15: validating changes nothing in the document, accepted or not', () => {
		const server = meetingDoc();
		const before = fingerprint(server);
		const structsBefore = [...server.store.clients.values()].map((structs) => structs.length);
		const client = clientOf(server);
		for (const change of [
			(doc: Y.Doc) => text(doc, 'p1').insert(7, 'abc'), // an origin in the middle of a server item
			(doc: Y.Doc) => text(doc, 'p2').delete(2, 3),
			(doc: Y.Doc) => doc.getText('evil').insert(0, 'x')
		]) {
			validateUpdate(server, updateOf(client, change), ALL);
		}
		expect(fingerprint(server)).toBe(before);
		expect([...server.store.clients.values()].map((structs) => structs.length)).toEqual(structsBefore); // nothing split
	});

	it('VAL-15: the cost follows the update, not the document', () => {
		const server = meetingDoc();
		const writer = clientOf(server);
		const big = updatesOf(writer, (doc) => {
			for (let p = 0; p < 300; p++) doc.getMap<Y.Text>('texts').set(`q${p}`, new Y.Text('x'.repeat(50)));
			for (let i = 0; i < 6000; i++) text(doc, `q${i % 300}`).insert(i % 40, 'yz');
		});
		for (const update of big) Y.applyUpdate(server, update);
		const client = clientOf(server);
		const small = updateOf(client, (doc) => text(doc, 'q7').insert(10, 'hello'));
		const timeOf = (run: () => unknown): number => {
			const start = performance.now();
			for (let i = 0; i < 50; i++) run();
			return performance.now() - start;
		};
		const validate = timeOf(() => validateUpdate(server, small, ALL));
		const wholeDoc = timeOf(() => Y.encodeStateAsUpdate(server));
		expect(validateUpdate(server, small, ALL)).toEqual({ kind: 'accept' });
		expect(validate).toBeLessThan(wholeDoc / 5);
	});
});

function varUint(value: number): number[] {
	const bytes: number[] = [];
	while (value >= 0x80) {
		bytes.push((value % 0x80) | 0x80);
		value = Math.floor(value / 0x80);
	}
	bytes.push(value);
	return bytes;
}
