// Retention (docs/retention.md) on the real database: old raw rows of each type go, in small batches, while
// everything younger — and pending notifications of any age — stays; rollups of swept windows are frozen (a
// late row does not overwrite a complete rollup with a partial one); settings from the environment and the
// UI; ingest keeps working during a sweep.
import { beforeAll, describe, expect, it } from "vitest";
import { POST as postEvents } from "@/app/api/v1/events/route";
import { POST as postLabels } from "@/app/api/v1/labels/route";
import { GET as getQuality } from "@/app/api/v1/models/[model]/quality/route";
import { POST as postPredictions } from "@/app/api/v1/predictions/route";
import { GET as getRetention, PATCH as patchRetention } from "@/app/api/v1/retention/route";
import { POST as runNow } from "@/app/api/v1/retention/run/route";
import { createApiKey } from "@/lib/auth/api-keys";
import type { Database } from "@/lib/db/client";
import { runUntilIdle } from "@/lib/jobs/runner";
import { ensureRetentionJob, runRetention, runRetentionJob } from "@/lib/retention/job";
import { envRetention } from "@/lib/retention/policy";
import { pointStatements } from "@/lib/series/store";
import { useTestDatabase } from "../helpers/database";
import { call } from "../helpers/http";

const DAY = 86_400_000;
// Noon, so "N days ago" never sits on a day boundary.
const NOW = Math.floor(Date.now() / DAY) * DAY + DAY / 2;
const AGES_DAYS = [400, 200, 100, 89, 10, 1];

let database: Database;
let readKey: string;
beforeAll(async () => {
  database = await useTestDatabase();
  readKey = (await createApiKey(database.db, { name: "reader", scope: "read" })).key;
});

const runWorker = () => runUntilIdle(database, { owner: "retention-test", leaseMs: 30_000 });

async function seed(model: string, perAge = 3) {
  const predictions = AGES_DAYS.flatMap((age) =>
    Array.from({ length: perAge }, (_, i) => ({
      id: `${model}-${age}-${i}`,
      model,
      version: "v1",
      timestamp: NOW - age * DAY + i * 1000,
      features: { x: i },
      prediction: i % 2,
      score: i % 2 ? 0.9 : 0.1,
    })),
  );
  expect((await call(postPredictions, { path: "/api/v1/predictions", body: { predictions } })).status).toBe(
    200,
  );
  const labels = predictions.map((p) => ({
    id: p.id,
    model,
    label: p.prediction,
    timestamp: p.timestamp + 1000,
  }));
  expect((await call(postLabels, { path: "/api/v1/labels", body: { labels } })).status).toBe(200);
  const events = predictions.map((p) => ({
    id: `e-${p.id}`,
    model,
    predictionId: p.id,
    name: "click",
    value: 1,
    timestamp: p.timestamp + 2000,
  }));
  expect((await call(postEvents, { path: "/api/v1/events", body: { events } })).status).toBe(200);
  return predictions;
}

const count = async (sql: string, params: unknown[] = []) =>
  Number((await database.raw.query<{ n: number | bigint }>(sql, params))[0]?.n ?? 0);

