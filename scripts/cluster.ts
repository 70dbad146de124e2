// `bash scripts/dr.sh cluster [N]`: N app nodes on this machine behind HAProxy, as a deployment of several
// nodes runs them (docs/deployment.md): one database shared by all, one Redis through which they tell each
// other what they accept, a balancer with no sticky sessions in front. Today the database is one SQLite
// file, so the nodes must be on one machine; with PostgreSQL for the rows (issue 12) only
// `sharedDatabase` changes. Everything lives under DR_CLUSTER_DIR (default data/cluster/).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_ACCOUNTS, DEMO_MEETING_ID } from '#lib/server/demo/seed.ts';
import { buildIfStale } from './build-stale.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STARTUP_MS = 60_000;
// A node drains in well under this (sockets closed with 1001, then the texts and logs flushed).
const DRAIN_MS = 15_000;

interface Service {
	name: string;
	child: ChildProcess;
	log: string;
	/** Resolves when the process has exited, whoever stopped it. */
	exited: Promise<void>;
}

function usage(): never {
	console.error('usage: bash scripts/dr.sh cluster [N]   (N app nodes, 1 to 16; default 3)');
	process.exit(2);
}

const count = process.argv[2] === undefined ? 3 : Number(process.argv[2]);
if (!Number.isInteger(count) || count < 1 || count > 16) usage();

const dir = path.resolve(process.env.DR_CLUSTER_DIR || path.join(root, 'data', 'cluster'));
const logs = path.join(dir, 'logs');
const run = path.join(dir, 'run');
const port = Number(process.env.PORT ?? 3777);
const host = process.env.HOST ?? '127.0.0.1';
const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
// The nodes' ORIGIN: the address people type, which is the balancer's, not a node's. SvelteKit's form
// posts and the websocket's Origin check are judged against it.
const balancerUrl = `http://${shownHost}:${port}`;
const publicUrl = (process.env.ORIGIN || balancerUrl).replace(/\/$/, '');

/**
 * What every node is given to reach the one database. Today one SQLite file (so: one machine); with
 * PostgreSQL for the rows this becomes DATABASE_URL, and the nodes may be on several machines.
 */
function sharedDatabase(): { env: Record<string, string>; shown: string; passwordFile: string } {
	const file = path.resolve(process.env.DATABASE_PATH || path.join(dir, 'drafting-room.db'));
	// start.ts keeps a generated demo password beside the database.
	return {
		env: { DATABASE_PATH: file },
		shown: file,
		passwordFile: path.join(path.dirname(file), 'demo-password.txt')
	};
}

/** The program's path, looked up in PATH and the sbin folders (where Debian puts haproxy). */
function findProgram(name: string): string | null {
	const dirs = [...(process.env.PATH ?? '').split(':'), '/usr/local/sbin', '/usr/sbin', '/sbin'];
	for (const d of dirs) {
		const candidate = path.join(d || '.', name);
		try {
			fs.accessSync(candidate, fs.constants.X_OK);
			return candidate;
		} catch {
			// not here
		}
	}
	return null;
}

function requireProgram(name: string, debianPackage: string, what: string): string {
	const found = findProgram(name);
	if (found) return found;
	console.error(
		`dr.sh cluster: ${name} is not installed; it is the cluster's ${what}.\n` +
			`On Debian or Ubuntu: sudo apt-get install ${debianPackage}` +
			' (bash scripts/ensure-test-tools.sh installs it too, as root).'
	);
	process.exit(1);
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = net.createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port: free } = probe.address() as net.AddressInfo;
			probe.close(() => resolve(free));
		});
	});
}

/** Fails now, with a plain message, rather than after starting Redis and the nodes. */
function assertPortFree(): Promise<void> {
	return new Promise((resolve, reject) => {
		const probe = net.createServer();
		probe.once('error', (error: NodeJS.ErrnoException) =>
			reject(new Error(`cannot listen on ${host}:${port} (${error.code}): set PORT to another port`))
		);
		probe.listen(port, host, () => probe.close(() => resolve()));
	});
}

const alive = (pid: number): boolean => {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
};

