// Latency figures: numpy's default (linear interpolation between closest ranks) percentiles, as everywhere in
// Vigil, and the per-class tables the run prints.

/** The q-quantile (0 ≤ q ≤ 1) of ascending `sorted` values; NaN for an empty list. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * Math.min(1, Math.max(0, q));
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const a = sorted[lower]!;
  const b = sorted[upper]!;
  return a + (b - a) * (position - lower);
}

export interface LatencySummary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function summarize(values: readonly number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    p99: quantile(sorted, 0.99),
    max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
  };
}

const cell = (v: number) => (Number.isNaN(v) ? "—" : v >= 100 ? v.toFixed(0) : v.toFixed(1));

/** A fixed-width table: one row per label, latency columns in ms, then free-form extra columns. */
export function latencyTable(
  rows: Array<{ label: string; summary: LatencySummary; extra?: string }>,
  extraHeader = "",
): string {
  const width = Math.max(12, ...rows.map((r) => r.label.length));
  const head = `${"request".padEnd(width)}  ${["n", "p50 ms", "p95 ms", "p99 ms", "max ms"].map((h) => h.padStart(8)).join("")}  ${extraHeader}`;
  const lines = rows.map(
    ({ label, summary: s, extra }) =>
      `${label.padEnd(width)}  ${[String(s.n), cell(s.p50), cell(s.p95), cell(s.p99), cell(s.max)]
        .map((c) => c.padStart(8))
        .join("")}  ${extra ?? ""}`,
  );
  return [head.trimEnd(), ...lines.map((l) => l.trimEnd())].join("\n");
}
