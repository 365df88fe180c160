// The outputs of one group evaluation, held in memory until the evaluation is saved in one transaction, and a
// SeriesSource that shows them on top of the store: Prometheus commits each rule's output before the next rule
// runs (a recording rule feeding an alert in the same group sees this evaluation's value), and Vigil keeps
// that visibility without a transaction per rule.
import type { SeriesSource, SourceSeries } from "../promql/source";
import { type Labels, matches, seriesKey } from "../series/labels";

export interface PendingPoint {
  name: string;
  labels: Labels;
  ts: number;
  value: number;
  stale: boolean;
}

function split(labels: Labels): { name: string; rest: Labels } {
  const { __name__: name = "", ...rest } = labels;
  return { name, rest };
}

function compareLabelSets(a: Labels, b: Labels): number {
  const x = Object.entries(a).sort((p, q) => (p[0] < q[0] ? -1 : 1));
  const y = Object.entries(b).sort((p, q) => (p[0] < q[0] ? -1 : 1));
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const [xn, xv] = x[i]!;
    const [yn, yv] = y[i]!;
    if (xn !== yn) return xn < yn ? -1 : 1;
    if (xv !== yv) return xv < yv ? -1 : 1;
  }
  return x.length - y.length;
}

export class PendingWrites {
  /** series key → the latest point written for it in this evaluation */
  readonly points = new Map<string, PendingPoint>();

  add(samples: Array<{ labels: Labels; value: number }>, stale: Labels[], at: number): void {
    for (const s of samples) this.put(s.labels, at, s.value, false);
    for (const labels of stale) this.put(labels, at, 0, true);
  }

  private put(labels: Labels, ts: number, value: number, stale: boolean): void {
    const { name, rest } = split(labels);
    this.points.set(seriesKey(name, rest), { name, labels: rest, ts, value, stale });
  }

  list(): PendingPoint[] {
    return [...this.points.values()];
  }
}

/** The series with the pending point merged in: a sample (replacing one at the same time) or a stale marker. */
function merged(base: SourceSeries | undefined, p: PendingPoint): SourceSeries {
  const ts: number[] = [];
  const vs: number[] = [];
  if (base)
    base.timestamps.forEach((t, i) => {
      if (t !== p.ts) {
        ts.push(t);
        vs.push(base.values[i]!);
      }
    });
  const staleAt = base?.staleAt ? [...base.staleAt].filter((t) => t !== p.ts) : [];
  if (p.stale) staleAt.push(p.ts);
  else {
    let at = ts.length;
    while (at > 0 && ts[at - 1]! > p.ts) at--;
    ts.splice(at, 0, p.ts);
    vs.splice(at, 0, p.value);
  }
  staleAt.sort((a, b) => a - b);
  return {
    labels: { ...p.labels, __name__: p.name },
    timestamps: Float64Array.from(ts),
    values: Float64Array.from(vs),
    ...(staleAt.length ? { staleAt: Float64Array.from(staleAt) } : {}),
  };
}

export function withPendingWrites(inner: SeriesSource, pending: PendingWrites): SeriesSource {
  return {
    async select(matchers, startMs, endMs) {
      const base = await inner.select(matchers, startMs, endMs);
      const hits = pending
        .list()
        .filter((p) => p.ts >= startMs && p.ts <= endMs && matches(p.name, p.labels, matchers));
      if (hits.length === 0) return base;
      const byKey = new Map<string, number>();
      base.forEach((s, i) => {
        const { name, rest } = split(s.labels);
        byKey.set(seriesKey(name, rest), i);
      });
      const out = [...base];
      let added = false;
      for (const p of hits) {
        const i = byKey.get(seriesKey(p.name, p.labels));
        added ||= i === undefined;
        if (i === undefined) out.push(merged(undefined, p));
        else out[i] = merged(base[i], p);
      }
      // Vigil's store returns series in Prometheus' label-set order (sums add in that order): keep it.
      return added ? out.sort((a, b) => compareLabelSets(a.labels, b.labels)) : out;
    },
  };
}
