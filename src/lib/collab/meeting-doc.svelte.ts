/**
 * The meeting document as the page shows it (docs/collab-protocol.md): the connection, the working text of
 * every unit, the statuses the server mirrors, who is here, and what was not saved when the server refused
 * a change. The socket and the document itself are a MeetingLink (meeting-link.ts).
 *
 * The server is the truth. When it rejects an update (4403, 4422) nothing of that update was applied, and
 * our document holds content the server will never take: it is thrown away and a fresh one synced, and
 * the page says which units lost their last change.
 */
import { SvelteMap } from 'svelte/reactivity';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { UNIT_STATUSES, type UnitStatus } from '#lib/domain/status.ts';
import { CollabClose, meansDiverged } from './close-codes.ts';
import type { Bracket } from '#lib/domain/decision.ts';
import { EMPTY_MIRROR, readMirror, type Mirror } from './live-amendments.ts';
import { resolveBrackets } from './live-decisions.ts';
import { MeetingLink } from './meeting-link.ts';
import type { Self } from './people.ts';
import { Presence } from './presence.svelte.ts';
import { ResetBudget } from './reset-budget.ts';

export type ConnectionState =
	'connecting' | 'connected' | 'reconnecting' | 'offline' | 'signed-out' | 'stopped';

export type CollabNotice =
	/** The server refused an update; `units` lost their unsaved changes. `reason` is the server's words. */
	| { kind: 'not-saved'; units: string[]; code: number; reason: string }
	/** The session ended; `units` hold changes that could not be sent. */
	| { kind: 'signed-out'; units: string[] }
	/** Rejections keep coming: starting again is not helping. */
	| { kind: 'stopped' }
	/** The user's group or roles changed meanwhile: the page must load again with the new ones. */
	| { kind: 'rights-changed'; units: string[] };

export interface EditorBinding {
	ytext: Y.Text;
	awareness: Awareness;
	undoManager: Y.UndoManager;
}

export interface MeetingDocOptions {
	/**
	 * The server refused one of our changes. What the page knows of rights (roles, statuses) may be
	 * stale: it reloads them, so that it stops offering what the server will refuse.
	 */
	onRejected?: () => void;
	/** Units were added (an adopted insertion): the text's shape the page holds is out of date. */
	onStructureChanged?: () => void;
}

/** Replaced whole (state.raw), never mutated. */
const NO_BRACKETS: ReadonlyMap<string, Bracket[]> = new Map();

/** Not connected for this long (or the browser says it is offline): say "offline", not "reconnecting". */
const OFFLINE_AFTER_MS = 8_000;
/** After 4429 the same document is fine to send again, only later. */
const RATE_LIMIT_PAUSE_MS = 5_000;
/** More fresh starts than this within a minute: something that starting again will not fix. */
const MAX_RESETS_PER_MINUTE = 3;

export class MeetingDoc {
	state = $state<ConnectionState>('connecting');
	/** Local changes the server has not confirmed yet (kept in this tab until it does). */
	unsaved = $state(false);
	/** `texts` hold the working text (from the first sync on; until then the page shows its own copy). */
	live = $state(false);
	/** The current document has synced, so its units can be bound to an editor. */
	ready = $state(false);
	/** Unit id → working text. */
	readonly texts = new SvelteMap<string, string>();
	/** Statuses from the server's region of the document; null until it has sent them. */
	statuses = $state.raw<Record<string, UnitStatus> | null>(null);
	/** Amendments, positions, the Chair's order and merges, as the server mirrors them (live-records.ts). */
	mirror = $state.raw<Mirror>(EMPTY_MIRROR);
	/** Unit id → its square brackets where they stand now in its text (they follow edits). */
	brackets = $state.raw<ReadonlyMap<string, Bracket[]>>(NO_BRACKETS);
	notice = $state.raw<CollabNotice | null>(null);
	/** The unit this tab is editing. */
	editing = $state<string | null>(null);
	readonly presence: Presence;

