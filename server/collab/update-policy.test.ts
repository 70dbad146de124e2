import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { judgeReadOnly } from './update-policy.ts';

function serverDoc(): Y.Doc {
	const doc = new Y.Doc();
	const texts = doc.getMap<Y.Text>('texts');
	texts.set('p1', new Y.Text('The Conference recognizes'));
	texts.set('p2', new Y.Text('Decent work for all'));
	return doc;
}

function clientOf(server: Y.Doc): Y.Doc {
	const client = new Y.Doc();
	Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
	return client;
}

function updateOf(doc: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
	const before = Y.encodeStateVector(doc);
	change(doc);
	return Y.encodeStateAsUpdate(doc, before);
}

const p1 = (doc: Y.Doc): Y.Text => {
	const text = doc.getMap<Y.Text>('texts').get('p1');
	if (text === undefined) throw new Error('no p1');
	return text;
};

describe('judgeReadOnly', () => {
	it('lets through the empty step 2 of a fresh client', () => {
		const server = serverDoc();
		expect(judgeReadOnly(server, Y.encodeStateAsUpdate(new Y.Doc(), Y.encodeStateVector(server)))).toEqual({
			kind: 'no-change'
		});
	});

	it('lets through the step 2 of a synced client, deletions included', () => {
		const server = serverDoc();
		p1(server).delete(0, 4);
		p1(server).delete(3, 2);
		const client = clientOf(server);
		const step2 = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
		expect(Y.decodeUpdate(step2).ds.clients.size).toBeGreaterThan(0); // the case the empty-update rule gets wrong
		expect(judgeReadOnly(server, step2)).toEqual({ kind: 'no-change' });
		expect(judgeReadOnly(server, Y.encodeStateAsUpdate(server))).toEqual({ kind: 'no-change' });
	});

	it('forbids an insert', () => {
		const server = serverDoc();
		const update = updateOf(clientOf(server), (doc) => p1(doc).insert(0, 'x'));
		expect(judgeReadOnly(server, update).kind).toBe('forbidden');
	});

	it('forbids a delete of server text, and one that reaches past a server deletion', () => {
		const server = serverDoc();
		p1(server).delete(0, 4);
		const client = clientOf(server);
		expect(
			judgeReadOnly(
				server,
				updateOf(client, (doc) => p1(doc).delete(0, 1))
			).kind
		).toBe('forbidden');

		const other = clientOf(server);
		const reaching = updateOf(other, (doc) => p1(doc).delete(0, 3));
		expect(judgeReadOnly(server, reaching).kind).toBe('forbidden');
	});

	it('forbids a new map key, a new root type and a write to the server region', () => {
		const server = serverDoc();
		const changes: Array<(doc: Y.Doc) => void> = [
			(doc) => doc.getMap<Y.Text>('texts').set('p9', new Y.Text('mine')),
			(doc) => doc.getArray('other').push([1]),
			(doc) => doc.getMap('server').set('status', 'adopted'),
			(doc) => p1(doc).format(0, 3, { bold: true })
		];
		for (const change of changes) {
			expect(judgeReadOnly(server, updateOf(clientOf(server), change)).kind).toBe('forbidden');
		}
	});

	it('forbids an update that builds on content the server never received', () => {
		const server = serverDoc();
		const client = clientOf(server);
		const first = updateOf(client, (doc) => p1(doc).insert(0, 'a'));
		const second = updateOf(client, (doc) => p1(doc).insert(0, 'b'));
		expect(first.length).toBeGreaterThan(0);
		expect(judgeReadOnly(server, second).kind).toBe('forbidden');
	});

	it('calls undecodable bytes malformed and never throws (seeded)', () => {
		const server = serverDoc();
		expect(judgeReadOnly(server, new Uint8Array([9, 9, 9, 9])).kind).toBe('malformed');
		const gen = prng.create(4403);
		const valid = updateOf(clientOf(server), (doc) => p1(doc).insert(2, 'xyz'));
		for (let i = 0; i < 2_000; i++) {
			const bytes = i % 2 === 0 ? prng.uint8Array(gen, prng.uint32(gen, 0, 30)) : valid.slice();
			if (i % 2 === 1) bytes[prng.uint32(gen, 0, bytes.length - 1)] = prng.uint32(gen, 0, 255);
			expect(['no-change', 'forbidden', 'malformed']).toContain(judgeReadOnly(server, bytes).kind);
		}
		expect(p1(server).toString()).toBe('The Conference recognizes');
	});
});
