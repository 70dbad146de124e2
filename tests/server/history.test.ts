// Who shaped a paragraph, and whose a Yjs client id is across restarts: the live server, real clients.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { waitFor } from '../../server/collab/test-kit.ts';
import { collabClients, events } from '#lib/server/db/schema.ts';
import { DEMO_MEETING_ID } from '#lib/server/demo/seed.ts';
import { draftAmendment, tableAmendment, transitionAmendment } from '#lib/server/amendments/commands.ts';
import { paragraphHistory } from '#lib/server/record/contributors.ts';
import { textAtEvent } from '#lib/server/record/history.ts';
import { decideUnit } from '#lib/server/decisions/commands.ts';
import { demoUser } from './demo-users.ts';
import { liveServerText, syncedMember } from './live-meeting.ts';
import { startCollab } from './collab-harness.ts';

const M = DEMO_MEETING_ID;
let h: Awaited<ReturnType<typeof startCollab>>;
beforeEach(async () => (h = await startCollab()));
afterEach(() => h.stop());

const u = (username: string) => demoUser(h.db, username);
const member = (username: string, doc?: Y.Doc) => syncedMember(h, username, doc);
const serverText = (id: string) => liveServerText(h, id);

describe('who shaped a paragraph', () => {
	it('counts each person’s characters, kept and removed, and lists the amendments adopted into it', async () => {
		const id = h.unitId('4');
		const a = await member('emp-member');
		const b = await member('wkr-member');
		a.texts.get(id)!.insert(0, 'Employers: ');
		await waitFor(() => b.texts.get(id)!.toString().startsWith('Employers: '));
		// The Worker member removes "Employers" (9 characters) and writes "All" (3).
		b.texts.get(id)!.delete(0, 9);
		b.texts.get(id)!.insert(0, 'All');
		await waitFor(() => serverText(id)?.startsWith('All: '));
		const amendment = await draftAmendment(h.db, u('gov-italy'), M, {
			proposal: { kind: 'change_wording', targetId: id, text: `${serverText(id)} Adopted words.` }
		});
		await tableAmendment(h.db, u('gov-coordinator'), M, amendment, 'group');
		await transitionAmendment(h.db, u('chair'), M, amendment, { type: 'call' });
		await transitionAmendment(h.db, u('chair'), M, amendment, { type: 'adopt' });

		const history = paragraphHistory(h.db, u('observer').id, M, id)!;
		expect(history.contributors).toEqual([
			{ userId: u('emp-member').id, name: 'Employer member', kept: 2, removed: 9 },
			{ userId: u('wkr-member').id, name: 'Worker member', kept: 3, removed: 0 }
		]);
		expect(history.amendments).toEqual([
			{ id: amendment, code: 'D.1', groupId: 'government', status: 'adopted' }
		]);
		expect(history.fromDraftAndMerges).toBe(serverText(id)!.length - 5);
	});
});

describe('client ids stay their owners’ across a restart', () => {
	it('another user cannot write under a client id someone used before the restart', async () => {
		const id = h.unitId('4');
		const docA = new Y.Doc();
		const a = await member('emp-member', docA);
		a.texts.get(id)!.insert(0, 'A ');
		await waitFor(() => serverText(id)?.startsWith('A '));
		const clientId = docA.clientID;
		expect(h.db.select().from(collabClients).where(eq(collabClients.clientId, clientId)).get()?.userId).toBe(
			u('emp-member').id
		);
		a.provider.destroy();
		await h.restart();
		// A Worker member's session picks up the Employer member's document, client id and all, and types.
		const b = await member('wkr-member', docA);
		expect(docA.clientID).toBe(clientId);
		b.texts.get(id)!.insert(0, 'B ');
		expect((await b.closed).code).toBe(4403);
	});
});

describe('the text at an event', () => {
	it('includes typing that reached the server just before it, not 300 ms behind', async () => {
		const id = h.unitId('6');
		const typist = await member('emp-member');
		typist.texts.get(id)!.insert(0, 'Just typed: ');
		await waitFor(() => serverText(id)?.startsWith('Just typed: '));
		// At once, well within the text mirror's delay.
		await decideUnit(h.db, u('chair'), M, id, { type: 'defer' });
		const seq = h.db.select().from(events).where(eq(events.type, 'unit.defer')).get()!.seq;
		const text = textAtEvent(h.db, u('observer').id, M, seq)!.text;
		expect(text.body.find((b) => b.id === id)?.text.startsWith('Just typed: ')).toBe(true);
	});
});
