import type { IncomingMessage } from 'node:http';
import type * as Y from 'yjs';
import type { RateLimit } from './rate-limit.ts';
import type { Allowance } from './budgets.ts';
import type { Missing } from './relay/follower.ts';
import type { DocMessage } from './relay/redis-bus.ts';

/** What a connection may write, asked at validation time (see validate/). */
export interface WriteRights {
	canWriteText(key: string): boolean;
}

/** An update's place in its document's log: its seq and the one before it (0 for the first). */
export interface Linked {
	seq: number;
	prev: number;
}

/** A document as loaded from the log: everything up to `seq` is in it. */
export interface LoadedState {
	doc: Y.Doc;
	seq: number;
}

/**
 * How this node shares the documents it holds with the other nodes (docs/collab-protocol.md, "Between
 * nodes"): what it accepts is published after it is stored; what others accepted reaches it in log order.
 */
/** A change a command committed to the log: its seq, the seq before it, and the update. */
export interface CommittedChange {
	readonly prev: number;
	readonly seq: number;
	readonly update: Uint8Array;
}

export interface CollabRelay {
	/** Messages from other nodes about `docName` go to `handler`; resolves once they will. */
	follow(docName: string, handler: (message: DocMessage) => void): Promise<() => Promise<void>>;
	/** Tells the other nodes; never throws (a message lost is read back from the database). */
	publish(docName: string, message: DocMessage): void;
	/** What a copy holding everything up to `afterSeq` lacks, read from the database. */
	catchUp(docName: string, afterSeq: number): Promise<Missing>;
	/** How often each held document reads the log for a last message lost (RLY-3), in ms. */
	pollMs: number;
}

/** Who is on the other end of a connection, as the session says; never taken from the client's messages. */
export interface CollabIdentity {
	userId: string;
	name: string;
}

/**
 * Who a connection's user is now, as the app re-reads it: whether the session still lives and, while it
 * does, the user's rights in the document as one comparable string (group and roles, say). A connection
 * is opened with one; when a later reading differs, the socket closes (4401, or 4409 for other rights).
 */
export type Standing = { session: 'ended' } | { session: 'live'; rights: string; recheckAt: number };

export type AuthorizeResult = { ok: true } | { ok: false; status: 403 | 404; reason: string };

export type CollabLogType =
	| 'upgrade-refused'
	| 'connected'
	| 'disconnected'
	| 'security'
	| 'malformed'
	| 'keepalive-timeout'
	| 'doc-loaded'
	| 'doc-unloaded'
	| 'load-failed'
	| 'persist-failed'
	| 'relay-failed'
	| 'rate-limited'
	| 'internal-error';

export interface CollabLogEvent {
	type: CollabLogType;
	docName?: string;
	userId?: string;
	detail?: string;
}

/**
 * What the collaboration server needs from the app. Injected, so this module has no database or
 * SvelteKit imports and the same code runs under the production server and the Vite plugin.
 */
export interface CollabDeps<I extends CollabIdentity = CollabIdentity> {
	/** Resolves the session cookie of the upgrade request; null when there is no valid session. */
	authenticate(req: IncomingMessage): Promise<I | null>;
	/** The CSRF guard for websockets: browsers send Origin on upgrades but do not apply CORS to them. */
	isAllowedOrigin(origin: string | undefined, req: IncomingMessage): boolean;
	/** May this user open this document? `docName` has already been checked for shape (see doc-name.ts). */
	authorize(identity: I, docName: string): Promise<AuthorizeResult>;
	/**
	 * Builds the document. Called once per docName while it is loaded; concurrent first connections share
	 * one call. The server owns the returned doc: it destroys it when unloading (listen to the doc's
	 * 'destroy' event to drop references). Changes made to it are broadcast to its connections.
	 */
	loadDocument(docName: string): Promise<Y.Doc | LoadedState>;
	/**
	 * What this identity may write in this document now. Asked for every incoming update, because the
	 * answer changes while people are connected (a paragraph is adopted, a role is withdrawn). Null when
	 * the session has ended: the update is not applied and the socket closes with 4401.
	 */
	writeRights(identity: I, docName: string): WriteRights | null;
	/**
	 * Re-reads the identity's standing (see Standing): at the upgrade, whenever the app says this user
	 * changed (`CollabServer.recheck`), and once `recheckAt` has passed (a session's expiry).
	 */
	revalidate?(identity: I, docName: string): Promise<Standing>;
	/** Who this identity is to the others: stamped as `user` on its awareness states. */
	presenceOf(identity: I, docName: string): Record<string, unknown>;
	/**
	 * Makes a change to a loaded document durable. Called synchronously for every change, the clients'
	 * and the server's own, before it is broadcast. If it throws, nothing is broadcast, the document's
	 * sockets are closed (1011, the clients retry) and it is unloaded, so memory never runs ahead of disk.
	 */
	persistUpdate?(docName: string, update: Uint8Array): Linked | void;
	/** With several nodes: how this one shares its documents with the others. Needs `persistUpdate` to
	 * return the update's place in the log, and `loadDocument` the seq it loaded up to. */
	relay?: CollabRelay;
	/** Another node's update was applied to the document here (to keep copies of it, like the mirror). */
	onRemoteUpdate?(docName: string, doc: Y.Doc): void;
	/**
	 * Bytes the document's update log holds since its last snapshot: an update that would take it past
	 * its bound is refused (VAL-19). Asked for every update, so it must be cheap (a count kept in memory).
	 */
	loggedBytes?(docName: string): number;
	/** A document is being unloaded (idle, or shutdown): the last chance to compact or flush it. */
	onUnload?(docName: string, doc: Y.Doc): void;
	/**
	 * Which user writes under which Yjs client id in a document, as kept from earlier loads: a restart must
	 * not let someone take the clocks another's offline edits need. Read when the document loads.
	 */
	clientOwners?(docName: string): Iterable<readonly [number, string]>;
	/**
	 * A user claims a client id in a document (announced it, or writes under it first): keep it, unless it
	 * is someone's already, and return whose it is. The store decides (a unique row), so that two nodes
	 * claiming one id at once give it to one user. Without it, the first claim in this process wins.
	 */
	claimClient?(docName: string, client: number, userId: string): string;
	/** Whose a client id is in a document, as stored; null when nobody has claimed it. */
	clientOwner?(docName: string, client: number): string | null;
	/** Operational and security events. Must not throw; if it does, the error is swallowed. */
	log?(event: CollabLogEvent): void;
}

