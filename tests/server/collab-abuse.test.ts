// One observer must not be able to slow a meeting down (issue 11, point 4; budgets.ts): 1,000 sockets
// opened at once, and ten asking for the whole document fifty times a second, reconnecting when closed.
// Others' keystrokes must still arrive promptly and sign-in must still answer. The bounds here are
// generous (a shared 2-core machine); the figures against the targets (100 ms median, 500 ms p90) are
// measured by `npm run bench:abuse` and reported in docs/benchmarks.md.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ALLOWANCE } from '../../server/collab/budgets.ts';
import { seedDemo } from '#lib/server/demo/seed.ts';
import { runAbuse } from '../../bench/abuse/scenario.ts';
import { tempDb } from './temp-db.ts';

const PASSWORD = 'abuse-test-password';
let t: ReturnType<typeof tempDb>;
beforeAll(async () => {
	t = tempDb();
	await seedDemo(t.db, PASSWORD);
});
afterAll(() => t.cleanup());

describe('COL-2: an abusive observer', () => {
	it(
		'gets a few sockets, and others’ edits and sign-ins go on at their pace',
		{ timeout: 60_000 },
		async () => {
			const figures = await runAbuse({
				db: t.db,
				file: t.file,
				password: PASSWORD,
				sockets: 1_000,
				spammers: 10,
				rate: 50,
				seconds: 6,
				grow: 200_000
			});
			console.log('abuse figures', JSON.stringify(figures));
			expect(figures.accepted).toBeLessThanOrEqual(DEFAULT_ALLOWANCE.socketsPerUserAndDoc);
			expect(figures.lost).toBe(0);
			// What its requests made the server send: the burst, the steady rate, a little for each socket.
			const { burst, perSecond } = DEFAULT_ALLOWANCE.replyBytesPerUserAndDoc;
			expect(figures.abuserBytes).toBeLessThan(burst + 10 * perSecond + 8 * figures.docBytes);
			expect(figures.edits.count).toBeGreaterThan(50);
			// The measuring clients share this process with the abuser's sockets and, in CI, other test files
			// run beside it: bounds ten times the targets. Alone here: 3-4 ms and 39-126 ms (bench:abuse).
			expect(figures.edits.median).toBeLessThan(1_000);
			expect(figures.signIns.count).toBeGreaterThan(5);
			expect(figures.signIns.p90).toBeLessThan(5_000);
		}
	);
});
