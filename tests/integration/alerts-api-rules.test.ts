// The rule-group API on a real database: create/read/replace/pause/delete, every validation problem named,
// 404s, a read key cannot write, POST /alert-rules, import (merge/replace, all or nothing, line numbers),
// export read back by parseRuleFile and accepted by promtool, templates rendered and evaluated over seeded
// series until they fire.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as render } from "@/app/api/v1/alert-rule-templates/[id]/render/route";
import { GET as listTemplatesRoute } from "@/app/api/v1/alert-rule-templates/route";
import { POST as preview } from "@/app/api/v1/alert-rules/preview/route";
import { POST as postAlertRule } from "@/app/api/v1/alert-rules/route";
import {
  DELETE as del,
  GET as getOne,
  PATCH as patch,
  PUT as put,
} from "@/app/api/v1/rule-groups/[id]/route";
import { GET as exportRoute } from "@/app/api/v1/rule-groups/export/route";
import { POST as importRoute } from "@/app/api/v1/rule-groups/import/route";
import { POST as create, GET as list } from "@/app/api/v1/rule-groups/route";
import { emptyRuleState, evaluateGroup } from "@/lib/alerts/group-eval";
import { localQuery } from "@/lib/alerts/query-local";
import { type ConfigProblem, checkGroup } from "@/lib/alerts/rule-config";
import { parseRuleFile } from "@/lib/alerts/rule-file";
import { renderTemplate } from "@/lib/alerts/rule-templates";
import { createApiKey } from "@/lib/auth/api-keys";
import type { Database } from "@/lib/db/client";
import { storeSource } from "@/lib/series/promql-source";
import { pointStatements } from "@/lib/series/store";
import { TEST_API_KEY, useTestDatabase } from "../helpers/database";
import { call } from "../helpers/http";

let database: Database;
let readKey = "";
let dir = "";
const PROMTOOL = "/usr/bin/promtool";

