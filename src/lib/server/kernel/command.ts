// The command kernel: the one path every structured change takes (docs/architecture.md, "The command
// kernel", KRN-1 … KRN-5). A command resolves its actor and asks the domain policy first, then hands its
// work to `command()`, which
//   1. waits until the documents it touches are loaded or not in memory, never halfway (settleDocs);
//   2. writes the meeting's typing still waiting in the text mirror, so that the text at its event is
//      on disk (history reads it there);
//   3. runs the body, synchronously (transaction.ts says why), in one IMMEDIATE transaction: the rows, the event(s) through `record` (at least one:
//      a command nobody can find on the record is a bug), and the Yjs update mirroring the change,
//      appended to the document's log (LiveChanges);
//   4. COMMITs; then, and only then, applies those appends to the live documents here, shows them to
//      their sockets and publishes them to the other nodes, and runs the effects that must follow a
//      commit (sockets re-read, a replaced document dropped).
// Nothing reaches a socket or another node while the transaction is open; a rollback leaves nothing
// anyone has seen.
import type { Db, DbOrTx } from '../db/index.ts';
import { collabBridge, type StoredChange } from '../collab-bridge.ts';
import { appendEvent, type EventInput } from '../events.ts';
import { LiveChanges, settleDocs } from './live-changes.ts';
import { transaction, type Settled } from './transaction.ts';

export interface CommandScope {
	/** The transaction's connection: every row the command reads or writes. */
	readonly tx: DbOrTx;
	/** The documents the command changes, mirrored with its rows. */
	readonly live: LiveChanges;
	/** Appends an event to the log, in the transaction (KRN-2: every command records at least one). */
	record(event: EventInput): void;
	/** Runs `effect` after COMMIT (never on rollback): telling sockets and nodes what changed. */
	after(effect: () => void): void;
}

export interface CommandPlan {
	/** The meeting whose typing is written to disk first (its event then finds the text as it stands). */
	meetingId?: string | null;
	/** Every document the command reads or changes (settled before the transaction). */
	docs?: readonly string[];
}

/** A command ran to its end without an event: nobody could find it on the record (KRN-2). */
export class UnrecordedCommandError extends Error {}

export async function command<T>(
	db: Db,
	plan: CommandPlan,
	body: (scope: CommandScope) => Settled<T>
): Promise<Settled<T>> {
	const bridge = collabBridge();
	await settleDocs(plan.docs ?? []);
	// From here to the end, nothing is awaited: no other work runs between the text written, the
	// transaction and the changes shown.
	if (plan.meetingId) bridge?.flushTexts(plan.meetingId);
	const live = new LiveChanges(db);
	const effects: (() => void)[] = [];
	let recorded = 0;
	let changes: StoredChange[] = [];
	let value: Settled<T>;
	try {
		value = transaction(db, () => {
			const result = body({
				tx: db,
				live,
				record(event) {
					appendEvent(db, event);
					recorded += 1;
				},
				after(effect) {
					effects.push(effect);
				}
			});
			if (recorded === 0) throw new UnrecordedCommandError('a command wrote no event');
			changes = live.flush();
			return result;
		});
	} catch (error) {
		live.abandon();
		throw error;
	}
	if (changes.length > 0) bridge?.committed(changes);
	for (const effect of effects) effect();
	return value;
}
