// Presence on the meeting document: who is here, and which unit each is editing. Our own `focus` goes
// out through awareness; the server stamps who we are, so only the unit is ours to say.
import type { Awareness } from 'y-protocols/awareness';
import { readPeople, type Person, type Self } from './people.ts';

export class Presence {
	people = $state.raw<Person[]>([]);
	readonly #me: Omit<Self, 'clientId'>;
	#awareness: Awareness | null = null;
	readonly #onChange = () => this.#read();

	constructor(me: Omit<Self, 'clientId'>) {
		this.#me = me;
		this.people = readPeople([], { ...me, clientId: -1 });
	}

	/** Follows a (new) document's awareness; the page replaces its document after a rejected update. */
	attach(awareness: Awareness): void {
		this.detach();
		this.#awareness = awareness;
		awareness.setLocalStateField('focus', null);
		awareness.on('change', this.#onChange);
		this.#read();
	}

	detach(): void {
		this.#awareness?.off('change', this.#onChange);
		this.#awareness = null;
	}

	/** Tells the others which unit we are editing (null: none). Leaving a unit also drops our caret. */
	setFocus(unitId: string | null): void {
		const awareness = this.#awareness;
		if (!awareness) return;
		awareness.setLocalStateField('focus', unitId);
		if (unitId === null) awareness.setLocalStateField('cursor', null);
	}

	#read(): void {
		const awareness = this.#awareness;
		if (!awareness) return;
		const states = awareness.getStates() as Map<number, Record<string, unknown>>;
		this.people = readPeople(states, { ...this.#me, clientId: awareness.clientID });
	}
}
