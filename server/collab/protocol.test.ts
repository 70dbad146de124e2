import * as decoding from 'lib0/decoding';
import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { decodeClientMessage, encodeSyncStep1, encodeSyncStep2, encodeSyncUpdate } from './protocol.ts';

function docWith(text: string): Y.Doc {
	const doc = new Y.Doc();
	doc.getMap<Y.Text>('texts').set('p1', new Y.Text(text));
	return doc;
}

describe('decodeClientMessage', () => {
	it('reads what the stock client sends', () => {
		const doc = docWith('hello');
		const step1 = decodeClientMessage(encodeSyncStep1(doc));
		expect(step1).toEqual({
			ok: true,
			message: { type: 'sync-step1', stateVector: Y.encodeStateVector(doc) }
		});

		const update = Y.encodeStateAsUpdate(doc);
		expect(decodeClientMessage(encodeSyncUpdate(update))).toEqual({
			ok: true,
			message: { type: 'sync-update', update }
		});
		const step2 = decodeClientMessage(encodeSyncStep2(doc, new Uint8Array([0])));
		expect(step2.ok && step2.message.type).toBe('sync-step2');
		expect(decodeClientMessage(new Uint8Array([1, 1, 0]))).toEqual({
			ok: true,
			message: { type: 'awareness', update: new Uint8Array([0]) }
		});
		expect(decodeClientMessage(new Uint8Array([3]))).toEqual({
			ok: true,
			message: { type: 'query-awareness' }
		});
	});

	it.each([
		['empty', []],
		['unknown type', [7]],
		['auth from a client', [2, 0]],
		['unknown sync type', [0, 3, 0]],
		['length beyond the frame', [0, 0, 200, 1]],
		['trailing bytes', [0, 0, 1, 0, 0]],
		['bad state vector', [0, 0, 2, 5, 0xff]]
	])('refuses %s', (_name, bytes) => {
		expect(decodeClientMessage(new Uint8Array(bytes)).ok).toBe(false);
	});

	it('never reads past its frame, even inside a larger buffer', () => {
		const backing = new Uint8Array([0, 2, 5, 1, 2, 42, 42, 42, 42]);
		// An update claiming 5 bytes in a 5-byte frame whose backing store happens to hold more.
		const frame = backing.subarray(0, 5);
		expect(decodeClientMessage(frame).ok).toBe(false);
	});

	it('returns a verdict for any bytes and never throws (seeded)', () => {
		const gen = prng.create(0xc011ab);
		for (let i = 0; i < 5_000; i++) {
			const frame = prng.uint8Array(gen, prng.uint32(gen, 0, 40));
			if (i % 3 === 0 && frame.length > 0) frame[0] = prng.oneOf(gen, [0, 1, 3]);
			if (i % 3 === 0 && frame.length > 1) frame[1] = prng.oneOf(gen, [0, 1, 2]);
			const result = decodeClientMessage(frame);
			expect(typeof result.ok).toBe('boolean');
		}
	});
});

describe('server messages', () => {
	it('step 2 carries exactly what the client lacks', () => {
		const server = docWith('server text');
		const client = new Y.Doc();
		const message = encodeSyncStep2(server, Y.encodeStateVector(client));
		const decoder = decoding.createDecoder(message);
		expect(decoding.readVarUint(decoder)).toBe(0);
		expect(decoding.readVarUint(decoder)).toBe(1);
		Y.applyUpdate(client, decoding.readVarUint8Array(decoder));
		expect(client.getMap<Y.Text>('texts').get('p1')?.toString()).toBe('server text');
	});
});
