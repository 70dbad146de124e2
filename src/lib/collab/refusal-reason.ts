// Why the server refused a change, in the reader's words: by close code, and for a 4403 that names one
// of the text's limits or a character a unit cannot hold (VAL-16 … VAL-19), that rather than "locked".
import { CollabClose } from './close-codes.ts';
import type { MessageKey } from '#lib/i18n/index.ts';

const BY_CODE: Record<number, MessageKey> = {
	[CollabClose.FORBIDDEN]: 'collab.reason.forbidden',
	[CollabClose.REPLACED]: 'collab.reason.replaced',
	[CollabClose.UNRESOLVABLE]: 'collab.reason.unresolvable',
	[CollabClose.MALFORMED]: 'collab.reason.malformed'
};

/** `detail` is the server's close reason: its rules' own words (server/collab/validate/README.md). */
export function refusalReason(code: number, detail: string): MessageKey {
	if (code === CollabClose.FORBIDDEN) {
		if (/^(unit|document|update log) limit /.test(detail)) return 'collab.reason.tooLong';
		if (/^U\+[0-9A-F]{4,6} \(/.test(detail) || / splits a character /.test(detail))
			return 'collab.reason.character';
	}
	return BY_CODE[code] ?? 'collab.reason.other';
}
