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
	/** The live document, if in memory; the server's changes to it are persisted and broadcast. */
	live(docName: string): Y.Doc | null;
	/**
	 * Holds what the live documents would send until `release()` (after COMMIT) or drops it with
	 * `discard()` (rollback): nothing a command changes reaches a socket while its transaction is open.
	 */
	holdBroadcasts(): { release(): void; discard(): void };
	/**
	 * A session ended, or a user's memberships changed: their open sockets are read again right after the
	 * current transaction, and closed when what they were opened with no longer holds (4401, 4409).
	 */
	identityChanged(who: { userId: string } | { sessionId: string }): void;
	/**
	 * Documents not in memory here were changed in storage by a committed command: other nodes holding
	 * them are told (each change with its place in the log).
	 */
	storedChanged(changes: readonly StoredChange[]): void;
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