describe("retention", () => {
  it("reads the environment, with defaults, and names a bad variable", () => {
    expect(envRetention({})).toEqual({
      predictions: 90,
      labels: 90,
      events: 90,
      series: 400,
      notifications: 30,
    });
    expect(envRetention({ VIGIL_RETENTION_SERIES_DAYS: "15" }).series).toBe(15);
    expect(() => envRetention({ VIGIL_RETENTION_LABELS_DAYS: "-1" })).toThrow(/VIGIL_RETENTION_LABELS_DAYS/);
    expect(() => envRetention({ VIGIL_RETENTION_EVENTS_DAYS: "ten" })).toThrow(/VIGIL_RETENTION_EVENTS_DAYS/);
  });

  it("(first: before any sweep) freezes the rollups of swept windows: a late row does not replace a complete rollup", async () => {
    await seed("ret-c", 4);
    await runWorker();
    const hourOf = (age: number) => Math.floor((NOW - age * DAY) / 3_600_000) * 3_600_000;
    const quality = async (age: number) => {
      const res = await call(getQuality, {
        path: `/api/v1/models/ret-c/quality?window=1h&from=${hourOf(age)}&to=${hourOf(age) + 3_600_000}`,
        params: { model: "ret-c" },
        key: readKey,
      });
      return (res.body.windows as Array<{ count: number }>)[0]?.count ?? 0;
    };
    expect(await quality(100)).toBe(4);
    await runRetention(database, { now: NOW });
    // a late prediction in the swept (frozen) hour, and one in a kept hour
    const late = [100, 10].map((age) => ({
      id: `ret-c-late-${age}`,
      model: "ret-c",
      version: "v1",
      timestamp: NOW - age * DAY + 30_000,
      prediction: 1,
      score: 0.7,
    }));
    await call(postPredictions, { path: "/api/v1/predictions", body: { predictions: late } });
    await runWorker();
    expect(await quality(100)).toBe(4); // frozen: not recomputed from the one raw row left
    expect(await quality(10)).toBe(5); // kept hour: recomputed with the late row
    await runRetention(database, { now: NOW }); // the late row in the swept range goes at the next sweep
  });

  it("deletes rows older than each type's retention in batches, keeps the rest and pending notifications", async () => {
    await seed("ret-a");
    const modelId = (await database.db.model.findUniqueOrThrow({ where: { name: "ret-a" } })).id;
    // series points at the same ages, and notifications/transitions
    await database.raw.batch(
      await pointStatements(
        database,
        AGES_DAYS.map((age) => ({
          name: "ret_metric",
          labels: { job: "x" },
          ts: NOW - age * DAY,
          value: age,
        })),
      ),
    );
    for (const [i, age] of AGES_DAYS.entries())
      for (const status of ["sent", "pending"]) {
        await database.db.alertNotification.create({
          data: {
            key: `ret-${i}-${status}`,
            contactPointId: 1,
            groupKey: "g",
            payload: "{}",
            status,
            createdAt: new Date(NOW - age * DAY),
          },
        });
      }
    await database.db.alertTransition.createMany({
      data: AGES_DAYS.map((age) => ({
        groupId: 1,
        rule: "r",
        fingerprint: "f",
        labels: "{}",
        fromState: "inactive",
        toState: "firing",
        at: new Date(NOW - age * DAY),
      })),
    });

    const run = await runRetention(database, { now: NOW, batchRows: 2, pauseMs: 0 });
    expect(run.done).toBe(true);
    // 90 days: the 400, 200 and 100-day-old rows go (3 each); 89 days stays.
    expect(run.deleted).toEqual({ predictions: 9, labels: 9, events: 9, series: 0, notifications: 8 });
    const left = (table: string, ts: string) =>
      count(`SELECT COUNT(*) AS n FROM "${table}" WHERE "modelId" = ? AND "${ts}" < ?`, [
        modelId,
        database.raw.time(NOW - 90 * DAY),
      ]);
    expect(await left("Prediction", "ts")).toBe(0);
    expect(await left("Label", "ts")).toBe(0);
    expect(await left("BusinessEvent", "ts")).toBe(0);
    expect(await count(`SELECT COUNT(*) AS n FROM "Prediction" WHERE "modelId" = ?`, [modelId])).toBe(9);
    // notifications: 30 days → the sent notifications and the transitions aged 400, 200, 100 and 89 days go
    // (4 + 4); the pending notifications all stay, however old
    expect(await count(`SELECT COUNT(*) AS n FROM "AlertNotification" WHERE "status" = 'pending'`)).toBe(6);
    expect(await count(`SELECT COUNT(*) AS n FROM "AlertNotification" WHERE "status" = 'sent'`)).toBe(2);
    expect(await count(`SELECT COUNT(*) AS n FROM "AlertTransition"`)).toBe(2);
    // series: 400 days → only the 400-day-old point is at the edge: strictly older goes, so it stays
    expect(
      await count(
        `SELECT COUNT(*) AS n FROM "SeriesPoint" sp JOIN "Series" s ON s."id" = sp."seriesId" WHERE s."name" = 'ret_metric'`,
      ),
    ).toBe(6);
  });

  it("stops at its time budget and finishes on the next run", async () => {
    await seed("ret-b", 20);
    const partial = await runRetention(database, { now: NOW, batchRows: 5, pauseMs: 0, budgetMs: 0 });
    expect(partial.done).toBe(false);
    const rest = await runRetention(database, { now: NOW, batchRows: 5, pauseMs: 0 });
    expect(rest.done).toBe(true);
    expect(partial.deleted.predictions + rest.deleted.predictions).toBe(60);
  });

  it("keeps ingest working while a large sweep runs", async () => {
    const old = Array.from({ length: 3000 }, (_, i) => ({
      id: `old-${i}`,
      model: "ret-d",
      version: "v1",
      timestamp: NOW - 150 * DAY + i,
      prediction: 1,
    }));
    for (let i = 0; i < old.length; i += 1000)
      await call(postPredictions, {
        path: "/api/v1/predictions",
        body: { predictions: old.slice(i, i + 1000) },
      });
    const sweeping = runRetention(database, { now: NOW, batchRows: 100, pauseMs: 1 });
    const fresh = Array.from({ length: 20 }, (_, b) =>
      call(postPredictions, {
        path: "/api/v1/predictions",
        body: {
          predictions: Array.from({ length: 50 }, (_, i) => ({
            id: `new-${b}-${i}`,
            model: "ret-d",
            version: "v1",
            timestamp: NOW - 1000 + i,
            prediction: 0,
          })),
        },
      }),
    );
    const answers = await Promise.all(fresh);
    const run = await sweeping;
    expect(answers.every((a) => a.status === 200 && a.body.accepted === 50)).toBe(true);
    expect(run.done).toBe(true);
    const modelId = (await database.db.model.findUniqueOrThrow({ where: { name: "ret-d" } })).id;
    expect(await count(`SELECT COUNT(*) AS n FROM "Prediction" WHERE "modelId" = ?`, [modelId])).toBe(1000);
  });

  it("API: status, UI overrides (null returns to the environment), field errors, admin only", async () => {
    const get = await call(getRetention, { path: "/api/v1/retention", key: readKey });
    expect(get.status).toBe(200);
    const predictions = (get.body.retention as Array<Record<string, unknown>>).find(
      (r) => r.type === "predictions",
    );
    expect(predictions).toMatchObject({
      days: 90,
      source: "environment",
      envVariable: "VIGIL_RETENTION_PREDICTIONS_DAYS",
    });

    const patch = (body: unknown, key?: string) =>
      call(patchRetention, { method: "PATCH", path: "/api/v1/retention", body, key });
    expect((await patch({ series: 15 }, readKey)).status).toBe(403);
    const bad = await patch({ labels: -3 });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/labels/);
    expect((await patch({ rows: 3 })).status).toBe(400);
    const set = await patch({ series: 15, notifications: 0 });
    expect(set.status).toBe(200);
    const byType = (body: Record<string, unknown>) =>
      Object.fromEntries(
        (body.retention as Array<{ type: string; days: number; source: string }>).map((r) => [r.type, r]),
      );
    expect(byType(set.body).series).toMatchObject({ days: 15, source: "ui" });
    expect(byType(set.body).notifications).toMatchObject({ days: 0, source: "ui", cutoff: null });
    const back = await patch({ series: null });
    expect(byType(back.body).series).toMatchObject({ days: 400, source: "environment" });

    // the UI's series setting applies at the next sweep: points older than 15 days go
    await patch({ series: 15 });
    expect((await call(runNow, { method: "POST", path: "/api/v1/retention/run", key: readKey })).status).toBe(
      403,
    );
    const ran = await call(runNow, { method: "POST", path: "/api/v1/retention/run" });
    expect(ran.status).toBe(200);
    expect((ran.body.deleted as Record<string, number>).series).toBeGreaterThanOrEqual(4);
    await patch({ series: null, notifications: null });
  });

  it("the job: a starting worker creates it once, keeping its due time; a finished sweep is due after the interval", async () => {
    const job = () => database.db.job.findUnique({ where: { key: "retention:sweep" } });
    await ensureRetentionJob(database);
    const first = await job();
    expect(first?.kind).toBe("retention");
    await database.db.job.update({
      where: { key: "retention:sweep" },
      data: { notBefore: new Date(NOW + DAY) },
    });
    await ensureRetentionJob(database); // a second worker starting: the due time stays
    expect((await job())?.notBefore.getTime()).toBe(NOW + DAY);
    const before = Date.now();
    const run = await runRetentionJob(database);
    expect(run.done).toBe(true);
    const due = (await job())?.notBefore.getTime() ?? 0;
    expect(due).toBeGreaterThanOrEqual(before + 60 * 60_000); // VIGIL_RETENTION_INTERVAL_MINUTES default
    expect(due).toBeLessThanOrEqual(Date.now() + 60 * 60_000);
  });
});
