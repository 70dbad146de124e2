// Random bytes, truncated and corrupted frames never take the server down: each closes its own socket
// at most, and afterwards the document still syncs and accepts edits.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { waitFor } from '../../server/collab/test-kit.ts';
import { MEETING_DOC, startCollab } from './collab-harness.ts';
import { seededRandom } from '../support/seeded-random.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 4_11_2013);
const FRAMES = 1500;

let h: Awaited<ReturnType<typeof startCollab>>;
beforeEach(async () => (h = await startCollab()));
afterEach(() => h.stop());

/** Real sync-update frames a drafter would send: the material the corruptions start from. */
function realFrames(base: Y.Doc, id: string): Uint8Array[] {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
	const frames: Uint8Array[] = [];
	doc.on('update', (update: Uint8Array) => {
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, 0);
		encoding.writeVarUint(e, 2);
		encoding.writeVarUint8Array(e, update);
		frames.push(encoding.toUint8Array(e));
	});
	const text = doc.getMap<Y.Text>('texts').get(id)!;
	for (let i = 0; i < 20; i++) text.insert(i % 5, `fuzz${i}`);
	text.delete(0, 3);
	return frames;
}

describe('malformed input', () => {
	it(`${FRAMES} random, truncated and corrupted frames leave the server up for everyone (seed ${SEED})`, async () => {
		const random = seededRandom(SEED);
		const id = h.unitId('4');
		const witness = h.connect('emp-member');
		await waitFor(() => witness.provider.synced && witness.texts.size > 0);
		const material = realFrames(witness.doc, id);
		const cookie = h.cookieFor('wkr-member');

		let socket: WebSocket | null = null;
		const closes = new Map<number, number>();
		const open = () =>
			new Promise<WebSocket>((resolve, reject) => {
				const ws = new WebSocket(`${h.base}/collab/${MEETING_DOC}`, {
					headers: { cookie, origin: h.origin }
				});
				ws.on('close', (code) => closes.set(code, (closes.get(code) ?? 0) + 1));
				ws.once('open', () => resolve(ws));
				ws.once('error', reject);
			});
		for (let i = 0; i < FRAMES; i++) {
			if (!socket || socket.readyState !== WebSocket.OPEN) socket = await open();
			const kind = random();
			let frame: Uint8Array;
			if (kind < 0.3) {
				frame = new Uint8Array(Math.floor(random() * 64)).map(() => Math.floor(random() * 256));
			} else {
				const real = material[Math.floor(random() * material.length)]!;
				frame = real.slice(0, kind < 0.65 ? Math.floor(random() * real.length) : real.length);
				const at = Math.floor(random() * frame.length);
				if (kind >= 0.65 && frame.length) frame[at] = (frame[at] ?? 0) ^ (1 << Math.floor(random() * 8));
			}
			socket.send(frame);
			if (i % 50 === 0) await new Promise((resolve) => setTimeout(resolve, 1)); // let the server answer
		}
		socket?.close();

		// Still up: the witness was never disconnected, a newcomer syncs, and an edit goes through.
		expect(witness.provider.wsconnected).toBe(true);
		const before = witness.texts.get(id)!.toString();
		const editor = h.connect('gov-italy');
		await waitFor(() => editor.provider.synced && editor.texts.size > 0);
		editor.texts.get(id)!.insert(0, 'STILL UP ');
		await waitFor(() => witness.texts.get(id)!.toString().startsWith('STILL UP '));
		expect(witness.texts.get(id)!.toString().slice('STILL UP '.length)).toBe(
			editor.texts.get(id)!.toString().slice(9)
		);
		expect(before.length).toBeGreaterThan(0);
		// The fuzz was refused as malformed or forbidden, never as a server fault.
		expect(closes.get(1011) ?? 0).toBe(0);
		expect((closes.get(4400) ?? 0) + (closes.get(4403) ?? 0) + (closes.get(4422) ?? 0)).toBeGreaterThan(10);
	}, 60_000);
});
