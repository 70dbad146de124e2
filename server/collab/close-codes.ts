/**
 * Websocket close codes the collaboration server sends, by name.
 *
 * 1000–1015 are the standard codes of RFC 6455. 4000–4999 are ours; the 44xx block mirrors HTTP 4xx and
 * means "the server decided; reconnecting will not help": the stock y-websocket client stops reconnecting
 * on any code in 4400–4499 and emits `closed`, so the app can tell its user why. Every other code is
 * treated by that client as transient and it reconnects with backoff.
 *
 * Never reuse a number for a new meaning: clients may already act on it.
 */
export const CloseCode = Object.freeze({
	/** The server is shutting down or restarting; reconnect later. Reason: "going away". */
	GOING_AWAY: 1001,
	/** A frame larger than the server's maxPayload (1 MiB). Sent by `ws` itself, not by our code. */
	MESSAGE_TOO_BIG: 1009,
	/** A fault on the server, e.g. the document could not be loaded; transient, so the client retries. */
	INTERNAL_ERROR: 1011,
	/** The client sent more than the server will hold while the document is still loading; retry later. */
	TRY_AGAIN_LATER: 1013,
	/** A message that is not a well-formed y-websocket message (bad bytes, unknown type, text frame). */
	MALFORMED: 4400,
	/**
	 * The session behind the connection ended: signed out, the password changed, the session expired
	 * or was replaced by a new sign-in. Nothing sent after it is applied; only signing in again helps.
	 */
	SESSION_ENDED: 4401,
	/**
	 * The client tried to change what it may not: a paragraph it may not edit (or that was adopted
	 * meanwhile), the server's region, map keys, formatting, new types; or to speak for another user's
	 * presence. Nothing of the update was applied. The reason says what, for the user's notice.
	 */
	FORBIDDEN: 4403,
	/**
	 * The document was replaced on the server (the secretariat re-imported the draft): the client's copy
	 * belongs to the old one. Start again with a fresh document.
	 */
	/**
	 * The user's part in the meeting changed (another group, other roles, removed from the meeting):
	 * what they may see and write is no longer what this connection was opened with. Load the page again.
	 */
	RIGHTS_CHANGED: 4409,
	REPLACED: 4410,
	/** An update referring to content the server does not have (missing dependencies): nothing applied. */
	UNRESOLVABLE: 4422,
	/** More messages than any person can type; the server protects everyone else's event loop. */
	RATE_LIMITED: 4429
} as const);

export type CloseCodeName = keyof typeof CloseCode;
export type CloseCodeValue = (typeof CloseCode)[CloseCodeName];
