// GET /api/v1/shadows/{id}/comparison and …/predictions on rows inserted directly (Prediction, Label, Shadow,
// ShadowPrediction): the numbers equal scikit-learn's and numpy's (tests/fixtures/shadow/comparison/generate.py).
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getComparison } from "@/app/api/v1/shadows/[id]/comparison/route";
import { GET as getPredictions } from "@/app/api/v1/shadows/[id]/predictions/route";
import type { Database } from "@/lib/db/client";
import { pairedAccuracyDelta, readComparison } from "@/lib/shadow/comparison";
import { useTestDatabase } from "../helpers/database";
import { call } from "../helpers/http";

type Raw = string | number | boolean;
type Case = {
  name: string;
  task: string;
  positiveClass: string | null;
  from: number;
  to: number;
  predictions: Array<{
    id: string;
    ts: number;
    features: Record<string, unknown>;
    prediction: Raw;
    score: number | null;
    scores: Record<string, number> | null;
    latencyMs: number;
  }>;
  labels: Array<{ id: string; label: Raw }>;
  shadow: Array<{
    id: string;
    ts: number;
    status: string;
    prediction?: Raw;
    score?: number | null;
    scores?: Record<string, number> | null;
    latencyMs?: number;
    error?: string;
  }>;
  expected: Record<string, unknown> & {
    evaluated: number;
    agreed: number;
    errors: number;
    histogramCounts: number[];
    accuracyDelta: Record<string, unknown> | null;
  };
};
const fixture = JSON.parse(readFileSync("tests/fixtures/shadow/comparison/cases.json", "utf8")) as {
  cases: Case[];
};

let database: Database;
const shadowIds = new Map<string, number>();

async function seed(c: Case): Promise<number> {
  const { db, raw } = database;
  const model = await db.model.create({
    data: { name: c.name, task: c.task, taskSource: "set", positiveClass: c.positiveClass },
  });
  const version = await db.modelVersion.create({ data: { modelId: model.id, name: "v1" } });
  const shadow = await db.shadow.create({
    data: {
      modelId: model.id,
      name: `${c.name}-shadow`,
      fileSha256: "0".repeat(64),
      fileBytes: 1,
      config: "{}",
      signature: "{}",
    },
  });
  const now = raw.time(Date.now());
  const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
  await raw.batch([
    {
      sql: `INSERT INTO "Prediction" ("modelId","id","versionId","ts","features","prediction","score","scores","latencyMs","receivedAt") VALUES (?,?,?,?,?,?,?,?,?,?)`,
      params: [],
      many: c.predictions.map((p) => [
        model.id,
        p.id,
        version.id,
        raw.time(p.ts),
        JSON.stringify(p.features),
        JSON.stringify(p.prediction),
        p.score,
        json(p.scores),
        p.latencyMs,
        now,
      ]),
    },
    {
      sql: `INSERT INTO "Label" ("modelId","id","label","ts","receivedAt") VALUES (?,?,?,?,?)`,
      params: [],
      many: c.labels.map((l) => [model.id, l.id, JSON.stringify(l.label), now, now]),
    },
    {
      sql: `INSERT INTO "ShadowPrediction" ("shadowId","predictionId","ts","status","prediction","score","scores","latencyMs","error","createdAt") VALUES (?,?,?,?,?,?,?,?,?,?)`,
      params: [],
      many: c.shadow.map((s) => [
        shadow.id,
        s.id,
        raw.time(s.ts),
        s.status,
        json(s.prediction),
        s.score ?? null,
        json(s.scores),
        s.latencyMs ?? null,
        s.error ?? null,
        now,
      ]),
    },
  ]);
  return shadow.id;
}

beforeAll(async () => {
  database = await useTestDatabase();
  for (const c of fixture.cases) shadowIds.set(c.name, await seed(c));
});

const comparison = (id: number, query: string) =>
  call(getComparison, { path: `/api/v1/shadows/${id}/comparison?${query}`, params: { id: String(id) } });
const predictions = (id: number, query: string) =>
  call(getPredictions, { path: `/api/v1/shadows/${id}/predictions?${query}`, params: { id: String(id) } });

function close(actual: unknown, expected: unknown, what: string) {
  if (expected === null) expect(actual, what).toBeNull();
  else expect(Math.abs((actual as number) - (expected as number)), what).toBeLessThanOrEqual(1e-9);
}

