// Dispatch over a fake clock, against the real database: rule states (as the evaluator saves them) are routed
// into aggregation groups and the outbox gets what Alertmanager would send — group_wait, group_interval,
// repeat_interval, resolved notifications with send_resolved on and off, silences (one-off and weekly) and
// inhibition; the same state flushed twice gives one notification; a policy change drops orphaned groups.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { dispatchAlerts, type Policy } from "@/lib/alerts/dispatch";
import type { OutboxPayload } from "@/lib/alerts/dispatch-notification";
import type { InhibitRule } from "@/lib/alerts/inhibit";
import { buildRouteTree, type RouteConfig } from "@/lib/alerts/routing";
import { activeSilences } from "@/lib/alerts/silence-store";
import type { Database } from "@/lib/db/client";
import { useTestDatabase } from "../helpers/database";
import {
  createRuleGroup,
  createWebhookContactPoint,
  type FakeAlert,
  setRuleAlerts,
} from "./alerts-delivery-fixture";

let database: Database;
beforeAll(async () => {
  database = await useTestDatabase();
});
const S = 1000;
const M = 60 * S;
// Saturday 2026-11-28 10:00 UTC
const T0 = Date.UTC(2026, 10, 28, 10, 0, 0);
let groupId = 0;
let policy: Policy;
const deps = { loadPolicy: async () => policy, activeSilences };
const publicURL = "http://vigil.example";

function usePolicy(config: RouteConfig, inhibitRules: InhibitRule[] = []) {
  policy = { tree: buildRouteTree(config), inhibitRules };
}

let seen = 0;
/** Dispatches at `at`; returns the outbox rows added since the last call as "status firing:[…] resolved:[…]". */
async function dispatchAt(at: number): Promise<string[]> {
  await dispatchAlerts(database, deps, { now: at, publicURL });
  const rows = await database.db.alertNotification.findMany({
    where: { id: { gt: seen } },
    orderBy: { id: "asc" },
  });
  seen = rows.at(-1)?.id ?? seen;
  // the order of one dispatch's rows carries no meaning: sorted
  return rows
    .map((r) => {
      const p = JSON.parse(r.payload) as OutboxPayload;
      const names = (status: string) =>
        p.alerts
          .filter((a) => a.status === status)
          .map((a) => `${a.labels.alertname}/${a.labels.model}`)
          .join(",");
      return `${r.status} firing:[${names("firing")}] resolved:[${names("resolved")}]`;
    })
    .sort();
}

const set = (rule: string, alerts: FakeAlert[]) => setRuleAlerts(database, groupId, rule, alerts);

beforeAll(async () => {
  groupId = await createRuleGroup(database, "models", ["AccuracyLow", "ModelDown", "Slow"]);
  await createWebhookContactPoint(database, "hook", "http://127.0.0.1:9/unused");
  await createWebhookContactPoint(database, "quiet", "http://127.0.0.1:9/unused", false);
});

beforeEach(async () => {
  await database.db.alertRuleState.deleteMany();
  await database.db.alertGroup.deleteMany();
  await database.db.silence.deleteMany();
  await database.db.alertNotification.deleteMany();
  seen = 0;
  usePolicy({ receiver: "hook", groupBy: ["alertname"] });
});

