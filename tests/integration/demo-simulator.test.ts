// The demo simulator end to end without a server: its sender (with the real retry policy) posts to the
// route handlers, the worker drains, and GET /api/v1/models shows the three scenario models.
import { beforeAll, describe, expect, it } from "vitest";
import { POST as postEvents } from "@/app/api/v1/events/route";
import { GET as experimentResults } from "@/app/api/v1/experiments/[key]/results/route";
import { POST as createExperiment } from "@/app/api/v1/experiments/route";
import { POST as postLabels } from "@/app/api/v1/labels/route";
import { GET as listModels } from "@/app/api/v1/models/route";
import { POST as postPredictions } from "@/app/api/v1/predictions/route";
import type { Database } from "@/lib/db/client";
import type { ExperimentResults } from "@/lib/experiments/schemas";
import { runUntilIdle } from "@/lib/jobs/runner";
import type { ModelOverview } from "@/lib/registry/overview";
import { createSender, type Transport } from "@/lib/simulator/client";
import { DEMO_EXPERIMENT_KEY, demoExperiment } from "@/lib/simulator/experiment";
import { Simulation } from "@/lib/simulator/runner";
import { DAY_MS, demoScenario, HOUR_MS } from "@/lib/simulator/scenario";
import { useTestDatabase } from "../helpers/database";
import { call } from "../helpers/http";

const routes = {
  "/api/v1/predictions": postPredictions,
  "/api/v1/labels": postLabels,
  "/api/v1/events": postEvents,
} as const;

const transport: Transport = (path, body) => {
  const handler = routes[path as keyof typeof routes];
  if (!handler) throw new Error(`no route for ${path}`);
  return call(handler, { path, body });
};

let database: Database;
beforeAll(async () => {
  database = await useTestDatabase();
});

describe("demo simulator against the API", () => {
  it("sends 6 hours of the scenario and the models appear with sensible quality", async () => {
    // All six hours must fall in one UTC day (the overview reports the latest daily window) and within the
    // last 24 hours of the real clock (the overview's label coverage): end at the last full hour when it is
    // 06:00 UTC or later, else at yesterday's 18:00.
    const real = Date.now();
    const hourStart = Math.floor(real / HOUR_MS) * HOUR_MS;
    const now =
      hourStart % DAY_MS >= 6 * HOUR_MS ? hourStart : Math.floor(real / DAY_MS) * DAY_MS - 6 * HOUR_MS;
    // Six hours of history at half the demo's rate: a few thousand predictions.
    const scenario = demoScenario({ nowMs: now, days: 0.25, rateScale: 0.5 });
    const sim = new Simulation(scenario, 42, createSender(transport, { attempts: 1 }));
    const sent = await sim.backfill(now);
    expect(sent.predictions).toBeGreaterThan(2000);
    expect(sent.labels).toBeGreaterThan(0.7 * sent.predictions);
    expect(sent.events).toBeGreaterThan(0);
    // Labels due after "now" are held back for live mode, not sent with future timestamps.
    expect(sim.pendingCount()).toBeGreaterThan(0);

    // Resending the same history is idempotent: everything comes back as duplicates.
    const replay = new Simulation(scenario, 42, async (path, body) => {
      const r = await createSender(transport)(path, body);
      expect(r.accepted).toBe(0);
      return r;
    });
    await replay.advance(scenario.originMs + HOUR_MS);

    await runUntilIdle(database, { owner: "t", leaseMs: 30_000 });
    const res = await call(listModels, { path: "/api/v1/models" });
    expect(res.status).toBe(200);
    const models = res.body.models as ModelOverview[];
    const byName = new Map(models.map((m) => [m.name, m]));
    expect([...byName.keys()].sort()).toEqual(["basket-size", "category-router", "recommender"]);

    const rec = byName.get("recommender")!;
    expect(rec.task).toBe("binary");
    expect(rec.versions.map((v) => v.name)).toEqual(["v1", "v2"]);
    for (const v of rec.versions) {
      expect(v.accuracy).toBeGreaterThan(0.6);
      expect(v.accuracy).toBeLessThan(0.9);
      expect(v.rocAuc).toBeGreaterThan(0.7);
    }
    expect(rec.labelCoverage).toBeGreaterThan(0.6);

    const router = byName.get("category-router")!;
    expect(router.task).toBe("multiclass");
    expect(router.versions[0]!.accuracy).toBeGreaterThan(0.5);

    const basket = byName.get("basket-size")!;
    expect(basket.task).toBe("regression");
    expect(basket.versions[0]!.mae).toBeGreaterThan(5);
    expect(basket.versions[0]!.mae).toBeLessThan(60);

    // The demo's experiment on the recommender's A/B split: both arms filled, the split healthy.
    const created = await call(createExperiment, {
      path: "/api/v1/experiments",
      body: demoExperiment(scenario),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const key = DEMO_EXPERIMENT_KEY;
    const res2 = await call(experimentResults, {
      path: `/api/v1/experiments/${key}/results`,
      params: { key },
    });
    expect(res2.status).toBe(200);
    const results = res2.body as unknown as ExperimentResults;
    expect(results.variants.map((v) => v.key)).toEqual(["A", "B"]);
    expect(results.variants[0]!.n + results.variants[1]!.n).toBeGreaterThan(1000);
    expect(results.unassigned).toBe(0);
    expect(results.variants[1]!.n / (results.variants[0]!.n + results.variants[1]!.n)).toBeCloseTo(0.3, 1);
    expect(results.srm.flagged).toBe(false);
    expect(results.variants[0]!.metrics.click!.type).toBe("binary");
    expect(results.variants[0]!.metrics.revenue!.mean).toBeGreaterThan(0);
    expect(results.comparisons.map((c) => c.metric)).toEqual([
      "conversion",
      "revenue",
      "click",
      "accuracy",
      "log_loss",
    ]);
    expect(results.decision.length).toBeGreaterThan(20);
  });
});
