// Undo per unit, limited to this person's own edits. Each manager tracks no origin of its own; the
// editor binding (y-codemirror.next) adds only its local one while open, so changes that arrive from the
// server are never undone here. Kept while the document lives, so closing and reopening an editor keeps
// what can be undone.
import * as Y from 'yjs';

export class UndoManagers {
	readonly #byUnit = new Map<string, Y.UndoManager>();

	of(unitId: string, ytext: Y.Text): Y.UndoManager {
		let manager = this.#byUnit.get(unitId);
		if (!manager) {
			manager = new Y.UndoManager(ytext, { trackedOrigins: new Set() });
			this.#byUnit.set(unitId, manager);
		}
		return manager;
	}

	destroy(): void {
		for (const manager of this.#byUnit.values()) manager.destroy();
		this.#byUnit.clear();
	}
}
