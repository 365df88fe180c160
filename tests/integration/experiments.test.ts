// Experiments through the real routes and worker code on both databases: validation (each bad field named),
// create / patch / delete, assignment, and results on seeded rows whose expected numbers are computed here by
// hand and then with the statistics functions — type inference, quality on labeled rows only, guardrails,
// CUPED, SRM, Holm, series written and the job re-marking itself.
import { beforeAll, describe, expect, it } from "vitest";
import { POST as postEvents } from "@/app/api/v1/events/route";
import { GET as getAssign } from "@/app/api/v1/experiments/[key]/assign/route";
import { GET as getResults } from "@/app/api/v1/experiments/[key]/results/route";
import { DELETE as deleteExp, GET as getExp, PATCH as patchExp } from "@/app/api/v1/experiments/[key]/route";
import { POST as createExp, GET as listExp } from "@/app/api/v1/experiments/route";
import { POST as postLabels } from "@/app/api/v1/labels/route";
import { POST as postPredictions } from "@/app/api/v1/predictions/route";
import type { Database } from "@/lib/db/client";
import type { ExperimentResults } from "@/lib/experiments/schemas";
import {
  bayesRates,
  compareMeans,
  compareRates,
  cupedAdjust,
  holmAdjust,
  srmTest,
} from "@/lib/experiments/stats";
import { runUntilIdle } from "@/lib/jobs/runner";
import { percentile } from "@/lib/rollups/samples";
import { useTestDatabase } from "../helpers/database";
import { call } from "../helpers/http";
import { type Seeded, seedShop } from "./experiments-fixture";

let database: Database;
const DAY = 86_400_000;
const START = Math.floor(Date.now() / DAY) * DAY - 3 * DAY;
let seeded: Seeded;

