// The meeting document as first built from the stored draft (docs/collab-protocol.md): `texts` holds each
// unit's working text, the server's region its statuses. Built once per meeting and stored at once, so the
// items every client refers to keep one identity for good.
import * as Y from 'yjs';
import type { DbOrTx } from '../db/index.ts';
import { loadDraftText } from '../meetings/text-store.ts';
import { allBlocks } from '#lib/domain/text.ts';
import { MEETING_KEYS, SERVER_ROOT } from '#lib/collab/live-records.ts';

export function buildMeetingDoc(db: DbOrTx, meetingId: string): Y.Doc {
	const doc = new Y.Doc();
	const { text, statuses } = loadDraftText(db, meetingId);
	doc.transact(() => {
		const texts = doc.getMap<Y.Text>('texts');
		for (const block of allBlocks(text)) texts.set(block.id, new Y.Text(block.text));
		doc.getMap(SERVER_ROOT).set(MEETING_KEYS.statuses, { ...statuses });
	});
	return doc;
}

export function meetingDocName(meetingId: string): string {
	return `meeting/${meetingId}`;
}

export function groupDocName(meetingId: string, groupId: string): string {
	return `group/${meetingId}/${groupId}`;
}
