/**
 * The seam between a connection and the update validator: which schema a document follows.
 */
import type * as Y from 'yjs';
import type { WriteRights } from './types.ts';
import { GROUP_SCHEMA, MEETING_SCHEMA, validateUpdate as validate, type Verdict } from './validate/index.ts';

export type { Verdict };

export function validateUpdate(
	doc: Y.Doc,
	update: Uint8Array,
	rights: WriteRights,
	docName: string
): Verdict {
	return validate(doc, update, rights, docName.startsWith('group/') ? GROUP_SCHEMA : MEETING_SCHEMA);
}
