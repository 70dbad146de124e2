// The server under test as one process or several. A reference server (hocuspocus, y-websocket) is
// always one process. Ours with `--nodes N` > 1 is N processes on one SQLite file, telling each other
// over one Redis what they accept, as a cluster of the app's nodes does (docs/collab-protocol.md,
// "Between nodes"); the clients are dealt to them round-robin.
import type { ServerKind, ServerReport, StartConfig } from './ipc.ts';
import { ServerChild } from './server-process.ts';

export interface ServerNodes {
	/** Each node's port on 127.0.0.1, by node number. */
	readonly ports: number[];
	readonly pids: (number | undefined)[];
	/** Opens the measured window on every node. */
	mark(): Promise<void>;
	/** Closes it: every node's report, by node number. */
	report(): Promise<ServerReport[]>;
	stop(): Promise<void>;
}

/** The node client `index` connects to: round-robin, so that typists (the first clients) alternate too. */
export function nodeOfClient(index: number, nodes: number): number {
	return index % nodes;
}

/**
 * Starts `count` server processes, all with `config`; with more than one, each gets `redisUrl` and a
 * name of its own. Rejects (having stopped whatever started) if any of them fails to start.
 */
export async function startNodes(
	kind: ServerKind,
	count: number,
	config: StartConfig,
	redisUrl: string | null
): Promise<ServerNodes> {
	if (count > 1 && (kind !== 'ours' || redisUrl === null))
		throw new Error('several nodes: only ours, and only with a Redis');
	const children = Array.from({ length: count }, () => new ServerChild(kind));
	const stop = async (): Promise<void> => {
		await Promise.all(children.map((c) => c.stop()));
	};
	try {
		const ready = await Promise.all(
			children.map((child, node) =>
				child.request(
					{
						type: 'start',
						config: count > 1 ? { ...config, redisUrl: redisUrl!, nodeId: `bench-node-${node + 1}` } : config
					},
					'ready',
					60_000
				)
			)
		);
		return {
			ports: ready.map((r) => r.port),
			pids: children.map((c) => c.pid),
			async mark() {
				await Promise.all(children.map((c) => c.request({ type: 'mark' }, 'marked')));
			},
			async report() {
				const reports = await Promise.all(children.map((c) => c.request({ type: 'report' }, 'report')));
				return reports.map((r) => r.report);
			},
			stop
		};
	} catch (error) {
		await stop();
		throw error;
	}
}
