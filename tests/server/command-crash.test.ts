// A crash between a command's live change and its COMMIT (docs/architecture.md, "Every structured change is a
// server command"): the server, in a process of its own, changes a unit's live text inside a command's
// transaction and is killed (SIGKILL) before it commits. Nobody connected may have received the change,
// and after the restart it is nowhere: what others have seen is always what was stored.
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { waitFor } from '../../server/collab/test-kit.ts';
import { textUnits } from '#lib/server/db/schema.ts';
import { DEMO_MEETING_ID, seedDemo } from '#lib/server/demo/seed.ts';
import { authenticatedProvider, startChildServer } from './child-server.ts';
import { tempDb } from './temp-db.ts';
import { unitIdByReference } from './unit-ref.ts';

const DOC = `meeting/${DEMO_MEETING_ID}`;
let t: ReturnType<typeof tempDb>;
let child: ChildProcess | null = null;
const providers: WebsocketProvider[] = [];

async function startServer(port: number): Promise<number> {
	const server = startChildServer(t.file, { port, stdin: 'pipe' });
	child = server.child;
	return server.port;
}

function connect(port: number, username: string) {
	const { doc, provider } = authenticatedProvider(t.db, port, username, DOC, { maxBackoffTime: 200 });
	providers.push(provider);
	return { doc, provider, texts: doc.getMap<Y.Text>('texts') };
}

beforeAll(async () => {
	t = tempDb();
	await seedDemo(t.db, 'crash-test-password');
});
afterAll(() => {
	for (const p of providers) p.destroy();
	child?.kill('SIGKILL');
	t.cleanup();
});

describe('COL-3: a crash inside a command, before COMMIT', () => {
	it('leaves nothing on anyone’s screen and nothing on the restarted server', async () => {
		const unit = unitIdByReference(t.db, DEMO_MEETING_ID, '7');
		const port = await startServer(0);
		const watcher = connect(port, 'gov-kenya');
		await waitFor(() => watcher.provider.synced && watcher.texts.get(unit), 10_000);
		const before = watcher.texts.get(unit)!.toString();

		// The start-up's "exited early" listener is done with; this exit is expected.
		child!.removeAllListeners('exit');
		const died = new Promise<NodeJS.Signals | null>((resolve) =>
			child!.once('exit', (_code, signal) => resolve(signal))
		);
		child!.stdin!.write(`crash-in-command ${DOC} ${unit}\n`);
		expect(await died).toBe('SIGKILL');
		// Anything the dying server had written to the socket arrives within moments on loopback.
		await new Promise((resolve) => setTimeout(resolve, 500));
		expect(watcher.texts.get(unit)!.toString()).toBe(before);

		await startServer(port);
		const fresh = connect(port, 'observer');
		await waitFor(() => fresh.provider.synced && fresh.texts.get(unit), 10_000);
		expect(fresh.texts.get(unit)!.toString()).toBe(before);
		expect(t.db.select().from(textUnits).where(eq(textUnits.id, unit)).get()!.text).not.toContain(
			'NEVER COMMITTED'
		);
		// The watcher reconnects by itself to the same state.
		await waitFor(() => watcher.provider.synced, 10_000);
		expect(watcher.texts.get(unit)!.toString()).toBe(before);
	});
});
