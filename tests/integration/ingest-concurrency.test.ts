// Races found by the multi-replica run (scripts/scale) on PostgreSQL: an upsert of jobs that names one key twice
// (labels of two versions of a model with a shadow), prediction batches locking versions in opposite orders
// (deadlock 40P01), and replicas creating the bootstrap API key at the same moment.
import { beforeAll, describe, expect, it } from "vitest";
import { POST as postPredictions } from "@/app/api/v1/predictions/route";
import { ensureBootstrapApiKey, hashApiKey } from "@/lib/auth/api-keys";
import type { Database } from "@/lib/db/client";
import { markShadowWindows } from "@/lib/jobs/mark";
import { useTestDatabase } from "../helpers/database";
import { call } from "../helpers/http";

let database: Database;
beforeAll(async () => {
  database = await useTestDatabase();
});

describe("ingest under concurrency", () => {
  it("marks a job named twice in one batch once", async () => {
    const window = { shadowId: 9, windowStart: Date.parse("2026-11-01T10:00:00Z") };
    await database.raw.batch(markShadowWindows(database.raw, [window, window, { ...window }]));
    const jobs = await database.db.job.findMany({ where: { key: `shadow-window:9:${window.windowStart}` } });
    expect(jobs).toHaveLength(1);
  });

  it("answers every concurrent prediction batch, whatever order its versions come in", async () => {
    const now = Date.now();
    const batch = (b: number) => {
      const versions = b % 2 ? ["v1", "v2", "v3"] : ["v3", "v2", "v1"];
      return Array.from({ length: 60 }, (_, i) => ({
        id: `race-${b}-${i}`,
        model: "race",
        version: versions[i % 3],
        timestamp: now - 3_600_000 * (i % 3) - i,
        prediction: i % 2,
      }));
    };
    // The model and its versions exist first, so every batch updates the same ModelVersion rows.
    await call(postPredictions, { path: "/api/v1/predictions", body: { predictions: batch(0) } });
    const answers = await Promise.all(
      Array.from({ length: 16 }, (_, b) =>
        call(postPredictions, { path: "/api/v1/predictions", body: { predictions: batch(b + 1) } }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    expect(answers.every((a) => a.body.accepted === 60)).toBe(true);
  });

  it("lets replicas starting together create the bootstrap key", async () => {
    const key = "vgl_bootstrap_race_0123456789abcdefghijkl";
    await Promise.all(Array.from({ length: 5 }, () => ensureBootstrapApiKey(database.db, key)));
    expect(await database.db.apiKey.count({ where: { hash: hashApiKey(key) } })).toBe(1);
  });
});
