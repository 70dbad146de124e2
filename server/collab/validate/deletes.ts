/**
 * The delete set, judged against the server's store once the update's structs are integrated (as
 * `readAndApplyDeleteSet` runs after `integrateStructs`). Walks only the server structs a range covers.
 */
import * as Y from 'yjs';
import type { Integration } from './integrate.ts';
import { formatId, serverContentLabel, type DocView } from './places.ts';
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
			if (clock < known && checkServerRange(integration.view, client, clock, Math.min(end, known))) {
				integration.changed = true;
			}
			// Beyond `known` lie only this update's own new items, already checked as writable inserts.
			if (end > known) integration.changed = true;
		}
	}
}

/** VAL-6: every live struct in the range must be string content of a text unit this connection may write. */
function checkServerRange(view: DocView, client: number, clock: number, end: number): boolean {
	const structs = view.store.clients.get(client) ?? [];
	let deletesSomething = false;
	for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
		const struct = structs[i];
		if (struct === undefined || struct.id.clock >= end) break;
		if (struct instanceof Y.GC || struct.deleted) continue; // already deleted: a repeat, no change
		checkDeletable(view, struct);
		deletesSomething = true;
	}
	return deletesSomething;
}

function checkDeletable(view: DocView, item: Y.Item): void {
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
}
