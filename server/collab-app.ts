// Wires the collaboration endpoint to the app: sessions from SQLite, the domain policy, meeting documents
// built from the stored draft and kept durable in the collab store. The collab module knows none of this.
import type { IncomingMessage } from 'node:http';
import * as Y from 'yjs';
import type { CollabDeps, CollabIdentity, CollabOptions, CollabRelay, WriteRights } from './collab/index.ts';
import type { UpdateBus } from './collab/relay/redis-bus.ts';
import { createCollabServer, parseDocName } from './collab/index.ts';
import { createTextMirror, type TextMirror } from './collab-mirror.ts';
import { presenceFor } from './presence.ts';
import type { Db } from '#lib/server/db/index.ts';
import { securityEvents } from '#lib/server/db/schema.ts';
import { setCollabBridge } from '#lib/server/collab-bridge.ts';
import { sessionTokenFromCookieHeader, validateSessionToken } from '#lib/server/auth/session.ts';
import { actorFor, getMeeting, membershipOf } from '#lib/server/meetings/queries.ts';
import { buildMeetingDoc } from '#lib/server/collab-store/meeting-doc.ts';
import { reconcileGroupDoc, reconcileMeetingDoc } from '#lib/server/amendments/mirror.ts';
import { createCompactor, type Compactor } from '#lib/server/collab-store/compactor.ts';
import { createDocStore, docOf, type DocStore } from '#lib/server/collab-store/store.ts';
import { can, type Actor } from '#lib/domain/policy.ts';
import { isGroupId, isRole, type GroupId } from '#lib/domain/roles.ts';
import type { UnitStatus } from '#lib/domain/status.ts';

const NOT_FOUND = { ok: false, status: 404, reason: 'no such document' } as const;
const NOTHING: WriteRights = { canWriteText: () => false };

