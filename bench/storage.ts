// Storage and retention (docs/scaling.md): database bytes per million predictions (with their labels), and
// what a retention sweep costs ingest — the latency of 1000-row ingest requests through the real server while
// nothing else runs, next to the same load while a sweep deletes the old rows in its small batches from
// another process (as the worker does). The numbers behind docs/scaling.md's choice of batched deletes over
// PostgreSQL partitions.
import { statSync } from "node:fs";
import pg from "pg";
import { connectDatabase } from "../lib/db/client";
import { runRetention } from "../lib/retention/job";
import type { BenchRow as TableRow } from "./promql";
import { benchRows } from "./rows";
import { startServer } from "./server";

const DAY = 86_400_000;
const fmt = (n: number) => Math.round(n).toLocaleString("en");

async function post(url: string, key: string, path: string, body: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
    body,
  });
  const json = (await res.json()) as { accepted?: number; error?: string };
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${json.error}`);
  return performance.now() - started;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i] ?? Number.NaN;
}

async function sizeBytes(databaseUrl: string): Promise<number> {
  if (databaseUrl.startsWith("file:")) {
    const path = databaseUrl.slice("file:".length);
    const database = await connectDatabase(databaseUrl);
    await database.raw.query("PRAGMA wal_checkpoint(TRUNCATE)");
    await database.close();
    return statSync(path).size;
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query("VACUUM ANALYZE");
  const r = await client.query<{ n: string }>("SELECT pg_database_size(current_database()) AS n");
  await client.end();
  return Number(r.rows[0]?.n ?? 0);
}

/** Sequential 1000-row ingest requests of fresh rows for `seconds`; their latencies, sorted. */
async function ingestLatencies(
  url: string,
  key: string,
  prefix: string,
  requests: number,
): Promise<number[]> {
  const out: number[] = [];
  for (let b = 0; b < requests; b++) {
    const rows = benchRows(1000, {
      model: "bench-storage",
      start: Date.now() - 60_000,
      spanMs: 60_000,
      prefix: `${prefix}-${b}`,
    });
    out.push(await post(url, key, "/api/v1/predictions", JSON.stringify({ predictions: rows })));
  }
  return out.sort((a, b) => a - b);
}

export async function storageBench(
  label: string,
  databaseUrl: string,
  rowsTotal: number,
  port: number,
  apiKey: string,
  log: (m: string) => void,
): Promise<TableRow[]> {
  const server = await startServer(databaseUrl, port, apiKey);
  const table: TableRow[] = [];
  try {
    const empty = await sizeBytes(databaseUrl);
    log(`${label}: ingesting ${fmt(rowsTotal)} predictions 200 days old, and their labels…`);
    const start = Date.now() - 200 * DAY;
    for (let i = 0; i < rowsTotal; i += 1000) {
      const rows = benchRows(Math.min(1000, rowsTotal - i), {
        model: "bench-storage",
        start: start + i * 10,
        spanMs: 10_000,
        prefix: `s${i}`,
      });
      await post(server.url, apiKey, "/api/v1/predictions", JSON.stringify({ predictions: rows }));
      const labels = rows.map((r) => ({
        id: r.id,
        model: r.model,
        label: r.prediction,
        timestamp: r.timestamp + 60_000,
      }));
      await post(server.url, apiKey, "/api/v1/labels", JSON.stringify({ labels }));
    }
    const full = await sizeBytes(databaseUrl);
    const perMillion = ((full - empty) / rowsTotal) * 1e6;
    table.push({
      measure: `database size per 1M predictions + labels (6 features), ${label}`,
      vigil: `${(perMillion / 2 ** 20).toFixed(0)} MiB`,
      baseline: `${fmt((full - empty) / rowsTotal)} B/row`,
      ratio: "—",
      target: "measured",
      pass: true,
    });

    const REQUESTS = 40;
    log(`${label}: ingest latency, quiet (${REQUESTS} requests of 1000 rows)…`);
    const quiet = await ingestLatencies(server.url, apiKey, "q", REQUESTS);
    log(`${label}: ingest latency while a retention sweep deletes ${fmt(rowsTotal * 2)} rows…`);
    const database = await connectDatabase(databaseUrl);
    const sweepStarted = performance.now();
    let sweepDone = false;
    let deleted = 0;
    const sweeping = (async () => {
      while (!sweepDone) {
        const r = await runRetention(database, { budgetMs: 10_000 });
        deleted += r.deleted.predictions + r.deleted.labels;
        sweepDone = r.done;
      }
    })();
    const during = await ingestLatencies(server.url, apiKey, "d", REQUESTS);
    await sweeping;
    const sweepSeconds = (performance.now() - sweepStarted) / 1000;
    await database.close();
    const p99q = quantile(quiet, 0.99);
    const p99d = quantile(during, 0.99);
    table.push({
      measure: `ingest p50 / p99 of 1000-row requests during a sweep, ${label}`,
      vigil: `${quantile(during, 0.5).toFixed(0)} / ${p99d.toFixed(0)} ms`,
      baseline: `${quantile(quiet, 0.5).toFixed(0)} / ${p99q.toFixed(0)} ms (quiet)`,
      ratio: `${((p99d / p99q) * 100).toFixed(0)}%`,
      target: "p99 ≤ 3× quiet",
      pass: p99d <= 3 * p99q,
    });
    table.push({
      measure: `retention sweep, rows deleted per second (1000-row batches), ${label}`,
      vigil: fmt(deleted / sweepSeconds),
      baseline: `${fmt(deleted)} rows in ${sweepSeconds.toFixed(1)} s`,
      ratio: "—",
      target: "measured",
      pass: true,
    });
  } finally {
    await server.stop();
  }
  return table;
}
