/**
 * The server-side validator of incoming Yjs updates (rules VAL-1… in README.md beside this file).
 *
 * `validateUpdate` judges a V1 update against the server's document before anything is applied, and
 * answers with a verdict; it never throws and never changes the document. On 'accept' the caller
 * applies the update unchanged (`Y.applyUpdate(doc, update, origin)`); on 'no-change' it drops it; on
 * anything else nothing is applied. The cost follows the size of the update (plus the server structs a
 * deletion covers), never the size of the document.
 */
import type * as Y from 'yjs';
import { checkDeletes } from './deletes.ts';
import { Integration } from './integrate.ts';
import { DocView } from './places.ts';
import { readUpdate, type ParsedUpdate } from './read-update.ts';
import { Rejection } from './rejection.ts';
import {
	MEETING_SCHEMA,
	type DocSchema,
	type ValidateOptions,
	type Verdict,
	type WriteRights
} from './types.ts';
import { DOCUMENT_LOG_MAX_BYTES } from '#lib/domain/text-limits.ts';

export {
	GROUP_SCHEMA,
	MEETING_SCHEMA,
	type DocSchema,
	type ValidateOptions,
	type Verdict,
	type WriteRights
} from './types.ts';

export function validateUpdate(
	doc: Y.Doc,
	update: Uint8Array,
	rights: WriteRights,
	schema: DocSchema = MEETING_SCHEMA,
	options: ValidateOptions = {}
): Verdict {
	let parsed: ParsedUpdate;
	try {
		parsed = readUpdate(update);
	} catch (error) {
		return { kind: 'malformed', detail: messageOf(error) };
	}
	try {
		const verdict = judge(doc, parsed, rights, schema);
		// VAL-19: only what would be stored counts; a repeat (no-change) adds nothing to the log.
		const max = options.logMaxBytes ?? DOCUMENT_LOG_MAX_BYTES;
		if (
			verdict.kind === 'accept' &&
			options.loggedBytes !== undefined &&
			options.loggedBytes + update.length > max
		) {
			return {
				kind: 'forbidden',
				detail: `update log limit of ${max} bytes: ${options.loggedBytes} stored since the last snapshot, ${update.length} more`
			};
		}
		return verdict;
	} catch (error) {
		if (error instanceof Rejection) return error.verdict;
		// A fault of ours (or of `rights`): refuse rather than apply something unchecked.
		return { kind: 'malformed', detail: `validator error: ${messageOf(error)}` };
	}
}

function judge(doc: Y.Doc, parsed: ParsedUpdate, rights: WriteRights, schema: DocSchema): Verdict {
	// VAL-14: applying anything would also retry these, unvalidated against today's rights.
	if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) {
		return { kind: 'unresolvable', detail: 'the server document holds pending updates' };
	}
	const integration = new Integration(new DocView(doc, rights, schema), parsed);
	integration.run();
	checkDeletes(integration);
	integration.checkLengths();
	return integration.changed ? { kind: 'accept' } : { kind: 'no-change' };
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
