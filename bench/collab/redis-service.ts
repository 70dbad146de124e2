// The Redis that several nodes of ours share (`--nodes` > 1): a real redis-server on a free loopback
// port, started by the benchmark (tests/services/redis.ts, as the multi-node tests start theirs) and
// stopped at the end. Its CPU and memory are part of what the cluster costs, so they are measured over
// the window like a node's: CPU from its own INFO (microsecond resolution), RSS from /proc.
import fs from 'node:fs';
import { createClient } from 'redis';
import { startRedis } from '../../tests/services/redis.ts';

export interface RedisReport {
	pid: number;
	/** CPU (user + system) of redis-server between mark and report, seconds. */
	cpuSeconds: number;
	windowMs: number;
	rssBytes: number;
	/** VmHWM: the highest RSS of its life. */
	vmHwmBytes: number;
	/** Commands Redis processed in the window: the nodes' PUBLISHes, mostly. */
	commands: number;
}

export interface BenchRedis {
	/** `redis://127.0.0.1:<port>` */
	readonly url: string;
	mark(): Promise<void>;
	report(): Promise<RedisReport>;
	stop(): Promise<void>;
}

function parseInfo(text: string): Map<string, string> {
	const fields = new Map<string, string>();
	for (const line of text.split(/\r?\n/)) {
		const colon = line.indexOf(':');
		if (colon > 0 && !line.startsWith('#')) fields.set(line.slice(0, colon), line.slice(colon + 1));
	}
	return fields;
}

function procStatus(pid: number, field: string): number {
	try {
		const m = new RegExp(`^${field}:\\s+(\\d+)\\s+kB$`, 'm').exec(
			fs.readFileSync(`/proc/${pid}/status`, 'utf8')
		);
		return m ? Number(m[1]) * 1024 : NaN;
	} catch {
		return NaN;
	}
}

export async function startBenchRedis(): Promise<BenchRedis> {
	const redis = await startRedis();
	const client = createClient({ url: redis.url });
	client.on('error', () => {});
	try {
		await client.connect();
	} catch (error) {
		await redis.stop();
		throw error;
	}
	const sample = async () => {
		const info = parseInfo(await client.info());
		const num = (key: string): number => Number(info.get(key) ?? NaN);
		return {
			pid: num('process_id'),
			cpu: num('used_cpu_user') + num('used_cpu_sys'),
			commands: num('total_commands_processed'),
			at: performance.now()
		};
	};
	let marked = await sample();
	return {
		url: redis.url,
		async mark() {
			marked = await sample();
		},
		async report() {
			const now = await sample();
			return {
				pid: now.pid,
				cpuSeconds: now.cpu - marked.cpu,
				windowMs: now.at - marked.at,
				rssBytes: procStatus(now.pid, 'VmRSS'),
				vmHwmBytes: procStatus(now.pid, 'VmHWM'),
				// Less the INFO command this report itself sent.
				commands: now.commands - marked.commands - 1
			};
		},
		async stop() {
			await client.close().catch(() => {});
			await redis.stop();
		}
	};
}
