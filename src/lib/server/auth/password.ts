// argon2id via @node-rs/argon2, with OWASP's minimum recommended parameters (19 MiB, 2 passes, 1 lane).
import { hash, verify } from '@node-rs/argon2';

const OPTIONS = { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 10;

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false; // a malformed stored hash never signs anyone in
	}
}

/** A hash of nothing in particular, verified against when the username is unknown, so that a wrong
 * username takes as long as a wrong password and the response time does not reveal which accounts exist. */
let decoy: Promise<string> | undefined;
export async function verifyAgainstDecoy(password: string): Promise<false> {
	decoy ??= hashPassword('decoy password that matches nothing');
	await verifyPassword(await decoy, password);
	return false;
}

/** A password for someone else to hand over: 4 groups of 4 unambiguous characters (80 bits). */
export function generatePassword(): string {
	const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
	const bytes = new Uint8Array(16);
	crypto.getRandomValues(bytes);
	const chars = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
	return chars.match(/.{4}/g)!.join('-');
}
