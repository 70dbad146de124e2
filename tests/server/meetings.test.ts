import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { events, textUnits, users } from '#lib/server/db/schema.ts';
import { hashPassword } from '#lib/server/auth/password.ts';
import { createThrottles, signIn } from '#lib/server/auth/sign-in.ts';
import {
	addParticipant,
	createMeeting,
	importDraft,
	removeParticipant,
	updateParticipant
} from '#lib/server/meetings/commands.ts';
import { getMeeting, listMeetingsFor, listParticipants, membershipOf } from '#lib/server/meetings/queries.ts';
import { loadDraftText } from '#lib/server/meetings/text-store.ts';
import { parsePlainText } from '#lib/domain/import-text.ts';
import { renderPlainText } from '#lib/domain/render-text.ts';
import { tempDb } from './temp-db.ts';
import { refusalAsync } from '../support/refusal.ts';

const FIXTURE = fs.readFileSync(path.resolve('src/lib/server/demo/ttmlm-2013-conclusions.txt'), 'utf8');

let t: ReturnType<typeof tempDb>;
let office: { id: string; isOffice: boolean };
let plain: { id: string; isOffice: boolean };

async function user(username: string, isOffice = false) {
	const id = crypto.randomUUID();
	const passwordHash = await hashPassword('password-' + username);
	t.db.insert(users).values({ id, username, displayName: username, passwordHash, isOffice }).run();
	return { id, isOffice };
}

const meetingInput = {
	title: 'Meeting of Experts',
	venue: 'Geneva',
	startDate: '2026-11-23',
	endDate: '2026-11-27',
	sittings: 4
};

beforeEach(async () => {
	t = tempDb();
	office = await user('office', true);
	plain = await user('plain');
});
afterEach(() => t.cleanup());

describe('creating meetings', () => {
	it('is for Office staff, who join as its secretariat; sittings are numbered; an event is kept', async () => {
		expect(await refusalAsync(() => createMeeting(t.db, plain, meetingInput))).toEqual({
			status: 403,
			key: 'policy.notOffice'
		});
		const id = await createMeeting(t.db, office, meetingInput);
		const m = getMeeting(t.db, id)!;
		expect(m.title).toBe('Meeting of Experts');
		expect(m.sittings.map((s) => s.number)).toEqual([1, 2, 3, 4]);
		expect(membershipOf(t.db, id, office.id)).toMatchObject({ groupId: null, roles: ['secretariat'] });
		expect(t.db.select({ type: events.type }).from(events).where(eq(events.meetingId, id)).all()).toEqual([
			{ type: 'meeting.created' }
		]);
	});

	it('shows each user only the meetings they belong to', async () => {
		const a = await createMeeting(t.db, office, meetingInput);
		await createMeeting(t.db, office, { ...meetingInput, title: 'Another' });
		expect(listMeetingsFor(t.db, office.id)).toHaveLength(2);
		expect(listMeetingsFor(t.db, plain.id)).toEqual([]);
		expect(getMeeting(t.db, a)).not.toBeNull();
	});
});

