// What a command changes in the Yjs documents (docs/architecture.md, "Every structured change is a server
// command", KRN-3): the mirror of amendments and positions, drafts in group rooms, adopted amendments
// merged into the working text.
//
// A command never changes a live document. It changes a copy: the collab server's fork of a document in
// memory here, level with it, or the stored document when nobody here holds it. Inside the command's
// transaction, what it changed is appended to the document's log on the transaction's connection, so it
// commits or rolls back with the rows it mirrors; only after COMMIT does the kernel apply the appends to
// the live documents, show them and publish them (KRN-4). A rollback leaves nothing anyone saw.
import * as Y from 'yjs';
import type { Db } from '../db/index.ts';
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

interface Changing {
	readonly doc: Y.Doc;
	readonly before: Uint8Array;
	/** A fork of a document in memory here (its own compactor folds the log), not a stored one. */
	readonly forked: boolean;
}

/** The changes of one command to the documents, appended to their logs inside its transaction. */
export class LiveChanges {
	readonly #db: Db;
	readonly #docs = new Map<string, Changing>();

	constructor(db: Db) {
		this.#db = db;
	}

	/**
	 * The document to read or change: a fork of the live one, or the stored one (built from the draft for
	 * a meeting never opened). Call `settleDocs` first, outside the transaction.
	 */
	doc(name: string): Y.Doc {
		const known = this.#docs.get(name);
		if (known) return known.doc;
		const fork = collabBridge()?.fork(name);
		if (fork) {
			this.#docs.set(name, { doc: fork, before: Y.encodeStateVector(fork), forked: true });
			return fork;
		}
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
		this.#docs.set(name, { doc, before: Y.encodeStateVector(doc), forked: false });
		return doc;
	}

	/** Changes a document in one Yjs transaction (one update, one broadcast). */
	change(name: string, fn: (doc: Y.Doc) => void): void {
		const doc = this.doc(name);
		doc.transact(() => fn(doc));
	}

	/**
	 * Appends what changed in each document to its log, inside the caller's transaction, and returns the
	 * appends: after COMMIT the kernel applies them to the live documents and publishes them.
	 */
	flush(): StoredChange[] {
		const store = storeOf(this.#db);
		const changes: StoredChange[] = [];
		for (const [name, { doc, before, forked }] of this.#docs) {
			const update = Y.encodeStateAsUpdate(doc, before);
			// An update with no structs and no deletions is 2 bytes.
			if (update.length <= 2) continue;
			const { seq, prev } = store.appendLinked(name, update);
			changes.push({ docName: name, prev, seq, update });
			// A stored document read whole just now holds the log up to `seq`; a fork may not (another node's
			// update not yet heard), so only the live copy's compactor folds that log.
			if (!forked && store.stats(name).updates > COMPACT_AFTER) store.compact(name, doc, seq);
		}
		return changes;
	}

	/** After a rollback: the forks hold what was never stored. */
	abandon(): void {
		const bridge = collabBridge();
		for (const [name, { forked }] of this.#docs) if (forked) bridge?.dropFork(name);
		this.#docs.clear();
	}
}
