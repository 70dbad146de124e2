// The meeting every server serves: the demo meeting seeded into a fresh, migrated SQLite file, one
// account per client (typists on the drafting committee, the others observers) each with a live session,
// and the meeting document's initial state for the reference servers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { openDatabase } from '#lib/server/db/index.ts';
import { applyMigrations } from '#lib/server/db/migrate.ts';
import { participantRoles, participants, users } from '#lib/server/db/schema.ts';
import { createSession, generateSessionToken } from '#lib/server/auth/session.ts';
import { DEMO_MEETING_ID, seedDemo } from '#lib/server/demo/seed.ts';
import { loadDraftText } from '#lib/server/meetings/text-store.ts';
import { buildMeetingDoc } from '../../server/collab-app.ts';

export interface Fixture {
	dir: string;
	dbFile: string;
	docName: string;
	/** The text unit each typist types into, by typist index. */
	typistUnits: string[];
	/** `session=<token>` for client i (clients 0..typists-1 are the typists). */
	cookies: string[];
	/** The meeting document as ours first builds it (buildMeetingDoc in server/collab-app.ts). */
	initialState: Uint8Array;
	/** Its texts, for checking that a client received the same document. */
	initialTexts: Map<string, string>;
	cleanup(): void;
}

export async function createFixture(clients: number, typists: number): Promise<Fixture> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dr-bench-'));
	const dbFile = path.join(dir, 'bench.db');
	const cleanup = (): void => fs.rmSync(dir, { recursive: true, force: true });
	const db = openDatabase(dbFile);
	try {
		applyMigrations(db);
		await seedDemo(db, 'bench-password-not-used');
		const { text, statuses } = loadDraftText(db, DEMO_MEETING_ID);
		// One paragraph per typist; beyond the paragraphs, subparagraphs; beyond those, typists share.
		const paragraphs = text.body.filter((b) => b.kind === 'paragraph').map((b) => b.id);
		const subparagraphs = text.body
			.flatMap((b) => (b.kind === 'paragraph' ? b.subparagraphs : []))
			.map((s) => s.id);
		const editable = [...paragraphs, ...subparagraphs].filter((id) => statuses[id] === 'draft');
		if (editable.length === 0) throw new Error('the demo meeting has no draft paragraph to type in');
		const typistUnits = Array.from({ length: typists }, (_, i) => editable[i % editable.length]!);

		const cookies: string[] = [];
		db.transaction((tx) => {
			for (let i = 0; i < clients; i++) {
				const typist = i < typists;
				const userId = `bench-${i}`;
				tx.insert(users)
					.values({
						id: userId,
						username: `bench-${i}`,
						displayName: typist ? `Drafter ${i}` : `Observer ${i}`,
						// Nobody signs in with a password: the sessions below are created directly.
						passwordHash: 'not-a-password-hash'
					})
					.run();
				const participantId = `bench-participant-${i}`;
				tx.insert(participants)
					.values({ id: participantId, meetingId: DEMO_MEETING_ID, userId, groupId: null })
					.run();
				tx.insert(participantRoles)
					.values({ participantId, role: typist ? 'drafting_committee' : 'observer' })
					.run();
			}
		});
		for (let i = 0; i < clients; i++) {
			const token = generateSessionToken();
			createSession(db, token, `bench-${i}`);
			cookies.push(`session=${token}`);
		}

		const doc = buildMeetingDoc(db, DEMO_MEETING_ID);
		const initialTexts = new Map<string, string>();
		for (const [id, t] of doc.getMap<Y.Text>('texts')) initialTexts.set(id, t.toString());
		const initialState = Y.encodeStateAsUpdate(doc);
		doc.destroy();
		return {
			dir,
			dbFile,
			docName: `meeting/${DEMO_MEETING_ID}`,
			typistUnits,
			cookies,
			initialState,
			initialTexts,
			cleanup
		};
	} catch (error) {
		db.$client.close();
		cleanup();
		throw error;
	} finally {
		if (db.$client.open) db.$client.close();
	}
}
