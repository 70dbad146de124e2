// A page's live meeting document (the text page and the projector screen): opened in the browser when the
// page mounts and again only if it moves to another meeting (not each time its data reloads), closed
// when it goes. The server's render stands until it syncs. What the page knows is reloaded when the
// server refuses one of our changes or units were added (MeetingDocOptions).
import { invalidateAll } from '$app/navigation';
import { untrack } from 'svelte';
import type { GroupId } from '#lib/domain/roles.ts';
import { MeetingDoc } from './meeting-doc.svelte.ts';

/** What a meeting page's data says about the meeting and who is looking. */
export interface MeetingPageData {
	meeting: { id: string };
	viewerId: string;
	user?: { displayName: string } | null;
	membership?: { groupId: GroupId | null } | null;
}

export function liveMeetingDoc(data: () => MeetingPageData): { readonly current: MeetingDoc | null } {
	const meetingId = $derived(data().meeting.id);
	let live = $state.raw<MeetingDoc | null>(null);
	$effect(() => {
		const me = untrack(() => {
			const d = data();
			return { userId: d.viewerId, name: d.user?.displayName ?? '', group: d.membership?.groupId ?? null };
		});
		const doc = new MeetingDoc(meetingId, me, {
			onRejected: () => invalidateAll(),
			onStructureChanged: () => invalidateAll()
		});
		live = doc;
		doc.connect();
		return () => doc.destroy();
	});
	return {
		get current() {
			return live;
		}
	};
}
