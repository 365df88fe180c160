// One line per HTTP request the load generator made: when, what, how long, and how it ended. Shared by the
// generator (writes) and the orchestrator (reads for the latency table and the soak's windows).

/** ok: 2xx · http: another status from Vigil · reset: the proxy's backend died with the request in flight
 * (502 from the proxy) · no-backend: every backend refused the connection · network: the client's own error. */
export type Outcome = "ok" | "http" | "reset" | "no-backend" | "network";

export interface RequestRecord {
  /** ms since the load started */
  t: number;
  /** ingest:predictions, ingest:labels, ingest:events, read:<endpoint> */
  kind: string;
  ms: number;
  /** HTTP status, 0 when there was no answer */
  status: number;
  outcome: Outcome;
}

export const formatRecord = (r: RequestRecord) =>
  `${Math.round(r.t)},${r.kind},${r.ms.toFixed(2)},${r.status},${r.outcome}\n`;

export function parseRecords(text: string): RequestRecord[] {
  const out: RequestRecord[] = [];
  for (const line of text.split("\n")) {
    if (!line) continue;
    const [t, kind, ms, status, outcome] = line.split(",");
    out.push({
      t: Number(t),
      kind: kind!,
      ms: Number(ms),
      status: Number(status),
      outcome: outcome as Outcome,
    });
  }
  return out;
}

/** The header the proxy sets on answers it made itself, so the generator can tell them from Vigil's. */
export const PROXY_HEADER = "x-scale-proxy";