beforeAll(async () => {
  database = await useTestDatabase();
  readKey = (await createApiKey(database.db, { name: "reader", scope: "read" })).key;
  dir = mkdtempSync(join(tmpdir(), "vigil-api-rules-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const group = (over: Record<string, unknown> = {}) => ({
  name: "quality",
  interval: "2m",
  rules: [
    { record: "model:accuracy:last", expr: 'last_over_time(vigil_model_accuracy{window="1h"}[2h])' },
    {
      alert: "AccuracyLow",
      expr: "model:accuracy:last < 0.8",
      for: "10m",
      labels: { severity: "warning" },
      annotations: { summary: "{{ $labels.model }} at {{ $value | humanizePercentage }}" },
      no_data: "alerting",
    },
  ],
  ...over,
});

const jobFor = (id: number) => database.db.job.findUnique({ where: { key: `alert-eval:${id}` } });

describe("rule groups", () => {
  let id = 0;

  it("creates a group, schedules its evaluation and reads it back with rule status", async () => {
    const res = await call(create, { path: "/api/v1/rule-groups", body: group() });
    expect(res.status).toBe(201);
    const g = res.body.group as Record<string, unknown> & {
      id: number;
      rules: Array<Record<string, unknown>>;
    };
    id = g.id;
    expect(g).toMatchObject({
      name: "quality",
      interval: "2m",
      intervalMs: 120_000,
      datasource: null,
      paused: false,
      version: 1,
    });
    expect(g.rules[1]).toMatchObject({
      kind: "alert",
      name: "AccuracyLow",
      alert: "AccuracyLow",
      for: "10m",
      keep_firing_for: "0s",
      no_data: "alerting",
      on_error: "keep_last",
      status: { lastEvalAt: null, health: "unknown", pending: 0, firing: 0 },
    });
    expect(await jobFor(id)).not.toBeNull();
    const one = await call(getOne, { path: `/api/v1/rule-groups/${id}`, params: { id: String(id) } });
    expect(one.body.group).toEqual(g);
    const all = await call(list, { path: "/api/v1/rule-groups", key: readKey });
    expect((all.body.groups as unknown[]).length).toBe(1);
  });

  it("shows the engine's last evaluation, error and alert counts per rule", async () => {
    const alert = (state: string, n: number) => ({
      labels: { alertname: "AccuracyLow", model: state + n },
      annotations: {},
      state,
      value: 0.7,
      activeAt: 1,
      firedAt: null,
      resolvedAt: null,
      keepFiringSince: null,
    });
    await database.db.alertRuleState.create({
      data: {
        groupId: id,
        rule: "AccuracyLow",
        state: JSON.stringify({
          alerts: { a: alert("firing", 1), b: alert("pending", 2), c: alert("firing", 3) },
          written: {},
        }),
        lastEvalAt: new Date(1_700_000_000_000),
        lastDurationMs: 3.5,
        lastError: "boom",
      },
    });
    const one = await call(getOne, { path: `/api/v1/rule-groups/${id}`, params: { id: String(id) } });
    const rules = (one.body.group as { rules: Array<{ status: unknown }> }).rules;
    expect(rules[1]!.status).toEqual({
      lastEvalAt: "2023-11-14T22:13:20.000Z",
      lastDurationMs: 3.5,
      lastError: "boom",
      health: "err",
      pending: 1,
      firing: 2,
    });
    expect(rules[0]!.status).toMatchObject({ health: "unknown" });
  });

  it("lists every problem of an invalid group with its path", async () => {
    const res = await call(create, {
      path: "/api/v1/rule-groups",
      body: group({
        name: "bad",
        interval: "5s",
        datasource: "nowhere",
        rules: [
          { alert: "A", expr: "rate(x[5m]" },
          { alert: "B", expr: "x[5m]", for: "soon", severity: "page" },
        ],
      }),
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(
      /^invalid rule group: interval: "5s" must be a duration of at least 10s \(and \d more problems\)/,
    );
    const paths = (res.body.problems as ConfigProblem[]).map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "interval",
        "rules[0].expr",
        "rules[1].expr",
        "rules[1].for",
        "rules[1].severity",
        "datasource",
      ]),
    );
    expect(res.body.problems).toContainEqual({
      path: "datasource",
      message: 'no data source named "nowhere" (GET /api/v1/datasources)',
    });
    const notJson = await call(create, {
      path: "/api/v1/rule-groups",
      rawBody: "{",
      headers: { "content-type": "application/json" },
    });
    expect(notJson.status).toBe(400);
    const empty = await call(create, { path: "/api/v1/rule-groups", body: [] });
    expect(empty).toMatchObject({
      status: 400,
      body: { problems: [{ path: "", message: "a rule group must be a map" }] },
    });
  });

  it("refuses a taken name, unknown ids and writes with a read key", async () => {
    expect((await call(create, { path: "/api/v1/rule-groups", body: group() })).status).toBe(409);
    const missing = await call(getOne, { path: "/api/v1/rule-groups/999", params: { id: "999" } });
    expect(missing).toEqual({ status: 404, body: { error: "no rule group with id 999" } });
    expect((await call(getOne, { path: "/api/v1/rule-groups/x", params: { id: "x" } })).status).toBe(400);
    expect(
      (
        await call(put, {
          method: "PUT",
          path: "/api/v1/rule-groups/999",
          params: { id: "999" },
          body: group({ name: "x" }),
        })
      ).status,
    ).toBe(404);
    expect(
      (await call(del, { method: "DELETE", path: "/api/v1/rule-groups/999", params: { id: "999" } })).status,
    ).toBe(404);
    const denied = await call(create, {
      path: "/api/v1/rule-groups",
      body: group({ name: "other" }),
      key: readKey,
    });
    expect(denied.status).toBe(403);
    expect((await call(list, { path: "/api/v1/rule-groups", key: null })).status).toBe(401);
  });

  it("replaces the rules (version bumped) and pauses/resumes", async () => {
    const res = await call(put, {
      method: "PUT",
      path: `/api/v1/rule-groups/${id}`,
      params: { id: String(id) },
      body: group({ interval: "1m", rules: [{ alert: "Only", expr: "vector(1)" }] }),
    });
    expect(res.status).toBe(200);
    expect(res.body.group).toMatchObject({ version: 2, interval: "1m", rules: [{ name: "Only" }] });
    const paused = await call(patch, {
      method: "PATCH",
      path: `/api/v1/rule-groups/${id}`,
      params: { id: String(id) },
      body: { paused: true },
    });
    expect(paused.body.group).toMatchObject({ paused: true, version: 2 });
    const bad = await call(patch, {
      method: "PATCH",
      path: `/api/v1/rule-groups/${id}`,
      params: { id: String(id) },
      body: { paused: "yes" },
    });
    expect(bad).toMatchObject({
      status: 400,
      body: { error: expect.stringContaining("paused must be true or false") },
    });
  });

  it("POST /alert-rules appends one rule to a group, creating it when missing", async () => {
    const first = await call(postAlertRule, {
      path: "/api/v1/alert-rules",
      body: {
        alert: "GpuHot",
        expr: "DCGM_FI_DEV_GPU_UTIL > 95",
        for: "10m",
        severity: "critical",
        interval: "30s",
      },
    });
    expect(first.status).toBe(201);
    expect(first.body.group).toMatchObject({
      name: "default",
      interval: "30s",
      rules: [{ name: "GpuHot", labels: { severity: "critical" } }],
    });
    const second = await call(postAlertRule, {
      path: "/api/v1/alert-rules",
      body: { alert: "Up", expr: "up == 0", group: "default" },
    });
    expect(second.body.group).toMatchObject({ version: 2, rules: [{ name: "GpuHot" }, { name: "Up" }] });
    const bad = await call(postAlertRule, {
      path: "/api/v1/alert-rules",
      body: { alert: "X", expr: "sum(", severity: "page" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe("severity: must be critical, warning or info");
    const badExpr = await call(postAlertRule, {
      path: "/api/v1/alert-rules",
      body: { alert: "X", expr: "sum(" },
    });
    expect(badExpr.status).toBe(400);
    expect((badExpr.body.problems as ConfigProblem[])[0]!.path).toBe("expr");
  });

  it("deletes a group", async () => {
    const res = await call(del, {
      method: "DELETE",
      path: `/api/v1/rule-groups/${id}`,
      params: { id: String(id) },
    });
    expect(res).toEqual({ status: 200, body: { ok: true } });
    expect(
      (await call(getOne, { path: `/api/v1/rule-groups/${id}`, params: { id: String(id) } })).status,
    ).toBe(404);
  });
});

const importYaml = (text: string, mode = "merge", key?: string) =>
  call(importRoute, {
    path: `/api/v1/rule-groups/import?mode=${mode}`,
    rawBody: text,
    headers: { "content-type": "application/yaml" },
    key,
  });

const FILE = `groups:
  - name: imported-a
    rules:
      - alert: A
        expr: vector(1)
        for: 5m
        labels: { severity: page }
  - name: default
    interval: 1m
    rules:
      - record: job:up:sum
        expr: sum by (job) (up)
`;

describe("import and export", () => {
  const names = async () =>
    (await database.db.alertRuleGroup.findMany({ orderBy: { name: "asc" } })).map((g) => g.name);

  it("merges: updates same-named groups and adds new ones", async () => {
    const res = await importYaml(FILE);
    expect(res).toEqual({
      status: 200,
      body: { mode: "merge", created: ["imported-a"], updated: ["default"], deleted: [] },
    });
    expect(await names()).toEqual(["default", "imported-a"]);
    const row = await database.db.alertRuleGroup.findUniqueOrThrow({ where: { name: "default" } });
    expect(row.version).toBe(3);
    expect(await jobFor(row.id)).not.toBeNull();
  });

  it("is all or nothing: a bad file changes nothing and names its lines", async () => {
    const before = await database.db.alertRuleGroup.findMany({ orderBy: { id: "asc" } });
    const bad = `groups:\n  - name: new-one\n    rules:\n      - alert: Ok\n        expr: vector(1)\n  - name: imported-a\n    rules:\n      - alert: Broken\n        expr: rate(x[5m]\n`;
    const res = await importYaml(bad, "replace");
    expect(res.status).toBe(400);
    expect(res.body.problems).toEqual([
      {
        path: "groups[1].rules[0].expr",
        message: expect.stringContaining("could not parse expression"),
        line: 9,
      },
    ]);
    expect(res.body.error).toMatch(
      /^invalid rule group: line 9: groups\[1\]\.rules\[0\]\.expr: could not parse/,
    );
    expect(await database.db.alertRuleGroup.findMany({ orderBy: { id: "asc" } })).toEqual(before);
    const yamlError = await importYaml("groups:\n  - name: [\n");
    expect(yamlError.status).toBe(400);
    expect((yamlError.body.problems as Array<{ line: number | null }>)[0]!.line).toBeGreaterThan(0);
    const ds = await importYaml("groups:\n  - name: remote\n    datasource: nowhere\n    rules: []\n");
    expect(ds.body.problems).toEqual([
      { path: "groups[0].datasource", message: expect.stringContaining('"nowhere"'), line: null },
    ]);
    const wrongType = await call(importRoute, { path: "/api/v1/rule-groups/import", body: { groups: [] } });
    expect(wrongType.status).toBe(415);
    expect((await importYaml(FILE, "merge", readKey)).status).toBe(403);
    expect((await importYaml(FILE, "sideways")).body.error).toContain("mode must be merge or replace");
  });

  it("replace deletes the groups the file does not have", async () => {
    const res = await importYaml(
      "groups:\n  - name: imported-a\n    rules:\n      - alert: A\n        expr: vector(1)\n",
      "replace",
    );
    expect(res.body).toEqual({ mode: "replace", created: [], updated: ["imported-a"], deleted: ["default"] });
    expect(await names()).toEqual(["imported-a"]);
  });

  it("exports a file parseRuleFile reads back and promtool accepts", async () => {
    await importYaml(FILE);
    await call(create, { path: "/api/v1/rule-groups", body: group({ name: "with-policies" }) });
    const res = await exportRoute(
      new Request("http://localhost/api/v1/rule-groups/export", {
        headers: { authorization: `Bearer ${TEST_API_KEY}` },
      }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/yaml; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="vigil-rules.yml"');
    const text = await res.text();
    const back = parseRuleFile(text);
    expect(back.problems).toEqual([]);
    expect(back.groups.map((g) => g.name)).toEqual(["default", "imported-a", "with-policies"]);
    expect(text).not.toContain("no_data");
    if (existsSync(PROMTOOL)) {
      const file = join(dir, "export.yml");
      writeFileSync(file, text);
      expect(execFileSync(PROMTOOL, ["check", "rules", file], { stdio: "pipe" }).toString()).toContain(
        "SUCCESS",
      );
    }
    const vigil = await exportRoute(
      new Request("http://localhost/api/v1/rule-groups/export?vigil=true", {
        headers: { authorization: `Bearer ${readKey}` },
      }),
    );
    expect(await vigil.text()).toContain("no_data: alerting");
  });
});

describe("rule templates", () => {
  it("lists and renders templates", async () => {
    const res = await call(listTemplatesRoute, { path: "/api/v1/alert-rule-templates", key: readKey });
    expect((res.body.templates as Array<{ id: string }>).map((t) => t.id)).toContain("feature-psi");
    const rendered = await call(render, {
      path: "/api/v1/alert-rule-templates/feature-psi/render",
      params: { id: "feature-psi" },
      body: { params: { model: "recommender", threshold: 0.25 } },
    });
    expect(rendered.status).toBe(200);
    expect((rendered.body.rule as { expr: string }).expr).toBe(
      'max by (model, version, feature) (last_over_time(vigil_feature_drift{model="recommender",stattest="psi"}[2h])) >= 0.25',
    );
    const bad = await call(render, {
      path: "/api/v1/alert-rule-templates/x/render",
      params: { id: "feature-psi" },
      body: { params: { threshold: "x" } },
    });
    expect(bad).toEqual({ status: 400, body: { error: "params.threshold: must be a number" } });
    const missing = await call(render, {
      path: "/api/v1/alert-rule-templates/x/render",
      params: { id: "x" },
      body: {},
    });
    expect(missing.status).toBe(404);
  });

  it("fire over Vigil's own series (PSI, GPU, no predictions)", async () => {
    const t0 = Date.UTC(2026, 0, 5, 10);
    const points = [];
    for (let m = 0; m <= 30; m++)
      points.push({
        name: "DCGM_FI_DEV_GPU_UTIL",
        labels: { gpu: "0", Hostname: "node-1" },
        ts: t0 + m * 60_000,
        value: 99,
      });
    points.push({
      name: "vigil_feature_drift",
      labels: { model: "rec", version: "v1", feature: "price", stattest: "psi" },
      ts: t0,
      value: 0.31,
    });
    points.push({
      name: "vigil_feature_drift",
      labels: { model: "rec", version: "v1", feature: "age", stattest: "psi" },
      ts: t0,
      value: 0.05,
    });
    points.push({
      name: "vigil_predictions_total",
      labels: { model: "rec", version: "v1", window: "1h" },
      ts: t0 - 3_600_000,
      value: 100,
    });
    await database.raw.batch(await pointStatements(database, points));
    const rules = ["feature-psi", "gpu-saturated", "no-predictions"].map((id) =>
      renderTemplate(id, id === "no-predictions" ? { model: "rec" } : {}),
    );
    const problems: ConfigProblem[] = [];
    const config = checkGroup({ name: "templates", rules }, "", problems)!;
    expect(problems).toEqual([]);
    let states = config.rules.map(() => emptyRuleState());
    const io = { query: localQuery(storeSource(database)), write: async () => {}, expand: (t: string) => t };
    const firingAt = (at: number) =>
      evaluateGroup(config, states, at, io).then((r) => {
        states = r.states;
        return r.states.map((s) =>
          [...s.alerts.values()].filter((a) => a.state === "firing").map((a) => a.labels),
        );
      });
    await firingAt(t0 + 60_000);
    await firingAt(t0 + 15 * 60_000);
    const [psi, gpu, none] = await firingAt(t0 + 20 * 60_000);
    expect(psi).toEqual([
      { alertname: "FeaturePsiHigh", model: "rec", version: "v1", feature: "price", severity: "warning" },
    ]);
    expect(gpu).toEqual([{ alertname: "GpuSaturated", Hostname: "node-1", gpu: "0", severity: "warning" }]);
    // The last hourly prediction point is at t0 − 1h; 20 min into the hour nothing arrived for ≥ 15 min.
    expect(none).toEqual([{ alertname: "NoPredictions", model: "rec", window: "1h", severity: "critical" }]);
    const early = await evaluateGroup(
      config,
      config.rules.map(() => emptyRuleState()),
      t0 + 5 * 60_000,
      io,
    );
    expect([...early.states[2]!.alerts.values()]).toEqual([]);
  });
});

describe("preview", () => {
  it("returns the values and the would-be pending/firing periods", async () => {
    const t0 = Date.UTC(2026, 1, 1);
    const points = Array.from({ length: 11 }, (_, m) => ({
      name: "preview_metric",
      labels: { job: "a" },
      ts: t0 + m * 60_000,
      value: m >= 3 ? 10 : 1,
    }));
    await database.raw.batch(await pointStatements(database, points));
    const res = await call(preview, {
      path: "/api/v1/alert-rules/preview",
      key: readKey,
      body: { expr: "preview_metric > 5", for: "2m", from: t0, to: t0 + 10 * 60_000, step: "1m" },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ from: t0, to: t0 + 600_000, stepMs: 60_000 });
    const [series] = res.body.series as Array<{
      labels: unknown;
      values: unknown[];
      states: Array<{ state: string; from: number }>;
    }>;
    expect(series!.labels).toEqual({ __name__: "preview_metric", job: "a" });
    expect(series!.values.length).toBe(8);
    expect(series!.states.map((s) => [s.state, s.from])).toEqual([
      ["pending", t0 + 180_000],
      ["firing", t0 + 300_000],
    ]);
    const bad = await call(preview, { path: "/api/v1/alert-rules/preview", body: { expr: "sum(" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/^expr: could not parse expression/);
    const ds = await call(preview, {
      path: "/api/v1/alert-rules/preview",
      body: { expr: "up", datasource: "nowhere" },
    });
    expect(ds.body).toEqual({ error: 'datasource: no data source named "nowhere"' });
    const dur = await call(preview, {
      path: "/api/v1/alert-rules/preview",
      body: { expr: "up", for: "later" },
    });
    expect(dur.body).toEqual({ error: 'for: "later" is not a duration (e.g. 5m)' });
  });
});
