// What else the machine is doing: the benchmark shares two cores with other work, so each run notes how
// much CPU processes other than ours (this one, the server, Chromium) used meanwhile, from /proc.
import fs from 'node:fs';

export interface CpuSample {
	/** user + nice + system time of the whole machine so far, in seconds. */
	tasks: number;
}

/** CPU time of the whole machine so far (all cores, /proc/stat); NaN where unavailable. */
export function machineCpu(): CpuSample {
	try {
		const f = /^cpu\s+(.*)$/m
			.exec(fs.readFileSync('/proc/stat', 'utf8'))?.[1]
			?.trim()
			.split(/\s+/)
			.map(Number);
		if (!f) throw new Error('no cpu line');
		// user nice system idle iowait irq softirq steal …, in USER_HZ (100 on Linux).
		return { tasks: ((f[0] ?? 0) + (f[1] ?? 0) + (f[2] ?? 0)) / 100 };
	} catch {
		return { tasks: NaN };
	}
}

/**
 * CPU time (s) used so far by this process and every process under it (the server, Chromium and its
 * renderers), from /proc/<pid>/stat. A child that exits meanwhile takes its time with it, so callers
 * sample while their processes are alive.
 */
export function ourTreeCpu(): number {
	const parents = new Map<number, number>();
	const cpu = new Map<number, number>();
	let entries: string[];
	try {
		entries = fs.readdirSync('/proc');
	} catch {
		return NaN;
	}
	for (const entry of entries) {
		if (!/^\d+$/.test(entry)) continue;
		let stat: string;
		try {
			stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
		} catch {
			continue; // gone meanwhile
		}
		// pid (comm) state ppid … utime(14) stime(15): comm may hold spaces, so split after the last ')'.
		const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		parents.set(Number(entry), Number(rest[1]));
		cpu.set(Number(entry), (Number(rest[11]) + Number(rest[12])) / 100);
	}
	let total = 0;
	for (const [pid, seconds] of cpu) {
		for (let p: number | undefined = pid, depth = 0; p !== undefined && p > 1 && depth < 64; depth++) {
			if (p === process.pid) {
				total += seconds;
				break;
			}
			p = parents.get(p);
		}
	}
	return total;
}

/** Below this (% of one core, the whole machine, ours idle), the machine counts as quiet. */
const QUIET_PERCENT = 15;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits, up to `maxSeconds`, for a 2-second stretch in which the whole machine is busy less than
 * QUIET_PERCENT of one core (our own processes are idle meanwhile). Returns the busy percentage last seen.
 */
export async function waitForQuiet(maxSeconds: number): Promise<number> {
	const deadline = performance.now() + maxSeconds * 1000;
	let said = false;
	for (;;) {
		const before = machineCpu();
		await sleep(2000);
		const busy = ((machineCpu().tasks - before.tasks) / 2) * 100;
		if (!Number.isFinite(busy) || busy < QUIET_PERCENT || performance.now() > deadline) {
			if (said || busy >= QUIET_PERCENT)
				console.log(`\nmachine busy ${busy.toFixed(0)}% of a core; going on`);
			return busy;
		}
		if (!said)
			console.log(`\nmachine busy ${busy.toFixed(0)}% of a core; waiting up to ${maxSeconds} s for quiet`);
		said = true;
	}
}
