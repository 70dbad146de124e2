// Who is in the meeting now, from the awareness states the server relays. The server stamps `user` with
// the session's identity; `focus` is whatever the other client says, so it is checked before use.
import { isGroupId, type GroupId } from '#lib/domain/roles.ts';
import { presenceColour } from './colour.ts';

export interface Person {
	/** Stable key for lists: the user id (one entry per person, however many tabs they have open). */
	key: string;
	name: string;
	group: GroupId | null;
	/** A CSS colour for their marker, or null when the server gave none we can trust. */
	color: string | null;
	/** The unit they are editing, or null. */
	focus: string | null;
	self: boolean;
}

type States = Iterable<readonly [number, Record<string, unknown>]>;

const COLOR = /^#[0-9a-f]{3,8}$/i;
const UNIT_ID = /^[A-Za-z0-9_-]{1,64}$/;

export interface Self {
	clientId: number;
	userId: string;
	name: string;
	group: GroupId | null;
}

/**
 * Ourselves first (from our own session: the server does not echo our stamped state back), then everyone
 * else by name. A person with several tabs counts once, where they are editing if anywhere; our own other
 * tabs are us.
 */
export function readPeople(states: States, me: Self): Person[] {
	const byUser = new Map<string, Person>();
	let selfFocus: string | null = null;
	for (const [clientId, state] of states) {
		const focus = typeof state.focus === 'string' && UNIT_ID.test(state.focus) ? state.focus : null;
		if (clientId === me.clientId) {
			selfFocus = focus;
			continue;
		}
		const person = stampedPerson(state.user, focus);
		if (!person || person.key === me.userId) continue; // unstamped states are not from our server
		const known = byUser.get(person.key);
		if (!known || (known.focus === null && focus !== null)) byUser.set(person.key, person);
	}
	const self: Person = {
		key: me.userId,
		name: me.name,
		group: me.group,
		color: presenceColour(me.userId), // the server stamps the same colour, but does not echo it back
		focus: selfFocus,
		self: true
	};
	const others = [...byUser.values()].sort((a, b) => a.name.localeCompare(b.name));
	return [self, ...others];
}

function stampedPerson(user: unknown, focus: string | null): Person | null {
	if (typeof user !== 'object' || user === null) return null;
	const u = user as Record<string, unknown>;
	if (typeof u.userId !== 'string' || typeof u.name !== 'string') return null;
	return {
		key: u.userId,
		name: u.name,
		group: isGroupId(u.group) ? u.group : null,
		color: typeof u.color === 'string' && COLOR.test(u.color) ? u.color : null,
		focus,
		self: false
	};
}
