/**
 * The collaboration endpoint: `/collab/<docName>` websockets speaking the y-websocket protocol, so the
 * stock `WebsocketProvider` is the client. Mounted on the production http server and, in development,
 * on Vite's by a small plugin; the app injects authentication, authorisation and loading.
 *
 * Members of a meeting receive its document live. Each update a client sends is validated before it is
 * applied: only string edits in the texts this user may edit now get through; anything else is refused
 * whole and closes that connection (44xx). Accepted changes are made durable (persistUpdate), then
 * broadcast. Presence is relayed stamped with the session's identity. See docs/collab-protocol.md.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { CloseCode } from './close-codes.ts';
import { Connection } from './connection.ts';
import { parseDocName } from './doc-name.ts';
import { DocRegistry } from './doc-registry.ts';
import { DEFAULT_RATE_LIMIT } from './rate-limit.ts';
import { Budgets, DEFAULT_ALLOWANCE } from './budgets.ts';
import { collabPathOf, refuseUpgrade, type RefusalStatus } from './upgrade.ts';
import type {
	CollabDeps,
	CollabIdentity,
	CollabLogEvent,
	CollabOptions,
	CollabServer,
	Standing
} from './types.ts';

export { CloseCode } from './close-codes.ts';
export { formatDocName, parseDocName, type DocName } from './doc-name.ts';
export type * from './types.ts';

const DEFAULTS: Required<CollabOptions> = {
	rateLimit: DEFAULT_RATE_LIMIT,
	idleUnloadMs: 30_000,
	pingIntervalMs: 30_000,
	clientKeepaliveMs: 10_000,
	maxPayloadBytes: 1024 * 1024,
	maxQueuedMessages: 64,
	closeTimeoutMs: 2_000,
	recheckIntervalMs: 1_000,
	standingTtlMs: 30_000,
	allowance: DEFAULT_ALLOWANCE
};

/** A live session's standing, as a connection was opened with it (see Standing). */
type LiveStanding = Extract<Standing, { session: 'live' }>;
const UNCHECKED: LiveStanding = { session: 'live', rights: '', recheckAt: Infinity };

type Admission<I> =
	| { ok: true; identity: I; docName: string; standing: LiveStanding }
	| { ok: false; status: RefusalStatus; reason: string; docName?: string; userId?: string };

