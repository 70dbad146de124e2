/**
 * The delete set, judged against the server's store once the update's structs are integrated (as
 * `readAndApplyDeleteSet` runs after `integrateStructs`). Walks only the server structs a range covers,
 * and the update's own new text it covers (found by binary search). Every deleted character is counted
 * off its text's length (VAL-17, VAL-18).
 */
import * as Y from 'yjs';
import type { Integration, NewText } from './integrate.ts';
import { formatId, isHighSurrogate, serverContentLabel, type DocView, type TextUnit } from './places.ts';
import { forbidden, unresolvable } from './rejection.ts';

export function checkDeletes(integration: Integration): void {
	for (const [client, ranges] of integration.update.deletes) {
		const known = integration.serverState(client);
		const reach = integration.stateOf(client);
		for (const { clock, end } of ranges) {
			// VAL-9: Yjs would keep the unknown part as a pending delete set.
			if (end > reach) {
				unresolvable(
					`deletion of ${client}:${Math.max(clock, reach)}..${end - 1}, which the server does not have`
				);
			}
			if (clock < known && checkServerRange(integration, client, clock, Math.min(end, known))) {
				integration.changed = true;
			}
			// Beyond `known` lie only this update's own new items, already checked as writable inserts.
			if (end > known) {
				countNewText(integration, integration.newTexts.get(client) ?? [], Math.max(clock, known), end);
				integration.changed = true;
			}
		}
	}
}

/** VAL-6: every live struct in the range must be string content of a text unit this connection may write. */
function checkServerRange(integration: Integration, client: number, clock: number, end: number): boolean {
	const view = integration.view;
	const structs = view.store.clients.get(client) ?? [];
	let deletesSomething = false;
	for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
		const struct = structs[i];
		if (struct === undefined || struct.id.clock >= end) break;
		if (struct instanceof Y.GC || struct.deleted) continue; // already deleted: a repeat, no change
		const unit = checkDeletable(view, struct);
		if (struct.content instanceof Y.ContentString && struct.parent instanceof Y.AbstractType) {
			const from = Math.max(clock, struct.id.clock);
			const to = Math.min(end, struct.id.clock + struct.length);
			checkNoSplit(struct.content.str, from - struct.id.clock, to - struct.id.clock, unit);
			integration.grow(unit, struct.parent, from - to);
		}
		deletesSomething = true;
	}
	return deletesSomething;
}

/** The update deletes some of its own new text (sent with gc off): those characters never count. */
function countNewText(integration: Integration, runs: readonly NewText[], clock: number, end: number): void {
	let low = 0;
	let high = runs.length;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if ((runs[middle]?.end ?? Infinity) <= clock) low = middle + 1;
		else high = middle;
	}
	for (let i = low; i < runs.length; i++) {
		const run = runs[i];
		if (run === undefined || run.start >= end) break;
		const from = Math.max(clock, run.start);
		const to = Math.min(end, run.end);
		checkNoSplit(run.text, from - run.start, to - run.start, run.unit);
		integration.grow(run.unit, run.type, from - to);
	}
}

/** VAL-16: deleting [from, to) of `text` must not cut a surrogate pair in two (Yjs would make it U+FFFD). */
function checkNoSplit(text: string, from: number, to: number, unit: TextUnit): void {
	const cuts = (at: number) => at > 0 && at < text.length && isHighSurrogate(text.charCodeAt(at - 1));
	if (cuts(from) || cuts(to))
		forbidden(`deletion splits a character (a surrogate pair) in text '${unit.key}'`);
}

function checkDeletable(view: DocView, item: Y.Item): TextUnit {
	const parent = item.parent;
	if (!(parent instanceof Y.AbstractType))
		unresolvable(`deleted ${formatId(item.id)} has no parent on the server`);
	const where = view.describe({ kind: 'type', type: parent });
	if (item.parentSub !== null) {
		const unit = item.content instanceof Y.ContentType ? view.textUnit(item.content.type) : null;
		if (unit !== null) forbidden(`deletion of text '${unit.key}'`);
		forbidden(`deletion of map key '${item.parentSub}' on ${where}`);
	}
	if (!(item.content instanceof Y.ContentString))
		forbidden(`deletion of ${serverContentLabel(item)} in ${where}`);
	const unit = view.textUnit(parent);
	if (unit === null) forbidden(`deletion in ${where}`);
	if (!view.canWrite(unit.key)) forbidden(`deletion in text '${unit.key}' not writable`);
	return unit;
}
