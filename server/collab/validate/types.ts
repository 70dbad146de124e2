/**
 * The validator's contract: what it is asked, what it answers, and which documents it knows the shape of.
 */
import { AMENDMENT_TEXT_MAX_CHARS, DOCUMENT_MAX_CHARS, UNIT_MAX_CHARS } from '#lib/domain/text-limits.ts';

/** Who may write which text unit, asked at validation time: the answer may change between two updates. */
export interface WriteRights {
	canWriteText(key: string): boolean;
}

export type Verdict =
	/** The server already holds all of it (a reconnecting client's step 2): accept silently, do not apply. */
	| { kind: 'no-change' }
	/** The caller applies it as is: `Y.applyUpdate(doc, update, origin)`, V1. */
	| { kind: 'accept' }
	/** Well formed, but does something this connection may not do now. */
	| { kind: 'forbidden'; detail: string }
	/** Refers to content the server does not have, or would leave structs or deletions pending. */
	| { kind: 'unresolvable'; detail: string }
	/** Not a well-formed Yjs V1 update. */
	| { kind: 'malformed'; detail: string };

/**
 * Where a client may write: the `Y.Text` values of one root `Y.Map`, text by text as `WriteRights` says.
 * Every other root is the server's (VAL-3).
 */
export interface DocSchema {
	readonly textsRoot: string;
	/** Characters one text may hold (VAL-17). */
	readonly unitMaxChars: number;
	/** Characters all the texts of the document may hold together (VAL-18). */
	readonly documentMaxChars: number;
}

/** `meeting/<id>`: `texts` (text unit id → Y.Text) is co-edited; `server` is written by the server only. */
export const MEETING_SCHEMA: DocSchema = {
	textsRoot: 'texts',
	unitMaxChars: UNIT_MAX_CHARS,
	documentMaxChars: DOCUMENT_MAX_CHARS
};

/** `group/<meetingId>/<group>`: the group's amendment drafts (draft id → Y.Text). */
export const GROUP_SCHEMA: DocSchema = {
	textsRoot: 'drafts',
	unitMaxChars: AMENDMENT_TEXT_MAX_CHARS,
	documentMaxChars: DOCUMENT_MAX_CHARS
};

/** What the caller knows about the document beyond its content. */
export interface ValidateOptions {
	/**
	 * Bytes in the document's update log since its last snapshot (VAL-19). Without it, the log is not
	 * limited here: a caller that keeps no log (a test, a tool) has nothing to protect.
	 */
	readonly loggedBytes?: number | undefined;
	/** The most that log may hold; `DOCUMENT_LOG_MAX_BYTES` by default. */
	readonly logMaxBytes?: number;
}
