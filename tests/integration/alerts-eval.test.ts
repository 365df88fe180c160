// Rule evaluation end to end over Vigil's own store: the job evaluates at the group's slots, writes
// ALERTS / ALERTS_FOR_STATE as Prometheus does (stale markers when a series ends), recorded series, the
// transition history, all in one transaction; a paused group is left alone; state reloaded from the database
// between evaluations gives what one process running on gives.
import { beforeAll, describe, expect, it } from "vitest";
import {
  alertEvalMetrics,
  evaluateAlertGroup,
  groupOffsetMs,
  markAlertGroup,
  runGroupEvaluation,
  slotAt,
} from "@/lib/alerts/eval-job";
import { loadEvalGroup, loadRuleStates } from "@/lib/alerts/eval-store";
import { emptyRuleState, type RuleState } from "@/lib/alerts/group-eval";
import { previewRule } from "@/lib/alerts/preview";
import type { RuleConfig } from "@/lib/alerts/rule-config";
import { parseRuleState } from "@/lib/alerts/rule-state-json";
import type { Database } from "@/lib/db/client";
import { parse } from "@/lib/promql";
import { instantQuery } from "@/lib/promql/eval";
import { storeSource } from "@/lib/series/promql-source";
import { POINT_STALE, writePoints } from "@/lib/series/store";
import { useTestDatabase } from "../helpers/database";

let database: Database;
beforeAll(async () => {
  database = await useTestDatabase();
});

const INTERVAL = 10_000;
const T0 = Date.parse("2026-11-02T10:00:00Z");

function rules(extraLabels: Record<string, string> = {}): RuleConfig[] {
  return [
    {
      kind: "record",
      name: "model:accuracy:avg",
      expr: `avg by (model) (test_accuracy${extraLabels.grp ? `{grp="${extraLabels.grp}"}` : ""})`,
      labels: extraLabels,
    },
    {
      kind: "alert",
      name: "AccuracyLow",
      expr: `model:accuracy:avg${extraLabels.grp ? `{grp="${extraLabels.grp}"}` : ""} < 0.8`,
      forMs: 20_000,
      keepFiringForMs: 0,
      labels: { severity: "page" },
      annotations: { summary: "{{ $labels.model }} accuracy {{ $value }}" },
      noData: "ok",
      onError: "keep_last",
    },
  ];
}

async function createGroup(name: string, ruleList: RuleConfig[], paused = false) {
  const row = await database.db.alertRuleGroup.create({
    data: { name, intervalMs: INTERVAL, rules: JSON.stringify(ruleList), paused },
  });
  return row.id;
}

/** Accuracy per slot k: 0.9, 0.9, 0.7 ×4, then 0.9 again. */
const accuracyAt = (k: number) => (k >= 2 && k < 6 ? 0.7 : 0.9);

async function writeAccuracy(slots: number[], grp: string) {
  await writePoints(
    database,
    slots.map((s, k) => ({
      name: "test_accuracy",
      labels: { model: "rec", grp },
      ts: s - 1000,
      value: accuracyAt(k),
    })),
  );
}

async function instant(expr: string, at: number) {
  const result = await instantQuery(storeSource(database), parse(expr), at);
  if (result.resultType !== "vector") throw new Error("expected a vector");
  return result.result.map((s) => ({ ...s.metric, __value: String(s.value[1]) }));
}

async function pointKinds(name: string, match: Record<string, string>) {
  const rows = await database.raw.query<{ labels: string; ts: number | string; kind: number }>(
    `SELECT s."labels", p."ts", p."kind" FROM "SeriesPoint" p JOIN "Series" s ON s."id" = p."seriesId"
      WHERE s."name" = ? ORDER BY p."ts"`,
    [name],
  );
  return rows
    .filter((r) => {
      const labels = JSON.parse(r.labels) as Record<string, string>;
      return Object.entries(match).every(([k, v]) => labels[k] === v);
    })
    .map((r) => [Number(r.ts), Number(r.kind)]);
}

