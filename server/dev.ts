// Development: the same collaboration endpoint on Vite's own http server, mounted by the plugin in
// vite.config.ts. Routing by path leaves Vite's HMR socket alone.
import type { Server as HttpServer } from 'node:http';
import { createAppCollab } from './collab-app.ts';
import { getDb } from '#lib/server/db/index.ts';
import { applyMigrations } from '#lib/server/db/migrate.ts';
import { seedDemo } from '#lib/server/demo/seed.ts';

export async function mountDevCollab(httpServer: HttpServer): Promise<void> {
	const db = getDb();
	applyMigrations(db);
	if (process.env.DEMO !== 'off') {
		const password = await seedDemo(db, process.env.DEMO_PASSWORD || undefined);
		if (password) console.log(`\n  Demo meeting seeded; password for every demo account: ${password}\n`);
	}
	const { collab, close } = createAppCollab(db);
	httpServer.on('upgrade', (req, socket, head) => {
		collab.handleUpgrade(req, socket, head); // false: not ours (e.g. Vite's HMR); Vite handles it
	});
	httpServer.on('close', () => void close());
}
