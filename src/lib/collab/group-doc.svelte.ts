/**
 * A group's room as the page shows it (docs/collab-protocol.md, `group/<meetingId>/<group>`): the
 * group's drafts, each a Y.Text its members co-write, and what each draft is about, which the server
 * writes under `server.meta` (live-records.ts). The socket is a MeetingLink on the group's document.
 *
 * As with the meeting document, the server is the truth: when it refuses an update, this document is
 * thrown away and a fresh one synced.
 */
import { SvelteMap } from 'svelte/reactivity';
import type * as Y from 'yjs';
import { meansDiverged } from './close-codes.ts';
import { parseDraft } from './live-amendments.ts';
import { GROUP_META_KEY, GROUP_TEXTS_ROOT, type LiveDraft } from './live-records.ts';
import { MeetingLink } from './meeting-link.ts';
import type { EditorBinding } from './meeting-doc.svelte.ts';
import { ResetBudget } from './reset-budget.ts';

export type GroupDocState = 'connecting' | 'connected' | 'reconnecting' | 'stopped';

/** More fresh starts than this within a minute: something that starting again will not fix. */
const MAX_RESETS_PER_MINUTE = 3;

export class GroupDoc {
	state = $state<GroupDocState>('connecting');
	ready = $state(false);
	/** Typing in a draft the server has not confirmed yet. */
	unsaved = $state(false);
	/** The group's drafts, oldest first. */
	drafts = $state.raw<LiveDraft[]>([]);
	/** Draft id → its wording now. */
	readonly wordings = new SvelteMap<string, string>();
	/** The draft this tab is writing in. */
	editing = $state<string | null>(null);
	/** The server refused our last change: the room started again from its state. */
	rejected = $state(false);

	readonly #docName: string;
	#link: MeetingLink | null = null;
	#texts: Y.Map<Y.Text> | null = null;
	readonly #resets = new ResetBudget(MAX_RESETS_PER_MINUTE);

	constructor(meetingId: string, groupId: string) {
		this.#docName = `group/${meetingId}/${groupId}`;
	}

	connect(): void {
		this.#open();
	}

	destroy(): void {
		this.#link?.dispose();
		this.#link = null;
		this.#texts = null;
	}

	binding(draftId: string): EditorBinding | null {
		const link = this.#link;
		const ytext = this.ready ? this.#texts?.get(draftId) : undefined;
		if (!link || !ytext) return null;
		return { ytext, awareness: link.awareness, undoManager: link.undo.of(draftId, ytext) };
	}

	edit(draftId: string | null): void {
		this.editing = draftId;
		const awareness = this.#link?.awareness;
		if (!awareness) return;
		awareness.setLocalStateField('focus', draftId);
		if (draftId === null) awareness.setLocalStateField('cursor', null);
	}

	#open(): void {
		const serverUrl = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/collab`;
		const link: MeetingLink = new MeetingLink(
			serverUrl,
			this.#docName,
			{
				synced: () => {
					this.ready = true;
					this.state = 'connected';
					this.#readMeta(link);
					this.#readAll();
				},
				textsChanged: (ids) => {
					if (!this.ready) return;
					if (ids === null) this.#readAll();
					else for (const id of ids) this.#readOne(id);
				},
				serverChanged: () => this.#readMeta(link),
				unsavedChanged: (unsaved) => (this.unsaved = unsaved),
				disconnected: () => {
					if (this.state === 'connected') this.state = 'reconnecting';
				},
				closed: (code) => {
					if (meansDiverged(code) && this.#resets.take()) {
						this.rejected = true;
						this.#startAgain();
					} else this.state = 'stopped';
				}
			},
			{ textsRoot: GROUP_TEXTS_ROOT }
		);
		const texts = link.texts;
		// The meta map is nested in `server`: the link only reports changes of `server`'s own keys.
		link.server.observeDeep(() => {
			if (this.ready) this.#readMeta(link);
		});
		this.#link = link;
		this.#texts = texts;
		link.connect();
	}

	#startAgain(): void {
		this.#link?.dispose();
		this.ready = false;
		this.edit(null);
		this.state = 'reconnecting';
		this.#open();
	}

	#readMeta(link: MeetingLink): void {
		const meta = link.server.get(GROUP_META_KEY) as Y.Map<unknown> | undefined;
		const drafts: LiveDraft[] = [];
		if (meta && typeof meta.forEach === 'function')
			meta.forEach((raw) => {
				const draft = parseDraft(raw);
				if (draft) drafts.push(draft);
			});
		drafts.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
		this.drafts = drafts;
		if (this.editing && !drafts.some((d) => d.id === this.editing)) this.edit(null);
	}

	#readAll(): void {
		const texts = this.#texts;
		if (!texts) return;
		for (const id of this.wordings.keys()) if (!texts.has(id)) this.wordings.delete(id);
		texts.forEach((ytext, id) => this.wordings.set(id, ytext.toString()));
	}

	#readOne(id: string): void {
		const ytext = this.#texts?.get(id);
		if (ytext) this.wordings.set(id, ytext.toString());
		else this.wordings.delete(id);
	}
}
