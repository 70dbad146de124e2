/**
 * The documents in memory, by name, and who is connected to each.
 *
 * A document is loaded by its first connection; connections that arrive while it loads share that one
 * load (the pending promise is kept, as Hocuspocus keeps its `loadingDocuments`). When the last
 * connection leaves, it is unloaded after an idle delay, so a page reload does not pay for a reload.
 * A failed load is forgotten at once, so the next connection tries again.
 */
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CloseCode } from './close-codes.ts';
import { encodeAwareness, encodeSyncStep2, encodeSyncUpdate } from './protocol.ts';
import { DocFollower } from './relay/follower.ts';
import type { DocMessage } from './relay/redis-bus.ts';
import type { CollabRelay, CommittedChange, Linked, LoadedState } from './types.ts';

/** What the registry needs from a connection. */
export interface DocPeer {
	/** Whose session this is: a reconnecting tab may take over its own presence, nobody else's. */
	readonly userId: string;
	send(message: Uint8Array): void;
	/** The server is done with this peer's document (it could not be saved, or was replaced). */
	dismiss(code: number, reason: string): void;
}

export interface LoadedDoc {
	readonly name: string;
	readonly doc: Y.Doc;
	/** The server's view of presence, every state stamped with its session's identity. */
	readonly awareness: Awareness;
	/** Which peer speaks for each awareness client id. */
	readonly awarenessOwners: Map<number, DocPeer>;
	/**
	 * Which user writes under each Yjs client id (the server's own id is the server's). Someone writing
	 * under another's id would take the clocks that person's next edits need, and those would be lost.
	 */
	readonly clientOwners: Map<number, string>;
	/**
	 * The sync step 2 answering a client's state vector. One encoding per state vector and document
	 * state is shared by everyone who asks (most ask with the same few: empty, or the current one).
	 */
	syncReply(stateVector: Uint8Array): Uint8Array;
}

/** Distinct state vectors remembered per document state; past this the cache starts again. */
const SYNC_REPLY_CACHE = 32;

/** The origin of what another node accepted, applied here: stored already, and not published again. */
export const RELAYED = Symbol('relayed');

/** The owner of the server's own Yjs client id: no user id looks like this. */
export const SERVER_OWNER = '#server';

export type RegistryEvent =
	| { type: 'doc-loaded'; docName: string }
	| { type: 'persist-failed'; docName: string; detail: string }
	| { type: 'doc-unloaded'; docName: string }
	| { type: 'load-failed'; docName: string; detail: string }
	| { type: 'relay-failed'; docName: string; detail: string };

export interface DocRegistryOptions {
	load(name: string): Promise<Y.Doc | LoadedState>;
	idleUnloadMs: number;
	onEvent(event: RegistryEvent): void;
	/** Synchronous and durable: called for every change before it is broadcast (see CollabDeps). */
	persist?(name: string, update: Uint8Array): Linked | void;
	/** Several nodes: this one's documents follow the log, and what it accepts is published. */
	relay?: CollabRelay;
	onRemoteUpdate?(name: string, doc: Y.Doc): void;
	onUnload?(name: string, doc: Y.Doc): void;
	/** Client ids already owned by users in this document (persisted by the app). */
	clientOwners?(name: string): Iterable<readonly [number, string]>;
}

interface Entry {
	readonly name: string;
	readonly peers: Set<DocPeer>;
	loading: Promise<LoadedDoc>;
	/** Set once loading succeeds, so that unloading a loaded document is synchronous. */
	loaded: LoadedDoc | null;
	idleTimer: ReturnType<typeof setTimeout> | null;
	unloaded: boolean;
	/** Set when the document in memory is ahead of the disk: it must not be compacted from. */
	skipUnloadHook?: boolean;
	/** With a relay: the copy following the log, and how to stop hearing from the other nodes. */
	follower?: DocFollower;
	unfollow?: () => Promise<void>;
	/** The copy commands change inside their transaction (see `fork`); applied here after COMMIT. */
	fork?: Y.Doc;
}

export class DocRegistry {
	readonly #entries = new Map<string, Entry>();
	readonly #options: DocRegistryOptions;

