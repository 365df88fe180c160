// The simulator's sender (retry policy, batching) and runner (holding back rows that are not due yet).
import { describe, expect, it } from "vitest";
import { ApiRejection, createSender, MAX_BATCH, sendRows, type Transport } from "@/lib/simulator/client";
import { parseDemoOptions } from "@/lib/simulator/options";
import { Simulation } from "@/lib/simulator/runner";
import { demoScenario, HOUR_MS, MINUTE_MS } from "@/lib/simulator/scenario";

const ok = { status: 200, body: { accepted: 2, duplicates: 1, rejected: [] } };
const noSleep = async () => {};

function scripted(
  responses: Array<{ status: number; body: unknown } | Error>,
): Transport & { calls: number } {
  const t = Object.assign(
    async () => {
      const next = responses[Math.min(t.calls++, responses.length - 1)]!;
      if (next instanceof Error) throw next;
      return next;
    },
    { calls: 0 },
  );
  return t;
}

describe("simulator sender", () => {
  it("retries network errors and 5xx with backoff, then succeeds", async () => {
    const delays: number[] = [];
    const t = scripted([new Error("ECONNREFUSED"), { status: 503, body: { error: "busy" } }, ok]);
    const send = createSender(t, { sleep: async (ms) => void delays.push(ms), baseDelayMs: 100 });
    expect(await send("/api/v1/predictions", {})).toEqual({ accepted: 2, duplicates: 1 });
    expect(delays).toEqual([100, 200]);
  });

  it("gives up after the last attempt with the last failure", async () => {
    const send = createSender(scripted([new Error("ECONNREFUSED")]), { attempts: 3, sleep: noSleep });
    await expect(send("/api/v1/labels", {})).rejects.toThrow(/failed after 3 attempts: ECONNREFUSED/);
  });

  it("stops at once on 4xx and on rejected rows, quoting the API's reasons", async () => {
    const unauthorized = scripted([{ status: 401, body: { error: "invalid API key" } }]);
    await expect(createSender(unauthorized, { sleep: noSleep })("/api/v1/events", {})).rejects.toThrow(
      /HTTP 401: invalid API key/,
    );
    expect(unauthorized.calls).toBe(1);
    const partial = scripted([
      {
        status: 207,
        body: { accepted: 1, duplicates: 0, rejected: [{ index: 3, error: "score: too big" }] },
      },
    ]);
    const err = await createSender(partial)("/api/v1/predictions", {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiRejection);
    expect((err as Error).message).toContain("row 3: score: too big");
  });

  it("splits rows into batches of at most 1000", async () => {
    const sizes: number[] = [];
    const send = async (_path: string, body: unknown) => {
      sizes.push((body as { labels: unknown[] }).labels.length);
      return { accepted: 0, duplicates: 0 };
    };
    await sendRows(send, "/api/v1/labels", "labels", new Array(2500).fill({}), 3);
    expect(sizes.sort((a, b) => b - a)).toEqual([MAX_BATCH, MAX_BATCH, 500]);
  });
});

describe("simulation runner", () => {
  const now = Date.UTC(2025, 5, 10, 12, 0, 30);
  const scenario = demoScenario({ nowMs: now, days: 0.25, rateScale: 0.2 });

  function recorder() {
    const rows: Array<{ path: string; timestamp: number }> = [];
    const send = async (path: string, body: unknown) => {
      for (const list of Object.values(body as Record<string, Array<{ timestamp: number }>>))
        for (const r of list) rows.push({ path, timestamp: r.timestamp });
      return { accepted: 0, duplicates: 0 };
    };
    return { rows, send };
  }

  it("never sends a row before its time, and sends held-back labels once they are due", async () => {
    const { rows, send } = recorder();
    const sim = new Simulation(scenario, 42, send);
    await sim.backfill(now);
    expect(rows.every((r) => r.timestamp <= now)).toBe(true);
    const held = sim.pendingCount();
    expect(held).toBeGreaterThan(0);
    await sim.advance(now + 24 * HOUR_MS);
    expect(rows.some((r) => r.path === "/api/v1/labels" && r.timestamp > now)).toBe(true);
  });

  it("at speed ×60 plays an hour of traffic per minute, keeping wall-clock timestamps", async () => {
    const { rows, send } = recorder();
    const sim = new Simulation(scenario, 42, send, { startMs: now });
    sim.setSpeed(60, now);
    await sim.advance(now + MINUTE_MS);
    const predictions = rows.filter((r) => r.path === "/api/v1/predictions");
    // ~0.2 × ~1500/h around noon: a couple of hundred, not the ~5 of one real minute.
    expect(predictions.length).toBeGreaterThan(100);
    expect(rows.every((r) => r.timestamp <= now + MINUTE_MS)).toBe(true);
  });
});

describe("demo options", () => {
  it("parses flags and refuses contradictions", () => {
    expect(parseDemoOptions([])).toMatchObject({ backfill: true, days: 7, seed: 42, speed: 1 });
    expect(parseDemoOptions(["--no-backfill", "--speed", "60"])).toMatchObject({
      backfill: false,
      speed: 60,
    });
    expect(() => parseDemoOptions(["--days", "x"])).toThrow(/--days/);
    expect(() => parseDemoOptions(["--backfill-only", "--no-backfill"])).toThrow(/contradict/);
  });
});
