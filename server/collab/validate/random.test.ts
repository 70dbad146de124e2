/**
 * A seeded, repeatable random run (lib0's style): clients with different rights make allowed and
 * forbidden edits, online and in offline batches, delivered as single updates, merged updates or a
 * reconnect's step 2, in order, reordered and duplicated. Every update is validated against the server.
 * Re-run a failure with `VALIDATE_SEED=<seed> npx vitest run server/collab/validate/random.test.ts`.
 */
import * as prng from 'lib0/prng';
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { TEXTS, clientOf, meetingDoc, step2, text, textsOf, updatesOf, type TextKey } from './fixtures.ts';
import { validateUpdate, type Verdict, type WriteRights } from './index.ts';

const SEED = Number(process.env.VALIDATE_SEED ?? 1_337_2024);
const EDITS = 10_000;
/** Fresh documents every 2,500 edits keep each re-sync cheap; one generator runs through all rounds. */
const ROUNDS = 4;
const KEYS = Object.keys(TEXTS) as TextKey[];
const MAX_TEXT = 240;

type Op =
	| { kind: 'insert'; key: TextKey; index: number; text: string }
	| { kind: 'delete'; key: TextKey; index: number; length: number };

interface ForbiddenChange {
	what: string;
	change: (doc: Y.Doc) => void;
	deletesOnly?: boolean;
}

interface Pending {
	update: Uint8Array;
	allowed: boolean;
}

interface Actor {
	readonly name: string;
	readonly writable: ReadonlySet<TextKey>;
	readonly rights: WriteRights;
	doc: Y.Doc;
	online: boolean;
	pending: Pending[];
	/** An offline batch ends with its forbidden edit: nothing after it could be told apart. */
	poisoned: boolean;
}

class Run {
	readonly gen: prng.PRNG;
	readonly server = meetingDoc();
	readonly actors: Actor[];
	edits = 0;
	step = 0;
	readonly tally = new Map<string, number>();
	#fresh = 0;
	/** `stateOf(server)`, recomputed whenever the server changes (not per delivery: it dominated the run). */
	#serverState: string;

	readonly round: number;

	constructor(gen: prng.PRNG, round: number) {
		this.gen = gen;
		this.round = round;
		this.actors = [
			this.#actor('drafter', ['p1', 'p2']),
			this.#actor('drafter2', ['p2', 'p3']),
			this.#actor('secretariat', KEYS),
			this.#actor('observer', [])
		];
		this.#serverState = stateOf(this.server);
	}