	constructor(options: DocRegistryOptions) {
		this.#options = options;
	}

	/**
	 * Adds `peer` to the document's connections, loading it if needed. The promise rejects when the load
	 * fails; the caller then closes its peer, and must still call `leave`.
	 */
	join(name: string, peer: DocPeer): Promise<LoadedDoc> {
		const entry = this.#entries.get(name) ?? this.#open(name);
		entry.peers.add(peer);
		if (entry.idleTimer !== null) {
			clearTimeout(entry.idleTimer);
			entry.idleTimer = null;
		}
		// RLY-5: a client coming from another node may hold what this copy has not heard of yet; it was
		// stored before that client saw it, so one read of the log brings this copy level first.
		return entry.loaded?.doc && entry.follower
			? entry.follower.catchUp().then(() => entry.loading)
			: entry.loading;
	}

	leave(name: string, peer: DocPeer): void {
		const entry = this.#entries.get(name);
		if (entry === undefined || !entry.peers.delete(peer) || entry.peers.size > 0) return;
		if (entry.idleTimer !== null) clearTimeout(entry.idleTimer);
		entry.idleTimer = setTimeout(() => this.#unloadIfIdle(entry), this.#options.idleUnloadMs);
	}

	names(): string[] {
		return [...this.#entries.keys()];
	}

	/**
	 * Resolves once `name` is either loaded or not in memory at all, never halfway: a command that then
	 * changes it synchronously (`loaded`, or the stored document when that is null) cannot race a load.
	 */
	async settle(name: string): Promise<void> {
		for (
			let entry = this.#entries.get(name);
			entry && entry.loaded === null;
			entry = this.#entries.get(name)
		) {
			await entry.loading.catch(() => {});
			if (this.#entries.get(name) === entry) break;
		}
		// A command then changes it as it stands in the log, not as this node last heard.
		await this.#entries
			.get(name)
			?.follower?.catchUp()
			.catch(() => {});
	}

	/** With a relay: the seq up to which the loaded copy holds the log without a gap. */
	heldUpTo(name: string): number | null {
		return this.#entries.get(name)?.follower?.applied ?? null;
	}

	/** The document in memory, if loaded. A change made to it is persisted and broadcast like a peer's. */
	loaded(name: string): Y.Doc | null {
		const entry = this.#entries.get(name);
		return entry && !entry.unloaded ? (entry.loaded?.doc ?? null) : null;
	}

	/**
	 * KRN-3: the copy of a loaded document that a command changes inside its transaction, level with the
	 * document now. The document itself is left alone until COMMIT (`applyCommitted`): nothing anyone
	 * sees or syncs from may hold what a rollback would take back. One copy per document, kept between
	 * commands and brought level incrementally, so a command does not pay for copying a large document;
	 * null when the document is not loaded here.
	 */
	fork(name: string): Y.Doc | null {
		const entry = this.#entries.get(name);
		const loaded = entry && !entry.unloaded ? entry.loaded : null;
		if (!entry || !loaded) return null;
		let fork = entry.fork;
		if (!fork) {
			fork = entry.fork = new Y.Doc({ gc: loaded.doc.gc });
			// The server writes under this id too: no client may claim it.
			loaded.clientOwners.set(fork.clientID, SERVER_OWNER);
		}
		Y.applyUpdate(fork, Y.encodeStateAsUpdate(loaded.doc, Y.encodeStateVector(fork)));
		return fork;
	}

	/** After a rollback: the fork holds what was never stored, so the next command starts a new one. */
	dropFork(name: string): void {
		const entry = this.#entries.get(name);
		entry?.fork?.destroy();
		if (entry) entry.fork = undefined;
	}

	/**
	 * KRN-4: a change a command committed, applied to the document if it is loaded here: shown to its
	 * sockets as another node's would be, never stored again. With a relay it takes its place in log
	 * order (RLY-1); alone, nothing else writes this document's log between a COMMIT and this call.
	 */
	applyCommitted(name: string, change: CommittedChange): void {
		const entry = this.#entries.get(name);
		const doc = entry && !entry.unloaded ? entry.loaded?.doc : null;
		if (!entry || !doc) return;
		if (entry.follower) entry.follower.receive(change.prev, change.seq, change.update);
		else Y.applyUpdate(doc, change.update, RELAYED);
	}

	/** Unloads every document now, connected or not; for shutdown, after the sockets are closed. */
	unloadAll(): void {
		for (const entry of [...this.#entries.values()]) this.#unload(entry);
	}

	#open(name: string): Entry {
		const entry: Entry = {
			name,
			peers: new Set<DocPeer>(),
			loading: Promise.resolve(null as unknown as LoadedDoc),
			loaded: null,
			idleTimer: null,
			unloaded: false
		};
		entry.loading = this.#load(name, entry).then((loaded) => {
			entry.loaded = loaded;
			if (entry.unloaded) {
				// Shut down while loading: nobody will ever unload it, so do it now.
				this.#stopFollowing(entry);
				destroy(loaded);
				throw new Error('document unloaded while loading');
			}
			this.#options.onEvent({ type: 'doc-loaded', docName: name });
			return loaded;
		});
		entry.loading.catch((error: unknown) => {
			this.#stopFollowing(entry);
			if (entry.unloaded) return;
			this.#forget(entry);
			const detail = error instanceof Error ? error.message : String(error);
			this.#options.onEvent({ type: 'load-failed', docName: name, detail });
		});
		this.#entries.set(name, entry);
		return entry;
	}

	#stopFollowing(entry: Entry): void {
		entry.follower?.stop();
		const unfollow = entry.unfollow;
		entry.unfollow = undefined;
		unfollow?.().catch((error: unknown) => this.#relayFailed(entry.name, error));
	}

	async #load(name: string, entry: Entry): Promise<LoadedDoc> {
		const { peers } = entry;
		const state = await this.#options.load(name);
		const { doc, seq } = state instanceof Y.Doc ? { doc: state, seq: 0 } : state;
		const awareness = new Awareness(doc);
		awareness.setLocalState(null); // the server is not a participant
		const replies = new Map<string, Uint8Array>();
		const loaded: LoadedDoc = {
			name,
			doc,
			awareness,
			awarenessOwners: new Map(),
			clientOwners: new Map([[doc.clientID, SERVER_OWNER]]),
			syncReply(stateVector) {
				const key = Buffer.from(stateVector).toString('latin1');
				let reply = replies.get(key);
				if (reply === undefined) {
					if (replies.size >= SYNC_REPLY_CACHE) replies.clear();
					replies.set(key, (reply = encodeSyncStep2(doc, stateVector)));
				}
				return reply;
			}
		};
		for (const [client, userId] of this.#options.clientOwners?.(name) ?? [])
			if (client !== doc.clientID) loaded.clientOwners.set(client, userId);
		const relay = this.#options.relay;
		const follower = relay ? new DocFollower(name, doc, relay, seq, RELAYED) : undefined;
		doc.on('update', (update: Uint8Array, origin: unknown) => {
			replies.clear();
			const message = encodeSyncUpdate(update);
			if (origin === RELAYED) {
				// Another node stored it: here it is only shown (RLY-1).
				for (const peer of peers) peer.send(message);
				this.#remoteUpdate(name, doc);
				return;
			}
			// Durable first: nobody may see a change that a crash could take back.
			let linked: Linked | void;
			try {
				linked = this.#options.persist?.(name, update);
			} catch (error) {
				this.#persistFailed(name, error);
				return;
			}
			const publish =
				relay && linked
					? (() => {
							const { prev, seq } = linked;
							follower?.receive(prev, seq, null);
							return () => relay.publish(name, { kind: 'update', prev, seq, update });
						})()
					: undefined;
			// A peer's own update is not echoed back to it.
			for (const peer of peers) if (peer !== origin) peer.send(message);
			publish?.();
		});
		awareness.on(
			'update',
			(changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
				const ids = [...changes.added, ...changes.updated, ...changes.removed];
				const message = encodeAwareness(awareness, ids);
				for (const peer of peers) peer.send(message);
				// Each node times out the states it holds by itself; what it was told, it does not repeat.
				if (relay && origin !== RELAYED && origin !== 'timeout')
					relay.publish(name, { kind: 'awareness', update: encodeAwarenessUpdate(awareness, ids) });
			}
		);
		if (relay && follower) {
			entry.follower = follower;
			entry.unfollow = await relay.follow(name, (message) => this.#relayed(entry, loaded, message));
			// What was appended between the load and the subscription is in the log.
			await follower.catchUp();
			follower.poll(relay.pollMs, (error) => this.#relayFailed(name, error));
		}
		return loaded;
	}

	/** A message from another node about a document held here. */
	#relayed(entry: Entry, loaded: LoadedDoc, message: DocMessage): void {
		if (entry.unloaded) return;
		try {
			switch (message.kind) {
				case 'update':
					entry.follower?.receive(message.prev, message.seq, message.update);
					return;
				case 'awareness':
					applyAwarenessUpdate(loaded.awareness, message.update, RELAYED);
					return;
				case 'replaced':
					this.#drop(entry, CloseCode.REPLACED, 'document replaced');
					return;
			}
		} catch (error) {
			this.#relayFailed(entry.name, error);
		}
	}

	#remoteUpdate(name: string, doc: Y.Doc): void {
		try {
			this.#options.onRemoteUpdate?.(name, doc);
		} catch (error) {
			this.#relayFailed(name, error);
		}
	}

	#relayFailed(name: string, error: unknown): void {
		const detail = error instanceof Error ? error.message : String(error);
		this.#options.onEvent({ type: 'relay-failed', docName: name, detail });
	}

	/** The change is in memory but not on disk: drop the whole document, so that it reloads from disk. */
	#persistFailed(name: string, error: unknown): void {
		const detail = error instanceof Error ? error.message : String(error);
		this.#options.onEvent({ type: 'persist-failed', docName: name, detail });
		const entry = this.#entries.get(name);
		if (!entry) return;
		this.#drop(entry, 1011, 'document could not be saved');
	}