export function createCollabServer<I extends CollabIdentity>(
	deps: CollabDeps<I>,
	options: CollabOptions = {}
): CollabServer {
	const settings = { ...DEFAULTS, ...options };
	const log = (event: CollabLogEvent): void => {
		try {
			deps.log?.(event);
		} catch {
			// A broken logger must not take the collaboration server down with it.
		}
	};
	const registry = new DocRegistry({
		load: (name) => deps.loadDocument(name),
		idleUnloadMs: settings.idleUnloadMs,
		onEvent: log,
		persist: deps.persistUpdate,
		relay: deps.relay,
		onRemoteUpdate: deps.onRemoteUpdate,
		onUnload: deps.onUnload,
		clientOwners: deps.clientOwners
	});
	// We track connections ourselves, so ws's own client set would only duplicate it.
	const wss = new WebSocketServer({
		noServer: true,
		maxPayload: settings.maxPayloadBytes,
		clientTracking: false
	});
	const connections = new Set<Connection<I>>();
	const budgets = new Budgets(settings.allowance);
	let closed = false;

	const timers = [
		setInterval(() => {
			for (const connection of connections) connection.heartbeat();
		}, settings.pingIntervalMs),
		setInterval(() => {
			for (const connection of connections) connection.keepClientAwake(settings.clientKeepaliveMs);
		}, settings.clientKeepaliveMs),
		// Sessions expire while their sockets are open: each connection is re-read when its time comes.
		setInterval(() => {
			const now = Date.now();
			for (const connection of connections)
				if (connection.standing.recheckAt <= now) void recheck(connection);
		}, settings.recheckIntervalMs),
		setInterval(() => budgets.sweep(), 60_000)
	];
	// The http server keeps the process alive, not these.
	for (const timer of timers) timer.unref();

	/** The checks, in order: path shape, Origin, session, membership. Cheap and public ones first. */
	async function admit(req: IncomingMessage, path: string): Promise<Admission<I>> {
		if (closed) return { ok: false, status: 503, reason: 'server shutting down' };
		if (parseDocName(path) === null) {
			return { ok: false, status: 404, reason: 'unknown document', docName: path };
		}
		if (!deps.isAllowedOrigin(req.headers.origin, req)) {
			return { ok: false, status: 403, reason: 'origin not allowed', docName: path };
		}
		const identity = await deps.authenticate(req);
		if (identity === null) return { ok: false, status: 401, reason: 'sign in required', docName: path };
		const tooFast = budgets.mayUpgrade(identity.userId);
		if (tooFast !== null)
			return { ok: false, status: 429, reason: tooFast, docName: path, userId: identity.userId };
		const verdict = await deps.authorize(identity, path);
		if (!verdict.ok) {
			return {
				ok: false,
				status: verdict.status,
				reason: verdict.reason,
				docName: path,
				userId: identity.userId
			};
		}
		const standing = deps.revalidate ? trusted(await deps.revalidate(identity, path)) : UNCHECKED;
		if (standing.session === 'ended')
			return { ok: false, status: 401, reason: 'sign in required', docName: path };
		if (closed) return { ok: false, status: 503, reason: 'server shutting down' };
		// Counted here, after the last await, so that upgrades arriving together cannot all pass.
		const full = budgets.open(identity.userId, path);
		if (full !== null)
			return { ok: false, status: 429, reason: full, docName: path, userId: identity.userId };
		return { ok: true, identity, docName: path, standing };
	}

	function trusted<S extends Standing>(standing: S): S {
		if (standing.session === 'ended') return standing;
		return { ...standing, recheckAt: Math.min(standing.recheckAt, Date.now() + settings.standingTtlMs) };
	}

	/**
	 * Re-reads a connection's standing and closes it when the session ended or the rights it was opened
	 * with changed. Nothing is sent to it meanwhile (it may no longer be entitled to what comes). A
	 * request that arrives while one is being read is read again afterwards, so a change made during the
	 * first reading is not missed.
	 */
	async function recheck(connection: Connection<I>): Promise<void> {
		if (!deps.revalidate) return;
		connection.suspend();
		if (connection.rechecking) {
			connection.recheckAgain = true;
			return;
		}
		connection.rechecking = true;
		try {
			do {
				connection.recheckAgain = false;
				const now = await deps.revalidate(connection.identity, connection.docName);
				if (now.session === 'ended') {
					connection.close(CloseCode.SESSION_ENDED, 'session ended');
					return;
				}
				if (now.rights !== connection.standing.rights) {
					connection.close(CloseCode.RIGHTS_CHANGED, 'rights changed');
					return;
				}
				connection.standing = trusted(now);
			} while (connection.recheckAgain);
			connection.resume();
		} catch (error) {
			// Unknown is not revoked: the next reading decides. Pushing it later keeps the sweep calm.
			connection.standing = { ...connection.standing, recheckAt: Date.now() + settings.recheckIntervalMs };
			connection.resume();
			const detail = error instanceof Error ? error.message : String(error);
			log({ type: 'internal-error', docName: connection.docName, detail: `recheck: ${detail}` });
		} finally {
			connection.rechecking = false;
		}
	}

	async function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, path: string): Promise<void> {
		// The socket can fail while we wait on the session store; unhandled, that error would crash the process.
		const ignore = (): void => {};
		socket.on('error', ignore);
		let admission: Admission<I>;
		try {
			admission = await admit(req, path);
		} catch (error) {
			const detail = error instanceof Error ? error.message : String(error);
			log({ type: 'internal-error', docName: path, detail: `upgrade: ${detail}` });
			admission = { ok: false, status: 500, reason: 'internal error', docName: path };
		}
		if (!admission.ok) {
			const { status, reason, docName, userId } = admission;
			log({ type: 'upgrade-refused', docName, userId, detail: `${status} ${reason}` });
			refuseUpgrade(socket, status, reason);
			return;
		}
		const { identity, docName, standing } = admission;
		if (socket.destroyed) {
			budgets.close(identity.userId, docName);
			return;
		}
		socket.off('error', ignore);
		// A handshake that fails (a bad key, the peer gone) never opens: its place is given back.
		let opened = false;
		socket.once('close', () => {
			if (!opened) budgets.close(identity.userId, docName);
		});
		wss.handleUpgrade(req, socket, head, (ws) => {
			opened = true;
			open(ws, identity, docName, standing);
		});
	}

	function open(ws: WebSocket, identity: I, docName: string, standing: LiveStanding): void {
		if (closed) {
			// close() ran during the handshake; joining now would load a document nobody will unload.
			budgets.close(identity.userId, docName);
			ws.on('error', () => {});
			ws.close(CloseCode.GOING_AWAY, 'going away');
			return;
		}
		const connection: Connection<I> = new Connection(ws, identity, docName, {
			maxQueuedMessages: settings.maxQueuedMessages,
			rateLimit: settings.rateLimit,
			writeRights: () => deps.writeRights(identity, docName),
			presence: deps.presenceOf(identity, docName),
			log,
			claim: (client) => deps.claimClient?.(docName, client, identity.userId) ?? identity.userId,
			owner: (client) => deps.clientOwner?.(docName, client) ?? null,
			spend: (bytes) => budgets.spend(identity.userId, docName, bytes),
			loggedBytes: () => deps.loggedBytes?.(docName),
			onClose: (code, reason) => {
				budgets.close(identity.userId, docName);
				connections.delete(connection);
				registry.leave(docName, connection);
				log({ type: 'disconnected', docName, userId: identity.userId, detail: `${code} ${reason}`.trim() });
			}
		});
		connection.standing = standing;
		connections.add(connection);
		log({ type: 'connected', docName, userId: identity.userId });
		connection.start(registry.join(docName, connection));
	}

	return {
		handleUpgrade(req, socket, head) {
			const path = collabPathOf(req);
			if (path === null) return false;
			void upgrade(req, socket, head, path);
			return true;
		},
		connectionCount: () => connections.size,
		loadedDocuments: () => registry.names(),
		dropDocument: (docName) => registry.drop(docName, CloseCode.REPLACED, 'document replaced'),
		settleDocument: (docName) => registry.settle(docName),
		heldUpTo: (docName) => registry.heldUpTo(docName),
		liveDocument: (docName) => registry.loaded(docName),
		forkDocument: (docName) => registry.fork(docName),
		dropFork: (docName) => registry.dropFork(docName),
		applyCommitted: (docName, change) => registry.applyCommitted(docName, change),
		recheck(matches) {
			// Suspended now, so that nothing reaches them in between; read after the caller's transaction
			// (a revocation read before its COMMIT would find nothing changed).
			const due = [...connections].filter((connection) => matches(connection.identity));
			for (const connection of due) connection.suspend();
			setImmediate(() => {
				for (const connection of due) void recheck(connection);
			});
		},
		async close() {
			closed = true;
			for (const timer of timers) clearInterval(timer);
			const closing = [...connections].map(async (connection) => {
				connection.close(CloseCode.GOING_AWAY, 'going away');
				const timer = setTimeout(() => connection.terminate(), settings.closeTimeoutMs);
				await connection.closed;
				clearTimeout(timer);
			});
			await Promise.all(closing);
			registry.unloadAll();
			await new Promise<void>((resolve) => wss.close(() => resolve()));
		}
	};
}
