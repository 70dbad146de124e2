// The demo meeting: the Tripartite Technical Meeting on Labour Migration (Geneva, 4–8 November 2013)
// with the conclusions it adopted as its draft, and one account for each kind of participant.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/index.ts';
import { meetings, participantRoles, participants, sittings, users } from '../db/schema.ts';
import { appendEvent } from '../events.ts';
import { replaceDraftText } from '../meetings/text-store.ts';
import { generatePassword, hashPassword } from '../auth/password.ts';
import { parsePlainText } from '#lib/domain/import-text.ts';
import type { GroupId, Role } from '#lib/domain/roles.ts';
import type { DraftText } from '#lib/domain/text.ts';

export const DEMO_MEETING_ID = 'ttmlm-2013';
const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'ttmlm-2013-conclusions.txt');

interface DemoAccount {
	username: string;
	displayName: string;
	groupId: GroupId | null;
	roles: Role[];
	country?: string;
	isOffice?: boolean;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
	{ username: 'chair', displayName: 'Chairperson', groupId: null, roles: ['chair'] },
	{
		username: 'secretariat',
		displayName: 'Secretariat (the Office)',
		groupId: null,
		roles: ['secretariat'],
		isOffice: true
	},
	{
		username: 'gov-coordinator',
		displayName: 'Government coordinator',
		groupId: 'government',
		roles: ['government_coordinator', 'vice_chair', 'drafting_committee']
	},
	{
		username: 'gov-italy',
		displayName: 'Government of Italy',
		groupId: 'government',
		roles: ['drafting_committee'],
		country: 'Italy'
	},
	{
		username: 'gov-kenya',
		displayName: 'Government of Kenya',
		groupId: 'government',
		roles: [],
		country: 'Kenya'
	},
	{
		username: 'emp-spokesperson',
		displayName: "Employers' spokesperson",
		groupId: 'employers',
		roles: ['spokesperson', 'vice_chair', 'drafting_committee']
	},
	{
		username: 'emp-secretary',
		displayName: "Employers' group secretary",
		groupId: 'employers',
		roles: ['group_secretary']
	},
	{
		username: 'emp-member',
		displayName: 'Employer member',
		groupId: 'employers',
		roles: ['drafting_committee']
	},
	{
		username: 'wkr-spokesperson',
		displayName: "Workers' spokesperson",
		groupId: 'workers',
		roles: ['spokesperson', 'vice_chair', 'drafting_committee']
	},
	{
		username: 'wkr-secretary',
		displayName: "Workers' group secretary",
		groupId: 'workers',
		roles: ['group_secretary']
	},
	{ username: 'wkr-member', displayName: 'Worker member', groupId: 'workers', roles: ['drafting_committee'] },
	{ username: 'observer', displayName: 'Observer', groupId: null, roles: ['observer'] }
];

const SITTING_DATES = ['2013-11-04', '2013-11-05', '2013-11-06', '2013-11-07', '2013-11-08', '2013-11-08'];

export function demoText(): string {
	return fs.readFileSync(FIXTURE, 'utf8');
}

export function isDemoSeeded(db: Db): boolean {
	return !!db.select({ id: meetings.id }).from(meetings).where(eq(meetings.id, DEMO_MEETING_ID)).get();
}

/** Seeds the demo once; returns the password it gave the demo accounts, or null if already seeded. */
export async function seedDemo(db: Db, password = generatePassword()): Promise<string | null> {
	if (isDemoSeeded(db)) return null;
	const parsed = parsePlainText(demoText());
	if (!parsed.ok) throw new Error(`demo text does not import: ${parsed.error}`);
	const hashes = await Promise.all(DEMO_ACCOUNTS.map(() => hashPassword(password)));
	// Asked again under the write lock: another node starting at once may have seeded meanwhile.
	const seeded = db.transaction(
		(tx) => {
			if (tx.select({ id: meetings.id }).from(meetings).where(eq(meetings.id, DEMO_MEETING_ID)).get())
				return false;
			seedRows(tx, hashes, parsed.text);
			return true;
		},
		{ behavior: 'immediate' }
	);
	return seeded ? password : null;
}

function seedRows(tx: Tx, hashes: string[], text: DraftText): void {
	tx.insert(meetings)
		.values({
			id: DEMO_MEETING_ID,
			title: 'Tripartite Technical Meeting on Labour Migration',
			venue: 'Geneva',
			startDate: '2013-11-04',
			endDate: '2013-11-08'
		})
		.run();
	SITTING_DATES.forEach((date, i) =>
		tx
			.insert(sittings)
			.values({ id: crypto.randomUUID(), meetingId: DEMO_MEETING_ID, number: i + 1, date })
			.run()
	);
	DEMO_ACCOUNTS.forEach((a, i) => {
		const userId = crypto.randomUUID();
		const existing = tx.select({ id: users.id }).from(users).where(eq(users.username, a.username)).get();
		const id = existing?.id ?? userId;
		if (!existing)
			tx.insert(users)
				.values({
					id,
					username: a.username,
					displayName: a.displayName,
					passwordHash: hashes[i]!,
					isOffice: a.isOffice ?? false
				})
				.run();
		const participantId = crypto.randomUUID();
		tx.insert(participants)
			.values({
				id: participantId,
				meetingId: DEMO_MEETING_ID,
				userId: id,
				groupId: a.groupId,
				country: a.country ?? null
			})
			.run();
		if (a.roles.length)
			tx.insert(participantRoles)
				.values(a.roles.map((role) => ({ participantId, role })))
				.run();
	});
	replaceDraftText(tx, DEMO_MEETING_ID, text);
	appendEvent(tx, {
		meetingId: DEMO_MEETING_ID,
		type: 'demo.seeded',
		actorUserId: null,
		payload: { accounts: DEMO_ACCOUNTS.map((a) => a.username) }
	});
}