describe("grouping and timers", () => {
  it("waits group_wait for a new group, then group_interval; dedups an unchanged state", async () => {
    await set("AccuracyLow", [{ labels: { model: "rec" }, firedAt: T0 }]);
    expect(await dispatchAt(T0)).toEqual([]);
    expect(await dispatchAt(T0 + 29 * S)).toEqual([]);
    expect(await dispatchAt(T0 + 30 * S)).toEqual(["pending firing:[AccuracyLow/rec] resolved:[]"]);
    expect(await dispatchAt(T0 + 30 * S)).toEqual([]); // same state flushed twice: one notification
    await set("AccuracyLow", [
      { labels: { model: "rec" }, firedAt: T0 },
      { labels: { model: "basket" }, firedAt: T0 + M },
    ]);
    expect(await dispatchAt(T0 + M)).toEqual([]); // joins the group; waits for group_interval
    expect(await dispatchAt(T0 + 5 * M + 29 * S)).toEqual([]);
    expect(await dispatchAt(T0 + 5 * M + 30 * S)).toEqual([
      "pending firing:[AccuracyLow/basket,AccuracyLow/rec] resolved:[]",
    ]);
    expect(await dispatchAt(T0 + 10 * M + 30 * S)).toEqual([]); // nothing new, repeat_interval not reached
    const [group] = await database.db.alertGroup.findMany();
    expect(group?.nextFlushAt?.getTime()).toBe(T0 + 15 * M + 30 * S);
  });

  it("flushes at once when the first alert is older than group_wait; separate groups per group_by value", async () => {
    await set("AccuracyLow", [{ labels: { model: "rec" }, firedAt: T0 - 10 * M }]);
    await set("Slow", [{ labels: { model: "rec" }, firedAt: T0 - 10 * M }]);
    expect(await dispatchAt(T0)).toEqual([
      "pending firing:[AccuracyLow/rec] resolved:[]",
      "pending firing:[Slow/rec] resolved:[]",
    ]);
  });

  it("repeats after repeat_interval, at the next group_interval tick", async () => {
    usePolicy({ receiver: "hook", groupBy: ["alertname"], repeatIntervalMs: 60 * M });
    await set("AccuracyLow", [{ labels: { model: "rec" }, firedAt: T0 }]);
    const sent: number[] = [];
    for (let t = T0; t <= T0 + 130 * M; t += 30 * S)
      if ((await dispatchAt(t)).length > 0) sent.push((t - T0) / S);
    // first at group_wait (30 s); then a flush every 5 min; the first flush ≥ 60 min after a send repeats it
    expect(sent).toEqual([30, 30 + 3600, 30 + 7200]);
  });
});

describe("resolved notifications", () => {
  it("send_resolved on: the resolution is sent and the group goes away", async () => {
    await set("AccuracyLow", [{ labels: { model: "rec" }, firedAt: T0 }]);
    expect(await dispatchAt(T0)).toEqual([]);
    expect(await dispatchAt(T0 + 30 * S)).toHaveLength(1);
    await set("AccuracyLow", [{ labels: { model: "rec" }, firedAt: T0, resolvedAt: T0 + 2 * M }]);
    expect(await dispatchAt(T0 + 2 * M)).toEqual([]);
    expect(await dispatchAt(T0 + 5 * M + 30 * S)).toEqual(["pending firing:[] resolved:[AccuracyLow/rec]"]);
    expect(await database.db.alertGroup.count()).toBe(0);
    // still retained by the rule as resolved: no new group, nothing sent again
    expect(await dispatchAt(T0 + 11 * M)).toEqual([]);
    expect(await database.db.alertGroup.count()).toBe(0);
  });

  it("send_resolved off: the log moves on (suppressed row), nothing is sent", async () => {
    usePolicy({ receiver: "quiet", groupBy: ["alertname"] });
    await set("AccuracyLow", [{ labels: { model: "rec" }, firedAt: T0 }]);
    expect(await dispatchAt(T0)).toEqual([]);
    expect(await dispatchAt(T0 + 30 * S)).toEqual(["pending firing:[AccuracyLow/rec] resolved:[]"]);
    await set("AccuracyLow", [{ labels: { model: "rec" }, firedAt: T0, resolvedAt: T0 + M }]);
    expect(await dispatchAt(T0 + 5 * M + 30 * S)).toEqual(["suppressed firing:[] resolved:[]"]);
  });

  it("a partial resolution is sent with the firing rest (send_resolved on)", async () => {
    await set("AccuracyLow", [
      { labels: { model: "rec" }, firedAt: T0 },
      { labels: { model: "basket" }, firedAt: T0 },
    ]);
    await dispatchAt(T0);
    await dispatchAt(T0 + 30 * S);
    await set("AccuracyLow", [
      { labels: { model: "rec" }, firedAt: T0 },
      { labels: { model: "basket" }, firedAt: T0, resolvedAt: T0 + M },
    ]);
    expect(await dispatchAt(T0 + 5 * M + 30 * S)).toEqual([
      "pending firing:[AccuracyLow/rec] resolved:[AccuracyLow/basket]",
    ]);
  });
});

