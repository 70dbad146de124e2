/**
 * Accepted updates between nodes over Redis pub/sub (docs/collab-protocol.md, RLY-n). One channel per
 * document, subscribed while a node holds it: no pattern subscription, which would make every node
 * receive every document's traffic. A message is [seq: varUint][node: varString][update: varUint8Array];
 * a node ignores its own. Delivery is not promised: DocFollower reads gaps back from the database.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { createClient } from 'redis';

export type BusHandler = (seq: number, update: Uint8Array) => void;

export interface UpdateBus {
	publish(docName: string, seq: number, update: Uint8Array): Promise<void>;
	/** Resolves once subscribed; the returned function unsubscribes. */
	subscribe(docName: string, handler: BusHandler): Promise<() => Promise<void>>;
	close(): Promise<void>;
}

const channelOf = (docName: string) => `drafting-room:doc:${docName}`;

export async function redisBus(url: string, nodeId: string): Promise<UpdateBus> {
	const publisher = createClient({ url });
	// A connection in subscriber mode can do nothing else.
	const subscriber = publisher.duplicate();
	publisher.on('error', () => {});
	subscriber.on('error', () => {});
	await Promise.all([publisher.connect(), subscriber.connect()]);
	const handlers = new Map<string, Set<BusHandler>>();

	const listener = (message: Buffer, channel: Buffer) => {
		const set = handlers.get(channel.toString());
		if (!set) return;
		const decoder = decoding.createDecoder(
			new Uint8Array(message.buffer, message.byteOffset, message.length)
		);
		const seq = decoding.readVarUint(decoder);
		if (decoding.readVarString(decoder) === nodeId) return;
		const update = decoding.readVarUint8Array(decoder);
		for (const handler of set) handler(seq, update);
	};

	return {
		async publish(docName, seq, update) {
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, seq);
			encoding.writeVarString(encoder, nodeId);
			encoding.writeVarUint8Array(encoder, update);
			await publisher.publish(channelOf(docName), Buffer.from(encoding.toUint8Array(encoder)));
		},
		async subscribe(docName, handler) {
			const channel = channelOf(docName);
			let set = handlers.get(channel);
			if (!set) {
				handlers.set(channel, (set = new Set()));
				await subscriber.subscribe(channel, listener, true);
			}
			set.add(handler);
			return async () => {
				set.delete(handler);
				if (set.size > 0 || handlers.get(channel) !== set) return;
				handlers.delete(channel);
				await subscriber.unsubscribe(channel, listener, true);
			};
		},
		async close() {
			await Promise.all([publisher.close(), subscriber.close()]);
		}
	};
}
