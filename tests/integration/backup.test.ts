// Backup and restore on the database flavour under test (SQLite: online backup API while rows keep arriving;
// PostgreSQL: pg_dump/pg_restore): a restored database holds the same rows, uploaded models come back, and
// restore refuses what would lose data.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as postLabels } from "../../app/api/v1/labels/route";
import { POST as postPredictions } from "../../app/api/v1/predictions/route";
import { backup, readManifest, restore } from "../../lib/db/backup";
import type { Database } from "../../lib/db/client";
import { sqlitePath } from "../../lib/db/url";
import { freshDatabaseUrl, useTestDatabase } from "../helpers/database";
import { call } from "../helpers/http";

let database: Database;
let sourceUrl = "";
beforeAll(async () => {
  database = await useTestDatabase();
  sourceUrl = database.url;
});
const work = mkdtempSync(join(tmpdir(), "vigil-backup-"));
const dataDir = join(work, "data");
mkdirSync(join(dataDir, "models"), { recursive: true });
writeFileSync(join(dataDir, "models", "ab12.onnx"), "not really a model, but bytes to carry");

const targets: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const drop of targets) await drop();
});

async function ingest(from: number, n: number) {
  const predictions = Array.from({ length: n }, (_, i) => ({
    id: `p${from + i}`,
    model: "backup-model",
    version: "v1",
    timestamp: Date.parse("2026-11-29T10:00:00Z") + (from + i) * 1000,
    features: { price: from + i, device: i % 2 ? "mobile" : "desktop" },
    prediction: i % 2,
    score: (i % 10) / 10,
  }));
  const res = await call(postPredictions, { path: "/api/v1/predictions", body: { predictions } });
  expect(res.status).toBe(200);
  const labels = predictions.map((p) => ({ id: p.id, model: "backup-model", label: p.prediction }));
  expect((await call(postLabels, { path: "/api/v1/labels", body: { labels } })).status).toBe(200);
}

async function counts(url: string): Promise<Record<string, number>> {
  const tables = ["Model", "ModelVersion", "Prediction", "Label", "ApiKey", "Job"];
  const out: Record<string, number> = {};
  if (url.startsWith("file:")) {
    const db = new BetterSqlite3(sqlitePath(url, false), { readonly: true });
    for (const t of tables)
      out[t] = (db.prepare(`SELECT COUNT(*) AS n FROM "${t}"`).get() as { n: number }).n;
    db.close();
    return out;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  for (const t of tables) out[t] = Number((await client.query(`SELECT COUNT(*) AS n FROM "${t}"`)).rows[0].n);
  await client.end();
  return out;
}

describe("backup and restore", () => {
  it("restores the same rows and the uploaded models", async () => {
    await ingest(0, 500);
    const dir = join(work, "b1");
    // SQLite's online backup copies a consistent snapshot while writes continue.
    const writing = database.flavour === "sqlite" ? ingest(500, 200) : Promise.resolve();
    const manifest = await backup(sourceUrl, dir, dataDir);
    await writing;
    expect(manifest).toMatchObject({ format: "vigil-backup/1", flavour: database.flavour });
    expect(manifest.migrations.length).toBeGreaterThanOrEqual(7);
    expect(manifest.files).toContain("models/ab12.onnx");
    expect(readManifest(dir)).toEqual(manifest);

    const target = await freshDatabaseUrl();
    targets.push(target.drop);
    const restoredData = join(work, "restored-data");
    await restore(target.url, dir, restoredData, false);
    const restored = await counts(target.url);
    const source = await counts(sourceUrl);
    if (database.flavour === "sqlite") {
      // Taken while 200 more rows arrived: at least the first 500, at most all 700, labels matching.
      expect(restored.Prediction).toBeGreaterThanOrEqual(500);
      expect(restored.Prediction).toBeLessThanOrEqual(source.Prediction ?? 0);
    } else expect(restored).toEqual(source);
    expect(readFileSync(join(restoredData, "models", "ab12.onnx"), "utf8")).toMatch(/bytes to carry/);
  });

  it("a quiet database restores exactly", async () => {
    const dir = join(work, "b2");
    await backup(sourceUrl, dir, dataDir);
    const target = await freshDatabaseUrl();
    targets.push(target.drop);
    await restore(target.url, dir, join(work, "d2"), false);
    expect(await counts(target.url)).toEqual(await counts(sourceUrl));
  });

  it("refuses a non-empty target without --force, the other flavour, and a used backup directory", async () => {
    const dir = join(work, "b3");
    await backup(sourceUrl, dir, dataDir);
    await expect(restore(sourceUrl, dir, dataDir, false)).rejects.toThrow(/not empty; pass --force/);
    const other =
      database.flavour === "sqlite"
        ? "postgresql://postgres@127.0.0.1:5432/postgres"
        : `file:${join(work, "x.db")}`;
    await expect(restore(other, dir, dataDir, false)).rejects.toThrow(/this backup is of a/);
    await expect(backup(sourceUrl, dir, dataDir)).rejects.toThrow(/is not empty/);
    await expect(restore(sourceUrl, join(work, "nothing"), dataDir, false)).rejects.toThrow(
      /not a Vigil backup/,
    );
    expect(existsSync(join(dir, "manifest.json"))).toBe(true);
  });

  it("--force replaces the contents of a non-empty database", async () => {
    const dir = join(work, "b4");
    await backup(sourceUrl, dir, dataDir);
    const target = await freshDatabaseUrl();
    targets.push(target.drop);
    await restore(target.url, dir, join(work, "d4"), false);
    await restore(target.url, dir, join(work, "d4"), true);
    expect(await counts(target.url)).toEqual(await counts(sourceUrl));
  });
});