describe("silences and inhibition", () => {
  it("a silenced group sends nothing, keeps its state, and notifies once the silence ends", async () => {
    await database.db.silence.create({
      data: {
        id: "s1",
        matchers: JSON.stringify([{ name: "model", op: "=", value: "rec" }]),
        startsAt: new Date(T0 - M),
        endsAt: new Date(T0 + 4 * M),
      },
    });
    await set("AccuracyLow", [{ labels: { model: "rec" }, firedAt: T0 }]);
    expect(await dispatchAt(T0)).toEqual([]);
    expect(await dispatchAt(T0 + 30 * S)).toEqual([]);
    expect(await database.db.alertGroup.count()).toBe(1);
    expect(await dispatchAt(T0 + 5 * M + 30 * S)).toEqual(["pending firing:[AccuracyLow/rec] resolved:[]"]);
  });

  it("a recurring weekly silence (weekends) mutes on Saturday and lets Monday's flush through", async () => {
    await database.db.silence.create({
      data: {
        id: "weekend",
        matchers: JSON.stringify([{ name: "alertname", op: "=", value: "AccuracyLow" }]),
        startsAt: new Date(T0 - 7 * 24 * 60 * M),
        endsAt: new Date(T0 + 365 * 24 * 60 * M),
        schedule: JSON.stringify({ weekdays: [0, 6], start: "00:00", end: "00:00", timezone: "UTC" }),
      },
    });
    await set("AccuracyLow", [{ labels: { model: "rec" }, firedAt: T0 }]);
    expect(await dispatchAt(T0)).toEqual([]);
    expect(await dispatchAt(T0 + 30 * S)).toEqual([]);
    const sunday = T0 + 24 * 60 * M + 30 * S;
    expect(await dispatchAt(sunday)).toEqual([]);
    const monday = Date.UTC(2026, 10, 30, 0, 0, 30);
    expect(await dispatchAt(monday)).toEqual(["pending firing:[AccuracyLow/rec] resolved:[]"]);
  });

  it("a firing critical alert inhibits the warning of the same model until it resolves", async () => {
    usePolicy({ receiver: "hook", groupBy: ["alertname"] }, [
      {
        sourceMatchers: [{ name: "severity", op: "=", value: "critical" }],
        targetMatchers: [{ name: "severity", op: "=", value: "warning" }],
        equal: ["model"],
      },
    ]);
    await set("ModelDown", [{ labels: { model: "rec", severity: "critical" }, firedAt: T0 }]);
    await set("Slow", [
      { labels: { model: "rec", severity: "warning" }, firedAt: T0 },
      { labels: { model: "basket", severity: "warning" }, firedAt: T0 },
    ]);
    expect(await dispatchAt(T0)).toEqual([]);
    expect(await dispatchAt(T0 + 30 * S)).toEqual([
      "pending firing:[ModelDown/rec] resolved:[]",
      "pending firing:[Slow/basket] resolved:[]",
    ]);
    await set("ModelDown", [
      { labels: { model: "rec", severity: "critical" }, firedAt: T0, resolvedAt: T0 + M },
    ]);
    expect(await dispatchAt(T0 + 5 * M + 30 * S)).toEqual([
      "pending firing:[Slow/basket,Slow/rec] resolved:[]",
      "pending firing:[] resolved:[ModelDown/rec]",
    ]);
  });
});

describe("policy", () => {
  it("routes by matchers to child policies; a group whose receiver changed is dropped", async () => {
    usePolicy({
      receiver: "hook",
      groupBy: ["alertname"],
      routes: [
        { matchers: [{ name: "model", op: "=", value: "basket" }], receiver: "quiet", groupBy: ["model"] },
      ],
    });
    await set("AccuracyLow", [
      { labels: { model: "rec" }, firedAt: T0 },
      { labels: { model: "basket" }, firedAt: T0 },
    ]);
    await dispatchAt(T0);
    await dispatchAt(T0 + 30 * S);
    const groups = await database.db.alertGroup.findMany({ orderBy: { key: "asc" } });
    expect(groups.map((g) => [g.key, g.receiver])).toEqual([
      ['0.0:{model="basket"}', "quiet"],
      ['0:{alertname="AccuracyLow"}', "hook"],
    ]);
    const rows = await database.db.alertNotification.findMany({
      where: { createdAt: new Date(T0 + 30 * S) },
    });
    const links = JSON.parse(rows[0]?.payload ?? "{}") as OutboxPayload;
    expect(links.alerts[0]?.generatorURL).toBe(`${publicURL}/alerting/rules/${groupId}?rule=AccuracyLow`);
    expect(links.panelURL).toMatch(/^http:\/\/vigil\.example\/explore\?q=vigil_test_metric/);
    expect(links.silenceURL).toMatch(/^http:\/\/vigil\.example\/alerting\/silences\/new\?matchers=%7B/);
    usePolicy({ receiver: "quiet", groupBy: ["alertname"] });
    await dispatchAt(T0 + M);
    expect((await database.db.alertGroup.findMany()).map((g) => g.receiver)).toEqual(["quiet"]);
  });
});
