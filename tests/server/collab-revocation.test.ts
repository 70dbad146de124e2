// Revoked identities lose their sockets (docs/collab-protocol.md, "Close codes": 4401, 4409). A socket is
// opened with a session and a part in the meeting; signing out, a password change, an expired session,
// removal from the meeting or another group or roles close it within a second, and nothing is stored or
// received over it after the change. Real collab server, real SQLite, stock y-websocket clients.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { waitFor } from '../../server/collab/test-kit.ts';
import { invalidateSession } from '#lib/server/auth/session.ts';
import { changePassword } from '#lib/server/auth/change-password.ts';
import { participants, sessions, textUnits } from '#lib/server/db/schema.ts';
import { DEMO_MEETING_ID } from '#lib/server/demo/seed.ts';
import { draftAmendment } from '#lib/server/amendments/commands.ts';
import { removeParticipant, updateParticipant } from '#lib/server/meetings/commands.ts';
import { demoUser } from './demo-users.ts';
import { startCollab, type Client } from './collab-harness.ts';

const M = DEMO_MEETING_ID;
const PASSWORD = 'collab-test-password';
let h: Awaited<ReturnType<typeof startCollab>>;
beforeEach(async () => (h = await startCollab()));
afterEach(() => h.stop());

const u = (username: string) => demoUser(h.db, username);
const participantOf = (username: string) =>
	h.db
		.select()
		.from(participants)
		.where(eq(participants.userId, u(username).id))
		.get()!.id;

const open = (username: string, docName?: string, cookie?: string) =>
	h.connectSynced(username, docName, cookie);

/** Resolves with the close and how long it took, or fails after `ms`. */
async function closedWithin(c: Client, ms: number) {
	const started = Date.now();
	const closed = await Promise.race([
		c.closed,
		new Promise<null>((resolve) => setTimeout(() => resolve(null), ms))
	]);
	return { closed, after: Date.now() - started };
}

const storedText = (unitId: string) =>
	h.db.select().from(textUnits).where(eq(textUnits.id, unitId)).get()!.text;

describe('COL-1: ending the session closes its sockets (4401)', () => {
	it('signing out: the socket closes within a second and an edit sent at that moment is not stored', async () => {
		const unit = h.unitId('7');
		const member = await open('wkr-member');
		invalidateSession(h.db, member.sessionId);
		// Typed the instant the session ended, before the revocation could reach the socket.
		member.texts.get(unit)!.insert(0, 'AFTER SIGN-OUT ');
		const { closed, after } = await closedWithin(member, 1_000);
		expect(closed?.code).toBe(4401);
		expect(after).toBeLessThan(1_000);
		// Neither the live document nor the database has it, and nobody else receives it.
		const watcher = await open('gov-kenya');
		expect(watcher.texts.get(unit)!.toString()).not.toContain('AFTER SIGN-OUT');
		h.persistence.mirror.flush(M);
		expect(storedText(unit)).not.toContain('AFTER SIGN-OUT');
	});

	it("a password change ends the user's other sessions' sockets, and keeps the one it was made in", async () => {
		const elsewhere = await open('wkr-member');
		const here = await open('wkr-member');
		const error = await changePassword(h.db, u('wkr-member').id, here.sessionId, {
			current: PASSWORD,
			next: 'a-new-long-password',
			confirm: 'a-new-long-password'
		});
		expect(error).toBeNull();
		expect((await closedWithin(elsewhere, 1_000)).closed?.code).toBe(4401);
		// The kept session's socket still works: its edit reaches another participant.
		const watcher = await open('gov-kenya');
		const unit = h.unitId('7');
		here.texts.get(unit)!.insert(0, 'Still here. ');
		await waitFor(() => watcher.texts.get(unit)!.toString().startsWith('Still here. '));
		expect((await closedWithin(here, 300)).closed).toBeNull();
	});

	it('an expired session: the socket closes once it has expired, whoever shortened it', async () => {
		await h.restart({ idleUnloadMs: 0, standingTtlMs: 500 });
		const member = await open('wkr-member');
		// The session ends a second from now, and nothing announces it.
		h.db
			.update(sessions)
			.set({ expiresAt: new Date(Date.now() + 1_000) })
			.where(eq(sessions.id, member.sessionId))
			.run();
		const { closed, after } = await closedWithin(member, 4_000);
		expect(closed?.code).toBe(4401);
		expect(after).toBeGreaterThanOrEqual(900);
		expect(after).toBeLessThan(3_000);
	});
});

describe('COL-1: a changed part in the meeting closes the sockets opened with the old one (4409)', () => {
	it('moved from the Workers to the Employers: the old Workers room socket closes and gets no new draft', async () => {
		const workersRoom = `group/${M}/workers`;
		const moved = await open('wkr-member', workersRoom);
		const stayed = await open('wkr-spokesperson', workersRoom);
		await updateParticipant(h.db, u('secretariat'), M, participantOf('wkr-member'), {
			groupId: 'employers',
			country: null,
			roles: ['drafting_committee']
		});
		// A new private Workers' draft, at once.
		const target = h.unitId('7');
		const id = await draftAmendment(h.db, u('wkr-spokesperson'), M, {
			proposal: { kind: 'change_wording', targetId: target, text: 'Secret Workers wording' },
			justification: ''
		});
		await waitFor(() => stayed.doc.getMap<Y.Text>('drafts').get(id));
		const { closed, after } = await closedWithin(moved, 1_000);
		expect(closed?.code).toBe(4409);
		expect(after).toBeLessThan(1_000);
		expect(moved.doc.getMap<Y.Text>('drafts').get(id)).toBeUndefined();
	});

	it('removed from the meeting: the meeting socket closes and a new one is refused', async () => {
		const member = await open('gov-italy');
		await removeParticipant(h.db, u('secretariat'), M, participantOf('gov-italy'));
		expect((await closedWithin(member, 1_000)).closed?.code).toBe(4409);
		const again = h.connect('gov-italy');
		const refused = await Promise.race([
			waitFor(() => again.provider.wsconnected).then(() => 'connected'),
			new Promise<string>((resolve) => setTimeout(() => resolve('refused'), 1_000))
		]);
		expect(refused).toBe('refused');
	});

	it('a change that leaves the standing as it was keeps the socket open and still receiving', async () => {
		const member = await open('wkr-member');
		const p = participantOf('wkr-member');
		await updateParticipant(h.db, u('secretariat'), M, p, {
			groupId: 'workers',
			country: null,
			roles: ['drafting_committee']
		});
		const other = await open('wkr-spokesperson');
		const unit = h.unitId('7');
		other.texts.get(unit)!.insert(0, 'Seen. ');
		await waitFor(() => member.texts.get(unit)!.toString().startsWith('Seen. '));
		expect((await closedWithin(member, 300)).closed).toBeNull();
	});
});
