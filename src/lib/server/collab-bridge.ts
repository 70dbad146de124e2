// The SvelteKit handler and the collaboration server share one process but are bundled apart, so the
// commands reach the live documents through this process-wide hook (on globalThis, like the database).
import type * as Y from 'yjs';

export interface StoredChange {
	docName: string;
	prev: number;
	seq: number;
	update: Uint8Array;
}

export interface CollabBridge {
	/**
	 * The stored document behind `docName` was replaced (the draft was re-imported): drop the live one,
	 * closing its sockets so that clients start again from the new text. Called right after the commit,
	 * in the same tick, so that no keystroke lands between the two.
	 */
	documentReplaced(docName: string): void;
	/** Resolves once `docName` is loaded or not in memory: never while it is loading. */
	settle(docName: string): Promise<void>;
	/** The live document, if in memory: to read. Commands change documents through `fork`. */
	live(docName: string): Y.Doc | null;
	/**
	 * A copy of the live document, level with it now, for a command to change inside its transaction
	 * (the live one is changed only after COMMIT: `committed`); null when it is not in memory here.
	 */
	fork(docName: string): Y.Doc | null;
	/** The transaction rolled back: the fork holds what was never stored. */
	dropFork(docName: string): void;
	/**
	 * A session ended, or a user's memberships changed: their open sockets are read again right after the
	 * current transaction, and closed when what they were opened with no longer holds (4401, 4409).
	 */
	identityChanged(who: { userId: string } | { sessionId: string }): void;
	/**
	 * A command committed these appends to the documents' logs: the live documents here apply them and
	 * show them to their sockets, and the other nodes holding them are told (each with its place in the
	 * log).
	 */
	committed(changes: readonly StoredChange[]): void;
	/**
	 * Writes a meeting's typing still waiting in the text mirror to text_units now, so that an event
	 * appended next finds the text as it stands (and its versions) on disk, not 300 ms behind.
	 */
	flushTexts(meetingId: string): void;
}

const KEY = Symbol.for('drafting-room.collab-bridge');
type WithBridge = typeof globalThis & { [KEY]?: CollabBridge | null };

export function setCollabBridge(bridge: CollabBridge | null): void {
	(globalThis as WithBridge)[KEY] = bridge;
}

export function collabBridge(): CollabBridge | null {
	return (globalThis as WithBridge)[KEY] ?? null;
}
