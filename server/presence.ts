// How a participant appears to the others: name, group, role and a colour of their own, from the session
// and the membership, never from what the client says.
import { ROLES, type Membership } from '#lib/domain/roles.ts';

// Distinguishable on white and in the projector's washed-out colours.
const PALETTE = [
	'#1f77b4',
	'#d62728',
	'#2ca02c',
	'#9467bd',
	'#ff7f0e',
	'#17becf',
	'#8c564b',
	'#e377c2',
	'#7f7f7f',
	'#bcbd22'
];

function hash(text: string): number {
	let h = 2166136261;
	for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
	return h >>> 0;
}

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
	const color = PALETTE[hash(userId) % PALETTE.length]!;
	const role = membership
		? ([...membership.roles].sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b))[0] ?? null)
		: null;
	return { userId, name, group: membership?.groupId ?? null, role, color, colorLight: `${color}33` };
}
