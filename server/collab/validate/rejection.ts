/**
 * Checks stop at the first thing wrong by throwing a `Rejection`; `validateUpdate` turns it back into the
 * verdict, so no exception ever leaves the validator.
 */
import type { Verdict } from './types.ts';

type Refusal = Exclude<Verdict, { kind: 'accept' } | { kind: 'no-change' }>;

export class Rejection extends Error {
	readonly verdict: Refusal;

	constructor(verdict: Refusal) {
		super(verdict.detail);
		this.verdict = verdict;
	}
}

export function forbidden(detail: string): never {
	throw new Rejection({ kind: 'forbidden', detail });
}

export function unresolvable(detail: string): never {
	throw new Rejection({ kind: 'unresolvable', detail });
}
