// The benchmark's options (see docs/benchmarks.md, "Command"), parsed and checked.
import { parseArgs } from 'node:util';
import { isServerKind, SERVER_KINDS, type ServerKind } from './ipc.ts';

export interface Settings {
	clients: number;
	typists: number;
	rate: number;
	seconds: number;
	warmup: number;
	drain: number;
	/** Client threads in the load generator; 1 = every client on one event loop. */
	threads: number;
	/** Before each server's run, wait up to this long (s) for the rest of the machine to go quiet. */
	quietWait: number;
	/** Runs of a server disturbed by other work on the machine are repeated up to this many times. */
	retries: number;
	servers: ServerKind[];
	/** Processes ours runs as, on one database and one Redis; the references are always one. */
	nodes: number;
	json: string | null;
}

function usage(message: string): never {
	console.error(`bench:collab: ${message}`);
	console.error(
		'usage: node bench/collab/run.ts [--clients 300] [--typists 10] [--rate 5] [--seconds 30]\n' +
			'         [--servers ours,hocuspocus,y-websocket] [--nodes 1] [--warmup 5] [--drain 10]\n' +
			'         [--threads 1] [--quiet-wait 120] [--retries 2] [--json FILE]'
	);
	process.exit(2);
}

export function settingsFrom(argv: string[]): Settings {
	let values;
	try {
		({ values } = parseArgs({
			args: argv,
			options: {
				clients: { type: 'string', default: '300' },
				typists: { type: 'string', default: '10' },
				rate: { type: 'string', default: '5' },
				seconds: { type: 'string', default: '30' },
				warmup: { type: 'string', default: '5' },
				drain: { type: 'string', default: '10' },
				threads: { type: 'string', default: '1' },
				'quiet-wait': { type: 'string', default: '120' },
				retries: { type: 'string', default: '2' },
				servers: { type: 'string', default: SERVER_KINDS.join(',') },
				nodes: { type: 'string', default: '1' },
				json: { type: 'string' }
			},
			strict: true
		}));
	} catch (error) {
		usage(error instanceof Error ? error.message : String(error));
	}
	const num = (name: string, raw: string, min: number, max: number): number => {
		const n = Number(raw);
		if (!Number.isFinite(n) || n < min || n > max) usage(`--${name} must be a number in [${min}, ${max}]`);
		return n;
	};
	const clients = Math.floor(num('clients', values.clients, 2, 5000));
	const typists = Math.floor(num('typists', values.typists, 1, clients - 1));
	const servers = values.servers.split(',').map((s) => s.trim());
	for (const s of servers)
		if (!isServerKind(s)) usage(`unknown server "${s}" (known: ${SERVER_KINDS.join(', ')})`);
	return {
		clients,
		typists,
		rate: num('rate', values.rate, 0.1, 100),
		seconds: num('seconds', values.seconds, 1, 600),
		warmup: num('warmup', values.warmup, 0, 120),
		drain: num('drain', values.drain, 1, 120),
		threads: Math.floor(num('threads', values.threads, 1, 16)),
		quietWait: num('quiet-wait', values['quiet-wait'], 0, 3600),
		retries: Math.floor(num('retries', values.retries, 0, 10)),
		servers: servers as ServerKind[],
		nodes: Math.floor(num('nodes', values.nodes, 1, 8)),
		json: values.json ?? null
	};
}
