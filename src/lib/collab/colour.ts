// A participant's colour for carets and presence, derived from their user id, so that the server's stamp
// and the page's own marker agree without the server echoing anyone's state back to them.

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
] as const;

function hash(text: string): number {
	let h = 2166136261; // FNV-1a: tiny, and stable across processes and browsers
	for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
	return h >>> 0;
}

export function presenceColour(userId: string): string {
	return PALETTE[hash(userId) % PALETTE.length]!;
}
