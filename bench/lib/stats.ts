// Latency samples → the figures the report prints (nearest-rank percentiles, in milliseconds).
export interface LatencySummary {
  count: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
  /** Completed requests (ok or not) per second of wall time. */
  perSecond: number;
  seconds: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

const round = (value: number, digits = 2) => (Number.isFinite(value) ? Math.round(value * 10 ** digits) / 10 ** digits : value);

export function summarize(samplesMs: number[], errors: number, wallMs: number): LatencySummary {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const total = sorted.reduce((sum, v) => sum + v, 0);
  return {
    count: sorted.length,
    errors,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? NaN),
    mean: round(sorted.length ? total / sorted.length : NaN),
    perSecond: round((sorted.length / wallMs) * 1000, 1),
    seconds: round(wallMs / 1000, 1),
  };
}

export const ratio = (a: number, b: number) => round(a / b, 2);
