// Turning command refusals into HTTP errors for pages: the person sees what was wrong, in their language.
import { error, type RequestEvent } from '@sveltejs/kit';
import { can, type Action } from '#lib/domain/policy.ts';
import { tKey } from '#lib/i18n/index.ts';
import { CommandError } from './command-error.ts';
import { getDb } from './db/index.ts';
import { actorFor } from './meetings/queries.ts';

export function requireUser(event: Pick<RequestEvent, 'locals'>) {
	const user = event.locals.user;
	if (!user) error(401, tKey('error.signInRequired'));
	return user;
}

/** Refuses the request unless the policy allows the action; outsiders get 404, as if there were no meeting. */
export function requireAllowed(
	event: Pick<RequestEvent, 'locals'>,
	meetingId: string | null,
	action: Action
) {
	const user = requireUser(event);
	const actor = actorFor(getDb(), user, meetingId);
	const d = can(actor, action);
	if (!d.allowed) error(d.rule === 'POL-2' ? 404 : 403, tKey(d.reason));
	return { user, actor };
}

/** Runs a command; a refusal becomes the matching HTTP error. */
export async function runCommand<T>(fn: () => T | Promise<T>): Promise<T> {
	try {
		return await fn();
	} catch (e) {
		if (e instanceof CommandError) error(e.status, tKey(e.key, e.params));
		throw e;
	}
}

export type Attempt<T> = { ok: true; value: T } | { ok: false; status: number; message: string };

/** Runs a command whose refusal the page shows beside its form, rather than on an error page. */
export async function tryCommand<T>(fn: () => T | Promise<T>): Promise<Attempt<T>> {
	try {
		return { ok: true, value: await fn() };
	} catch (e) {
		if (e instanceof CommandError) return { ok: false, status: e.status, message: tKey(e.key, e.params) };
		throw e;
	}
}