	#actor(name: string, keys: TextKey[]): Actor {
		const writable = new Set(keys);
		return {
			name,
			writable,
			rights: { canWriteText: (key) => writable.has(key as TextKey) },
			doc: clientOf(this.server),
			online: true,
			pending: [],
			poisoned: false
		};
	}

	where(detail: string): string {
		return `seed ${SEED}, round ${this.round}, step ${this.step}: ${detail}`;
	}

	/** Validates (it must not throw), applies accepted updates, checks rejected ones changed nothing. */
	deliver(
		actor: Actor,
		update: Uint8Array,
		expected: Verdict['kind'] | 'accept-or-no-change',
		what: string
	): Verdict {
		const before = this.#serverState;
		const verdict = validateUpdate(this.server, update, actor.rights);
		this.tally.set(verdict.kind, (this.tally.get(verdict.kind) ?? 0) + 1);
		const message = this.where(`${actor.name} ${what}: ${JSON.stringify(verdict)}`);
		if (expected === 'accept-or-no-change') expect(['accept', 'no-change'], message).toContain(verdict.kind);
		else expect(verdict.kind, message).toBe(expected);
		if (verdict.kind === 'accept') {
			Y.applyUpdate(this.server, update, actor);
			expect(this.server.store.pendingStructs, message).toBeNull();
			expect(this.server.store.pendingDs, message).toBeNull();
			for (const other of this.actors) if (other !== actor && other.online) Y.applyUpdate(other.doc, update);
			this.#serverState = stateOf(this.server);
		} else if (verdict.kind === 'no-change') {
			// A no-change update must really change nothing: apply it anyway and compare.
			Y.applyUpdate(this.server, update, actor);
			expect(stateOf(this.server), message).toBe(before);
		} else {
			expect(stateOf(this.server), message).toBe(before);
		}
		return verdict;
	}

	/**
	 * The page starts again from the server's state. Mostly under the same client id (its rejected clocks
	 * never reached the server, so the new doc simply reuses them): thousands of fresh ids would make
	 * every Yjs transaction slower, in the test, not in the validator.
	 */
	reset(actor: Actor): void {
		const doc = clientOf(this.server);
		// Set after loading: Yjs picks a new id when a remote update touches its own.
		if (prng.int32(this.gen, 0, 99) < 90) doc.clientID = actor.doc.clientID;
		actor.doc = doc;
		actor.pending = [];
		actor.poisoned = false;
		actor.online = true;
	}

	tick(): void {
		this.step++;
		const roll = prng.int32(this.gen, 0, 99);
		const actor = prng.oneOf(this.gen, this.actors);
		if (roll < 72) this.edit(actor);
		else if (roll < 80) actor.online = false;
		else if (roll < 92) this.reconnect(prng.oneOf(this.gen, this.actors));
		else if (roll < 96) this.reorder(actor);
		else this.serverWrite();
	}

	edit(actor: Actor): void {
		const allowedKeys = KEYS.filter((key) => actor.writable.has(key));
		// Each rejection costs the test a full re-sync of the actor: keep them to about one edit in eight.
		if (actor.poisoned || (allowedKeys.length === 0 && prng.int32(this.gen, 0, 3) > 0)) return;
		const forbid = allowedKeys.length === 0 || prng.int32(this.gen, 0, 99) < 8;
		if (forbid) this.forbiddenEdit(actor);
		else this.allowedEdit(actor, prng.oneOf(this.gen, allowedKeys));
	}

	allowedEdit(actor: Actor, key: TextKey): void {
		const op = this.randomOp(actor.doc, key);
		const serverBefore = text(this.server, key).toString();
		const updates = updatesOf(actor.doc, (doc) => applyOp(doc, op));
		this.edits++;
		if (updates.length === 0) return;
		const update = single(updates);
		if (!actor.online) {
			actor.pending.push({ update, allowed: true });
			return;
		}
		this.deliver(actor, update, 'accept', describe(op));
		// The actor was in sync, so the server's text is the op applied to what it was (a model outside Yjs).
		expect(text(this.server, key).toString(), this.where(describe(op))).toBe(applyToString(serverBefore, op));
	}

	forbiddenEdit(actor: Actor): void {
		// Offline, a forbidden deletion can be overtaken: someone else deletes the same characters, or the
		// server overwrites the deleted key, and by delivery time it deletes nothing. Such edits run online only.
		const changes = this.forbiddenChanges(actor).filter((c) => actor.online || !c.deletesOnly);
		const { what, change } = prng.oneOf(this.gen, changes);
		const updates = updatesOf(actor.doc, (doc) => doc.transact(() => change(doc)));
		this.edits++;
		if (updates.length === 0) return;
		const update = single(updates);
		if (!actor.online) {
			actor.pending.push({ update, allowed: false });
			actor.poisoned = true;
			return;
		}
		this.deliver(actor, update, 'forbidden', what);
		this.reset(actor); // the page starts again from the server's state
	}

	forbiddenChanges(actor: Actor): ForbiddenChange[] {
		const word = prng.word(this.gen, 1, 6);
		const key = prng.oneOf(this.gen, KEYS);
		const changes: ForbiddenChange[] = [
			{ what: `format in ${key}`, change: (doc) => text(doc, key).insert(0, word, { bold: word }) },
			{ what: `embed in ${key}`, change: (doc) => text(doc, key).insertEmbed(0, { image: word }) },
			{
				what: 'new text key',
				change: (doc) => doc.getMap('texts').set(`n${this.#fresh++}`, new Y.Text(word))
			},
			{ what: `replace ${key}`, change: (doc) => doc.getMap('texts').set(key, new Y.Text(word)) },
			{ what: `delete entry ${key}`, change: (doc) => doc.getMap('texts').delete(key) },
			{ what: 'server map set', change: (doc) => doc.getMap('server').set('status', word) },
			{
				what: 'server map delete',
				change: (doc) => doc.getMap('server').delete('status'),
				deletesOnly: true
			},
			{ what: 'new root text', change: (doc) => doc.getText(`r${word}`).insert(0, word) },
			{ what: 'new root map', change: (doc) => doc.getMap(`m${word}`).set('k', word) }
		];
		for (const other of KEYS.filter((k) => !actor.writable.has(k))) {
			const op = this.randomOp(actor.doc, other);
			changes.push({
				what: `${describe(op)} (not writable)`,
				change: (doc) => applyOp(doc, op),
				deletesOnly: op.kind === 'delete'
			});
		}
		return changes;
	}

	randomOp(doc: Y.Doc, key: TextKey): Op {
		const length = text(doc, key).length;
		const remove = length > 0 && (length > MAX_TEXT || prng.int32(this.gen, 0, 99) < 40);
		if (remove) {
			const index = prng.int32(this.gen, 0, length - 1);
			return { kind: 'delete', key, index, length: prng.int32(this.gen, 1, Math.min(12, length - index)) };
		}
		return { kind: 'insert', key, index: prng.int32(this.gen, 0, length), text: prng.word(this.gen, 1, 8) };
	}

	/** Brings an offline actor back: the server's step 2 reaches it, and its own changes go up in one of three ways. */
	reconnect(actor: Actor): void {
		if (actor.online) return;
		const learnFirst = prng.bool(this.gen);
		if (learnFirst) Y.applyUpdate(actor.doc, step2(this.server, actor.doc));
		const clean = actor.pending.every((p) => p.allowed);
		const mode = prng.oneOf(this.gen, ['step2', 'merged', 'sequential', 'shuffled'] as const);
		const verdicts: Verdict[] = [];
		if (mode === 'step2') {
			const expected = !clean
				? 'forbidden'
				: actor.pending.length === 0
					? 'no-change'
					: 'accept-or-no-change';
			verdicts.push(this.deliver(actor, step2(actor.doc, this.server), expected, 'reconnect step 2'));
		} else if (mode === 'merged' && actor.pending.length > 0) {
			const merged = Y.mergeUpdates(actor.pending.map((p) => p.update));
			verdicts.push(
				this.deliver(actor, merged, clean ? 'accept-or-no-change' : 'forbidden', 'merged offline batch')
			);
		} else if (mode === 'shuffled' && clean) {
			this.deliverShuffled(actor);
		} else {
			for (const { update, allowed } of actor.pending) {
				verdicts.push(
					this.deliver(actor, update, allowed ? 'accept-or-no-change' : 'forbidden', 'offline update')
				);
			}
		}
		if (verdicts.some((v) => v.kind !== 'accept' && v.kind !== 'no-change')) {
			this.reset(actor);
			return;
		}
		if (!learnFirst) Y.applyUpdate(actor.doc, step2(this.server, actor.doc));
		actor.online = true;
		actor.pending = [];
		expect(textsOf(this.server), this.where(`${actor.name} after reconnect (${mode})`)).toEqual(
			textsOf(actor.doc)
		);
	}

	/** Reordered and duplicated delivery: out of order is unresolvable, a repeat is no-change. */
	deliverShuffled(actor: Actor): void {
		const delivered = new Set<number>();
		const order = actor.pending.map((_, i) => i);
		const count = actor.pending.length;
		for (let i = 0; i < count; i++) if (prng.bool(this.gen)) order.push(prng.int32(this.gen, 0, count - 1));
		shuffle(this.gen, order);
		for (let i = 0; i < actor.pending.length; i++) order.push(i); // then everything, in order
		for (const i of order) {
			const pending = actor.pending[i] as Pending;
			let expected: Verdict['kind'] | 'accept-or-no-change';
			if (delivered.has(i)) expected = 'no-change';
			else if (this.resolvable(pending.update)) expected = 'accept-or-no-change';
			else expected = 'unresolvable';
			const verdict = this.deliver(actor, pending.update, expected, `offline update #${i} shuffled`);
			if (verdict.kind !== 'unresolvable') delivered.add(i);
		}
	}

	/** Independent of the validator: every struct starts where the server's clocks end, every deletion is known. */
	resolvable(update: Uint8Array): boolean {
		const { structs, ds } = Y.decodeUpdate(update);
		const first = structs[0];
		if (first !== undefined && first.id.clock > Y.getState(this.server.store, first.id.client)) return false;
		for (const [client, ranges] of ds.clients) {
			for (const range of ranges)
				if (range.clock + range.len > Y.getState(this.server.store, client)) return false;
		}
		return true;
	}

	/** Two online inserts delivered backwards, then in order, then once more. */
	reorder(actor: Actor): void {
		const keys = KEYS.filter((key) => actor.writable.has(key));
		if (!actor.online || keys.length === 0) return;
		const key = prng.oneOf(this.gen, keys);
		const ops = [this.insertOp(actor.doc, key)];
		const updates = updatesOf(actor.doc, (doc) => {
			applyOp(doc, ops[0] as Op);
			ops.push(this.insertOp(doc, key));
			applyOp(doc, ops[1] as Op);
		});
		this.edits += 2;
		const [first, second] = updates as [Uint8Array, Uint8Array];
		this.deliver(actor, second, 'unresolvable', 'second insert first');
		this.deliver(actor, first, 'accept', 'first insert');
		this.deliver(actor, second, 'accept', 'second insert');
		this.deliver(actor, second, 'no-change', 'second insert again');
		expect(textsOf(this.server), this.where(`${actor.name} reorder`)).toEqual(textsOf(actor.doc));
	}

	insertOp(doc: Y.Doc, key: TextKey): Op {
		return {
			kind: 'insert',
			key,
			index: prng.int32(this.gen, 0, text(doc, key).length),
			text: prng.word(this.gen, 1, 5)
		};
	}

	/** The server writes its own region; online clients receive it. */
	serverWrite(): void {
		const updates = updatesOf(this.server, (doc) =>
			doc.getMap('server').set('status', prng.word(this.gen, 1, 8))
		);
		for (const update of updates)
			for (const actor of this.actors) if (actor.online) Y.applyUpdate(actor.doc, update);
		this.#serverState = stateOf(this.server);
	}

	finish(): void {
		for (const actor of this.actors) {
			if (!actor.online) this.reconnect(actor);
			Y.applyUpdate(actor.doc, step2(this.server, actor.doc));
			expect(textsOf(actor.doc), this.where(`${actor.name} converges`)).toEqual(textsOf(this.server));
			expect(Y.encodeStateVector(actor.doc), this.where(`${actor.name} state vector`)).toEqual(
				Y.encodeStateVector(this.server)
			);
		}
	}
}