/**
 * A cluster whose script was killed with SIGKILL leaves its Redis and HAProxy running (the nodes exit by
 * themselves, DR_PARENT_PID). They are known by their pid files and by running in this folder; a cluster
 * still running here is left alone and refused.
 */
async function stopLeftovers(): Promise<void> {
	fs.mkdirSync(run, { recursive: true });
	const owner = readPid(path.join(run, 'cluster.pid'));
	if (owner !== null && owner !== process.pid && alive(owner) && cmdline(owner).includes('cluster.ts')) {
		console.error(`dr.sh cluster: a cluster is already running from ${dir} (pid ${owner}); stop it first.`);
		process.exit(1);
	}
	for (const [name, cwd] of [
		['redis', path.join(dir, 'redis')],
		['haproxy', dir]
	] as const) {
		const pid = readPid(path.join(run, `${name}.pid`));
		if (pid === null || !alive(pid) || !fs.existsSync(cwd) || cwdOf(pid) !== fs.realpathSync(cwd)) continue;
		console.log(`Stopping the ${name} (pid ${pid}) a previous cluster left running.`);
		process.kill(pid, 'SIGTERM');
		for (let waited = 0; alive(pid) && waited < 5_000; waited += 100) await sleep(100);
		if (alive(pid)) process.kill(pid, 'SIGKILL');
	}
	fs.writeFileSync(path.join(run, 'cluster.pid'), `${process.pid}\n`);
}

