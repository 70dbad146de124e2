// Server changes to the live documents: the mirror of amendments and positions, drafts in group rooms,
// and adopted amendments merged into the working text (docs/architecture.md, "Every structured change is a
// server command"; docs/collab-protocol.md, "The server's region").
//
// When the document is in memory, the change goes through it: the collab server persists it, then
// broadcasts it to every connection. Otherwise nobody is connected, and the change is applied to the
// stored document and appended to its log. Either way the append runs on the app's one SQLite
// connection, so inside a command's transaction it commits or rolls back with the rows it mirrors.
import * as Y from 'yjs';
import type { Db, DbOrTx } from '../db/index.ts';
import { collabBridge, type StoredChange } from '../collab-bridge.ts';
import { createDocStore, type DocStore } from '../collab-store/store.ts';
import { buildMeetingDoc } from '../collab-store/meeting-doc.ts';

/** Past this many updates in a stored log, a change made without a live document folds the log. */
const COMPACT_AFTER = 64;

const stores = new WeakMap<Db, DocStore>();
function storeOf(db: Db): DocStore {
	let store = stores.get(db);
	if (!store) stores.set(db, (store = createDocStore(db)));
	return store;
}

/** Waits until none of `names` is halfway through loading, so that changes can then be made synchronously. */
export async function settleDocs(names: readonly string[]): Promise<void> {
	const bridge = collabBridge();
	if (bridge) await Promise.all(names.map((n) => bridge.settle(n)));
}

/**
 * The changes of one command. Made inside its transaction: if the transaction then fails, the documents
 * in memory that were changed are dropped (their sockets restart from the disk), since they are ahead
 * of it.
 */
export class LiveChanges {
	readonly #db: Db;
	readonly #touched = new Set<string>();
	readonly #stored = new Map<string, { doc: Y.Doc; before: Uint8Array }>();

	constructor(db: Db) {
		this.#db = db;
	}

	/**
	 * The document to read or change: the live one, or the stored one (built from the draft for a
	 * meeting never opened). Call `settleDocs` first, outside the transaction.
	 */
	doc(name: string): Y.Doc {
		const live = collabBridge()?.live(name);
		if (live) return live;
		const known = this.#stored.get(name);
		if (known) return known.doc;
		const store = storeOf(this.#db);
		const loadOrBuild = (): Y.Doc => {
			const stored = store.loadDoc(name);
			if (stored) return stored;
			const meetingId = name.startsWith('meeting/') ? name.slice('meeting/'.length) : null;
			const built = meetingId !== null ? buildMeetingDoc(this.#db, meetingId) : new Y.Doc();
			store.append(name, Y.encodeStateAsUpdate(built));
			return built;
		};
		// Under the write lock: another node building the same document at once would mint other items.
		const sqlite = this.#db.$client;
		const doc = sqlite.inTransaction ? loadOrBuild() : sqlite.transaction(loadOrBuild).immediate();
		this.#stored.set(name, { doc, before: Y.encodeStateVector(doc) });
		return doc;
	}

	/** Whether the document is live in this process (someone may be connected to it). */
	isLive(name: string): boolean {
		return collabBridge()?.live(name) != null;
	}

	/** Changes a document in one Yjs transaction (one update, one broadcast). */
	change(name: string, fn: (doc: Y.Doc) => void): void {
		const doc = this.doc(name);
		this.#touched.add(name);
		doc.transact(() => fn(doc));
	}

	/**
	 * Appends what changed in the stored (not live) documents; the live ones were persisted as they
	 * changed. Returns the appends, for the other nodes that may hold those documents (after COMMIT).
	 */
	flush(): StoredChange[] {
		const store = storeOf(this.#db);
		const changes: StoredChange[] = [];
		for (const [name, { doc, before }] of this.#stored) {
			const update = Y.encodeStateAsUpdate(doc, before);
			// An update with no structs and no deletions is 2 bytes.
			if (update.length <= 2) continue;
			const { seq, prev } = store.appendLinked(name, update);
			changes.push({ docName: name, prev, seq, update });
			if (store.stats(name).updates > COMPACT_AFTER) store.compact(name, doc, seq);
		}
		this.#stored.clear();
		return changes;
	}

	/** After a failed transaction: what is in memory is ahead of the disk. */
	abandon(): void {
		const bridge = collabBridge();
		for (const name of this.#touched) if (bridge?.live(name)) bridge.documentReplaced(name);
		this.#stored.clear();
	}
}

/**
 * Runs `fn` in one IMMEDIATE transaction with the live changes it makes, committed together. Await
 * `settleDocs` for every document it touches first. What the changes would send is held until COMMIT
 * (docs/architecture.md, "Every structured change is a server command": nothing reaches a socket while a
 * transaction is open), and dropped on rollback.
 */
export function withLiveChanges<T>(db: Db, fn: (tx: DbOrTx, live: LiveChanges) => T): T {
	const live = new LiveChanges(db);
	const bridge = collabBridge();
	const held = bridge?.holdBroadcasts();
	let result: T;
	let stored: StoredChange[] = [];
	try {
		result = db.transaction(
			(tx) => {
				const value = fn(tx, live);
				stored = live.flush();
				return value;
			},
			{ behavior: 'immediate' }
		);
	} catch (error) {
		held?.discard();
		live.abandon();
		throw error;
	}
	held?.release();
	if (stored.length > 0) bridge?.storedChanged(stored);
	return result;
}