export interface CollabOptions {
	/** How long a document stays loaded after its last connection closes. Default 30 s. */
	idleUnloadMs?: number;
	/** Ping period; a socket that has not answered the previous ping is terminated. Default 30 s. */
	pingIntervalMs?: number;
	/**
	 * After this long without sending a connection anything, send it the server's awareness: the stock
	 * client gives up on a socket that has been silent for 30 s (it does not see pings). Default 10 s.
	 */
	clientKeepaliveMs?: number;
	/** Largest incoming message; bigger ones are refused by `ws` with close code 1009. Default 1 MiB. */
	maxPayloadBytes?: number;
	/** Messages held per connection while its document loads; beyond that it is closed (1013). Default 64. */
	maxQueuedMessages?: number;
	/** How long close() waits for each socket's closing handshake before terminating it. Default 2 s. */
	closeTimeoutMs?: number;
	/** Messages per connection: a burst and a sustained rate; beyond them the socket closes (4429). */
	rateLimit?: RateLimit;
	/** How often connections whose standing is due (`recheckAt`) are re-read. Default 1 s. */
	recheckIntervalMs?: number;
	/**
	 * The longest a standing is trusted without reading it again, whatever `recheckAt` says: a change the
	 * app did not announce (another process, a session shortened in the database) is found this late at
	 * worst. Default 30 s.
	 */
	standingTtlMs?: number;
	/** What one user may cost the server per document, whatever number of sockets they open (budgets.ts). */
	allowance?: Allowance;
}

export interface CollabServer {
	/**
	 * Takes an upgrade request if its path is `/collab` or under `/collab/` and returns true; it then answers
	 * refusals itself. Returns false for any other path so the caller can pass the upgrade on (Vite's HMR).
	 */
	handleUpgrade(req: IncomingMessage, socket: import('node:stream').Duplex, head: Buffer): boolean;
	/** Open websocket connections. */
	connectionCount(): number;
	/** Names of the documents in memory (loaded or loading). */
	loadedDocuments(): string[];
	/**
	 * Drops a live document: its sockets close with 4410 (the client starts again from the server's new
	 * state) and it is unloaded without the unload hook. For a document replaced in storage.
	 */
	dropDocument(docName: string): void;
	/**
	 * Resolves once the document is loaded or not in memory, never while it is loading; with a relay,
	 * once the copy in memory has also read what the log holds.
	 */
	settleDocument(docName: string): Promise<void>;
	/** With a relay: the seq up to which the copy in memory holds the log without a gap; else null. */
	heldUpTo(docName: string): number | null;
	/** The live document, if in memory: to read. Commands change it through `fork` (KRN-3, KRN-4). */
	liveDocument(docName: string): Y.Doc | null;
	/** A copy of the live document, level with it, for a command to change inside its transaction. */
	forkDocument(docName: string): Y.Doc | null;
	/** The fork holds what a rolled-back transaction made: forget it. */
	dropFork(docName: string): void;
	/** What a command committed to the document's log, shown to its sockets here (not stored again). */
	applyCommitted(docName: string, change: CommittedChange): void;
	/**
	 * Re-reads the standing of every connection whose identity `matches`, on the next turn of the event
	 * loop (after the caller's transaction has committed): a session ended closes with 4401, other
	 * rights with 4409. The app calls it when it ends a session or changes a membership.
	 */
	recheck(matches: (identity: CollabIdentity) => boolean): void;
	/** Refuses new upgrades (503), closes every socket with 1001 "going away" and unloads every document. */
	close(): Promise<void>;
}
