// Test support on the collab harness (startCollab): the demo meeting's live document as a member holds it,
// once synced, and as the server holds it.
import * as Y from 'yjs';
import { waitFor } from '../../server/collab/test-kit.ts';
import { DEMO_MEETING_ID } from '#lib/server/demo/seed.ts';
import type { Client, startCollab } from './collab-harness.ts';

type Collab = Awaited<ReturnType<typeof startCollab>>;

/** `username` connected to the meeting's document, once it has synced and holds the text. */
export async function syncedMember(h: Collab, username: string, doc = new Y.Doc()): Promise<Client> {
	const c = h.connect(username, doc);
	await waitFor(() => c.provider.synced && c.texts.size > 0);
	return c;
}

/** A unit's text in the server's live copy of the meeting's document; undefined when it is not loaded. */
export function liveServerText(h: Collab, id: string): string | undefined {
	const texts = h.collab.liveDocument(`meeting/${DEMO_MEETING_ID}`)?.getMap<unknown>('texts');
	return (texts?.get(id) as Y.Text | undefined)?.toString();
}
