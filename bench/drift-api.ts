// Drift API latency from sketches: 30 days × 50 features (40 numerical, 10 categorical) of hourly sketches
// standing for 10M predictions, the reference being the first 7 days. The sketches are stored directly (this
// measures reads, not the worker); the real server answers GET /drift with VIGIL_DRIFT_EXACT_ROWS=0 so every
// request merges 720 hourly sketches per column and runs the tests. Peak memory of the server is reported.
import { readFileSync } from "node:fs";
import { connectDatabase } from "../lib/db/client";
import { migrate } from "../lib/db/migrate";
import { addValue, emptySketch, mergeSerializedSketch, serializeSketch } from "../lib/drift/sketch";
import { mulberry32 } from "../lib/simulator/random";

const HOUR = 3_600_000;
export const DRIFT_DAYS = 30;
export const DRIFT_FEATURES = 50;
export const DRIFT_ROWS = 10_000_000;
const VARIANTS = 24;

/** Hourly sketches of one feature: 24 variants (one per hour of day), before and after a drift. */
function variants(feature: number, rowsPerHour: number, drifted: boolean): string[] {
  const rand = mulberry32(feature * 1000 + (drifted ? 7 : 1));
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const categorical = feature >= 40;
  const shift = drifted && feature % 3 === 0 ? 0.4 : 0;
  return Array.from({ length: VARIANTS }, () => {
    const sketch = emptySketch();
    for (let i = 0; i < rowsPerHour; i++) {
      if (rand() < 0.01) addValue(sketch, null);
      else if (categorical) addValue(sketch, `c${Math.floor(Math.abs(normal() + shift) * 4)}`);
      else addValue(sketch, Math.round(Math.exp(3 + 0.5 * normal() + shift) * 100) / 100);
    }
    return serializeSketch(sketch);
  });
}

export async function seedDriftSketches(url: string, now: number, log: (m: string) => void): Promise<void> {
  await migrate(url);
  const database = await connectDatabase(url);
  const { raw, db } = database;
  const model = await db.model.create({ data: { name: "bench-drift" } });
  const version = await db.modelVersion.create({ data: { modelId: model.id, name: "v1" } });
  const hours = DRIFT_DAYS * 24;
  const rowsPerHour = Math.round(DRIFT_ROWS / hours);
  const start = Math.floor((now - DRIFT_DAYS * 86_400_000) / HOUR) * HOUR;
  log(`drift: building sketches of ${DRIFT_FEATURES} features (${VARIANTS * 2} hourly variants each)…`);
  for (let f = 0; f < DRIFT_FEATURES; f++) {
    const calm = variants(f, rowsPerHour, false);
    const drifted = variants(f, rowsPerHour, true);
    const statements = [];
    // The day rows the worker would merge from the hours (days align with the variants: 24 hours each).
    const dayOf = (list: string[]) => {
      const day = emptySketch();
      for (const text of list) mergeSerializedSketch(day, text);
      return serializeSketch(day);
    };
    const days = { calm: dayOf(calm), drifted: dayOf(drifted) };
    for (let h = 0; h < hours; h++) {
      const isDrifted = h > hours - 10 * 24;
      const sketch = (isDrifted ? drifted : calm)[h % VARIANTS]!;
      if ((start + h * HOUR) % 86_400_000 === 0 && h + 24 <= hours)
        statements.push([
          model.id,
          version.id,
          "feature",
          `f${f}`,
          "1d",
          raw.time(start + h * HOUR),
          rowsPerHour * 24,
          0,
          isDrifted ? days.drifted : days.calm,
          raw.time(now),
        ]);
      statements.push([
        model.id,
        version.id,
        "feature",
        `f${f}`,
        "1h",
        raw.time(start + h * HOUR),
        rowsPerHour,
        0,
        sketch,
        raw.time(now),
      ]);
    }
    await raw.batch([
      {
        sql: `INSERT INTO "DriftSketch" ("modelId","versionId","role","name","window","windowStart","count","missing","sketch","computedAt") VALUES (?,?,?,?,?,?,?,?,?,?)`,
        params: [],
        many: statements,
      },
    ]);
  }
  const [row] = await raw.query<{ n: number; bytes: number }>(
    `SELECT count(*) AS "n", sum(length("sketch")) AS "bytes" FROM "DriftSketch"`,
  );
  log(`drift: ${row?.n} sketches, ${((row?.bytes ?? 0) / 1e6).toFixed(1)} MB`);
  await database.close();
}

/** Drift API latency (ms) over `requests` calls, and the server's peak resident memory (bytes). */
export async function driftLatency(
  url: string,
  apiKey: string,
  serverPid: number | undefined,
  now: number,
  requests = 30,
): Promise<{ p50: number; p95: number; peakRss: number | null }> {
  const start = now - DRIFT_DAYS * 86_400_000;
  const params = new URLSearchParams({
    referenceFrom: String(start),
    referenceTo: String(start + 7 * 86_400_000),
    from: String(start + 7 * 86_400_000),
    to: String(now),
  });
  const times: number[] = [];
  for (let i = 0; i < requests + 2; i++) {
    const t = performance.now();
    const res = await fetch(`${url}/api/v1/models/bench-drift/drift?${params}`, {
      headers: { authorization: `Bearer ${apiKey}` },
    });
    const body = (await res.json()) as { method?: string; features?: unknown[]; error?: string };
    if (res.status !== 200 || body.method !== "sketch" || body.features?.length !== DRIFT_FEATURES)
      throw new Error(`drift request failed: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
    if (i >= 2) times.push(performance.now() - t); // two warm-up requests
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!;
  let peakRss: number | null = null;
  try {
    const status = readFileSync(`/proc/${serverPid}/status`, "utf8");
    const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    peakRss = kb ? Number(kb) * 1024 : null;
  } catch {
    peakRss = null; // not Linux, or no pid
  }
  return { p50: at(0.5), p95: at(0.95), peakRss };
}
