// Check d's table: latency of the load generator's requests by kind (answered requests), and how each kind's
// requests ended (status codes, proxy 502s for requests in flight to a killed web process, client errors).
import { latencyTable, summarize } from "./quantiles";
import type { RequestRecord } from "./request-log";

export interface LatencyFigures {
  table: string;
  /** reader answers 5xx from Vigil itself (not the proxy) */
  reader5xx: number;
  /** reader answers 4xx (a broken request: the script's or Vigil's bug) */
  reader4xx: number;
  /** requests in flight to a web process when it was killed (the proxy's 502), by reads and ingest */
  resets: { read: number; ingest: number };
  ingest5xx: number;
  /** requests that failed at the client: the proxy cut the connection (its backend died mid-answer) */
  network: number;
}

function outcomes(records: readonly RequestRecord[]): string {
  const counts = new Map<string, number>();
  for (const r of records) {
    const key = r.outcome === "ok" || r.outcome === "http" ? String(r.status) : r.outcome;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, n]) => `${k}:${n}`)
    .join(" ");
}

export function latencyFigures(records: readonly RequestRecord[]): LatencyFigures {
  const kinds = [...new Set(records.map((r) => r.kind))].sort();
  const row = (label: string, rs: readonly RequestRecord[]) => ({
    label,
    summary: summarize(rs.filter((r) => r.outcome === "ok").map((r) => r.ms)),
    extra: outcomes(rs),
  });
  const ingest = records.filter((r) => r.kind.startsWith("ingest:"));
  const reads = records.filter((r) => r.kind.startsWith("read:"));
  const rows = [
    ...kinds
      .filter((k) => k.startsWith("ingest:"))
      .map((k) =>
        row(
          k,
          records.filter((r) => r.kind === k),
        ),
      ),
    row("ingest (all)", ingest),
    ...kinds
      .filter((k) => k.startsWith("read:"))
      .map((k) =>
        row(
          k,
          records.filter((r) => r.kind === k),
        ),
      ),
    row("read (all)", reads),
  ];
  return {
    table: latencyTable(rows, "outcomes (status:count; reset = in flight to a killed web process)"),
    reader5xx: reads.filter((r) => r.outcome === "http" && r.status >= 500).length,
    reader4xx: reads.filter((r) => r.outcome === "http" && r.status >= 400 && r.status < 500).length,
    resets: {
      read: reads.filter((r) => r.outcome === "reset").length,
      ingest: ingest.filter((r) => r.outcome === "reset").length,
    },
    ingest5xx: ingest.filter((r) => r.outcome === "http" && r.status >= 500).length,
    network: records.filter((r) => r.outcome === "network" || r.outcome === "no-backend").length,
  };
}
