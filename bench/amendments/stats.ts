// Nearest-rank percentiles of a handful of runs.

export interface Summary {
	count: number;
	p50: number;
	p90: number;
	max: number;
}

export function summary(values: readonly number[]): Summary {
	const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
	const n = sorted.length;
	const at = (q: number): number =>
		n === 0 ? NaN : sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))]!;
	return { count: n, p50: at(0.5), p90: at(0.9), max: n === 0 ? NaN : sorted[n - 1]! };
}