	readonly #docName: string;
	readonly #options: MeetingDocOptions;
	#link: MeetingLink | null = null;
	#everSynced = false;
	/** The mirror has been read once: from then on a new `structure` means units were added. */
	#mirrorRead = false;
	readonly #resets = new ResetBudget(MAX_RESETS_PER_MINUTE);
	#offlineTimer: ReturnType<typeof setTimeout> | null = null;
	#retryTimer: ReturnType<typeof setTimeout> | null = null;
	readonly #onOnline = () => this.#browserOnline();
	// The browser lost its network: the socket may not notice for half a minute, so find out now (a
	// server on the local network may still answer, and then we are simply connected again).
	readonly #onOffline = () => {
		if (this.#isFinal()) return;
		this.#notConnected();
		this.#link?.reconnect();
	};

	constructor(meetingId: string, me: Omit<Self, 'clientId'>, options: MeetingDocOptions = {}) {
		this.#docName = `meeting/${meetingId}`;
		this.#options = options;
		this.presence = new Presence(me);
	}

	/** Browser only: opens the socket. */
	connect(): void {
		window.addEventListener('online', this.#onOnline);
		window.addEventListener('offline', this.#onOffline);
		this.#open();
	}

	destroy(): void {
		window.removeEventListener('online', this.#onOnline);
		window.removeEventListener('offline', this.#onOffline);
		this.#clearTimers();
		this.presence.detach();
		this.#link?.dispose();
		this.#link = null;
	}

	/** Whether the current document has synced a text for this unit. */
	hasText(unitId: string): boolean {
		return this.ready && this.#link?.texts.has(unitId) === true;
	}

	/** What an editor of the unit binds to; null until the current document has synced it. */
	binding(unitId: string): EditorBinding | null {
		const link = this.#link;
		const ytext = this.ready ? link?.texts.get(unitId) : undefined;
		if (!link || !ytext) return null;
		return { ytext, awareness: link.awareness, undoManager: link.undo.of(unitId, ytext) };
	}

	/** Starts or stops editing a unit, and tells the others where we are. */
	edit(unitId: string | null): void {
		this.editing = unitId;
		this.presence.setFocus(unitId);
	}

	dismissNotice(): void {
		this.notice = null;
	}

	#open(): void {
		const serverUrl = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/collab`;
		const link: MeetingLink = new MeetingLink(serverUrl, this.#docName, {
			synced: () => {
				this.#readAllTexts(link);
				this.#readStatuses(link);
				this.#readMirror(link);
				this.#everSynced = true;
				this.live = true;
				this.ready = true;
				this.#setState('connected');
			},
			textsChanged: (ids) => {
				// Until the current document has synced it holds only part of the text: keep the last.
				if (!this.ready) return;
				if (ids === null) this.#readAllTexts(link);
				else for (const id of ids) this.#readText(link, id);
				// Brackets are relative positions: an edit in a bracketed unit moves their offsets.
				if (ids === null || ids.some((id) => this.mirror.brackets.has(id))) this.#readBrackets(link);
			},
			serverChanged: () => this.#readStatuses(link),
			unsavedChanged: (unsaved) => (this.unsaved = unsaved),
			disconnected: () => this.#notConnected(),
			closed: (code, reason) => this.#closedByServer(code, reason)
		});
		// The mirror's maps are nested in `server`: the link reports only changes of its own keys.
		link.server.observeDeep(() => {
			if (this.ready) this.#readMirror(link);
		});
		this.#link = link;
		this.unsaved = false;
		this.presence.attach(link.awareness);
		link.connect();
	}

	#closedByServer(code: number, reason: string): void {
		const units = this.#link?.unsavedUnits() ?? [];
		if (code === CollabClose.SESSION_ENDED) {
			this.edit(null);
			this.#setState('signed-out', true);
			this.notice = { kind: 'signed-out', units };
		} else if (code === CollabClose.RIGHTS_CHANGED) {
			// What this user may see and write changed: start again from the server's document, and have
			// the page read its rights anew (a removed participant then meets the meeting's refusal).
			this.notice = { kind: 'rights-changed', units };
			this.#startAgain();
			this.#options.onRejected?.();
		} else if (code === CollabClose.RATE_LIMITED) {
			// Our document is still right; the server only wants fewer messages. Send it again later.
			this.#setState('reconnecting');
			this.#retryTimer = setTimeout(() => this.#link?.connect(), RATE_LIMIT_PAUSE_MS);
		} else if (meansDiverged(code) && this.#resets.take()) {
			// A rejection with nothing of ours pending (e.g. the server reloaded the document) costs the
			// user nothing: start again without a word.
			if (units.length > 0) this.notice = { kind: 'not-saved', units, code, reason };
			this.#startAgain();
			this.#options.onRejected?.();
		} else {
			this.edit(null);
			this.#setState('stopped', true);
			this.notice = { kind: 'stopped' };
		}
	}

	/** Throws the document away and syncs a fresh one: the server's state is the truth. */
	#startAgain(): void {
		this.presence.detach();
		this.#link?.dispose();
		this.ready = false;
		this.edit(null);
		this.#setState(this.#everSynced ? 'reconnecting' : 'connecting');
		this.#open();
	}

	#notConnected(): void {
		if (this.#isFinal()) return;
		if (!navigator.onLine) {
			this.#setState('offline');
			return;
		}
		if (this.state === 'connected') this.#setState('reconnecting');
		this.#offlineTimer ??= setTimeout(() => {
			this.#offlineTimer = null;
			if (this.state === 'connecting' || this.state === 'reconnecting') this.state = 'offline';
		}, OFFLINE_AFTER_MS);
	}

	#browserOnline(): void {
		if (this.#isFinal() || this.state !== 'offline') return;
		this.#setState(this.#everSynced ? 'reconnecting' : 'connecting');
		this.#link?.connect(); // now, rather than at the end of the current backoff
	}

	#setState(state: ConnectionState, final = false): void {
		if (this.#isFinal() && !final) return;
		this.state = state;
		if (state === 'connected' || final) this.#clearTimers();
		if (state === 'connecting' || state === 'reconnecting') this.#notConnected();
	}

	#isFinal(): boolean {
		return this.state === 'signed-out' || this.state === 'stopped';
	}

	#clearTimers(): void {
		if (this.#offlineTimer !== null) clearTimeout(this.#offlineTimer);
		if (this.#retryTimer !== null) clearTimeout(this.#retryTimer);
		this.#offlineTimer = null;
		this.#retryTimer = null;
	}

	#readAllTexts(link: MeetingLink): void {
		for (const id of this.texts.keys()) if (!link.texts.has(id)) this.texts.delete(id);
		link.texts.forEach((ytext, id) => this.texts.set(id, ytext.toString()));
	}

	#readText(link: MeetingLink, id: string): void {
		const ytext = link.texts.get(id);
		if (ytext) this.texts.set(id, ytext.toString());
		else this.texts.delete(id);
	}

	#readMirror(link: MeetingLink): void {
		const mirror = readMirror(link.server);
		const changed = this.#mirrorRead && mirror.structure !== this.mirror.structure;
		this.mirror = mirror;
		this.#readBrackets(link);
		this.#mirrorRead = true;
		if (changed) this.#options.onStructureChanged?.();
	}

	#readBrackets(link: MeetingLink): void {
		const raw = this.mirror.brackets;
		if (raw.size === 0 && this.brackets.size === 0) return;
		this.brackets = resolveBrackets(raw, link.doc);
	}

	#readStatuses(link: MeetingLink): void {
		const raw = link.server.get('statuses');
		if (typeof raw !== 'object' || raw === null) return;
		const statuses: Record<string, UnitStatus> = {};
		for (const [id, status] of Object.entries(raw))
			if ((UNIT_STATUSES as readonly unknown[]).includes(status)) statuses[id] = status as UnitStatus;
		this.statuses = statuses;
	}
}
