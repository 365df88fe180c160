// The engine's pure parts: the stored rule-state JSON, the editor preview's would-be periods, the group slot
// grid, the prefetch's selector analysis and the remote answer mapping.
import { describe, expect, it } from "vitest";
import { groupOffsetMs, slotAt } from "@/lib/alerts/eval-job";
import { metricUses, prefetchedSource } from "@/lib/alerts/eval-prefetch";
import { wouldBeStates } from "@/lib/alerts/preview";
import { outcomeOf } from "@/lib/alerts/query-remote";
import { alertFingerprint, parseRuleState, serializeRuleState } from "@/lib/alerts/rule-state-json";
import { type Alert, fingerprint } from "@/lib/alerts/state";
import { parse } from "@/lib/promql";
import { MemSource } from "@/lib/promql/memory-source";

describe("rule-state JSON", () => {
  it("round-trips alerts with NaN and infinite values, keyed by 16-hex fingerprints", () => {
    const labels = { alertname: "NoData", model: "rec" };
    const alert: Alert = {
      labels,
      annotations: { summary: "x" },
      state: "firing",
      value: Number.NaN,
      activeAt: 1000,
      firedAt: 2000,
      resolvedAt: null,
      keepFiringSince: null,
    };
    const inf = { ...alert, labels: { alertname: "Inf" }, value: Number.POSITIVE_INFINITY };
    const text = serializeRuleState({
      alerts: new Map([
        [fingerprint(labels), alert],
        [fingerprint(inf.labels), inf],
      ]),
      written: new Map([[fingerprint(labels), labels]]),
    });
    const json = JSON.parse(text);
    expect(Object.keys(json.alerts)).toEqual([alertFingerprint(labels), alertFingerprint(inf.labels)]);
    expect(alertFingerprint(labels)).toMatch(/^[0-9a-f]{16}$/);
    expect(json.alerts[alertFingerprint(labels)].value).toBe("NaN");
    const back = parseRuleState(text);
    expect(back.alerts.get(fingerprint(labels))).toEqual(alert);
    expect(back.alerts.get(fingerprint(inf.labels))?.value).toBe(Number.POSITIVE_INFINITY);
    expect(back.written.get(fingerprint(labels))).toEqual(labels);
    expect(parseRuleState("not json").alerts.size).toBe(0);
    expect(parseRuleState(null).written.size).toBe(0);
  });
});

describe("preview: would-be pending and firing periods", () => {
  const step = 60_000;
  const at = (k: number) => k * step;
  // One series above the threshold (present) at steps 2–7 and 10; another at 4–5.
  const matrix = [
    {
      labels: { __name__: "x", model: "a" },
      values: [2, 3, 4, 5, 6, 7, 10].map((k): [number, number] => [at(k), 1]),
    },
    { labels: { __name__: "x", model: "b" }, values: [4, 5].map((k): [number, number] => [at(k), 2]) },
  ];
  it("runs for and keep_firing_for over the steps", () => {
    const states = wouldBeStates(matrix, {
      forMs: 2 * step,
      keepFiringForMs: 0,
      from: 0,
      to: at(12),
      stepMs: step,
    });
    expect(states[0]).toEqual([
      { from: at(2), to: at(4), state: "pending" },
      { from: at(4), to: at(8), state: "firing" },
      { from: at(10), to: at(11), state: "pending" },
    ]);
    expect(states[1]).toEqual([{ from: at(4), to: at(6), state: "pending" }]);
    const kept = wouldBeStates(matrix, {
      forMs: 0,
      keepFiringForMs: 3 * step,
      from: 0,
      to: at(12),
      stepMs: step,
    });
    // Firing at once (for 0) and kept firing for 3 steps after the condition clears, through the gap to 10.
    expect(kept[0]).toEqual([{ from: at(2), to: at(12), state: "firing" }]);
    expect(kept[1]).toEqual([{ from: at(4), to: at(9), state: "firing" }]);
  });
});

