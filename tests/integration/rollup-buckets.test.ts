// Quality and drift windows are built bottom-up: 5-minute buckets from raw rows, the hour from its buckets, the day
// from its hours. The merged windows must equal a single pass over every row, and a late label must recompute only
// the bucket it lands in (that is what keeps a recompute's cost flat as the hour and day fill up).
import { beforeAll, describe, expect, it } from "vitest";
import { POST as postLabels } from "@/app/api/v1/labels/route";
import { GET as getQuality } from "@/app/api/v1/models/[model]/quality/route";
import { POST as postPredictions } from "@/app/api/v1/predictions/route";
import type { Database } from "@/lib/db/client";
import { columnsFromRows, columnsFromSketches } from "@/lib/drift/column-data";
import { columnId, loadDriftRows } from "@/lib/drift/columns";
import { sketchSummary } from "@/lib/drift/sketch";
import { loadWindowRows } from "@/lib/drift/sketch-store";
import { markJobStatements, QUALITY_JOB, qualityJobKey } from "@/lib/jobs/mark";
import { runUntilIdle } from "@/lib/jobs/runner";
import { addSample, computeQualityMetrics, createQualityState } from "@/lib/quality";
import { BUCKET_KEEP_MS, pruneBuckets } from "@/lib/rollups/prune-buckets";
import { percentile } from "@/lib/rollups/samples";
import { mulberry32 } from "@/lib/simulator/random";
import { useTestDatabase } from "../helpers/database";
import { call } from "../helpers/http";

let database: Database;
beforeAll(async () => {
  database = await useTestDatabase();
});

const runWorker = () => runUntilIdle(database, { owner: "test-worker", leaseMs: 30_000 });
const HOUR = Date.parse("2026-11-21T10:00:00Z");
const N = 720; // one every 5 s: 60 per bucket
const rng = mulberry32(11);
const rows = Array.from({ length: N }, (_, i) => {
  const label = rng() < 0.4 ? 1 : 0;
  const score = Math.min(0.999, Math.max(0.001, label * 0.3 + rng() * 0.7));
  return {
    i,
    ts: HOUR + i * 5000,
    score,
    prediction: score > 0.5 ? 1 : 0,
    label,
    delay: 60 + Math.floor(rng() * 3600),
  };
});
const binary = { task: "binary" as const, positiveClass: "1" };

async function hourWindow(model: string) {
  const res = await call(getQuality, {
    path: `/api/v1/models/${model}/quality?from=2026-11-21T10:00:00Z&to=2026-11-21T11:00:00Z&window=1h`,
    params: { model },
  });
  return (res.body.windows as Array<Record<string, unknown>>)[0]!;
}

async function rollups(window: string) {
  return database.raw.query<{ windowStart: unknown; labeled: number; computedAt: unknown }>(
    `SELECT "windowStart", "labeled", "computedAt" FROM "QualityRollup" WHERE "window" = ? ORDER BY "windowStart"`,
    [window],
  );
}