export interface AppIdentity extends CollabIdentity {
	isOffice: boolean;
	/** The session the socket was opened with: ending it closes the socket (4401). */
	sessionId: string;
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

export { buildMeetingDoc };

/** What the collab server keeps beside the documents: their durable log and the text_units mirror. */
export interface CollabPersistence {
	store: DocStore;
	compactor: Compactor;
	mirror: TextMirror;
	/** The documents in memory, for compaction and the mirror. */
	docs: Map<string, Y.Doc>;
	/**
	 * With several nodes: the seq up to which this node's copy holds the log without a gap (the collab
	 * server's, bound once it exists). Compaction folds no further: it must never fold what it has not seen.
	 */
	heldUpTo: (docName: string) => number | null;
}

export function createCollabPersistence(
	db: Db,
	onError: (error: unknown, docName: string) => void
): CollabPersistence {
	const store = createDocStore(db);
	const persistence: CollabPersistence = {
		store,
		compactor: createCompactor({ store, onError, heldUpTo: (docName) => persistence.heldUpTo(docName) }),
		mirror: createTextMirror(db),
		docs: new Map(),
		heldUpTo: () => null
	};
	return persistence;
}

/** How the collab server shares documents with other nodes over `bus`, reading what it missed from `p`. */
function relayOver(db: Db, bus: UpdateBus, p: CollabPersistence): CollabRelay {
	return {
		follow: (docName, handler) => bus.subscribe(docName, handler),
		publish(docName, message) {
			bus.publish(docName, message).catch((error: unknown) => {
				recordSecurity(db, 'collab.relay-failed', null, `${docName}: publish: ${String(error)}`);
			});
		},
		catchUp: async (docName, afterSeq) => p.store.catchUp(docName, afterSeq),
		pollMs: 1000
	};
}

export function collabDeps(
	db: Db,
	persistence?: CollabPersistence,
	bus?: UpdateBus
): CollabDeps<AppIdentity> {
	const p =
		persistence ??
		createCollabPersistence(db, (error, docName) =>
			recordSecurity(db, 'collab.compaction-failed', null, `${docName}: ${String(error)}`)
		);
	// The hot path (asked for every incoming update): statements prepared once on the raw connection;
	// drizzle's builder prepares a statement per call, which showed in the benchmark's profile.
	const statusOf = db.$client.prepare<[string, string], { status: UnitStatus }>(
		'SELECT status FROM text_units WHERE id = ? AND meeting_id = ?'
	);
	const membershipRow = db.$client.prepare<
		[string, string],
		{ group_id: GroupId | null; roles: string | null }
	>(
		`SELECT p.group_id, group_concat(r.role) AS roles
		 FROM participants p LEFT JOIN participant_roles r ON r.participant_id = p.id
		 WHERE p.meeting_id = ? AND p.user_id = ? GROUP BY p.id`
	);
	// CON-2: once the conclusions are adopted, the text is final: nobody writes in it any more.
	const finalText = db.$client.prepare<[string], { at: number | null }>(
		'SELECT conclusions_adopted_at AS at FROM meetings WHERE id = ?'
	);
	// Revocation: the session still lives (not deleted, not expired), and the user's part in the meeting.
	const sessionUntil = db.$client.prepare<[string, string], { until: number }>(
		'SELECT expires_at AS until FROM sessions WHERE id = ? AND user_id = ?'
	);
	const liveUntil = (identity: AppIdentity, now = Date.now()): number | null => {
		const row = sessionUntil.get(identity.sessionId, identity.userId);
		return row && row.until > now ? row.until : null;
	};
	const ownersOf = db.$client.prepare<[string], { client: number; user: string }>(
		'SELECT client_id AS client, user_id AS user FROM collab_clients WHERE doc_name = ?'
	);
	const ownerOf = db.$client.prepare<[string, number], { user: string }>(
		'SELECT user_id AS user FROM collab_clients WHERE doc_name = ? AND client_id = ?'
	);
	const claim = db.$client.prepare<[string, number, string, number]>(
		'INSERT OR IGNORE INTO collab_clients (doc_name, client_id, user_id, first_at) VALUES (?, ?, ?, ?)'
	);
	const actorNow = (identity: AppIdentity, meetingId: string): Actor => {
		const row = membershipRow.get(meetingId, identity.userId);
		const membership = row
			? { groupId: row.group_id, roles: (row.roles ? row.roles.split(',') : []).filter(isRole) }
			: null;
		return { userId: identity.userId, isOffice: identity.isOffice, membership };
	};

	return {
		async authenticate(req) {
			const token = sessionTokenFromCookieHeader(req.headers.cookie);
			const result = token ? validateSessionToken(db, token) : null;
			if (!result) return null;
			return {
				userId: result.user.id,
				name: result.user.displayName,
				isOffice: result.user.isOffice,
				sessionId: result.session.id
			};
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
			// One IMMEDIATE transaction: two nodes opening a document never stored must not both build it
			// (each build mints its own item identities), and the seq returned is the last this doc holds.
			const load = db.$client.transaction(() => {
				const stored = p.store.load(docName);
				let seq = stored.lastSeq;
				const name = parseDocName(docName);
				let doc = docOf(stored);
				if (!doc && name?.kind === 'meeting') {
					// First use: build from the draft and store that state at once, so that the items every
					// client will refer to have one identity for good (rebuilding would mint new ones).
					doc = buildMeetingDoc(db, name.meetingId);
					seq = p.store.append(docName, Y.encodeStateAsUpdate(doc));
				}
				doc ??= new Y.Doc();
				// The copies of amendments and positions follow the rows: whatever a crash or an older version
				// left, the document leaves here in line with them (one update, stored, only if anything differs).
				const before = Y.encodeStateVector(doc);
				if (name?.kind === 'meeting') reconcileMeetingDoc(db, name.meetingId, doc);
				else if (name && isGroupId(name.group)) reconcileGroupDoc(db, name.meetingId, name.group, doc);
				const fix = Y.encodeStateAsUpdate(doc, before);
				if (fix.length > 2) seq = p.store.append(docName, fix);
				return { doc, seq };
			});
			const loaded = load.immediate();
			p.docs.set(docName, loaded.doc);
			return loaded;
		},
		async revalidate(identity, docName) {
			const until = liveUntil(identity);
			if (until === null) return { session: 'ended' };
			const name = parseDocName(docName);
			const actor = name ? actorNow(identity, name.meetingId) : null;
			// Group and roles decide what the socket may see and say; any change closes it (4409).
			const m = actor?.membership;
			const rights = m ? `${m.groupId ?? '-'}:${[...m.roles].sort().join(',')}` : 'none';
			return { session: 'live', rights, recheckAt: until };
		},
		writeRights(identity, docName) {
			if (liveUntil(identity) === null) return null;
			const name = parseDocName(docName);
			if (!name) return NOTHING;
			const actor = actorNow(identity, name.meetingId);
			if (name.kind === 'group') {
				// A group's own members co-write its drafts; the drafts themselves are created by commands.
				const member = actor.membership?.groupId === name.group;
				return member ? { canWriteText: () => true } : NOTHING;
			}
			if (finalText.get(name.meetingId)?.at) return NOTHING;
			return {
				canWriteText(key) {
					const row = statusOf.get(key, name.meetingId);
					return !!row && can(actor, { type: 'text.edit', status: row.status }).allowed;
				}
			};
		},
		presenceOf(identity, docName) {
			const name = parseDocName(docName);
			return {
				...presenceFor(
					identity.userId,
					identity.name,
					name ? membershipOf(db, name.meetingId, identity.userId) : null
				)
			};
		},
		persistUpdate(docName, update) {
			const linked = p.store.appendLinked(docName, update);
			const doc = p.docs.get(docName);
			if (!doc) return linked;
			p.compactor.noteAppended(docName, () => doc, linked.seq, update.length);
			const name = parseDocName(docName);
			if (name?.kind === 'meeting') p.mirror.changed(name.meetingId, doc);
			return linked;
		},
		relay: bus ? relayOver(db, bus, p) : undefined,
		onRemoteUpdate(docName, doc) {
			// Every node holding the document mirrors it: the last to write has seen everything before.
			const name = parseDocName(docName);
			if (name?.kind === 'meeting') p.mirror.changed(name.meetingId, doc);
		},
		loggedBytes: (docName) => p.compactor.loggedBytes(docName),
		clientOwners: (docName) => ownersOf.all(docName).map((r) => [r.client, r.user] as const),
		claimClient(docName, client, userId) {
			claim.run(docName, client, userId, Date.now());
			return ownerOf.get(docName, client)?.user ?? userId;
		},
		clientOwner: (docName, client) => ownerOf.get(docName, client)?.user ?? null,
		onUnload(docName) {
			const name = parseDocName(docName);
			if (name?.kind === 'meeting') p.mirror.flush(name.meetingId);
			p.compactor.flush(docName);
			p.compactor.forget(docName);
			p.docs.delete(docName);
		},
		log(event) {
			if (event.type !== 'security' && event.type !== 'upgrade-refused' && event.type !== 'persist-failed')
				return;
			recordSecurity(
				db,
				`collab.${event.type}`,
				event.userId ?? null,
				[event.docName, event.detail].filter(Boolean).join(': ')
			);
		}
	};
}

function recordSecurity(db: Db, type: string, userId: string | null, detail: string): void {
	db.insert(securityEvents).values({ type, userId, detail, at: new Date() }).run();
}

/**
 * The collaboration server as the app runs it (production, `vite dev`, server tests): documents durable
 * in SQLite, texts mirrored to text_units, and the bridge through which commands replace a document.
 */
export function createAppCollab(db: Db, options?: CollabOptions, bus?: UpdateBus) {
	const persistence = createCollabPersistence(db, (error, docName) =>
		recordSecurity(db, 'collab.compaction-failed', null, `${docName}: ${String(error)}`)
	);
	const collab = createCollabServer(collabDeps(db, persistence, bus), options);
	persistence.heldUpTo = (docName) => collab.heldUpTo(docName);
	const recheck = (who: { userId: string } | { sessionId: string }) =>
		collab.recheck((identity) => {
			const app = identity as AppIdentity;
			return 'sessionId' in who ? app.sessionId === who.sessionId : app.userId === who.userId;
		});
	const tell = (what: Promise<void>, about: string) =>
		what.catch((error: unknown) =>
			recordSecurity(db, 'collab.relay-failed', null, `${about}: ${String(error)}`)
		);
	// Other nodes' sessions ended and memberships changed close sockets here too (COL-1).
	const listening = bus ? tell(bus.onIdentity(recheck), 'identity channel') : Promise.resolve();
	setCollabBridge({
		settle: (docName) => collab.settleDocument(docName),
		flushTexts: (meetingId) => persistence.mirror.flush(meetingId),
		live: (docName) => collab.liveDocument(docName),
		fork: (docName) => collab.forkDocument(docName),
		dropFork: (docName) => collab.dropFork(docName),
		identityChanged(who) {
			recheck(who);
			if (bus) void tell(bus.publishIdentity(who), 'identity');
		},
		committed(changes) {
			for (const { docName, prev, seq, update } of changes) {
				collab.applyCommitted(docName, { prev, seq, update });
				// Counted towards the next compaction like any append to a document held here.
				const doc = persistence.docs.get(docName);
				if (doc) persistence.compactor.noteAppended(docName, () => doc, seq, update.length);
				if (bus) void tell(bus.publish(docName, { kind: 'update', prev, seq, update }), docName);
			}
		},
		documentReplaced(docName) {
			collab.dropDocument(docName);
			const name = parseDocName(docName);
			if (name?.kind === 'meeting') persistence.mirror.cancel(name.meetingId);
			persistence.compactor.forget(docName);
			persistence.docs.delete(docName);
			if (bus) void tell(bus.publish(docName, { kind: 'replaced' }), docName);
		}
	});
	return {
		collab,
		persistence,
		/** Resolves once this node hears the others (with a bus). */
		ready: listening,
		/** Closes every socket, then flushes: texts mirrored, logs compacted. */
		async close() {
			setCollabBridge(null);
			await collab.close();
			persistence.compactor.stop();
			persistence.mirror.stop();
		}
	};
}