describe('participants', () => {
	it('a new username gets an account with a one-time password that signs in and must be changed', async () => {
		const id = await createMeeting(t.db, office, meetingInput);
		const added = await addParticipant(t.db, office, id, {
			username: 'wkr-new',
			displayName: 'New worker',
			groupId: 'workers',
			country: null,
			roles: ['drafting_committee']
		});
		expect(added.oneTimePassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
		const stored = t.db.select().from(users).where(eq(users.username, 'wkr-new')).get()!;
		expect(stored.mustChangePassword).toBe(true);
		expect(stored.passwordHash).not.toContain(added.oneTimePassword!);
		const login = await signIn(t.db, createThrottles(), {
			username: 'wkr-new',
			password: added.oneTimePassword!,
			address: 'a'
		});
		expect(login.ok).toBe(true);
		expect(listMeetingsFor(t.db, stored.id).map((m) => m.id)).toEqual([id]);
	});

	it('an existing username is added without a password; twice is refused', async () => {
		const id = await createMeeting(t.db, office, meetingInput);
		const input = {
			username: 'plain',
			displayName: '',
			groupId: null,
			country: null,
			roles: ['observer' as const]
		};
		expect((await addParticipant(t.db, office, id, input)).oneTimePassword).toBeNull();
		expect(await refusalAsync(() => addParticipant(t.db, office, id, input))).toEqual({
			status: 409,
			key: 'participant.alreadyIn'
		});
	});

	it('refuses memberships the domain rules forbid, and anyone but the secretariat', async () => {
		const id = await createMeeting(t.db, office, meetingInput);
		const bad = {
			username: 'x-1',
			displayName: 'X',
			groupId: null,
			country: null,
			roles: ['spokesperson' as const]
		};
		expect(await refusalAsync(() => addParticipant(t.db, office, id, bad))).toEqual({
			status: 400,
			key: 'participant.roleNeedsGroup'
		});
		const observer = {
			username: 'plain',
			displayName: '',
			groupId: null,
			country: null,
			roles: ['observer' as const]
		};
		await addParticipant(t.db, office, id, observer);
		const byObserver = { ...bad, groupId: 'workers' as const };
		expect(await refusalAsync(() => addParticipant(t.db, plain, id, byObserver))).toEqual({
			status: 403,
			key: 'policy.notSecretariat'
		});
		const outsider = await user('outsider');
		expect(await refusalAsync(() => addParticipant(t.db, outsider, id, byObserver))).toEqual({
			status: 404,
			key: 'policy.notMember'
		});
	});

	it('roles can be changed, but the meeting keeps at least one secretariat member', async () => {
		const id = await createMeeting(t.db, office, meetingInput);
		const me = membershipOf(t.db, id, office.id)!;
		expect(
			await refusalAsync(() =>
				updateParticipant(t.db, office, id, me.participantId, {
					groupId: null,
					country: null,
					roles: ['chair']
				})
			)
		).toEqual({ status: 409, key: 'participant.lastSecretariat' });
		const added = await addParticipant(t.db, office, id, {
			username: 'plain',
			displayName: '',
			groupId: 'government',
			country: 'Kenya',
			roles: []
		});
		await updateParticipant(t.db, office, id, added.participantId, {
			groupId: 'government',
			country: 'Kenya',
			roles: ['government_coordinator', 'drafting_committee']
		});
		const p = listParticipants(t.db, id).find((x) => x.username === 'plain')!;
		expect(p).toMatchObject({ groupId: 'government', country: 'Kenya' });
		expect(p.roles).toEqual(['government_coordinator', 'drafting_committee']);
	});

	it('the secretariat removes a participant, on the record; not the last of the secretariat, not others', async () => {
		const id = await createMeeting(t.db, office, meetingInput);
		const added = await addParticipant(t.db, office, id, {
			username: 'plain',
			displayName: '',
			groupId: 'workers',
			country: null,
			roles: ['drafting_committee']
		});
		// Only the secretariat manages the meeting; a removed participant is no longer one.
		expect(await refusalAsync(() => removeParticipant(t.db, plain, id, added.participantId))).toMatchObject({
			status: 403
		});
		await removeParticipant(t.db, office, id, added.participantId);
		expect(membershipOf(t.db, id, plain.id)).toBeNull();
		expect(listMeetingsFor(t.db, plain.id).map((m) => m.id)).not.toContain(id);
		const removed = t.db.select().from(events).where(eq(events.type, 'participant.removed')).all();
		expect(removed).toHaveLength(1);
		expect(removed[0]!.actorUserId).toBe(office.id);
		expect(await refusalAsync(() => removeParticipant(t.db, office, id, added.participantId))).toEqual({
			status: 404,
			key: 'participant.notFound'
		});
		const me = membershipOf(t.db, id, office.id)!;
		expect(await refusalAsync(() => removeParticipant(t.db, office, id, me.participantId))).toEqual({
			status: 409,
			key: 'participant.lastSecretariat'
		});
	});
});

describe('importing the draft', () => {
	it('stores the Office text so that it renders back exactly as pasted', async () => {
		const id = await createMeeting(t.db, office, meetingInput);
		const parsed = parsePlainText(FIXTURE);
		if (!parsed.ok) throw new Error(parsed.error);
		await importDraft(t.db, office, id, parsed.text);
		const stored = loadDraftText(t.db, id);
		expect(renderPlainText(stored.text)).toBe(FIXTURE);
		expect(stored.text).toEqual(parsed.text);
		expect(Object.values(stored.statuses).every((s) => s === 'draft')).toBe(true);
	});

	it('is the secretariat’s, and refused once a decision has been taken on the text', async () => {
		const id = await createMeeting(t.db, office, meetingInput);
		const parsed = parsePlainText(FIXTURE);
		if (!parsed.ok) throw new Error(parsed.error);
		await addParticipant(t.db, office, id, {
			username: 'plain',
			displayName: '',
			groupId: 'workers',
			country: null,
			roles: ['drafting_committee']
		});
		expect((await refusalAsync(() => importDraft(t.db, plain, id, parsed.text))).status).toBe(403);
		await importDraft(t.db, office, id, parsed.text);
		const first = loadDraftText(t.db, id).text.body.find((b) => b.kind === 'paragraph')!;
		t.db.update(textUnits).set({ status: 'adopted' }).where(eq(textUnits.id, first.id)).run();
		expect(await refusalAsync(() => importDraft(t.db, office, id, parsed.text))).toEqual({
			status: 403,
			key: 'policy.textAlreadyDecided'
		});
		expect(loadDraftText(t.db, id).statuses[first.id]).toBe('adopted'); // nothing was replaced
	});
});