function readPid(file: string): number | null {
	try {
		const pid = Number(fs.readFileSync(file, 'utf8').trim());
		return Number.isInteger(pid) && pid > 0 ? pid : null;
	} catch {
		return null;
	}
}
const cmdline = (pid: number) => {
	try {
		return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
	} catch {
		return '';
	}
};
const cwdOf = (pid: number) => {
	try {
		return fs.readlinkSync(`/proc/${pid}/cwd`);
	} catch {
		return null;
	}
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts a program with its output in logs/<name>.log. In a process group of its own (detached), so that
 * the terminal's Ctrl-C reaches this script alone, which then stops everything in order.
 */
function launch(name: string, command: string, args: string[], cwd: string, env = process.env): Service {
	const log = path.join(logs, `${name}.log`);
	const fd = fs.openSync(log, 'w');
	const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', fd, fd] });
	fs.closeSync(fd);
	const exited = new Promise<void>((resolve) => {
		if (child.exitCode !== null || child.signalCode !== null) resolve();
		else child.once('exit', () => resolve());
	});
	if (child.pid) fs.writeFileSync(path.join(run, `${name}.pid`), `${child.pid}\n`);
	return { name, child, log, exited };
}

const tail = (file: string) => {
	const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
	return text.split('\n').slice(-15).join('\n');
};

/** The first match of `pattern` in the service's log; fails if it exits first or takes too long. */
async function waitForLog(service: Service, pattern: RegExp): Promise<RegExpMatchArray> {
	let gone = false;
	void service.exited.then(() => (gone = true));
	const deadline = Date.now() + STARTUP_MS;
	for (;;) {
		const match = fs.readFileSync(service.log, 'utf8').match(pattern);
		if (match) return match;
		if (gone) throw new Error(`${service.name} exited while starting:\n${tail(service.log)}`);
		if (Date.now() > deadline)
			throw new Error(`${service.name} did not start within ${STARTUP_MS / 1000} s:\n${tail(service.log)}`);
		// The programs say they are ready only in their logs, which are files: read again shortly.
		await sleep(100);
	}
}

function haproxyConfig(nodes: { name: string; port: number }[]): string {
	const bind = `${host}:${port}`;
	return `# Written by scripts/cluster.ts at each start (docs/deployment.md); edits here are lost.
global
	log stdout format raw local0 info

defaults
	mode http
	log global
	option httplog
	option dontlognull
	# The nodes take the client's address from the last X-Forwarded-For (ADDRESS_HEADER, XFF_DEPTH=1): the
	# per-address sign-in throttle must see people, not the balancer.
	option forwardfor
	timeout connect 5s
	timeout client 60s
	timeout server 60s
	timeout http-request 10s
	timeout http-keep-alive 10s
	# A websocket, once upgraded, is a tunnel: both sides send something every 10 to 30 s, so an hour of
	# silence means a dead peer.
	timeout tunnel 1h
	timeout client-fin 30s
	timeout server-fin 30s

frontend drafting-room
	bind ${bind}
	default_backend nodes

backend nodes
	# Any node serves any document: no stickiness.
	balance roundrobin
	# A draining node refuses new websockets with 503, and a stopped one refuses connections: each retry
	# goes to another node (redispatch 1).
	# Only GETs (a websocket upgrade is one) are retried after a response; a form post is never sent twice.
	option redispatch 1
	retries 3
	retry-on conn-failure empty-response 503
	http-request disable-l7-retry unless METH_GET
	option httpchk GET /login
	http-check expect status 200
	default-server check inter 2s fall 2 rise 1
${nodes.map((n) => `\tserver ${n.name} 127.0.0.1:${n.port}`).join('\n')}
`;
}

const redisServer = requireProgram('redis-server', 'redis-server', 'message bus between the nodes');
const haproxy = requireProgram('haproxy', 'haproxy', 'load balancer');
const database = sharedDatabase();

const services: Service[] = [];
const nodes: (Service & { url: string })[] = [];
let stopping: Promise<void> | null = null;

/** Nodes first (they drain: 1001 to their sockets, then flush, with Redis still there), then the rest. */
function stopAll(code: number, why?: string): Promise<void> {
	if (stopping) return stopping;
	if (why) console.error(`\n${why}`);
	console.log('\nStopping the cluster…');
	const stop = async (service: Service, signal: NodeJS.Signals, ms: number) => {
		if (service.child.exitCode !== null || service.child.signalCode !== null) return;
		service.child.kill(signal);
		const timer = setTimeout(() => service.child.kill('SIGKILL'), ms);
		await service.exited;
		clearTimeout(timer);
	};
	stopping = (async () => {
		await Promise.all(
			services.filter((s) => s.name.startsWith('node-')).map((s) => stop(s, 'SIGTERM', DRAIN_MS))
		);
		for (const name of ['haproxy', 'redis']) {
			const service = services.find((s) => s.name === name);
			if (service) await stop(service, 'SIGTERM', 5_000);
		}
		fs.rmSync(run, { recursive: true, force: true });
		console.log('Stopped: nodes, HAProxy and Redis.');
		process.exit(code);
	})();
	return stopping;
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
	process.on(signal, () => {
		// A second Ctrl-C does not wait for the drain.
		if (stopping) for (const s of services) s.child.kill('SIGKILL');
		else void stopAll(0);
	});

/** After start-up: a node lost is reported and the others serve on; losing Redis or HAProxy ends it. */
function watch(service: Service): void {
	void service.exited.then(() => {
		if (stopping) return;
		const how = service.child.signalCode ?? `code ${service.child.exitCode}`;
		if (!service.name.startsWith('node-'))
			return void stopAll(1, `${service.name} exited (${how}); see ${service.log}`);
		const left = nodes.filter((n) => n.child.exitCode === null && n.child.signalCode === null).length;
		console.log(
			`${service.name} exited (${how}); ${left} node${left === 1 ? '' : 's'} left. Log: ${service.log}`
		);
		if (left === 0) void stopAll(1, 'No node is left.');
	});
}

async function main(): Promise<void> {
	await stopLeftovers();
	await assertPortFree();
	fs.mkdirSync(logs, { recursive: true });
	fs.mkdirSync(path.join(dir, 'redis'), { recursive: true });
	buildIfStale(root);

	// Redis carries only messages (updates already committed to the database, presence renewed every
	// 15 s, ended sessions): it stores nothing, so neither snapshots nor an append-only file.
	const redisPort = await freePort();
	const redisUrl = `redis://127.0.0.1:${redisPort}`;
	const redis = launch(
		'redis',
		redisServer,
		['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', '.'],
		path.join(dir, 'redis')
	);
	services.push(redis);
	await waitForLog(redis, /Ready to accept connections/);

	const nodeEnv = (i: number) => ({
		...process.env,
		...database.env,
		PORT: '0',
		HOST: '127.0.0.1',
		REDIS_URL: redisUrl,
		NODE_ID: `node-${i}`,
		ORIGIN: publicUrl,
		ADDRESS_HEADER: 'x-forwarded-for',
		XFF_DEPTH: '1',
		DR_SKIP_BUILD: '1',
		DR_PARENT_PID: String(process.pid)
	});
	const startNode = async (i: number) => {
		const node = launch(`node-${i}`, process.execPath, ['scripts/start.ts'], root, nodeEnv(i));
		services.push(node);
		const [, url] = await waitForLog(node, /running at (http:\/\/\S+)/);
		nodes.push({ ...node, url: url! });
	};
	// The first alone: it migrates the database and seeds the demo (writing the generated password the
	// others print). The rest find both done.
	await startNode(1);
	await Promise.all(Array.from({ length: count - 1 }, (_, k) => startNode(k + 2)));
	nodes.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));

	const config = path.join(dir, 'haproxy.cfg');
	fs.writeFileSync(
		config,
		haproxyConfig(nodes.map((n) => ({ name: n.name, port: Number(new URL(n.url).port) })))
	);
	const checked = spawnSync(haproxy, ['-c', '-q', '-f', config], { encoding: 'utf8' });
	if (checked.status !== 0) throw new Error(`HAProxy refuses ${config}:\n${checked.stdout}${checked.stderr}`);
	const balancer = launch('haproxy', haproxy, ['-db', '-f', config], dir);
	services.push(balancer);
	await waitForBalancer(balancer);

	for (const service of services) watch(service);
	printSummary(redisUrl, balancer);
}

