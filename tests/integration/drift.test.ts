// From HTTP ingest to the drift API: per-feature drift equals lib/drift's tests run on the same values (exact
// path), the sketch path agrees within its bound, settings override tests, and the worker writes the series.
import { beforeAll, describe, expect, it } from "vitest";
import { POST as postLabels } from "@/app/api/v1/labels/route";
import { GET as getConfig, PUT as putConfig } from "@/app/api/v1/models/[model]/drift/config/route";
import { GET as getDrift } from "@/app/api/v1/models/[model]/drift/route";
import { POST as postPredictions } from "@/app/api/v1/predictions/route";
import { GET as queryGet } from "@/app/api/v1/query/route";
import { resetEnvCache } from "@/lib/config/env";
import type { Database } from "@/lib/db/client";
import { runStatTest } from "@/lib/drift/stattests";
import { runUntilIdle } from "@/lib/jobs/runner";
import { mulberry32 } from "@/lib/simulator/random";
import { useTestDatabase } from "../helpers/database";
import { call } from "../helpers/http";

let database: Database;
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 9, 1);
const REF = { from: T0, to: T0 + 24 * HOUR };
const CUR = { from: T0 + 48 * HOUR, to: T0 + 72 * HOUR };
const MODEL = "drift-shop";

interface Row {
  id: string;
  ts: number;
  price: number | null;
  country: string;
  steady: number;
  label: number;
}

/** Reference: price ~ N(50, 10), country mostly DE; current: price shifted +8, more FR; steady unchanged. */
function generate(): Row[] {
  const rand = mulberry32(7);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const rows: Row[] = [];
  const add = (
    from: number,
    n: number,
    shift: number,
    frShare: number,
    missingShare: number,
    tag: string,
  ) => {
    for (let i = 0; i < n; i++) {
      rows.push({
        id: `${tag}-${i}`,
        ts: from + Math.floor((i / n) * 24 * HOUR),
        price: rand() < missingShare ? null : Math.round((50 + shift + 10 * normal()) * 100) / 100,
        country: rand() < frShare ? "FR" : rand() < 0.8 ? "DE" : "NL",
        steady: Math.round(rand() * 1000) / 10,
        label: rand() < 0.3 ? 1 : 0,
      });
    }
  };
  add(REF.from, 1500, 0, 0.1, 0.02, "ref");
  add(CUR.from, 1200, 8, 0.35, 0.2, "cur");
  return rows;
}
const rows = generate();

beforeAll(async () => {
  database = await useTestDatabase();
  for (let i = 0; i < rows.length; i += 1000) {
    const part = rows.slice(i, i + 1000);
    const predictions = part.map((r) => ({
      id: r.id,
      model: MODEL,
      version: "v1",
      timestamp: r.ts,
      features: { price: r.price, country: r.country, steady: r.steady },
      prediction: r.steady > 50 ? 1 : 0,
      score: r.steady / 100,
    }));
    const res = await call(postPredictions, { path: "/api/v1/predictions", body: { predictions } });
    expect(res.status).toBe(200);
    const labels = part.map((r) => ({ id: r.id, model: MODEL, label: r.label, timestamp: r.ts + 60_000 }));
    expect((await call(postLabels, { path: "/api/v1/labels", body: { labels } })).status).toBe(200);
  }
  await runUntilIdle(database, { owner: "test", leaseMs: 60_000 });
}, 60_000);

const driftPath = (extra = "") =>
  `/api/v1/models/${MODEL}/drift?referenceFrom=${REF.from}&referenceTo=${REF.to}&from=${CUR.from}&to=${CUR.to}${extra}`;