describe("alert rule evaluation over Vigil's store", () => {
  it("evaluates at the group's slots and writes ALERTS, ALERTS_FOR_STATE, recorded series and transitions", async () => {
    const id = await createGroup("slots", rules({ grp: "a" }));
    const offset = groupOffsetMs(id, INTERVAL);
    const first = slotAt(T0, INTERVAL, offset) + INTERVAL;
    const slots = Array.from({ length: 8 }, (_, k) => first + k * INTERVAL);
    await writeAccuracy(slots, "a");
    await markAlertGroup(database, id, first);
    for (const [k, s] of slots.entries()) {
      // The worker runs a little after the slot; the evaluation time is the slot itself.
      await evaluateAlertGroup(database, { groupId: id }, { now: s + 137 });
      const job = await database.db.job.findUnique({ where: { key: `alert-eval:${id}` } });
      expect(job?.notBefore.getTime(), `next slot after ${k}`).toBe(s + INTERVAL);
    }
    const group = (await loadEvalGroup(database, id))!;
    const { states, lastEvalAt } = await loadRuleStates(database, group);
    expect(lastEvalAt).toBe(slots[7]);
    expect(states.map((s) => s.lastError)).toEqual([null, null]);

    const alertLabels = { alertname: "AccuracyLow", grp: "a", model: "rec", severity: "page" };
    expect(await instant('ALERTS{grp="a"}', slots[2]!)).toEqual([
      { __name__: "ALERTS", ...alertLabels, alertstate: "pending", __value: "1" },
    ]);
    expect(await instant('ALERTS{grp="a"}', slots[4]!)).toEqual([
      { __name__: "ALERTS", ...alertLabels, alertstate: "firing", __value: "1" },
    ]);
    expect(await instant('ALERTS_FOR_STATE{grp="a"}', slots[5]!)).toEqual([
      { __name__: "ALERTS_FOR_STATE", ...alertLabels, __value: String(Math.floor(slots[2]! / 1000)) },
    ]);
    // Resolved at slot 6: every series of the alert ends with a stale marker, as Prometheus writes them.
    expect(await instant('ALERTS{grp="a"}', slots[6]!)).toEqual([]);
    expect(await pointKinds("ALERTS", { grp: "a", alertstate: "pending" })).toEqual([
      [slots[2], 0],
      [slots[3], 0],
      [slots[4], POINT_STALE],
    ]);
    expect(await pointKinds("ALERTS", { grp: "a", alertstate: "firing" })).toEqual([
      [slots[4], 0],
      [slots[5], 0],
      [slots[6], POINT_STALE],
    ]);
    expect((await pointKinds("ALERTS_FOR_STATE", { grp: "a" })).map(([, kind]) => kind)).toEqual([
      0,
      0,
      0,
      0,
      POINT_STALE,
    ]);
    // The recording rule wrote its series at every slot.
    expect(await pointKinds("model:accuracy:avg", { grp: "a" })).toEqual(slots.map((s) => [s, 0]));

    const transitions = await database.db.alertTransition.findMany({
      where: { groupId: id },
      orderBy: { id: "asc" },
    });
    expect(transitions.map((t) => [t.rule, t.fromState, t.toState, t.at.getTime(), t.value])).toEqual([
      ["AccuracyLow", "inactive", "pending", slots[2], 0.7],
      ["AccuracyLow", "pending", "firing", slots[4], 0.7],
      ["AccuracyLow", "firing", "inactive", slots[6], 0.7],
    ]);
    expect(JSON.parse(transitions[0]!.labels)).toEqual(alertLabels);
    // The resolved alert is kept in the stored state (delivery sends its resolution).
    const row = await database.db.alertRuleState.findUnique({
      where: { groupId_rule: { groupId: id, rule: "AccuracyLow" } },
    });
    const resolved = [...parseRuleState(row?.state).alerts.values()];
    expect(resolved).toMatchObject([
      { state: "inactive", activeAt: slots[2], firedAt: slots[4], resolvedAt: slots[6] },
    ]);
    expect(resolved[0]!.annotations).toEqual({ summary: "rec accuracy 0.7" });
  });

  it("evaluates a slot once, and once at the latest slot after missed ones (counted)", async () => {
    const id = await createGroup("once", [
      {
        kind: "record",
        name: "once_tick",
        expr: "vector(1)",
        labels: {},
      },
    ]);
    const offset = groupOffsetMs(id, INTERVAL);
    const s0 = slotAt(T0, INTERVAL, offset) + INTERVAL;
    const before = { ...alertEvalMetrics };
    await evaluateAlertGroup(database, { groupId: id }, { now: s0 + 10 });
    await evaluateAlertGroup(database, { groupId: id }, { now: s0 + 5000 }); // marked again, same slot
    await evaluateAlertGroup(database, { groupId: id }, { now: s0 + 5 * INTERVAL + 3 }); // 4 slots missed
    expect(alertEvalMetrics.evaluations - before.evaluations).toBe(2);
    expect(alertEvalMetrics.skippedAlreadyEvaluated - before.skippedAlreadyEvaluated).toBe(1);
    expect(alertEvalMetrics.missedIterations - before.missedIterations).toBe(4);
    expect(await pointKinds("once_tick", {})).toEqual([
      [s0, 0],
      [s0 + 5 * INTERVAL, 0],
    ]);
  });

  it("leaves a paused or deleted group alone (no evaluation, the job ends)", async () => {
    const id = await createGroup("paused", rules({ grp: "p" }), true);
    await markAlertGroup(database, id, T0);
    await evaluateAlertGroup(database, { groupId: id }, { now: T0 + 60_000 });
    expect(await database.db.alertRuleState.count({ where: { groupId: id } })).toBe(0);
    const job = await database.db.job.findUnique({ where: { key: `alert-eval:${id}` } });
    expect(job?.notBefore.getTime()).toBe(T0); // not re-marked: completing the job deletes it
    await evaluateAlertGroup(database, { groupId: 999_999 }); // deleted: nothing happens, nothing throws
  });

  it("gives the same result with state reloaded from the database as one process running on", async () => {
    // Two identical groups over separate copies of the data: "b" through the job (state saved and reloaded
    // between evaluations), "c" in memory, evaluated at the same times.
    const idB = await createGroup("restart-b", rules({ grp: "b" }));
    const idC = await createGroup("restart-c", rules({ grp: "c" }));
    const s0 = slotAt(T0, INTERVAL, groupOffsetMs(idB, INTERVAL)) + INTERVAL;
    const slots = Array.from({ length: 10 }, (_, k) => s0 + k * INTERVAL);
    await writeAccuracy(slots, "b");
    await writeAccuracy(slots, "c");
    const groupC = (await loadEvalGroup(database, idC))!;
    let memory: RuleState[] = groupC.config.rules.map(() => emptyRuleState());
    for (const s of slots) {
      await evaluateAlertGroup(database, { groupId: idB }, { now: s + 50 });
      memory = (await runGroupEvaluation(database, groupC, memory, s)).states;
    }
    const history = async (groupId: number) =>
      (await database.db.alertTransition.findMany({ where: { groupId }, orderBy: { id: "asc" } })).map(
        (t) => {
          const { grp: _grp, ...labels } = JSON.parse(t.labels) as Record<string, string>;
          return { labels, from: t.fromState, to: t.toState, at: t.at.getTime(), value: t.value };
        },
      );
    const b = await history(idB);
    expect(b.length).toBe(3);
    expect(b).toEqual(await history(idC));
    const reloaded = await loadRuleStates(database, (await loadEvalGroup(database, idB))!);
    const strip = (s: RuleState) =>
      [...s.alerts.values()].map(({ labels: { grp: _g, ...labels }, ...rest }) => ({ ...rest, labels }));
    expect(reloaded.states.map(strip)).toEqual(memory.map(strip));
  });

  it("deletes the states of removed rules and starts renamed ones afresh", async () => {
    const id = await createGroup("edit", rules({ grp: "e" }));
    await evaluateAlertGroup(database, { groupId: id }, { now: T0 });
    expect(
      (await database.db.alertRuleState.findMany({ where: { groupId: id } })).map((r) => r.rule).sort(),
    ).toEqual(["AccuracyLow", "model:accuracy:avg"]);
    const renamed = rules({ grp: "e" }).slice(0, 1);
    renamed[0]!.name = "model:accuracy:mean";
    await database.db.alertRuleGroup.update({ where: { id }, data: { rules: JSON.stringify(renamed) } });
    await evaluateAlertGroup(database, { groupId: id }, { now: T0 + INTERVAL });
    expect(
      (await database.db.alertRuleState.findMany({ where: { groupId: id } })).map((r) => r.rule),
    ).toEqual(["model:accuracy:mean"]);
  });

  it("previews the would-be pending and firing periods over Vigil's store", async () => {
    const slots = Array.from({ length: 8 }, (_, k) => T0 + k * INTERVAL);
    await writeAccuracy(slots, "pv");
    const preview = await previewRule(database, {
      expr: 'test_accuracy{grp="pv"} < 0.8',
      forMs: 2 * INTERVAL,
      keepFiringForMs: 0,
      datasource: null,
      from: T0,
      to: T0 + 9 * INTERVAL,
      stepMs: INTERVAL,
    });
    expect(preview.series.map((s) => s.labels)).toEqual([
      { __name__: "test_accuracy", grp: "pv", model: "rec" },
    ]);
    // Samples at slot − 1 s: below 0.8 for the steps of slots 2–5 (a step sees the latest sample).
    expect(preview.series[0]!.values.map(([t]) => (t - T0) / INTERVAL)).toEqual([2, 3, 4, 5]);
    expect(preview.series[0]!.states).toEqual([
      { from: slots[2], to: slots[4], state: "pending" },
      { from: slots[4], to: slots[6], state: "firing" },
    ]);
  });
});
