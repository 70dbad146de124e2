// Percentiles and the printed table.

/** A growable buffer of latency samples (ms), cheap to append to from hot event handlers. */
export class Samples {
	#data = new Float64Array(1 << 16);
	#length = 0;

	push(value: number): void {
		if (this.#length === this.#data.length) {
			const bigger = new Float64Array(this.#data.length * 2);
			bigger.set(this.#data);
			this.#data = bigger;
		}
		this.#data[this.#length++] = value;
	}

	/** A copy of the samples pushed so far. */
	toArray(): Float64Array {
		return this.#data.slice(0, this.#length);
	}

	get length(): number {
		return this.#length;
	}

	/** Nearest-rank percentiles (and max, mean) of what was pushed. */
	summary(): LatencySummary {
		return summarize(this.#data.slice(0, this.#length));
	}
}

/** Nearest-rank percentiles (and max, mean) of `values` (sorted in place). */
export function summarize(values: Float64Array): LatencySummary {
	const sorted = values.sort();
	const n = sorted.length;
	const at = (q: number): number =>
		n === 0 ? NaN : sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))]!;
	let sum = 0;
	for (const v of sorted) sum += v;
	return {
		count: n,
		p50: at(0.5),
		p90: at(0.9),
		p95: at(0.95),
		p99: at(0.99),
		p999: at(0.999),
		max: n === 0 ? NaN : sorted[n - 1]!,
		mean: n === 0 ? NaN : sum / n
	};
}

export interface LatencySummary {
	count: number;
	p50: number;
	p90: number;
	p95: number;
	p99: number;
	p999: number;
	max: number;
	mean: number;
}

export function fixed(value: number, digits = 1): string {
	return Number.isFinite(value) ? value.toFixed(digits) : '—';
}

export function ratio(ours: number, theirs: number): string {
	return Number.isFinite(ours) && Number.isFinite(theirs) && theirs > 0
		? `${(ours / theirs).toFixed(2)}×`
		: '—';
}

/** A plain-text table with right-aligned cells (the first column left-aligned). */
export function table(header: string[], rows: string[][]): string {
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
	const line = (cells: string[]): string =>
		cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
	return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
