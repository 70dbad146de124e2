// What a server command refused with, for tests: its HTTP status and i18n key. Anything other than a
// refusal (a success, or another error) fails the test.
import { CommandError } from '#lib/server/command-error.ts';

export interface Refusal {
	status: number;
	key: string;
}

export function refusal(fn: () => unknown): Refusal {
	try {
		const result = fn();
		// An async command refuses by rejecting: only refusalAsync can see that.
		if (result instanceof Promise) {
			result.catch(() => {});
			throw new Error('refusal() was given an async command: use refusalAsync');
		}
	} catch (e) {
		if (e instanceof CommandError) return { status: e.status, key: e.key };
		throw e;
	}
	throw new Error('expected the command to be refused');
}

export async function refusalAsync(fn: () => Promise<unknown>): Promise<Refusal> {
	try {
		await fn();
	} catch (e) {
		if (e instanceof CommandError) return { status: e.status, key: e.key };
		throw e;
	}
	throw new Error('expected the command to be refused');
}