describe("shadow comparison equals scikit-learn and numpy", () => {
  for (const c of fixture.cases) {
    it(`${c.name} (${c.task})`, async () => {
      const id = shadowIds.get(c.name)!;
      const res = await comparison(id, `from=${c.from}&to=${c.to}`);
      expect(res.status).toBe(200);
      const body = res.body as Record<string, unknown>;
      const e = c.expected;
      for (const k of ["evaluated", "errors", "skipped", "agreed", "scored", "labeled"])
        expect(body[k], k).toBe(e[k]);
      close(body.agreement, e.agreement, "agreement");
      close(body.meanAbsScoreDiff, e.meanAbsScoreDiff, "meanAbsScoreDiff");
      expect((body.scoreDiffHistogram as Array<{ count: number }>).map((b) => b.count)).toEqual(
        e.histogramCounts,
      );
      for (const side of ["latencyMs", "productionLatencyMs"])
        for (const p of ["p50", "p95", "p99"])
          close(
            (body[side] as Record<string, number>)[p],
            (e[side] as Record<string, number>)[p],
            `${side}.${p}`,
          );
      for (const side of ["production", "shadow"])
        for (const m of ["accuracy", "f1", "rocAuc"])
          close(
            (body[side] as Record<string, number>)[m],
            (e[side] as Record<string, number>)[m],
            `${side}.${m}`,
          );
      const delta = body.accuracyDelta as Record<string, unknown>;
      const want = e.accuracyDelta!;
      for (const k of ["estimate", "ciLow", "ciHigh"]) close(delta[k], want[k], `accuracyDelta.${k}`);
      expect(delta.discordant).toEqual(want.discordant);
      const segments = body.bySegment as Array<Record<string, unknown>>;
      const wantSegments = e.bySegment as Array<Record<string, unknown>>;
      expect(segments.map(({ agreement: _, ...s }) => s)).toEqual(
        wantSegments.map(({ agreement: _, ...s }) => s),
      );
      for (const [i, s] of segments.entries()) close(s.agreement, wantSegments[i]!.agreement, `segment ${i}`);
      const timeline = body.timeline as Array<{ n: number; agreed: number }>;
      expect(timeline.reduce((s, t) => s + t.n, 0)).toBe(e.evaluated);
      expect(timeline.reduce((s, t) => s + t.agreed, 0)).toBe(e.agreed);
    });
  }

  it("small pages (keyset paging; many rows share a timestamp) give the same result", async () => {
    const c = fixture.cases.find((x) => x.name === "multi")!;
    const id = shadowIds.get("multi")!;
    const q = { id, from: c.from, to: c.to };
    expect(await readComparison(database, q, { pageRows: 7 })).toEqual(await readComparison(database, q));
  });

  it("an empty range has no numbers, and an unknown shadow is 404", async () => {
    const id = shadowIds.get("bin")!;
    const res = await comparison(id, "from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      evaluated: 0,
      agreement: null,
      meanAbsScoreDiff: null,
      accuracyDelta: null,
      production: { accuracy: null },
      bySegment: [],
      scoreDiffHistogram: [],
    });
    expect((await comparison(999_999, "")).status).toBe(404);
    expect((await comparison(id, "from=2026-11-27T00:00:00Z&to=2026-11-26T00:00:00Z")).status).toBe(400);
  });

  it("the paired variance: no discordant rows → a zero-width interval", () => {
    expect(pairedAccuracyDelta(0, 0, 100)).toEqual({ estimate: 0, ciLow: 0, ciHigh: 0 });
    const d = pairedAccuracyDelta(10, 4, 100)!;
    expect(d.estimate).toBeCloseTo(-0.06, 12);
    const se = Math.sqrt((14 - 36 / 100) / 100 ** 2);
    expect(d.ciHigh - d.estimate).toBeCloseTo(1.959963984540054 * se, 12);
  });
});

describe("shadow predictions page", () => {
  it("pages newest first through every disagreeing row, with label and features", async () => {
    const c = fixture.cases.find((x) => x.name === "bin")!;
    const id = shadowIds.get("bin")!;
    const seen: Array<Record<string, unknown>> = [];
    let cursor: string | null = null;
    for (let i = 0; i < 50; i++) {
      const q = `from=${c.from}&to=${c.to}&disagreeing=true&limit=4${cursor ? `&cursor=${cursor}` : ""}`;
      const res = await predictions(id, q);
      expect(res.status).toBe(200);
      seen.push(...(res.body.rows as Array<Record<string, unknown>>));
      cursor = res.body.nextCursor as string | null;
      if (!cursor) break;
    }
    const e = c.expected;
    expect(seen).toHaveLength(e.evaluated - e.agreed);
    expect(new Set(seen.map((r) => r.id)).size).toBe(seen.length);
    const ts = seen.map((r) => Date.parse(r.ts as string));
    expect(ts).toEqual([...ts].sort((a, b) => b - a));
    for (const r of seen) {
      expect(r.agree).toBe(false);
      expect(r.status).toBe("ok");
      expect(r.features).toHaveProperty("device");
    }
    const labeled = new Set(c.labels.map((l) => l.id));
    for (const r of seen) expect(r.label !== null).toBe(labeled.has(r.id as string));
  });

  it("all rows of a status, and bad parameters are 400", async () => {
    const c = fixture.cases.find((x) => x.name === "bin")!;
    const id = shadowIds.get("bin")!;
    const res = await predictions(id, `from=${c.from}&to=${c.to}&status=error&limit=500`);
    expect(res.status).toBe(200);
    expect((res.body.rows as unknown[]).length).toBe(c.expected.errors);
    expect(res.body.nextCursor).toBeNull();
    const first = (res.body.rows as Array<Record<string, unknown>>)[0]!;
    expect(first.shadow).toMatchObject({ prediction: null, error: "inference failed: test" });
    expect((await predictions(id, "limit=0")).status).toBe(400);
    expect((await predictions(id, "cursor=nope")).status).toBe(400);
    expect((await predictions(999_999, "")).status).toBe(404);
  });
});
