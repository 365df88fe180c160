// An in-memory SeriesSource: what `promtool test rules` and the PromQL unit tests evaluate against. Samples
// and stale markers can be added at any time (rule outputs are written back as evaluation proceeds).
import { type LabelMatcher, matches } from "../series/labels";
import type { SeriesSource, SourceSeries } from "./source";

interface MemSeries {
  labels: Record<string, string>;
  points: Map<number, number>;
  stale: Set<number>;
}

export class MemSource implements SeriesSource {
  readonly series = new Map<string, MemSeries>();

  /** A sample, or a Prometheus stale marker when v is "stale". A later sample at the same time wins. */
  add(labels: Record<string, string>, t: number, v: number | "stale"): void {
    const key = JSON.stringify(Object.entries(labels).sort());
    let s = this.series.get(key);
    if (!s) {
      s = { labels, points: new Map(), stale: new Set() };
      this.series.set(key, s);
    }
    if (v === "stale") s.stale.add(t);
    else s.points.set(t, v);
  }

  async select(matchers: LabelMatcher[], startMs: number, endMs: number): Promise<SourceSeries[]> {
    const out: SourceSeries[] = [];
    for (const s of this.series.values()) {
      const { __name__: name = "", ...rest } = s.labels;
      if (!matches(name, rest, matchers)) continue;
      const pts = [...s.points].filter(([t]) => t >= startMs && t <= endMs).sort((a, b) => a[0] - b[0]);
      const stale = [...s.stale].filter((t) => t >= startMs && t <= endMs).sort((a, b) => a - b);
      out.push({
        labels: s.labels,
        timestamps: Float64Array.from(pts, (p) => p[0]),
        values: Float64Array.from(pts, (p) => p[1]),
        ...(stale.length ? { staleAt: Float64Array.from(stale) } : {}),
      });
    }
    return out;
  }
}
