// From HTTP ingest to the quality API: numbers equal scikit-learn's (fixtures made by tests/fixtures/quality/generate.py).
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as postLabels } from "@/app/api/v1/labels/route";
import { GET as getQuality } from "@/app/api/v1/models/[model]/quality/route";
import { PATCH as patchModel } from "@/app/api/v1/models/[model]/route";
import { GET as listModels } from "@/app/api/v1/models/route";
import { POST as postPredictions } from "@/app/api/v1/predictions/route";
import type { Database } from "@/lib/db/client";
import { runUntilIdle } from "@/lib/jobs/runner";
import { useTestDatabase } from "../helpers/database";
import { call } from "../helpers/http";

type Sample = { prediction: unknown; label?: unknown; score?: number; scores?: Record<string, number> };
type Case = {
  name: string;
  task: string;
  positiveClass: string | null;
  samples: Sample[];
  expected: Record<string, unknown>;
};
const fixture = JSON.parse(readFileSync("tests/fixtures/quality/cases.json", "utf8")) as { cases: Case[] };
const METRICS = ["accuracy", "precision", "recall", "f1", "rocAuc", "logLoss", "mae", "rmse", "r2"] as const;

let database: Database;
beforeAll(async () => {
  database = await useTestDatabase();
});

const runWorker = () => runUntilIdle(database, { owner: "test-worker", leaseMs: 30_000 });

async function send(model: string, c: Case, tsOf: (i: number) => number, withLabels = true) {
  const predictions = c.samples.map((s, i) => ({
    id: `${model}-${i}`,
    model,
    version: "v1",
    timestamp: tsOf(i),
    prediction: s.prediction,
    score: s.score,
    scores: s.scores,
  }));
  const p = await call(postPredictions, { path: "/api/v1/predictions", body: { predictions } });
  expect(p.body).toMatchObject({ accepted: c.samples.length, rejected: [] });
  await call(patchModel, {
    method: "PATCH",
    path: `/api/v1/models/${model}`,
    params: { model },
    body: { task: c.task, positiveClass: c.positiveClass },
  });
  if (withLabels) await sendLabels(model, c, tsOf);
}

async function sendLabels(model: string, c: Case, tsOf: (i: number) => number) {
  const labels = c.samples.flatMap((s, i) =>
    s.label === undefined
      ? []
      : [{ id: `${model}-${i}`, model, label: s.label, timestamp: tsOf(i) + 300_000 }],
  );
  const res = await call(postLabels, { path: "/api/v1/labels", body: { labels } });
  expect(res.status).toBe(200);
}

const quality = async (model: string, query: string) => {
  const res = await call(getQuality, { path: `/api/v1/models/${model}/quality?${query}`, params: { model } });
  return res;
};

function expectSklearn(window: Record<string, unknown>, expected: Record<string, unknown>) {
  expect(window.count).toBe(expected.count);
  expect(window.labeled).toBe(expected.labeled);
  for (const m of METRICS) {
    if (expected[m] === null) expect(window[m], m).toBeNull();
    else expect(window[m] as number, m).toBeCloseTo(expected[m] as number, 9);
  }
  expect(window.confusionMatrix).toEqual(expected.confusionMatrix);
}

const HOUR = Date.parse("2026-11-20T10:00:00Z");

