// Rule groups whose `datasource` is an external Prometheus (Debian's 2.42): queries go through the data-source
// proxy, rule outputs land in Vigil's store, and a failing query (Prometheus' error body, or the source being
// unreachable) follows each rule's on_error policy.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluateAlertGroup, groupOffsetMs, slotAt } from "@/lib/alerts/eval-job";
import { loadEvalGroup, loadRuleStates } from "@/lib/alerts/eval-store";
import type { RuleConfig } from "@/lib/alerts/rule-config";
import type { MissingPolicy } from "@/lib/alerts/state";
import { createDataSource } from "@/lib/datasources/store";
import type { Database } from "@/lib/db/client";
import { parse } from "@/lib/promql";
import { instantQuery } from "@/lib/promql/eval";
import { storeSource } from "@/lib/series/promql-source";
import { useTestDatabase } from "../helpers/database";
import { freePort, hasPrometheus, type RunningPrometheus, startPrometheus } from "../helpers/prometheus";

const available = hasPrometheus() || process.env.CI === "true";
const INTERVAL = 10_000;

const alert = (name: string, expr: string, onError: MissingPolicy): RuleConfig => ({
  kind: "alert",
  name,
  expr,
  forMs: 0,
  keepFiringForMs: 0,
  labels: { team: "ml" },
  annotations: {},
  noData: "ok",
  onError,
});

describe.skipIf(!available)("rule groups over an external Prometheus", () => {
  let database: Database;
  let prometheus: RunningPrometheus;

  beforeAll(async () => {
    database = await useTestDatabase({
      VIGIL_SECRET_KEY: "test-secret-key-0123456789",
      VIGIL_OUTBOUND_ALLOWLIST: "127.0.0.1",
      VIGIL_OUTBOUND_TIMEOUT_MS: "2000",
    });
    prometheus = await startPrometheus();
    await createDataSource(database, { name: "prom", url: prometheus.url, auth: { type: "none" } });
    // Nothing listens there: connection refused.
    const closed = await freePort();
    await createDataSource(database, {
      name: "down",
      url: `http://127.0.0.1:${closed}`,
      auth: { type: "none" },
    });
  }, 60_000);

  afterAll(async () => {
    await prometheus?.stop();
  });

  async function instant(expr: string, at: number) {
    const result = await instantQuery(storeSource(database), parse(expr), at);
    return result.resultType === "vector"
      ? result.result.map((s) => `${s.metric.alertname ?? s.metric.__name__}:${s.metric.alertstate ?? ""}`)
      : [];
  }

  it("evaluates against Prometheus, writes outputs to Vigil's store, and applies on_error", async () => {
    const row = await database.db.alertRuleGroup.create({
      data: {
        name: "external",
        intervalMs: INTERVAL,
        datasource: "prom",
        rules: JSON.stringify([
          { kind: "record", name: "ds_answer", expr: "vector(42)", labels: {} },
          alert("KeepsState", "vector(1)", "keep_last"),
          alert("ClearsOnError", "vector(2)", "ok"),
          alert("AlertsOnError", "vector(3)", "alerting"),
          // Prometheus refuses this at evaluation time (an invalid regular expression): an error body.
          alert("BadRegex", 'label_replace(vector(1), "x", "$1", "y", "(")', "alerting"),
        ]),
      },
    });
    const s0 = slotAt(Date.now(), INTERVAL, groupOffsetMs(row.id, INTERVAL));
    await evaluateAlertGroup(database, { groupId: row.id }, { now: s0 + 5 });
    const group = (await loadEvalGroup(database, row.id))!;
    let { states } = await loadRuleStates(database, group);
    expect(states.map((s) => s.lastError)).toEqual([
      null,
      null,
      null,
      null,
      expect.stringMatching(/data source "prom" answered 4\d\d: .*regular expression/i),
    ]);
    expect((await instant("ds_answer", s0)).length).toBe(1);
    expect((await instant("ALERTS", s0)).sort()).toEqual([
      "AlertsOnError:firing",
      "ClearsOnError:firing",
      "DatasourceError:firing",
      "KeepsState:firing",
    ]);

    // The source goes away: each rule does what its on_error says.
    await database.db.alertRuleGroup.update({ where: { id: row.id }, data: { datasource: "down" } });
    await evaluateAlertGroup(database, { groupId: row.id }, { now: s0 + INTERVAL + 5 });
    ({ states } = await loadRuleStates(database, group));
    expect(states.every((s) => s.lastError?.startsWith('data source "down"'))).toBe(true);
    // DatasourceError of AlertsOnError (new) and of BadRegex (still failing), KeepsState kept as it was.
    expect((await instant("ALERTS", s0 + INTERVAL)).sort()).toEqual([
      "DatasourceError:firing",
      "DatasourceError:firing",
      "KeepsState:firing",
    ]);
    const transitions = await database.db.alertTransition.findMany({
      where: { groupId: row.id, at: new Date(s0 + INTERVAL) },
    });
    expect(transitions.map((t) => `${t.rule} ${t.fromState}→${t.toState}`).sort()).toEqual(
      [
        "AlertsOnError inactive→pending",
        "AlertsOnError pending→firing",
        "AlertsOnError firing→inactive",
        "ClearsOnError firing→inactive",
      ].sort(),
    );
    // The recorded series was not marked stale: a failed query keeps the previous outputs (as Prometheus).
    expect((await instant("ds_answer", s0 + INTERVAL)).length).toBe(1);
  }, 60_000);
});
