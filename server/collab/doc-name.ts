/**
 * Document names, as they appear after `/collab/` in the websocket URL.
 *
 * Segments are restricted to characters that need no percent-encoding, so the raw request path is
 * compared as is: there is no decoding step for an attacker to play two spellings of one name against.
 */
export type DocName =
	{ kind: 'meeting'; meetingId: string } | { kind: 'group'; meetingId: string; group: string };

const SEGMENT = /^[A-Za-z0-9_-]{1,64}$/;

export function parseDocName(name: string): DocName | null {
	const parts = name.split('/');
	if (!parts.every((part) => SEGMENT.test(part))) return null;
	const [kind, meetingId, group] = parts;
	if (kind === 'meeting' && meetingId !== undefined && parts.length === 2) {
		return { kind, meetingId };
	}
	if (kind === 'group' && meetingId !== undefined && group !== undefined && parts.length === 3) {
		return { kind, meetingId, group };
	}
	return null;
}

export function formatDocName(name: DocName): string {
	return name.kind === 'meeting' ? `meeting/${name.meetingId}` : `group/${name.meetingId}/${name.group}`;
}
