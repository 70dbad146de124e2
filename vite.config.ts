import { sveltekit } from '@sveltejs/kit/vite';
import adapter from '@sveltejs/adapter-node';
import type { Plugin, PreviewServer, ViteDevServer } from 'vite';
import { defineConfig } from 'vitest/config';

const DEV_MODULE = new URL('./server/dev.ts', import.meta.url).href;

/** Mounts /collab on the dev and preview servers, as server/app-server.ts does in production. */
function collab(): Plugin {
	const mount = async (server: ViteDevServer | PreviewServer, load: () => Promise<unknown>) => {
		if (!server.httpServer || process.env.VITEST) return;
		const { mountDevCollab } = (await load()) as typeof import('./server/dev.ts');
		await mountDevCollab(server.httpServer as import('node:http').Server);
	};
	return {
		name: 'drafting-room-collab',
		// Loaded through Vite's SSR loader so that #lib imports resolve as in the app.
		configureServer: (server) => mount(server, () => server.ssrLoadModule('/server/dev.ts')),
		// A computed specifier: Vite must not bundle the server's modules into this config file.
		configurePreviewServer: (server) => mount(server, () => import(/* @vite-ignore */ DEV_MODULE))
	};
}

/**
 * SEC-2: the Content-Security-Policy of every page, which SvelteKit sends with a fresh nonce for each
 * inline script it writes ('auto': nonces for rendered pages, hashes for prerendered ones). Scripts come
 * only from this site. Styles may be inline: Svelte writes `style:` directives and app.html a `style`
 * attribute into the HTML, and CodeMirror adds <style> elements; an inline style cannot run code. 'self'
 * covers the collaboration websocket on this host (CSP3; checked in Chromium).
 */
const csp: NonNullable<Parameters<typeof sveltekit>[0]>['csp'] = {
	mode: 'auto',
	directives: {
		'default-src': ['self'],
		'script-src': ['self'],
		'style-src': ['self', 'unsafe-inline'],
		'connect-src': ['self'],
		'object-src': ['none'],
		'base-uri': ['self'],
		'form-action': ['self'],
		'frame-ancestors': ['none']
	}
};

export default defineConfig({
	plugins: [sveltekit({ adapter: adapter({ out: 'build' }), csp }), collab()],
	test: {
		include: ['src/**/*.test.ts', 'server/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/server/**/*.test.ts'],
		environment: 'node',
		// Real services (PostgreSQL) for the storage tests, started once and stopped at the end.
		globalSetup: ['tests/services/global-setup.ts'],
		// Server tests start real servers and hash real passwords; give them room on a 2-core machine.
		testTimeout: 20_000
	}
});
