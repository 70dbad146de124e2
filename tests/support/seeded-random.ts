// Repeatable randomness for tests: a seed gives the same sequence every run, so a failure names the seed
// that reproduces it. Backed by lib0's PRNG (xoroshiro128+), which Yjs's own tests use.
import * as prng from 'lib0/prng';

/** A function returning floats in [0, 1), determined by `seed`. */
export function seededRandom(seed: number): () => number {
	const generator = prng.create(seed);
	return () => prng.real53(generator);
}
