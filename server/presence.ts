// How a participant appears to the others: name, group, role and a colour of their own, from the session
// and the membership, never from what the client says.
import { ROLES, type Membership } from '#lib/domain/roles.ts';
import { presenceColour } from '#lib/collab/colour.ts';

export interface Presence {
	userId: string;
	name: string;
	group: Membership['groupId'];
	role: string | null;
	color: string;
	/** y-codemirror.next draws selections with it. */
	colorLight: string;
}

export function presenceFor(userId: string, name: string, membership: Membership | null): Presence {
	const color = presenceColour(userId);
	const role = membership
		? ([...membership.roles].sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b))[0] ?? null)
		: null;
	return { userId, name, group: membership?.groupId ?? null, role, color, colorLight: `${color}33` };
}