async function send(s: Seeded) {
  for (const [handler, field, rows] of [
    [postPredictions, "predictions", s.predictions],
    [postLabels, "labels", s.labels],
    [postEvents, "events", s.events],
  ] as const) {
    const res = await call(handler, { path: `/api/v1/${field}`, body: { [field]: rows } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
}

const create = (body: unknown) => call(createExp, { path: "/api/v1/experiments", body });
const results = async (key: string, refresh = false) => {
  const res = await call(getResults, {
    path: `/api/v1/experiments/${key}/results${refresh ? "?refresh=true" : ""}`,
    params: { key },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as unknown as ExperimentResults;
};
const valid = {
  key: "checkout",
  model: "shop",
  variants: [
    { key: "control", version: "v1", weight: 0.5 },
    { key: "treatment", version: "v2", weight: 0.5 },
  ],
  metrics: [
    { key: "conversion", event: "purchase", type: "binary" },
    "revenue",
    "click",
    "accuracy",
    "f1",
    "log_loss",
  ],
  guardrails: ["latency_p95", "error_rate"],
  startAt: new Date(START).toISOString(),
};

beforeAll(async () => {
  database = await useTestDatabase();
  seeded = seedShop("shop", START, [400, 430]);
  await send(seeded);
  // revenue is an event name here: the auto type must find non-0/1 values (purchase amounts).
  for (const e of seeded.events) if (e.name === "purchase") e.name = "purchase";
  const revenueEvents = seeded.events
    .filter((e) => e.name === "purchase")
    .map((e) => ({ ...e, id: `${e.id}-r`, name: "revenue" }));
  const res = await call(postEvents, { path: "/api/v1/events", body: { events: revenueEvents } });
  expect(res.status).toBe(200);
});

describe("POST /api/v1/experiments validation", () => {
  it.each([
    [{ key: "bad key!" }, "key"],
    [{ model: "" }, "model"],
    [{ variants: [{ key: "a", version: "v1", weight: 1 }] }, "at least two variants"],
    [
      {
        variants: [
          { key: "a", version: "v1", weight: 0 },
          { key: "b", version: "v2", weight: 1 },
        ],
      },
      "weight",
    ],
    [
      {
        variants: [
          { key: "a", version: "v1", weight: 0.5 },
          { key: "b", version: "v2", weight: 0.4 },
        ],
      },
      "weights must sum to 1",
    ],
    [
      {
        variants: [
          { key: "a", version: "v1", weight: 0.5 },
          { key: "a", version: "v2", weight: 0.5 },
        ],
      },
      "variant keys must be unique",
    ],
    [{ metrics: [] }, "metric"],
    [{ metrics: [{ key: "x", type: "median" }] }, "metrics.0: metric must be"],
    [{ metrics: ["click", "click"] }, 'metric key "click" appears twice'],
    [{ guardrails: ["cpu"] }, "guardrail"],
    [{ startAt: "yesterday-ish" }, "startAt"],
    [{ endAt: new Date(START - DAY).toISOString() }, "endAt must be after startAt"],
    [{ alpha: 0.7 }, "alpha"],
    [{ colour: "blue" }, "colour"],
  ])("%j → 400 naming %s", async (patch, named) => {
    const res = await create({ ...valid, key: "v-check", ...patch });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(String(res.body.error)).toContain(named);
  });

  it("404 for an unknown model, 415/400 for a body that is not JSON", async () => {
    expect((await create({ ...valid, key: "nomodel", model: "nope" })).status).toBe(404);
    const raw = await call(createExp, { path: "/api/v1/experiments", rawBody: "{", headers: {} });
    expect(raw.status).toBe(400);
    const text = await call(createExp, {
      path: "/api/v1/experiments",
      rawBody: "x",
      headers: { "content-type": "text/plain" },
    });
    expect(text.status).toBe(415);
  });
});

describe("experiment lifecycle", () => {
  it("creates (201), refuses a duplicate key (409), lists, reads, marks the job", async () => {
    const res = await create(valid);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const exp = res.body.experiment as Record<string, unknown>;
    expect(exp.status).toBe("running");
    expect(exp.metrics).toEqual([
      { key: "conversion", source: "event", event: "purchase", type: "binary", inverse: false },
      { key: "revenue", source: "event", event: "revenue", type: "auto", inverse: false },
      { key: "click", source: "event", event: "click", type: "auto", inverse: false },
      { key: "accuracy", source: "quality", event: null, type: "auto", inverse: false },
      { key: "f1", source: "quality", event: null, type: "auto", inverse: false },
      { key: "log_loss", source: "quality", event: null, type: "auto", inverse: true },
    ]);
    expect((await create(valid)).status).toBe(409);
    const job = await database.db.job.findFirst({ where: { kind: "experiment-results" } });
    expect(job?.notBefore.getTime()).toBeLessThanOrEqual(Date.now());
    const list = await call(listExp, { path: "/api/v1/experiments?model=shop" });
    expect((list.body.experiments as unknown[]).length).toBe(1);
    expect((await call(listExp, { path: "/api/v1/experiments?model=nope" })).status).toBe(404);
    const one = await call(getExp, { path: "/api/v1/experiments/checkout", params: { key: "checkout" } });
    expect((one.body.experiment as { key: string }).key).toBe("checkout");
    expect((await call(getExp, { path: "/api/v1/experiments/none", params: { key: "none" } })).status).toBe(
      404,
    );
  });

  it("assigns deterministically; 400 without a unit", async () => {
    const a = await call(getAssign, {
      path: "/api/v1/experiments/checkout/assign?unit=alice",
      params: { key: "checkout" },
    });
    expect(a.status).toBe(200);
    const again = await call(getAssign, {
      path: "/api/v1/experiments/checkout/assign?unit=alice",
      params: { key: "checkout" },
    });
    expect(again.body).toEqual(a.body);
    expect(["control", "treatment"]).toContain(a.body.variant);
    const missing = await call(getAssign, {
      path: "/api/v1/experiments/checkout/assign",
      params: { key: "checkout" },
    });
    expect(missing.status).toBe(400);
    expect(String(missing.body.error)).toContain("unit");
  });

  it("computes the results on the seeded rows: counts, inference, quality, guardrails, comparisons", async () => {
    const r = await results("checkout", true);
    const [c, t] = seeded.units as [Seeded["units"][0], Seeded["units"][0]];
    expect(r.variants.map((v) => v.n)).toEqual([c.length, t.length]);
    expect(r.unassigned).toBe(seeded.unassigned);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    // conversion: binary (fixed), share of units with ≥ 1 purchase event.
    const conv = r.variants[0]!.metrics.conversion!;
    expect(conv.type).toBe("binary");
    expect(conv.rate).toBeCloseTo(sum(c.map((u) => u.purchase)) / c.length, 12);
    // click: every value is 1 → binary; revenue: amounts → mean per unit (0 without an event).
    expect(r.variants[1]!.metrics.click!.type).toBe("binary");
    expect(r.variants[1]!.metrics.click!.value).toBeCloseTo(sum(t.map((u) => u.click)) / t.length, 12);
    expect(r.variants[0]!.metrics.revenue!.type).toBe("mean");
    expect(r.variants[0]!.metrics.revenue!.mean).toBeCloseTo(sum(c.map((u) => u.revenue)) / c.length, 9);
    // Quality on labeled units only.
    const labeled = c.filter((u) => u.label !== null);
    expect(r.variants[0]!.metrics.accuracy!.n).toBe(labeled.length);
    expect(r.variants[0]!.metrics.accuracy!.value).toBeCloseTo(
      labeled.filter((u) => u.prediction === u.label).length / labeled.length,
      12,
    );
    const tp = labeled.filter((u) => u.prediction === 1 && u.label === 1).length;
    const fp = labeled.filter((u) => u.prediction === 1 && u.label === 0).length;
    const fn = labeled.filter((u) => u.prediction === 0 && u.label === 1).length;
    expect(r.variants[0]!.metrics.f1!.value).toBeCloseTo((2 * tp) / (2 * tp + fp + fn), 12);
    const losses = labeled.map((u) => -Math.log(u.label === 1 ? u.score : 1 - u.score));
    expect(r.variants[0]!.metrics.log_loss!.mean).toBeCloseTo(sum(losses) / losses.length, 12);

    // The conversion comparison equals the statistics functions on the hand-made counts.
    const bin = (us: typeof c, f: (u: (typeof c)[0]) => number) => ({
      n: us.length,
      successes: sum(us.map(f)),
    });
    const expected = compareRates(
      bin(c, (u) => u.purchase),
      bin(t, (u) => u.purchase),
      0.05,
    );
    const cmp = r.comparisons.find((x) => x.metric === "conversion")!;
    expect(cmp.variant).toBe("treatment");
    expect(cmp.lift).toBeCloseTo(expected.lift, 12);
    expect(cmp.pValue).toBeCloseTo(expected.pValue, 12);
    expect(cmp.ci![0]).toBeCloseTo(expected.liftCi[0], 12);
    const bayes = bayesRates(
      bin(c, (u) => u.purchase),
      bin(t, (u) => u.purchase),
      { inverse: false, level: 0.95 },
    );
    expect(cmp.chanceToBeatControl).toBeCloseTo(bayes.chanceToBeatControl, 12);
    const rev = (us: typeof c) => ({
      n: us.length,
      sum: sum(us.map((u) => u.revenue)),
      sumSquares: sum(us.map((u) => u.revenue ** 2)),
    });
    expect(r.comparisons.find((x) => x.metric === "revenue")!.pValue).toBeCloseTo(
      compareMeans(rev(c), rev(t)).pValue,
      9,
    );
    // Holm across every tested comparison (f1 has no test).
    const f1 = r.comparisons.find((x) => x.metric === "f1")!;
    expect(f1.pValue).toBeNull();
    expect(f1.lift).not.toBeNull();
    const tested = r.comparisons.filter((x) => x.pValue !== null);
    expect(tested.length).toBe(5);
    expect(tested.map((x) => x.adjustedPValue)).toEqual(
      holmAdjust(tested.map((x) => x.pValue!)).map((p) => expect.closeTo(p, 12)),
    );
    expect(r.comparisons.find((x) => x.metric === "log_loss")!.inverse).toBe(true);

    // Guardrails: p95 latency (treatment is ~5 ms slower: > 10%) and the error rate.
    const latency = r.guardrails.find((g) => g.guardrail === "latency_p95")!;
    expect(latency.controlValue).toBeCloseTo(
      percentile(
        c.map((u) => u.latency),
        0.95,
      )!,
      9,
    );
    expect(latency.value).toBeCloseTo(
      percentile(
        t.map((u) => u.latency),
        0.95,
      )!,
      9,
    );
    expect(latency.regressed).toBe(true);
    const errors = r.guardrails.find((g) => g.guardrail === "error_rate")!;
    expect(errors.value).toBeCloseTo(sum(t.map((u) => u.error)) / t.length, 12);
    expect(r.decision).toContain("guardrail regressed: latency p95 of treatment");

    // SRM against 50/50: 400 vs 430 is fine.
    const srm = srmTest([c.length, t.length], [0.5, 0.5]);
    expect(r.srm.pValue).toBeCloseTo(srm.pValue, 12);
    expect(r.srm.flagged).toBe(false);
    // Timeline: one cumulative point per UTC day, the last one holding every unit.
    const last = r.timeline[r.timeline.length - 1]!;
    expect(last.variants.control!.n).toBe(c.length);
    expect(r.timeline.length).toBe(3);
    expect(r.power?.metric).toBe("conversion");
  });

  it("applies CUPED with the covariate (missing values take the pooled mean)", async () => {
    expect(
      (
        await create({
          ...valid,
          key: "checkout-cuped",
          metrics: ["revenue"],
          guardrails: [],
          covariate: "visits",
        })
      ).status,
    ).toBe(201);
    const r = await results("checkout-cuped");
    const all = [...seeded.units[0]!, ...seeded.units[1]!];
    const withX = all.filter((u) => u.visits !== null);
    const pooled = withX.reduce((a, u) => a + u.visits!, 0) / withX.length;
    const summary = (us: typeof all) => {
      const s = { n: us.length, sumY: 0, sumY2: 0, sumX: 0, sumX2: 0, sumXY: 0 };
      for (const u of us) {
        const x = u.visits ?? pooled;
        s.sumY += u.revenue;
        s.sumY2 += u.revenue ** 2;
        s.sumX += x;
        s.sumX2 += x * x;
        s.sumXY += x * u.revenue;
      }
      return s;
    };
    const adjusted = cupedAdjust(summary(seeded.units[0]!), summary(seeded.units[1]!));
    const cmp = r.comparisons[0]!;
    expect(cmp.cuped!.theta).toBeCloseTo(adjusted.theta, 9);
    expect(cmp.cuped!.varianceReduction).toBeCloseTo(adjusted.varianceReduction, 9);
    expect(cmp.cuped!.varianceReduction).toBeGreaterThan(0.05);
    expect(cmp.pValue).toBeCloseTo(compareMeans(adjusted.control, adjusted.treatment).pValue, 9);
  });

  it("the job writes snapshot and series, re-marks itself while running; stop recomputes once", async () => {
    const before = Date.now();
    await runUntilIdle(database, { owner: "t", leaseMs: 60_000 });
    const exp = await database.db.experiment.findUnique({ where: { key: "checkout" } });
    const job = await database.db.job.findUnique({ where: { key: `experiment-results:${exp!.id}` } });
    expect(job!.notBefore.getTime()).toBeGreaterThanOrEqual(before + 299_000);
    const snapshot = await database.db.experimentSnapshot.findUnique({ where: { experimentId: exp!.id } });
    expect(snapshot).not.toBeNull();
    const series = await database.db.series.findMany({
      where: { name: { startsWith: "vigil_experiment_" } },
    });
    const names = new Set(series.map((s) => s.name));
    for (const n of [
      "units",
      "metric",
      "lift",
      "p_value",
      "chance_to_beat_control",
      "srm_p_value",
      "srm_flagged",
    ])
      expect(names, n).toContain(`vigil_experiment_${n}`);
    const lift = series.find(
      (s) =>
        s.name === "vigil_experiment_lift" &&
        s.labels.includes('"metric":"conversion"') &&
        s.labels.includes('"experiment":"checkout"'),
    );
    expect(lift).toBeDefined();

    // Fixed fields are refused by name; stop ends it now and the worker recomputes without re-marking.
    const fixed = await call(patchExp, {
      method: "PATCH",
      path: "/api/v1/experiments/checkout",
      params: { key: "checkout" },
      body: { variants: [] },
    });
    expect(fixed.status).toBe(400);
    expect(String(fixed.body.error)).toContain("cannot change after creation");
    const bad = await call(patchExp, {
      method: "PATCH",
      path: "/api/v1/experiments/checkout",
      params: { key: "checkout" },
      body: { status: "paused" },
    });
    expect(bad.status).toBe(400);
    expect(String(bad.body.error)).toContain("status");
    const stop = await call(patchExp, {
      method: "PATCH",
      path: "/api/v1/experiments/checkout",
      params: { key: "checkout" },
      body: { status: "stopped" },
    });
    expect(stop.status).toBe(200);
    const stopped = stop.body.experiment as { status: string; endAt: string };
    expect(stopped.status).toBe("stopped");
    expect(Date.parse(stopped.endAt)).toBeGreaterThanOrEqual(before);
    await runUntilIdle(database, { owner: "t", leaseMs: 60_000 });
    expect(await database.db.job.findUnique({ where: { key: `experiment-results:${exp!.id}` } })).toBeNull();
    const final = await results("checkout");
    expect(final.experiment.status).toBe("stopped");
    expect(final.decision).not.toContain("keep running");
    const resume = await call(patchExp, {
      method: "PATCH",
      path: "/api/v1/experiments/checkout",
      params: { key: "checkout" },
      body: { status: "running" },
    });
    expect((resume.body.experiment as { endAt: string | null }).endAt).toBeNull();
  });

  it("flags a sample ratio mismatch", async () => {
    const skewed = seedShop("skewed", START, [300, 200]);
    await send(skewed);
    expect((await create({ ...valid, key: "skewed", model: "skewed", metrics: ["click"] })).status).toBe(201);
    const r = await results("skewed");
    expect(r.srm.observed).toEqual([300, 200]);
    expect(r.srm.pValue).toBeCloseTo(srmTest([300, 200], [0.5, 0.5]).pValue, 12);
    expect(r.srm.pValue!).toBeLessThan(0.001);
    expect(r.srm.flagged).toBe(true);
    expect(r.decision).toMatch(/^Sample ratio mismatch \(p = /);
  });

  it("reports no data before any unit, rejects a bad refresh, deletes", async () => {
    const future = { ...valid, key: "empty", startAt: new Date(Date.now() - 1000).toISOString() };
    expect((await create(future)).status).toBe(201);
    const r = await results("empty");
    expect(r.variants.map((v) => v.n)).toEqual([0, 0]);
    expect(r.decision).toMatch(/^No data yet/);
    expect(r.srm.pValue).toBeNull();
    const bad = await call(getResults, {
      path: "/api/v1/experiments/empty/results?refresh=maybe",
      params: { key: "empty" },
    });
    expect(bad.status).toBe(400);
    const del = await call(deleteExp, {
      method: "DELETE",
      path: "/api/v1/experiments/empty",
      params: { key: "empty" },
    });
    expect(del.status).toBe(204);
    expect(
      (
        await call(deleteExp, {
          method: "DELETE",
          path: "/api/v1/experiments/empty",
          params: { key: "empty" },
        })
      ).status,
    ).toBe(404);
    expect(
      (await call(getResults, { path: "/api/v1/experiments/empty/results", params: { key: "empty" } }))
        .status,
    ).toBe(404);
  });
});
