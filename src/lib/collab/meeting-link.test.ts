// The browser's link to the meeting document, against the app's real collaboration server (real SQLite,
// real sessions): does it know which of its changes the server has confirmed, and which it refused?
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { waitFor } from '../../../server/collab/test-kit.ts';
import { MEETING_DOC, startCollab } from '../../../tests/server/collab-harness.ts';
import { CollabClose } from './close-codes.ts';
import { MeetingLink, type LinkHandlers } from './meeting-link.ts';

let h: Awaited<ReturnType<typeof startCollab>>;
const links: MeetingLink[] = [];
beforeEach(async () => (h = await startCollab()));
afterEach(async () => {
	for (const link of links.splice(0)) link.dispose();
	await h.stop();
});

interface Seen {
	synced: number;
	unsaved: boolean[];
	closed: { code: number; reason: string } | null;
}

/** A link as the page opens it, signed in as `username` (a browser sends cookie and Origin itself). */
function open(username: string): { link: MeetingLink; seen: Seen } {
	const headers = { cookie: h.cookieFor(username), origin: h.origin };
	class Browserish extends WebSocket {
		constructor(url: string) {
			super(url, { headers });
		}
	}
	const seen: Seen = { synced: 0, unsaved: [], closed: null };
	const handlers: LinkHandlers = {
		synced: () => seen.synced++,
		textsChanged: () => {},
		serverChanged: () => {},
		unsavedChanged: (unsaved) => seen.unsaved.push(unsaved),
		disconnected: () => {},
		closed: (code, reason) => (seen.closed = { code, reason })
	};
	const link = new MeetingLink(`${h.base}/collab`, MEETING_DOC, handlers, {
		WebSocketPolyfill: Browserish as unknown as typeof globalThis.WebSocket
	});
	links.push(link);
	link.connect();
	return { link, seen };
}

describe('MeetingLink', () => {
	it('counts a change as saved only once the server has confirmed it', async () => {
		const id = h.unitId('5(iii)');
		const { link, seen } = open('wkr-member');
		await waitFor(() => seen.synced > 0);
		link.texts.get(id)!.insert(link.texts.get(id)!.length, ' (confirmed)');
		expect(link.unsaved).toBe(true);
		expect(link.unsavedUnits()).toEqual([id]);
		await waitFor(() => !link.unsaved);
		expect(seen.unsaved).toEqual([true, false]);
		expect(seen.closed).toBeNull();
	});

	it('keeps changes made offline as unsaved until the server has them', async () => {
		const id = h.unitId('2(ii)');
		const { link, seen } = open('wkr-member');
		await waitFor(() => seen.synced > 0);
		link.provider.disconnect();
		link.texts.get(id)!.delete(0, 5);
		expect(link.unsavedUnits()).toEqual([id]);
		link.connect();
		await waitFor(() => !link.unsaved);
		const other = open('observer');
		await waitFor(() => other.seen.synced > 0);
		expect(other.link.texts.get(id)?.toString()).toBe(link.texts.get(id)?.toString());
	});

	it('names the unit whose change the server refused', async () => {
		const id = h.unitId('5(iii)');
		const { link, seen } = open('observer'); // may read, never write (POL-5)
		await waitFor(() => seen.synced > 0);
		link.texts.get(id)!.insert(0, 'Observers may not ');
		const closed = await waitFor(() => seen.closed);
		expect(closed.code).toBe(CollabClose.FORBIDDEN);
		expect(link.unsavedUnits()).toEqual([id]);
	});
});
