/**
 * The seam between a connection and the update validator: which schema a document follows, and what the
 * caller knows of its update log (VAL-19: pass `loggedBytes`, the bytes stored since the last snapshot).
 */
import type * as Y from 'yjs';
import type { WriteRights } from './types.ts';
import {
	GROUP_SCHEMA,
	MEETING_SCHEMA,
	validateUpdate as validate,
	type ValidateOptions,
	type Verdict
} from './validate/index.ts';

export type { ValidateOptions, Verdict };

export function validateUpdate(
	doc: Y.Doc,
	update: Uint8Array,
	rights: WriteRights,
	docName: string,
	options: ValidateOptions = {}
): Verdict {
	const schema = docName.startsWith('group/') ? GROUP_SCHEMA : MEETING_SCHEMA;
	return validate(doc, update, rights, schema, options);
}