/** What a rejected update must leave unchanged: state vector, every text, the server map, the set of roots. */
function stateOf(doc: Y.Doc): string {
	return JSON.stringify([
		Array.from(Y.encodeStateVector(doc)),
		textsOf(doc),
		doc.getMap('server').toJSON(),
		[...doc.share.keys()]
	]);
}

function applyOp(doc: Y.Doc, op: Op): void {
	if (op.kind === 'insert') text(doc, op.key).insert(op.index, op.text);
	else text(doc, op.key).delete(op.index, op.length);
}

function applyToString(value: string, op: Op): string {
	if (op.kind === 'insert') return value.slice(0, op.index) + op.text + value.slice(op.index);
	return value.slice(0, op.index) + value.slice(op.index + op.length);
}

function describe(op: Op): string {
	return op.kind === 'insert'
		? `insert '${op.text}' at ${op.key}[${op.index}]`
		: `delete ${op.key}[${op.index}, +${op.length}]`;
}

function single(updates: Uint8Array[]): Uint8Array {
	if (updates.length !== 1) throw new Error(`expected one update per edit, got ${updates.length}`);
	return updates[0] as Uint8Array;
}

function shuffle(gen: prng.PRNG, values: number[]): void {
	for (let i = values.length - 1; i > 0; i--) {
		const j = prng.int32(gen, 0, i);
		[values[i], values[j]] = [values[j] as number, values[i] as number];
	}
}

it(`VAL-1…VAL-10: ${EDITS} random allowed and forbidden edits (seed ${SEED}; VALIDATE_SEED overrides)`, () => {
	const started = performance.now();
	const gen = prng.create(SEED);
	const tally = new Map<string, number>();
	let edits = 0;
	for (let round = 0; round < ROUNDS; round++) {
		const run = new Run(gen, round);
		while (run.edits < EDITS / ROUNDS) run.tick();
		run.finish();
		edits += run.edits;
		for (const [kind, count] of run.tally) tally.set(kind, (tally.get(kind) ?? 0) + count);
	}
	const ms = Math.round(performance.now() - started);
	console.log(
		`validate random: seed ${SEED}, ${edits} edits, ${ms} ms`,
		Object.fromEntries([...tally].sort())
	);
	expect(edits).toBeGreaterThanOrEqual(EDITS);
	// The run must have exercised every kind of verdict, not just happy paths.
	for (const kind of ['accept', 'no-change', 'forbidden', 'unresolvable'])
		expect(tally.get(kind) ?? 0).toBeGreaterThan(200);
}, 60_000);