	/**
	 * Closes every socket of a document and unloads it without the unload hook: what is in memory must
	 * not be compacted or written anywhere (it is ahead of the disk, or it was replaced).
	 */
	drop(name: string, code: number, reason: string): void {
		const entry = this.#entries.get(name);
		if (entry) this.#drop(entry, code, reason);
	}

	#drop(entry: Entry, code: number, reason: string): void {
		for (const peer of [...entry.peers]) peer.dismiss(code, reason);
		entry.skipUnloadHook = true;
		this.#unload(entry);
	}

	#unloadIfIdle(entry: Entry): void {
		entry.idleTimer = null;
		if (entry.peers.size > 0 || entry.unloaded) return;
		if (entry.loaded !== null) {
			this.#unload(entry);
			return;
		}
		// Still loading: unloading now would let a new connection start a second load of the same
		// document beside this one. Decide once the load has settled.
		entry.loading.then(
			() => this.#unloadIfIdle(entry),
			() => {}
		);
	}

	#unload(entry: Entry): void {
		if (entry.unloaded) return;
		entry.unloaded = true;
		this.#forget(entry);
		this.#stopFollowing(entry);
		entry.fork?.destroy();
		if (entry.loaded !== null) {
			if (!entry.skipUnloadHook) this.#unloadHook(entry.name, entry.loaded.doc);
			destroy(entry.loaded);
			this.#options.onEvent({ type: 'doc-unloaded', docName: entry.name });
		}
	}

	#unloadHook(name: string, doc: Y.Doc): void {
		try {
			this.#options.onUnload?.(name, doc);
		} catch (error) {
			const detail = error instanceof Error ? error.message : String(error);
			this.#options.onEvent({ type: 'persist-failed', docName: name, detail: `on unload: ${detail}` });
		}
	}

	#forget(entry: Entry): void {
		if (entry.idleTimer !== null) clearTimeout(entry.idleTimer);
		entry.idleTimer = null;
		if (this.#entries.get(entry.name) === entry) this.#entries.delete(entry.name);
	}
}

function destroy({ doc, awareness }: LoadedDoc): void {
	awareness.destroy();
	doc.destroy();
}
