// Ingest throughput: HTTP POSTs of 1000-row batches to the real server, next to the raw insert ceiling of the
// same rows into the same schema, measured in the same run.
import { randomBytes } from "node:crypto";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { migrate } from "../lib/db/migrate";
import { sqlitePath } from "../lib/db/url";
import type { BenchRow } from "./rows";

export async function httpIngest(
  url: string,
  apiKey: string,
  rows: BenchRow[],
  concurrency = 2,
): Promise<number> {
  const bodies: string[] = [];
  for (let i = 0; i < rows.length; i += 1000)
    bodies.push(JSON.stringify({ predictions: rows.slice(i, i + 1000) }));
  let next = 0;
  let accepted = 0;
  const started = performance.now();
  const lane = async () => {
    while (next < bodies.length) {
      const body = bodies[next++]!;
      const res = await fetch(`${url}/api/v1/predictions`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}` },
        body,
      });
      const json = (await res.json()) as { accepted?: number; error?: string };
      if (res.status !== 200) throw new Error(`ingest failed: ${res.status} ${json.error}`);
      accepted += json.accepted ?? 0;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  const seconds = (performance.now() - started) / 1000;
  if (accepted !== rows.length) throw new Error(`only ${accepted} of ${rows.length} rows committed`);
  return rows.length / seconds;
}

const COLUMNS = `"modelId","id","versionId","ts","features","prediction","score","scores","variant","latencyMs","receivedAt"`;

/** Column values of a row, as any program storing these rows must make them (features serialised to JSON). */
function tuple(r: BenchRow, time: (ms: number) => unknown, now: number): unknown[] {
  return [
    1,
    r.id,
    1,
    time(r.timestamp),
    JSON.stringify(r.features),
    JSON.stringify(r.prediction),
    r.score,
    null,
    null,
    r.latencyMs,
    time(now),
  ];
}

/** better-sqlite3, WAL, one prepared INSERT per row inside 1000-row transactions: the driver's ceiling. */
export async function sqliteCeiling(rows: BenchRow[], file: string): Promise<number> {
  const url = `file:${file}`;
  await migrate(url);
  const db = new BetterSqlite3(sqlitePath(url));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.exec(
    `INSERT INTO "Model" ("id","name","updatedAt") VALUES (1,'m',0); INSERT INTO "ModelVersion" ("id","modelId","name") VALUES (1,1,'v1')`,
  );
  const insert = db.prepare(
    `INSERT INTO "Prediction" (${COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING`,
  );
  const now = Date.now();
  const batch = db.transaction((part: BenchRow[]) => {
    for (const r of part) insert.run(...tuple(r, (ms) => ms, now));
  });
  const started = performance.now();
  for (let i = 0; i < rows.length; i += 1000) batch(rows.slice(i, i + 1000));
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return rows.length / seconds;
}

/** pg, one multi-row INSERT of 1000 rows per statement: the driver's ceiling. */
export async function postgresCeiling(rows: BenchRow[], adminUrl: string): Promise<number> {
  const name = `vigil_bench_raw_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    await migrate(url.toString());
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    await client.query(
      `INSERT INTO "Model" ("id","name","updatedAt") VALUES (1,'m',now()); INSERT INTO "ModelVersion" ("id","modelId","name") VALUES (1,1,'v1')`,
    );
    const now = Date.now();
    const started = performance.now();
    for (let i = 0; i < rows.length; i += 1000) {
      const part = rows.slice(i, i + 1000).map((r) => tuple(r, (ms) => new Date(ms), now));
      let n = 0;
      const sql = `INSERT INTO "Prediction" (${COLUMNS}) VALUES ${part.map((v) => `(${v.map(() => `$${++n}`).join(",")})`).join(",")} ON CONFLICT DO NOTHING`;
      await client.query(sql, part.flat());
    }
    const seconds = (performance.now() - started) / 1000;
    await client.end();
    return rows.length / seconds;
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}