describe("quality buckets", () => {
  it("an hour merged from 12 buckets equals one pass over its samples, label delays included", async () => {
    const predictions = rows.map((r) => ({
      id: `b-${r.i}`,
      model: "buckets",
      version: "v1",
      timestamp: r.ts,
      prediction: r.prediction,
      score: r.score,
    }));
    expect((await call(postPredictions, { path: "/api/v1/predictions", body: { predictions } })).status).toBe(
      200,
    );
    const labeled = rows.filter((r) => r.i % 3 !== 0); // a third stays unlabeled
    const labels = labeled.map((r) => ({
      id: `b-${r.i}`,
      model: "buckets",
      label: r.label,
      timestamp: r.ts + r.delay * 1000,
    }));
    expect((await call(postLabels, { path: "/api/v1/labels", body: { labels } })).status).toBe(200);
    await runWorker();

    expect(await rollups("5m")).toHaveLength(12);
    expect(await rollups("1h")).toHaveLength(1);
    expect(await rollups("1d")).toHaveLength(1);

    const state = createQualityState();
    for (const r of rows) addSample(state, { ...r, label: r.i % 3 !== 0 ? r.label : null }, binary);
    const want = computeQualityMetrics(state, binary);
    const got = await hourWindow("buckets");
    expect(got.count).toBe(N);
    expect(got.labeled).toBe(labeled.length);
    for (const m of ["accuracy", "precision", "recall", "f1", "rocAuc", "logLoss"] as const)
      expect(got[m] as number, m).toBeCloseTo(want[m] as number, 12);
    expect(got.labelDelayP50Seconds).toBe(
      percentile(
        labeled.map((r) => r.delay),
        0.5,
      ),
    );
    expect(got.labelDelayP90Seconds).toBe(
      percentile(
        labeled.map((r) => r.delay),
        0.9,
      ),
    );
  });

  it("a late label recomputes only its own bucket, then the hour and day", async () => {
    const before = await rollups("5m");
    const late = rows.find((r) => r.i % 3 === 0 && r.ts >= HOUR + 20 * 60_000)!; // an unlabeled one in bucket 4
    const labels = [{ id: `b-${late.i}`, model: "buckets", label: late.label }];
    expect((await call(postLabels, { path: "/api/v1/labels", body: { labels } })).status).toBe(200);
    await runWorker();
    const after = await rollups("5m");
    const at = (v: unknown) => database.raw.readTime(v);
    const changed = after.filter((b, k) => at(b.computedAt) !== at(before[k]!.computedAt));
    expect(changed.map((b) => database.raw.readTime(b.windowStart))).toEqual([HOUR + 20 * 60_000]);
    expect((await hourWindow("buckets")).labeled).toBe(rows.filter((r) => r.i % 3 !== 0).length + 1);
    expect(Number((await rollups("1d"))[0]!.labeled)).toBe(rows.filter((r) => r.i % 3 !== 0).length + 1);
  });

  it("pruned buckets are recomputed from raw rows when their hour changes again", async () => {
    const want = await hourWindow("buckets");
    const deleted = await pruneBuckets(database, HOUR + BUCKET_KEEP_MS + 3_600_000);
    expect(deleted.quality).toBe(12);
    expect(deleted.drift).toBeGreaterThanOrEqual(12); // each bucket's prediction, score and label columns
    expect(deleted.shadow).toBe(0); // this model has no shadow
    const model = await database.db.model.findUniqueOrThrow({
      where: { name: "buckets" },
      include: { versions: true },
    });
    const payload = {
      modelId: model.id,
      versionId: model.versions[0]!.id,
      window: "1h" as const,
      windowStart: HOUR,
    };
    await database.raw.batch(
      markJobStatements(database.raw, QUALITY_JOB, [{ key: qualityJobKey(payload), payload }]),
    );
    await runWorker();
    expect(await rollups("5m")).toHaveLength(12);
    expect(await hourWindow("buckets")).toEqual(want);
  });
});

describe("drift buckets", () => {
  const DAY2 = Date.parse("2026-11-22T10:00:00Z");

  it("an hour's sketches merged from its buckets equal sketches over all its rows, a feature added mid-hour included", async () => {
    const predictions = Array.from({ length: 360 }, (_, i) => ({
      id: `d-${i}`,
      model: "drift-buckets",
      version: "v1",
      timestamp: DAY2 + i * 10_000,
      prediction: i % 3 === 0 ? "a" : "b",
      score: (i % 17) / 17,
      // `late` first appears after 30 minutes: rows before it count as missing it, as over raw rows.
      features: {
        x: Math.sin(i) * 10,
        city: ["Oslo", "Lima", "Pune"][i % 3]!,
        ...(i >= 180 ? { late: i % 7 } : {}),
      },
    }));
    expect((await call(postPredictions, { path: "/api/v1/predictions", body: { predictions } })).status).toBe(
      200,
    );
    await runWorker();
    const model = await database.db.model.findUniqueOrThrow({ where: { name: "drift-buckets" } });
    const rows = await loadDriftRows(database, {
      modelId: model.id,
      versionId: null,
      from: DAY2,
      to: DAY2 + 3_600_000,
    });
    const want = new Map([...columnsFromRows(rows)].map(([id, c]) => [id, sketchSummary(c.sketch)]));
    const stored = await loadWindowRows(database, model.id, "1h", {
      from: DAY2,
      to: DAY2 + 1,
      versionId: null,
    });
    const got = new Map([...columnsFromSketches(stored)].map(([id, c]) => [id, sketchSummary(c.sketch)]));
    expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
    for (const [id, summary] of want) {
      const g = got.get(id)!;
      expect({ id, count: g.count, missing: g.missing, unique: g.unique, min: g.min, max: g.max }).toEqual({
        id,
        count: summary.count,
        missing: summary.missing,
        unique: summary.unique,
        min: summary.min,
        max: summary.max,
      });
      if (summary.mean !== null) expect(g.mean!).toBeCloseTo(summary.mean, 12);
      if (summary.std !== null) expect(g.std!).toBeCloseTo(summary.std, 12);
    }
    expect(want.get(columnId({ role: "feature", name: "late" }))?.missing).toBe(180);
    const buckets = await loadWindowRows(database, model.id, "5m", {
      from: DAY2,
      to: DAY2 + 3_600_000,
      versionId: null,
    });
    expect(new Set(buckets.map((b) => database.raw.readTime(b.windowStart))).size).toBe(12);
  });
});
