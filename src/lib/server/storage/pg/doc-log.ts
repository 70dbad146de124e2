// The document log on PostgreSQL (DLOG-n, ../doc-log.ts). Appends to one document are serialised by the
// row lock on its collab_docs row, held until COMMIT: seqs are dense per document and become visible in
// order, so a node reading "since n" never misses one that commits later (DLOG-2). Compaction takes the
// same lock, so it cannot fold past an append still in flight, and checks its lease in the same
// transaction (DLOG-4, DLOG-5).
import { and, asc, eq, gt, lte, sql } from 'drizzle-orm';
import type { DocLog, LoggedUpdate, Missing, StoredLog } from '../doc-log.ts';
import type { PgDb } from './open.ts';
import { collabDocs, collabLeases, collabSnapshots, collabUpdates } from './schema.ts';

const asBuffer = (u: Uint8Array): Buffer =>
	Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength);
const asBytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

/** A document's updates after `afterSeq`, in order, on the pool or inside a transaction. */
async function updatesAfter(
	q: Pick<PgDb, 'select'>,
	docName: string,
	afterSeq: number
): Promise<LoggedUpdate[]> {
	const rows = await q
		.select({ seq: collabUpdates.seq, update: collabUpdates.update })
		.from(collabUpdates)
		.where(and(eq(collabUpdates.docName, docName), gt(collabUpdates.seq, afterSeq)))
		.orderBy(asc(collabUpdates.seq));
	return rows.map((r) => ({ seq: r.seq, update: asBytes(r.update) }));
}

export function pgDocLog(db: PgDb, now: () => number = Date.now): DocLog {
	return {
		append: (docName, update) =>
			db.transaction(async (tx) => {
				const [row] = await tx
					.insert(collabDocs)
					.values({ docName, lastSeq: 1 })
					.onConflictDoUpdate({
						target: collabDocs.docName,
						set: { lastSeq: sql`${collabDocs.lastSeq} + 1` }
					})
					.returning({ seq: collabDocs.lastSeq });
				const seq = row!.seq;
				await tx
					.insert(collabUpdates)
					.values({ docName, seq, update: asBuffer(update), bytes: update.byteLength, at: now() });
				// Dense per document: the one before is always seq - 1.
				return { seq, prev: seq - 1 };
			}),

		catchUp: (docName, afterSeq) =>
			db.transaction(
				async (tx): Promise<Missing> => {
					const [snap] = await tx.select().from(collabSnapshots).where(eq(collabSnapshots.docName, docName));
					const folded = snap !== undefined && snap.upToSeq > afterSeq;
					const from = folded ? snap.upToSeq : afterSeq;
					return {
						state: folded ? asBytes(snap.state) : null,
						stateSeq: folded ? snap.upToSeq : 0,
						updates: await updatesAfter(tx, docName, from)
					};
				},
				{ isolationLevel: 'repeatable read' }
			),

		readSince: (docName, afterSeq) => updatesAfter(db, docName, afterSeq),

		load: (docName) =>
			// One snapshot of the database: the snapshot and the log after it, as of the same moment.
			db.transaction(
				async (tx): Promise<StoredLog> => {
					const [snap] = await tx.select().from(collabSnapshots).where(eq(collabSnapshots.docName, docName));
					const snapshotSeq = snap?.upToSeq ?? 0;
					return {
						snapshot: snap ? asBytes(snap.state) : null,
						snapshotSeq,
						updates: await updatesAfter(tx, docName, snapshotSeq)
					};
				},
				{ isolationLevel: 'repeatable read' }
			),

		async lease(docName, holder, ttlMs) {
			const at = now();
			const rows = await db
				.insert(collabLeases)
				.values({ docName, holder, until: at + ttlMs })
				.onConflictDoUpdate({
					target: collabLeases.docName,
					set: { holder, until: at + ttlMs },
					// Taken over only when it has run out, or renewed by its own holder.
					setWhere: sql`${collabLeases.holder} = ${holder} OR ${collabLeases.until} <= ${at}`
				})
				.returning({ holder: collabLeases.holder });
			return rows.length === 1;
		},

		compact: (docName, holder, state, upToSeq) =>
			db.transaction(async (tx) => {
				// The document's lock first: no append is half-way while we fold.
				const [doc] = await tx
					.select({ lastSeq: collabDocs.lastSeq })
					.from(collabDocs)
					.where(eq(collabDocs.docName, docName))
					.for('update');
				if (!doc || upToSeq > doc.lastSeq || upToSeq < 1) return false;
				const [lease] = await tx.select().from(collabLeases).where(eq(collabLeases.docName, docName));
				if (!lease || lease.holder !== holder || lease.until <= now()) return false;
				const [snap] = await tx
					.select({ upToSeq: collabSnapshots.upToSeq })
					.from(collabSnapshots)
					.where(eq(collabSnapshots.docName, docName));
				if (snap && snap.upToSeq >= upToSeq) return false;
				await tx
					.insert(collabSnapshots)
					.values({ docName, state: asBuffer(state), upToSeq, at: now() })
					.onConflictDoUpdate({
						target: collabSnapshots.docName,
						set: { state: asBuffer(state), upToSeq, at: now() }
					});
				await tx
					.delete(collabUpdates)
					.where(and(eq(collabUpdates.docName, docName), lte(collabUpdates.seq, upToSeq)));
				return true;
			}),

		close: () => db.$client.end()
	};
}
