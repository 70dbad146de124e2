// Who shaped a paragraph (issue 5, "History"): the people whose typing is in its live text, character by
// character from the Yjs items (each carries the client id it was typed under, and collab_clients says
// whose that is), and the amendments adopted into it. Text the server wrote (the imported draft, merged
// amendments) is counted apart: the amendments name who proposed it.
import { and, eq, inArray } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Db } from '../db/index.ts';
import { amendmentMerges, amendments, collabClients, textUnits, users } from '../db/schema.ts';
import { collabBridge } from '../collab-bridge.ts';
import { createDocStore } from '../collab-store/store.ts';
import { meetingDocName } from '../collab-store/meeting-doc.ts';
import { membershipOf } from '../meetings/queries.ts';

export interface Contributor {
	userId: string;
	name: string;
	/** Characters they typed that are in the text now, and that were typed and later removed. */
	kept: number;
	removed: number;
}

export interface ParagraphHistory {
	contributors: Contributor[];
	/** Characters of the text now that the server wrote: the draft as imported, merged amendments. */
	fromDraftAndMerges: number;
	/** Amendments adopted into it, in code order. */
	amendments: { id: string; code: string | null; groupId: string; status: string }[];
}

export function paragraphHistory(
	db: Db,
	userId: string,
	meetingId: string,
	unitId: string
): ParagraphHistory | null {
	if (!membershipOf(db, meetingId, userId)) return null;
	const unit = db
		.select({ id: textUnits.id })
		.from(textUnits)
		.where(and(eq(textUnits.id, unitId), eq(textUnits.meetingId, meetingId)))
		.get();
	if (!unit) return null;
	const name = meetingDocName(meetingId);
	const doc = collabBridge()?.live(name) ?? createDocStore(db).loadDoc(name);
	const owners = new Map(
		db
			.select({ client: collabClients.clientId, user: collabClients.userId })
			.from(collabClients)
			.where(eq(collabClients.docName, name))
			.all()
			.map((r) => [r.client, r.user])
	);
	const counts = new Map<string, { kept: number; removed: number }>();
	let fromDraftAndMerges = 0;
	const ytext = doc?.getMap<unknown>('texts').get(unitId);
	if (ytext instanceof Y.Text) {
		for (let item = ytext._start; item !== null; item = item.right as Y.Item | null) {
			const owner = owners.get(item.id.client);
			if (owner === undefined) {
				if (!item.deleted) fromDraftAndMerges += item.length;
				continue;
			}
			const c = counts.get(owner) ?? { kept: 0, removed: 0 };
			if (item.deleted) c.removed += item.length;
			else c.kept += item.length;
			counts.set(owner, c);
		}
	}
	const names = new Map(
		counts.size
			? db
					.select({ id: users.id, name: users.displayName })
					.from(users)
					.where(inArray(users.id, [...counts.keys()]))
					.all()
					.map((r) => [r.id, r.name])
			: []
	);
	const contributors = [...counts]
		.map(([id, c]) => ({ userId: id, name: names.get(id) ?? '', ...c }))
		.sort((a, b) => b.kept + b.removed - (a.kept + a.removed) || a.name.localeCompare(b.name));
	const merged = db
		.select({
			id: amendments.id,
			code: amendments.code,
			groupId: amendments.groupId,
			status: amendments.status
		})
		.from(amendmentMerges)
		.innerJoin(amendments, eq(amendments.id, amendmentMerges.amendmentId))
		.where(and(eq(amendmentMerges.meetingId, meetingId), eq(amendmentMerges.unitId, unitId)))
		.all()
		.sort((a, b) => (a.code ?? '').localeCompare(b.code ?? '', 'en', { numeric: true }));
	return { contributors, fromDraftAndMerges, amendments: merged };
}