type Column = Record<string, unknown> & { name: string };
async function drift(extra = "") {
  const res = await call(getDrift, { path: driftPath(extra), params: { model: MODEL } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as Record<string, unknown> & { features: Column[] };
}

const values = (part: Row[], pick: (r: Row) => number | null) =>
  Float64Array.from(part.map(pick).filter((v): v is number => v !== null));
const refRows = rows.filter((r) => r.ts < REF.to);
const curRows = rows.filter((r) => r.ts >= CUR.from);

describe("drift API", () => {
  it("tests every feature exactly on raw values, with Evidently's default choice for n > 1000", async () => {
    const body = await drift();
    expect(body).toMatchObject({
      method: "exact",
      reference: { source: "query", rows: 1500 },
      current: { rows: 1200 },
    });
    const price = body.features.find((f) => f.name === "price")!;
    const expected = runStatTest(
      "wasserstein",
      "numerical",
      { values: values(refRows, (r) => r.price) },
      { values: values(curRows, (r) => r.price) },
    );
    expect(price).toMatchObject({
      type: "numerical",
      stattest: "wasserstein",
      drifted: true,
      method: "exact",
    });
    expect(price.statistic).toBe(expected.statistic);
    expect(price.missingShare).toBeCloseTo(curRows.filter((r) => r.price === null).length / 1200, 12);
    expect(price.missingDrifted).toBe(true);
    const country = body.features.find((f) => f.name === "country")!;
    expect(country).toMatchObject({ type: "categorical", stattest: "jensenshannon", drifted: true });
    const steady = body.features.find((f) => f.name === "steady")!;
    expect(steady).toMatchObject({ stattest: "wasserstein", drifted: false, missingShare: 0 });
    expect(body).toMatchObject({ driftShare: 2 / 3, datasetDrift: true });
    expect(body.prediction).toMatchObject({ type: "numerical" });
    expect(body.label).toMatchObject({ currentCount: 1200 });
  });

  it("from sketches when the rows exceed VIGIL_DRIFT_EXACT_ROWS, with the same verdicts", async () => {
    const exact = await drift();
    process.env.VIGIL_DRIFT_EXACT_ROWS = "100";
    resetEnvCache();
    try {
      const sketch = await drift();
      expect(sketch.method).toBe("sketch");
      expect(typeof sketch.relativeAccuracy).toBe("number");
      for (const f of sketch.features) {
        const e = exact.features.find((x) => x.name === f.name)!;
        expect(f.drifted, f.name).toBe(e.drifted);
        expect(f.missingShare, f.name).toBe(e.missingShare);
      }
    } finally {
      delete process.env.VIGIL_DRIFT_EXACT_ROWS;
      resetEnvCache();
    }
  });

  it("honours ?stattest= and the model's per-feature settings", async () => {
    const psi = await drift("&stattest=psi");
    expect(psi.features.every((f) => f.stattest === "psi")).toBe(true);
    const put = await call(putConfig, {
      method: "PUT",
      path: `/api/v1/models/${MODEL}/drift/config`,
      params: { model: MODEL },
      body: { columns: { steady: { stattest: "ks", threshold: 0.01 }, country: { type: "categorical" } } },
    });
    expect(put.status).toBe(200);
    const body = await drift();
    expect(body.features.find((f) => f.name === "steady")).toMatchObject({ stattest: "ks", threshold: 0.01 });
    const got = await call(getConfig, {
      path: `/api/v1/models/${MODEL}/drift/config`,
      params: { model: MODEL },
    });
    expect(got.body).toEqual({
      config: { columns: { steady: { stattest: "ks", threshold: 0.01 }, country: { type: "categorical" } } },
    });
  });

  it("refuses bad input with the field named", async () => {
    const bad = await call(getDrift, { path: `${driftPath()}&stattest=magic`, params: { model: MODEL } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/stattest must be one of ks, chisquare/);
    const half = await call(getDrift, {
      path: `/api/v1/models/${MODEL}/drift?referenceFrom=${REF.from}`,
      params: { model: MODEL },
    });
    expect(half.status).toBe(400);
    expect(half.body.error).toMatch(/referenceFrom and referenceTo go together/);
    const unknown = await call(getDrift, { path: "/api/v1/models/nope/drift", params: { model: "nope" } });
    expect(unknown.status).toBe(404);
    const config = await call(putConfig, {
      method: "PUT",
      path: `/api/v1/models/${MODEL}/drift/config`,
      params: { model: MODEL },
      body: { columns: { price: { threshold: -1 } } },
    });
    expect(config.status).toBe(400);
    expect(config.body.error).toMatch(/threshold must be > 0/);
  });

  it("writes drift series per hour against the pinned reference", async () => {
    const put = await call(putConfig, {
      method: "PUT",
      path: `/api/v1/models/${MODEL}/drift/config`,
      params: { model: MODEL },
      body: { reference: { from: new Date(REF.from).toISOString(), to: new Date(REF.to).toISOString() } },
    });
    expect(put.status).toBe(200);
    await runUntilIdle(database, { owner: "test", leaseMs: 60_000 });
    const at = (CUR.from + 12 * HOUR) / 1000;
    const q = async (query: string) => {
      const res = await call(queryGet, {
        path: `/api/v1/query?query=${encodeURIComponent(query)}&time=${at}`,
      });
      return (res.body.data as { result: Array<{ metric: Record<string, string>; value: [number, string] }> })
        .result;
    };
    const price = await q(`last_over_time(vigil_feature_drift{model="${MODEL}",feature="price"}[1h])`);
    expect(price).toHaveLength(1);
    expect(price[0]!.metric).toMatchObject({ version: "v1", stattest: "wasserstein" });
    expect(Number(price[0]!.value[1])).toBeGreaterThan(0.1);
    const share = await q(`last_over_time(vigil_dataset_drift_share{model="${MODEL}"}[1h])`);
    expect(Number(share[0]!.value[1])).toBeGreaterThanOrEqual(0.5);
    const missing = await q(
      `last_over_time(vigil_feature_missing_share{model="${MODEL}",feature="price"}[1h])`,
    );
    expect(Number(missing[0]!.value[1])).toBeGreaterThan(0.05);
    // Windows inside the reference are not tested against it.
    const inside = await call(queryGet, {
      path: `/api/v1/query?query=${encodeURIComponent(`vigil_dataset_drift_share{model="${MODEL}"}`)}&time=${(REF.from + 2 * HOUR) / 1000}`,
    });
    expect((inside.body.data as { result: unknown[] }).result).toEqual([]);
  });
});

describe("drift settings that do not fit a column", () => {
  it("a model-wide test for the wrong type gives way to each column's default (no 500)", async () => {
    const put = await call(putConfig, {
      method: "PUT",
      path: `/api/v1/models/${MODEL}/drift/config`,
      params: { model: MODEL },
      body: { stattest: "ks" },
    });
    expect(put.status).toBe(200);
    const body = await drift();
    expect(body.features.find((f) => f.name === "price")).toMatchObject({ stattest: "ks" });
    expect(body.features.find((f) => f.name === "country")).toMatchObject({ stattest: "jensenshannon" });
    const viaQuery = await drift("&stattest=tvd");
    expect(viaQuery.features.find((f) => f.name === "country")).toMatchObject({ stattest: "tvd" });
    expect(viaQuery.features.find((f) => f.name === "price")).toMatchObject({ stattest: "wasserstein" });
  });

  it("refuses a column test that cannot take the column's type, and an unknown reference dataset", async () => {
    const bad = await call(putConfig, {
      method: "PUT",
      path: `/api/v1/models/${MODEL}/drift/config`,
      params: { model: MODEL },
      body: { columns: { country: { type: "categorical", stattest: "ks" } } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/stattest ks does not apply to categorical columns/);
    const profile = await call(putConfig, {
      method: "PUT",
      path: `/api/v1/models/${MODEL}/drift/config`,
      params: { model: MODEL },
      body: { reference: { profile: "nope" } },
    });
    expect(profile.status).toBe(400);
    expect(profile.body.error).toMatch(/reference.profile: .*no ready reference dataset "nope"/);
  });
});
