/**
 * What nodes tell each other, over Redis pub/sub (docs/collab-protocol.md, "Between nodes"). One channel
 * per document, subscribed while a node holds it (no pattern subscription, which would make every node
 * receive every document's traffic), and one channel for all nodes. A message is
 * [kind: varUint][node: varString][body]; a node ignores its own. Delivery is not promised: updates lost
 * are read back from the database (DocFollower); presence is renewed by its clients every 15 s; a lost
 * identity change is found by the standing's time to live (30 s).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { createClient } from 'redis';

/** On a document's channel. */
export type DocMessage =
	/** An accepted update, committed at `seq`, which follows `prev` in the document's log. */
	| { kind: 'update'; prev: number; seq: number; update: Uint8Array }
	/** Presence, as y-protocols encodes an awareness update, stamped by the node that authenticated it. */
	| { kind: 'awareness'; update: Uint8Array }
	/** The stored document was replaced (a re-import): copies in memory are dropped. */
	| { kind: 'replaced' };

/** On the nodes' channel: a session ended, or a user's memberships changed (COL-1). */
export type Identity = { userId: string } | { sessionId: string };

export interface UpdateBus {
	readonly nodeId: string;
	publish(docName: string, message: DocMessage): Promise<void>;
	/** Resolves once subscribed; the returned function unsubscribes. */
	subscribe(docName: string, handler: (message: DocMessage) => void): Promise<() => Promise<void>>;
	publishIdentity(who: Identity): Promise<void>;
	/** Resolves once subscribed. */
	onIdentity(handler: (who: Identity) => void): Promise<void>;
	close(): Promise<void>;
}

const channelOf = (docName: string) => `drafting-room:doc:${docName}`;
const NODES = 'drafting-room:nodes';
const KIND = { update: 0, awareness: 1, replaced: 2 } as const;

function encode(nodeId: string, message: DocMessage): Buffer {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, KIND[message.kind]);
	encoding.writeVarString(encoder, nodeId);
	if (message.kind === 'update') {
		encoding.writeVarUint(encoder, message.prev);
		encoding.writeVarUint(encoder, message.seq);
		encoding.writeVarUint8Array(encoder, message.update);
	} else if (message.kind === 'awareness') encoding.writeVarUint8Array(encoder, message.update);
	return Buffer.from(encoding.toUint8Array(encoder));
}

/** The message, or null when it is this node's own or not one we know (a newer node's). */
function decode(nodeId: string, raw: Buffer): DocMessage | null {
	const decoder = decoding.createDecoder(new Uint8Array(raw.buffer, raw.byteOffset, raw.length));
	const kind = decoding.readVarUint(decoder);
	if (decoding.readVarString(decoder) === nodeId) return null;
	switch (kind) {
		case KIND.update: {
			const prev = decoding.readVarUint(decoder);
			const seq = decoding.readVarUint(decoder);
			return { kind: 'update', prev, seq, update: decoding.readVarUint8Array(decoder) };
		}
		case KIND.awareness:
			return { kind: 'awareness', update: decoding.readVarUint8Array(decoder) };
		case KIND.replaced:
			return { kind: 'replaced' };
		default:
			return null;
	}
}

export async function redisBus(
	url: string,
	nodeId: string,
	onError: (error: unknown) => void = () => {}
): Promise<UpdateBus> {
	const publisher = createClient({ url });
	// A connection in subscriber mode can do nothing else. node-redis reconnects both by itself and
	// subscribes the channels again; what was published meanwhile is read back from the database.
	const subscriber = publisher.duplicate();
	publisher.on('error', onError);
	subscriber.on('error', onError);
	await Promise.all([publisher.connect(), subscriber.connect()]);
	const handlers = new Map<string, Set<(message: DocMessage) => void>>();

	const listener = (raw: Buffer, channel: Buffer) => {
		const set = handlers.get(channel.toString());
		if (!set) return;
		let message: DocMessage | null;
		try {
			message = decode(nodeId, raw);
		} catch (error) {
			onError(error);
			return;
		}
		if (message) for (const handler of set) handler(message);
	};

	return {
		nodeId,
		async publish(docName, message) {
			await publisher.publish(channelOf(docName), encode(nodeId, message));
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
		async publishIdentity(who) {
			await publisher.publish(NODES, JSON.stringify({ node: nodeId, who }));
		},
		async onIdentity(handler) {
			await subscriber.subscribe(NODES, (raw: string) => {
				try {
					const { node, who } = JSON.parse(raw) as { node: string; who: Identity };
					if (node !== nodeId) handler(who);
				} catch (error) {
					onError(error);
				}
			});
		},
		async close() {
			await Promise.all([publisher.close(), subscriber.close()]);
		}
	};
}
