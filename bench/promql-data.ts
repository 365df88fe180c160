// Data for the PromQL bench: counter series generated deterministically, loaded into a fresh Vigil SQLite
// store (raw prepared inserts: the fastest honest load, the bench times queries, not ingest) and into
// Prometheus' TSDB through an OpenMetrics file and `promtool tsdb create-blocks-from openmetrics`.
import { execFile } from "node:child_process";
import { closeSync, openSync, writeSync } from "node:fs";
import { promisify } from "node:util";
import BetterSqlite3 from "better-sqlite3";
import { migrate } from "../lib/db/migrate";
import { sqlitePath } from "../lib/db/url";
import { canonicalLabels, seriesKey } from "../lib/series/labels";
import { mulberry32 } from "../lib/simulator/random";

const run = promisify(execFile);

export const METRIC = "vigil_predictions_total";
export const STEP_MS = 60_000;
/** A fixed, minute-aligned end, so every run (and both stores) hold byte-identical samples. */
export const END_MS = 1_699_999_980_000;

export interface BenchShape {
  series: number;
  days: number;
}

export const pointsPerSeries = (shape: BenchShape) => Math.round((shape.days * 86_400_000) / STEP_MS) + 1;
export const startMs = (shape: BenchShape) => END_MS - (pointsPerSeries(shape) - 1) * STEP_MS;

/** Labels of series i: 50 models × 20 versions covers 1,000 series; larger counts add an `instance`. */
export function labelsOf(i: number): Record<string, string> {
  const labels: Record<string, string> = { model: `m${i % 50}`, version: `v${Math.floor(i / 50) % 20}` };
  if (i >= 1000) labels.instance = `i${Math.floor(i / 1000)}`;
  return labels;
}

/**
 * Values of series i, one per minute: integer increments (so String(v) is exact and identical on both
 * sides) with a counter reset about once a day, so rate() exercises its reset handling.
 */
export function valuesOf(i: number, n: number): Float64Array {
  const rnd = mulberry32(0x5eed + i);
  const out = new Float64Array(n);
  let v = Math.floor(rnd() * 1000);
  for (let k = 0; k < n; k++) {
    if (rnd() < 1 / 1440) v = 0;
    else v += Math.floor(rnd() * 20);
    out[k] = v;
  }
  return out;
}

/** Migrates a fresh SQLite database and inserts every series and point; returns the sample count. */
export async function loadVigil(url: string, shape: BenchShape): Promise<number> {
  await migrate(url);
  const db = new BetterSqlite3(sqlitePath(url));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  db.pragma("cache_size = -262144");
  // Appending in (seriesId, ts) order keeps the primary key's inserts sequential; the ts index would take
  // random inserts (most of a 2-minute load), so it is dropped and rebuilt once at the end, as the schema has it.
  db.exec(`DROP INDEX "SeriesPoint_ts_idx"`);
  const insertSeries = db.prepare(`INSERT INTO "Series" ("name","labels","key") VALUES (?,?,?)`);
  const insertPoint = db.prepare(`INSERT INTO "SeriesPoint" ("seriesId","ts","value") VALUES (?,?,?)`);
  const n = pointsPerSeries(shape);
  const start = startMs(shape);
  let total = 0;
  // One transaction per 20 series (~200k rows): big enough to amortize commits, small enough for the WAL.
  const loadSome = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const labels = labelsOf(i);
      const id = Number(
        insertSeries.run(METRIC, canonicalLabels(labels), seriesKey(METRIC, labels)).lastInsertRowid,
      );
      const values = valuesOf(i, n);
      for (let k = 0; k < n; k++) insertPoint.run(id, start + k * STEP_MS, values[k]);
      total += n;
    }
  });
  for (let i = 0; i < shape.series; i += 20) loadSome(i, Math.min(i + 20, shape.series));
  db.exec(`CREATE INDEX "SeriesPoint_ts_idx" ON "SeriesPoint"("ts")`);
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.exec("ANALYZE");
  db.close();
  return total;
}

/** Writes the same samples as OpenMetrics text and backfills them into TSDB blocks under `tsdbDir`. */
export async function loadPrometheus(file: string, tsdbDir: string, shape: BenchShape): Promise<void> {
  const n = pointsPerSeries(shape);
  const start = startMs(shape);
  const fd = openSync(file, "w");
  try {
    writeSync(fd, `# TYPE ${METRIC} counter\n`);
    for (let i = 0; i < shape.series; i++) {
      const labels = Object.entries(labelsOf(i))
        .map(([k, v]) => `${k}="${v}"`)
        .join(",");
      const head = `${METRIC}{${labels}} `;
      const values = valuesOf(i, n);
      const lines: string[] = new Array(n);
      // Timestamps are whole seconds, so they are written as integers (exact, and shorter to parse).
      for (let k = 0; k < n; k++) lines[k] = `${head}${values[k]} ${(start + k * STEP_MS) / 1000}\n`;
      writeSync(fd, lines.join(""));
    }
    writeSync(fd, "# EOF\n");
  } finally {
    closeSync(fd);
  }
  // promtool rereads the whole file once per block; its default 2h blocks meant 84 passes (~8 minutes).
  // One block spanning the data (the hidden --max-block-duration flag) is one pass, and leaves Prometheus
  // nothing to compact in the background while it is being timed.
  await run(
    "/usr/bin/promtool",
    ["tsdb", "create-blocks-from", "openmetrics", "--quiet", "--max-block-duration=8760h", file, tsdbDir],
    { maxBuffer: 16 * 1024 * 1024 },
  );
}
