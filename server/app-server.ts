// The production server: one http server, one port, serving the SvelteKit handler built by adapter-node
// and upgrading /collab/... requests to the collaboration websocket.
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AddressInfo } from 'node:net';
import type { CollabOptions } from './collab/index.ts';
import { createAppCollab } from './collab-app.ts';
import { redisBus, type UpdateBus } from './collab/relay/redis-bus.ts';
import type { Db } from '#lib/server/db/index.ts';
import { SECURITY_HEADERS } from '#lib/server/security-headers.ts';

type NodeHandler = (req: http.IncomingMessage, res: http.ServerResponse, next?: () => void) => void;

// adapter-node (SvelteKit 3) no longer reads ORIGIN at run time and takes the protocol to be https unless
// a header says otherwise; SvelteKit's CSRF check compares form posts with that origin. We own the http
// layer, so we state the origin ourselves in headers of our own, overwriting whatever a client sent:
// ORIGIN when configured (production behind a TLS proxy), else plain http on the Host the client used.
export const PROTOCOL_HEADER = 'x-drafting-room-protocol';
export const HOST_HEADER = 'x-drafting-room-host';

export function stampOrigin(req: http.IncomingMessage, configured: URL | null): void {
	req.headers[PROTOCOL_HEADER] = configured ? configured.protocol.slice(0, -1) : 'http';
	const host = configured ? configured.host : req.headers.host;
	if (host) req.headers[HOST_HEADER] = host;
	else delete req.headers[HOST_HEADER];
}

export interface RunningServer {
	url: string;
	port: number;
	close(): Promise<void>;
}

export async function startAppServer(options: {
	db: Db;
	buildDir: string;
	port: number;
	host: string;
	collab?: CollabOptions;
	/** REDIS_URL: the nodes sharing this database tell each other what they accept (docs/deployment.md). */
	redisUrl?: string;
	/** This node's name among them (NODE_ID); by default one of its own. */
	nodeId?: string;
}): Promise<RunningServer> {
	process.env.PROTOCOL_HEADER = PROTOCOL_HEADER;
	process.env.HOST_HEADER = HOST_HEADER;
	const configured = process.env.ORIGIN ? new URL(process.env.ORIGIN) : null;
	// adapter-node's handler is plain JS built next to the server; loaded at run time, not bundled. It reads
	// the variables above when it loads.
	const { handler } = (await import(pathToFileURL(path.join(options.buildDir, 'handler.js')).href)) as {
		handler: NodeHandler;
	};
	const bus: UpdateBus | undefined = options.redisUrl
		? await redisBus(
				options.redisUrl,
				options.nodeId ?? `node-${process.pid}-${crypto.randomUUID().slice(0, 8)}`
			)
		: undefined;
	const { collab, ready, close: closeCollab } = createAppCollab(options.db, options.collab, bus);
	await ready;
	const server = http.createServer((req, res) => {
		stampOrigin(req, configured);
		// Static files are served by adapter-node before SvelteKit's hooks run: they get the headers here.
		for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
		handler(req, res, () => {
			res.statusCode = 404;
			res.end('Not found');
		});
	});
	server.on('upgrade', (req, socket, head) => {
		if (!collab.handleUpgrade(req, socket, head)) socket.destroy();
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port, options.host, () => resolve());
	});
	const { port } = server.address() as AddressInfo;
	const shownHost = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
	return {
		url: `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`,
		port,
		async close() {
			// Draining: new upgrades are refused (503) and open sockets told to go elsewhere (1001, which
			// clients answer by reconnecting at once, through the balancer to another node); then flushed.
			await closeCollab();
			await bus?.close();
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
	};
}