describe("quality windows equal scikit-learn", () => {
  const picks = [0, 1, 3, 5, 7];
  it.each(picks.map((i) => [fixture.cases[i]!.name, i]))(
    "%s: one 1h window, its 1d window and window=all",
    async (_n, i) => {
      const c = fixture.cases[i as number]!;
      const model = `case-${i}`;
      await send(model, c, (k) => HOUR + 60_000 + k * 1000);
      await runWorker();
      const h = await quality(model, `from=2026-11-20T10:00:00Z&to=2026-11-20T11:00:00Z&window=1h`);
      expect(h.status).toBe(200);
      const windows = h.body.windows as Array<Record<string, unknown>>;
      expect(windows).toHaveLength(1);
      expect(windows[0]!.start).toBe("2026-11-20T10:00:00.000Z");
      expect(windows[0]!.labelDelayP50Seconds).toBe(c.expected.labeled ? 300 : null);
      expectSklearn(windows[0]!, c.expected);
      const d = await quality(model, `from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z&window=1d`);
      expectSklearn((d.body.windows as Array<Record<string, unknown>>)[0]!, c.expected);
      const all = await quality(model, `from=2026-11-20T09:59:00Z&to=2026-11-20T12:00:00Z&window=all`);
      expectSklearn((all.body.windows as Array<Record<string, unknown>>)[0]!, c.expected);
    },
  );

  it("window=all over an unaligned range spanning days merges rollups and edge rows exactly", async () => {
    const c = fixture.cases[3]!;
    const start = Date.parse("2026-11-21T22:17:13Z");
    const step = Math.floor((2 * 86_400_000) / c.samples.length);
    await send("spread", c, (k) => start + k * step);
    await runWorker();
    const from = new Date(start).toISOString();
    const to = new Date(start + c.samples.length * step).toISOString();
    const all = await quality("spread", `from=${from}&to=${to}&window=all`);
    const windows = all.body.windows as Array<Record<string, unknown>>;
    expect(windows).toHaveLength(1);
    expect(windows[0]).toMatchObject({ version: "v1", start: from, end: to });
    expectSklearn(windows[0]!, c.expected);
    const hourly = await quality("spread", `from=${from}&to=${to}&window=1h`);
    const counts = (hourly.body.windows as Array<{ count: number }>).map((w) => w.count);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(c.samples.length);
    expect(counts.length).toBe(49);
  });

  it("late labels recompute the windows they belong to", async () => {
    const c = fixture.cases[1]!;
    const ts = (k: number) => HOUR + 86_400_000 * 3 + k * 1000;
    await send("late", c, ts, false);
    await runWorker();
    const before = await quality("late", `from=2026-11-23T10:00:00Z&to=2026-11-23T11:00:00Z&window=1h`);
    expect((before.body.windows as Array<Record<string, unknown>>)[0]).toMatchObject({
      count: c.samples.length,
      labeled: 0,
      accuracy: null,
    });
    await sendLabels("late", c, ts);
    await runWorker();
    const after = await quality("late", `from=2026-11-23T10:00:00Z&to=2026-11-23T11:00:00Z&window=1h`);
    expectSklearn((after.body.windows as Array<Record<string, unknown>>)[0]!, c.expected);
  });

  it("reads completed windows from rollups, not raw rows", async () => {
    const c = fixture.cases[1]!;
    const model = await database.db.model.findUniqueOrThrow({ where: { name: "late" } });
    await database.db.label.deleteMany({ where: { modelId: model.id } });
    await database.db.prediction.deleteMany({ where: { modelId: model.id } });
    const hourly = await quality("late", `from=2026-11-23T10:00:00Z&to=2026-11-23T11:00:00Z&window=1h`);
    expectSklearn((hourly.body.windows as Array<Record<string, unknown>>)[0]!, c.expected);
    const all = await quality("late", `from=2026-11-23T00:00:00Z&to=2026-11-24T00:00:00Z&window=all`);
    expectSklearn((all.body.windows as Array<Record<string, unknown>>)[0]!, c.expected);
  });

  it("writes vigil_model_* series", async () => {
    const rows = await database.db.series.findMany({
      where: { name: "vigil_model_accuracy" },
      include: { points: true },
    });
    const s = rows.find((r) => r.labels === JSON.stringify({ model: "case-1", version: "v1", window: "1h" }));
    expect(s?.points).toHaveLength(1);
    expect(Number(s!.points[0]!.ts)).toBe(HOUR);
    expect(s!.points[0]!.value).toBeCloseTo(fixture.cases[1]!.expected.accuracy as number, 12);
  });
});

describe("read API errors and listing", () => {
  it.each([
    ["unknown model", "nope", "", 404, /model "nope" not found/],
    ["unknown version", "case-1", "version=v9", 404, /has no version "v9"/],
    [
      "from after to",
      "case-1",
      "from=2026-11-21T00:00:00Z&to=2026-11-20T00:00:00Z",
      400,
      /from must be before to/,
    ],
    [
      "invalid ISO date",
      "case-1",
      "from=2026-13-45T99:00:00Z",
      400,
      /from "2026-13-45T99:00:00Z" is not an ISO-8601 date/,
    ],
    ["bad window", "case-1", "window=5m", 400, /window must be one of 1h, 1d, all/],
  ])("%s → clear 4xx", async (_name, model, query, status, message) => {
    const res = await quality(model as string, query as string);
    expect(res.status).toBe(status);
    expect(res.body.error).toMatch(message as RegExp);
  });

  it("lists models with versions, latest quality and health", async () => {
    const res = await call(listModels, { path: "/api/v1/models" });
    const models = res.body.models as Array<Record<string, unknown>>;
    const m = models.find((x) => x.name === "case-1")!;
    expect(m).toMatchObject({ task: "binary", taskSource: "set", health: "stale" });
    const versions = m.versions as Array<Record<string, unknown>>;
    expect(versions[0]!.name).toBe("v1");
    expect(versions[0]!.accuracy as number).toBeCloseTo(fixture.cases[1]!.expected.accuracy as number, 12);
    expect(m.volume as unknown[]).toHaveLength(24);
  });
});
