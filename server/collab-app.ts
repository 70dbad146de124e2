// Wires the collaboration endpoint to the app: sessions from SQLite, the domain policy, and meeting
// documents built from the stored text. The collab module itself knows none of these.
import type { IncomingMessage } from 'node:http';
import * as Y from 'yjs';
import type { CollabDeps, CollabIdentity } from './collab/index.ts';
import { parseDocName } from './collab/index.ts';
import type { Db } from '#lib/server/db/index.ts';
import { securityEvents } from '#lib/server/db/schema.ts';
import { sessionTokenFromCookieHeader, validateSessionToken } from '#lib/server/auth/session.ts';
import { actorFor, getMeeting } from '#lib/server/meetings/queries.ts';
import { loadDraftText } from '#lib/server/meetings/text-store.ts';
import { allBlocks } from '#lib/domain/text.ts';
import { can } from '#lib/domain/policy.ts';
import { isGroupId, type GroupId } from '#lib/domain/roles.ts';

const NOT_FOUND = { ok: false, status: 404, reason: 'no such document' } as const;

export interface AppIdentity extends CollabIdentity {
	isOffice: boolean;
}

/**
 * The websocket's CSRF guard. With ORIGIN configured (production behind a proxy) only that origin;
 * otherwise the page must come from the host the socket was opened on.
 */
export function isAllowedOrigin(
	origin: string | undefined,
	req: IncomingMessage,
	configured = process.env.ORIGIN
) {
	if (!origin) return false;
	try {
		if (configured) return new URL(origin).origin === new URL(configured).origin;
		return new URL(origin).host === req.headers.host;
	} catch {
		return false;
	}
}

/** The meeting document: `texts` holds each unit's working text; `server` mirrors structured state. */
export function buildMeetingDoc(db: Db, meetingId: string): Y.Doc {
	const doc = new Y.Doc();
	const { text, statuses } = loadDraftText(db, meetingId);
	doc.transact(() => {
		const texts = doc.getMap<Y.Text>('texts');
		for (const block of allBlocks(text)) texts.set(block.id, new Y.Text(block.text));
		const server = doc.getMap('server');
		server.set('statuses', { ...statuses });
	});
	return doc;
}

export function collabDeps(db: Db): CollabDeps<AppIdentity> {
	return {
		async authenticate(req) {
			const token = sessionTokenFromCookieHeader(req.headers.cookie);
			const result = token ? validateSessionToken(db, token) : null;
			if (!result) return null;
			return { userId: result.user.id, name: result.user.displayName, isOffice: result.user.isOffice };
		},
		isAllowedOrigin: (origin, req) => isAllowedOrigin(origin, req),
		async authorize(identity, docName) {
			const name = parseDocName(docName);
			if (!name || !getMeeting(db, name.meetingId)) return NOT_FOUND;
			let doc: { kind: 'meeting' } | { kind: 'group'; groupId: GroupId };
			if (name.kind === 'meeting') doc = { kind: 'meeting' };
			else if (isGroupId(name.group)) doc = { kind: 'group', groupId: name.group };
			else return NOT_FOUND;
			const actor = actorFor(db, { id: identity.userId, isOffice: identity.isOffice }, name.meetingId);
			const d = can(actor, { type: 'collab.open', doc });
			// Outsiders learn nothing, not even that the meeting exists.
			if (!d.allowed) return d.rule === 'POL-2' ? NOT_FOUND : { ok: false, status: 403, reason: d.reason };
			return { ok: true };
		},
		async loadDocument(docName) {
			const name = parseDocName(docName);
			if (name?.kind === 'meeting') return buildMeetingDoc(db, name.meetingId);
			// Group rooms start empty; their drafts come with amendments.
			return new Y.Doc();
		},
		log(event) {
			if (event.type !== 'security' && event.type !== 'upgrade-refused') return;
			db.insert(securityEvents)
				.values({
					type: `collab.${event.type}`,
					userId: event.userId ?? null,
					detail: [event.docName, event.detail].filter(Boolean).join(': '),
					at: new Date()
				})
				.run();
		}
	};
}
