// The close codes a page acts on (docs/collab-protocol.md). Kept here rather than imported from
// server/collab/close-codes.ts: browser code takes nothing from server/. The stock provider stops
// reconnecting on every code in 4400–4499 and emits `closed`; each of these needs its own answer.
export const CollabClose = Object.freeze({
	/** A frame the server could not read: our document may be odd, start again from the server's. */
	MALFORMED: 4400,
	/** The session ended (signed out elsewhere, expired): only signing in again helps. */
	SESSION_ENDED: 4401,
	/** An update the user may not make (e.g. the paragraph was adopted meanwhile): nothing of it applied. */
	FORBIDDEN: 4403,
	/** The user's group or roles changed, or they left the meeting: the page must load again. */
	RIGHTS_CHANGED: 4409,
	/** The secretariat re-imported the draft: the document was rebuilt, ours belongs to the old one. */
	REPLACED: 4410,
	/** An update referring to content the server does not have: nothing of it applied. */
	UNRESOLVABLE: 4422,
	/** Too many messages too fast: the document is not wrong, so retry the same one after a pause. */
	RATE_LIMITED: 4429
} as const);

/** Closes after which our document no longer matches the server's and must be thrown away. */
export function meansDiverged(code: number): boolean {
	return (
		code === CollabClose.FORBIDDEN || code === CollabClose.UNRESOLVABLE || code === CollabClose.MALFORMED
	);
}
