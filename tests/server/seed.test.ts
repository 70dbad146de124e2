import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { meetings, users } from '#lib/server/db/schema.ts';
import { createThrottles, signIn } from '#lib/server/auth/sign-in.ts';
import { DEMO_ACCOUNTS, DEMO_MEETING_ID, demoText, seedDemo } from '#lib/server/demo/seed.ts';
import { getMeeting, listParticipants } from '#lib/server/meetings/queries.ts';
import { loadDraftText } from '#lib/server/meetings/text-store.ts';
import { renderPlainText } from '#lib/domain/render-text.ts';
import { tempDb } from './temp-db.ts';

let t: ReturnType<typeof tempDb>;
beforeEach(() => (t = tempDb()));
afterEach(() => t.cleanup());

describe('the demo meeting', () => {
	it('ships the 2013 conclusions byte for byte, as the reference copy they were taken from', () => {
		// This one file is both the demo's draft and the tests' reference text (FIXTURE_URL): the digest is
		// the reference copy's, so an edit to it, even one an editor makes by itself (quotes, line endings,
		// a last newline), shows here rather than as a puzzling failure in an importer or output test.
		const digest = createHash('sha256').update(demoText(), 'utf8').digest('hex');
		expect(digest).toBe('2392c8a6271d6c836ef164e4dd82b35752d623086656bff6bc445ae92518af7f');
	});

	it('stores the 2013 text without losing a character: the seeded draft renders back to the file (RND-4)', async () => {
		await seedDemo(t.db, 'demo-secret-1');
		const { text } = loadDraftText(t.db, DEMO_MEETING_ID);
		expect(renderPlainText(text)).toBe(demoText());
	});

	it('is seeded once with the twelve demo accounts, six sittings and the 2013 text', async () => {
		const password = await seedDemo(t.db, 'demo-secret-1');
		expect(password).toBe('demo-secret-1');
		expect(await seedDemo(t.db, 'other')).toBeNull();
		expect(t.db.select().from(meetings).all()).toHaveLength(1);

		const m = getMeeting(t.db, DEMO_MEETING_ID)!;
		expect(m).toMatchObject({ title: 'Tripartite Technical Meeting on Labour Migration', venue: 'Geneva' });
		expect(m.sittings).toHaveLength(6);

		const people = listParticipants(t.db, DEMO_MEETING_ID);
		expect(people.map((p) => p.username).sort()).toEqual(DEMO_ACCOUNTS.map((a) => a.username).sort());
		expect(people.filter((p) => p.roles.includes('drafting_committee')).length).toBeGreaterThanOrEqual(3);
		expect(t.db.select().from(users).all()).toHaveLength(12);

		const { text } = loadDraftText(t.db, DEMO_MEETING_ID);
		const paragraphs = text.body.filter((b) => b.kind === 'paragraph');
		expect(text.preamble).toHaveLength(7);
		expect(text.body.length - paragraphs.length).toBe(5);
		expect(paragraphs).toHaveLength(9);
		expect(paragraphs.reduce((n, p) => n + (p.kind === 'paragraph' ? p.subparagraphs.length : 0), 0)).toBe(
			32
		);
		expect(text.footnotes).toHaveLength(1);

		const login = await signIn(t.db, createThrottles(), {
			username: 'observer',
			password: 'demo-secret-1',
			address: 'a'
		});
		expect(login.ok).toBe(true);
	});

	it('without DEMO_PASSWORD, generates a password that signs the demo accounts in', async () => {
		const password = await seedDemo(t.db);
		expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
		const throttles = createThrottles();
		const chair = await signIn(t.db, throttles, { username: 'chair', password: password!, address: 'a' });
		expect(chair.ok).toBe(true);
		const wrong = await signIn(t.db, throttles, { username: 'chair', password: 'demo', address: 'a' });
		expect(wrong.ok).toBe(false);
	});
});