describe("evaluation slots", () => {
  it("lie on the interval grid shifted by a stable per-group offset", () => {
    const offset = groupOffsetMs(7, 60_000);
    expect(offset).toBe(groupOffsetMs(7, 60_000));
    expect(offset).toBeGreaterThanOrEqual(0);
    expect(offset).toBeLessThan(60_000);
    expect(groupOffsetMs(8, 60_000)).not.toBe(offset);
    const slot = slotAt(1_800_000_123_456, 60_000, offset);
    expect((slot - offset) % 60_000).toBe(0);
    expect(slot).toBeLessThanOrEqual(1_800_000_123_456);
    expect(slot + 60_000).toBeGreaterThan(1_800_000_123_456);
  });
});

describe("prefetch", () => {
  it("finds each metric's widest window and its selectors' equality matchers", () => {
    const uses = metricUses(
      [
        'acc{model="a"} < 0.8',
        'rate(req{model="a"}[5m]) > 1',
        'avg_over_time(req{model="b"}[10m] offset 1m)',
        'max_over_time(acc{model="b"}[30m:1m])',
      ].map((e) => parse(e)),
    );
    expect(uses.get("req")?.extentMs).toBe(11 * 60_000);
    expect(uses.get("acc")?.extentMs).toBe(30 * 60_000 + 60_000 + 300_000);
    expect(uses.get("req")?.equalities.map((m) => m.get("model"))).toEqual(["a", "b"]);
  });

  it("answers selects as the store would", async () => {
    const source = new MemSource();
    for (const model of ["a", "b", "c"])
      for (let t = 0; t <= 600_000; t += 15_000) source.add({ __name__: "req", model, i: "0" }, t, t / 1000);
    source.add({ __name__: "req", model: "a", i: "0" }, 615_000, "stale");
    const exprs = ['req{model="a"}', 'rate(req{model="b"}[5m])'].map((e) => parse(e));
    const cached = await prefetchedSource(source, exprs, 620_000);
    for (const [matchers, start, end] of [
      [
        [
          { name: "__name__", op: "=", value: "req" },
          { name: "model", op: "=", value: "a" },
        ],
        320_000,
        620_000,
      ],
      [
        [
          { name: "__name__", op: "=", value: "req" },
          { name: "model", op: "=", value: "b" },
        ],
        320_000,
        620_000,
      ],
      [
        [
          { name: "__name__", op: "=", value: "req" },
          { name: "model", op: "=", value: "c" },
        ],
        320_000,
        620_000,
      ],
      [
        [
          { name: "__name__", op: "=", value: "req" },
          { name: "model", op: "=", value: "a" },
        ],
        0,
        620_000,
      ],
    ] as const) {
      const m = matchers.map((x) => ({ ...x }));
      expect(await cached.select(m, start, end)).toEqual(await source.select(m, start, end));
    }
  });
});

describe("remote answers", () => {
  it("maps vectors, scalars and Prometheus error bodies", () => {
    expect(
      outcomeOf("p", {
        status: 200,
        body: {
          status: "success",
          data: { resultType: "vector", result: [{ metric: { a: "1" }, value: [1, "+Inf"] }] },
        },
      }),
    ).toEqual({ ok: true, samples: [{ labels: { a: "1" }, value: Number.POSITIVE_INFINITY }] });
    expect(
      outcomeOf("p", {
        status: 200,
        body: { status: "success", data: { resultType: "scalar", result: [1, "2.5"] } },
      }),
    ).toEqual({ ok: true, samples: [{ labels: {}, value: 2.5 }] });
    expect(
      outcomeOf("p", { status: 422, body: { status: "error", errorType: "execution", error: "boom" } }),
    ).toEqual({ ok: false, error: 'data source "p" answered 422: execution: boom' });
    expect(outcomeOf("p", { status: 502, body: "gateway" })).toEqual({
      ok: false,
      error: 'data source "p" answered 502: HTTP 502',
    });
  });
});
