import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { waitFor } from '../../server/collab/test-kit.ts';
import { CloseCode } from '../../server/collab/index.ts';
import { users } from '#lib/server/db/schema.ts';
import { importDraft } from '#lib/server/meetings/commands.ts';
import { parsePlainText } from '#lib/domain/import-text.ts';
import { DEMO_MEETING_ID } from '#lib/server/demo/seed.ts';
import { MEETING_DOC, startCollab } from './collab-harness.ts';

let h: Awaited<ReturnType<typeof startCollab>>;
beforeEach(async () => (h = await startCollab()));
afterEach(() => h.stop());

const FIXTURE = fs.readFileSync(path.resolve('src/lib/server/demo/ttmlm-2013-conclusions.txt'), 'utf8');

describe('re-importing the draft while people are connected', () => {
	it('closes their sockets with 4410 and serves the new text from scratch', async () => {
		const a = h.connect('observer');
		await waitFor(() => a.provider.synced);
		const oldIds = [...a.texts.keys()];
		expect(
			h.persistence.store.stats(MEETING_DOC).updates + (h.persistence.store.load(MEETING_DOC).state ? 1 : 0)
		).toBeGreaterThan(0);

		const secretariat = h.db.select().from(users).where(eq(users.username, 'secretariat')).get()!;
		const shorter = FIXTURE.replace(/\n\n9\. The Office should:[\s\S]*?\n\n\[\^1\]/, '\n\n[^1]');
		const parsed = parsePlainText(shorter);
		if (!parsed.ok) throw new Error(parsed.error);
		await importDraft(h.db, secretariat, DEMO_MEETING_ID, parsed.text);

		expect((await a.closed).code).toBe(CloseCode.REPLACED);
		expect(h.collab.loadedDocuments()).not.toContain(MEETING_DOC);
		expect(h.persistence.store.load(MEETING_DOC)).toMatchObject({ state: null, updates: [] });

		const b = h.connect('observer', new Y.Doc());
		await waitFor(() => b.provider.synced && b.texts.size > 0);
		const newIds = [...b.texts.keys()];
		expect(newIds.some((id) => oldIds.includes(id))).toBe(false);
		expect(newIds.length).toBe(oldIds.length - 6); // paragraph 9 and its five subparagraphs are gone
	});
});
