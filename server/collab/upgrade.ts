import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

const PREFIX = '/collab';

/**
 * The document part of a collaboration URL (`/collab/meeting/m1?x=y` → `meeting/m1`), `''` for a bare
 * `/collab`, or null when the path is not ours and the upgrade belongs to someone else (Vite's HMR).
 * The raw request target is used without normalisation: `/collab/meeting/../x` is ours and invalid.
 */
export function collabPathOf(req: IncomingMessage): string | null {
	const path = (req.url ?? '').split('?', 1)[0] ?? '';
	if (path === PREFIX) return '';
	if (!path.startsWith(PREFIX + '/')) return null;
	return path.slice(PREFIX.length + 1);
}

export type RefusalStatus = 401 | 403 | 404 | 429 | 500 | 503;

/**
 * Answers an upgrade with a plain HTTP error and closes the socket, before any websocket handshake.
 * Browsers hide the status from scripts, but the stock client backs off and retries, and tools see it.
 */
export function refuseUpgrade(socket: Duplex, status: RefusalStatus, reason: string): void {
	if (socket.destroyed) return;
	if (!socket.writable) {
		socket.destroy();
		return;
	}
	const body = reason + '\n';
	socket.once('finish', () => socket.destroy());
	socket.end(
		`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
			'Connection: close\r\n' +
			'Content-Type: text/plain; charset=utf-8\r\n' +
			`Content-Length: ${Buffer.byteLength(body)}\r\n` +
			'\r\n' +
			body
	);
}