/** Ready when a page comes back through it: bound, and passing requests to a node. */
async function waitForBalancer(balancer: Service): Promise<void> {
	const probe = `http://${host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host}:${port}/login`;
	let gone = false;
	void balancer.exited.then(() => (gone = true));
	const deadline = Date.now() + STARTUP_MS;
	for (;;) {
		if (gone) throw new Error(`HAProxy exited while starting:\n${tail(balancer.log)}`);
		try {
			if ((await fetch(probe)).status === 200) return;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) throw new Error(`HAProxy did not answer within ${STARTUP_MS / 1000} s`);
		await sleep(100);
	}
}

function printSummary(redisUrl: string, balancer: Service): void {
	const row = (name: string, url: string, pid: number | undefined, note = '') =>
		console.log(`  ${name.padEnd(9)} ${url.padEnd(28)} pid ${String(pid).padEnd(8)}${note}`.trimEnd());
	console.log(
		`\nDrafting Room cluster: ${count} node${count === 1 ? '' : 's'} on this machine, one SQLite file, one Redis\n`
	);
	if (publicUrl === balancerUrl)
		row('balancer', balancerUrl, balancer.child.pid, ' HAProxy: open this address');
	else {
		row('balancer', balancerUrl, balancer.child.pid, ' HAProxy');
		console.log(`  origin    ${publicUrl.padEnd(28)} ORIGIN: open this address (in front of the balancer)`);
	}
	for (const node of nodes)
		row(node.name, node.url, node.child.pid, ' (to look at; sign in through the balancer)');
	row('redis', redisUrl, services.find((s) => s.name === 'redis')?.child.pid);
	console.log(`  database  ${database.shown}`);
	console.log(
		`  logs      ${logs}/ (${nodes.map((n) => `${n.name}.log`).join(', ')}, haproxy.log, redis.log)`
	);
	if (process.env.DEMO !== 'off') {
		const password =
			process.env.DEMO_PASSWORD ||
			(fs.existsSync(database.passwordFile) ? fs.readFileSync(database.passwordFile, 'utf8').trim() : null);
		console.log(`\nDemo meeting: ${publicUrl}/meetings/${DEMO_MEETING_ID}`);
		console.log(
			`Demo sign-ins (password for all: ${password ?? 'the DEMO_PASSWORD given when the demo was first seeded'}):`
		);
		for (const a of DEMO_ACCOUNTS) console.log(`  ${a.username.padEnd(18)} ${a.displayName}`);
	}
	console.log('\nCtrl-C stops everything (the nodes drain first).');
}

main().catch((error: unknown) =>
	stopAll(1, `dr.sh cluster: ${error instanceof Error ? error.message : String(error)}`)
);
