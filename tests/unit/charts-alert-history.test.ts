import { describe, expect, it } from "vitest";
import type { TransitionInfo } from "@/lib/alerts/api-schemas";
import { historyLanes, spanPosition } from "@/lib/charts/alert-history";

let id = 0;
function t(
  fp: string,
  from: TransitionInfo["from"],
  to: TransitionInfo["to"],
  atMin: number,
  value = 1,
): TransitionInfo {
  return {
    id: ++id,
    groupId: 1,
    group: "quality",
    rule: "AccuracyLow",
    fingerprint: fp,
    labels: { alertname: "AccuracyLow", model: fp },
    from,
    to,
    value,
    at: new Date(atMin * 60_000).toISOString(),
  };
}

describe("historyLanes", () => {
  const M = 60_000;
  it("builds pending and firing spans per alert, newest lane first, open spans run to the range end", () => {
    const transitions = [
      t("a", "inactive", "pending", 10, 0.8),
      t("a", "pending", "firing", 15, 0.7),
      t("a", "firing", "inactive", 40),
      t("b", "inactive", "pending", 50, 0.5),
      t("b", "pending", "firing", 55, 0.4),
    ].reverse();
    const lanes = historyLanes(transitions, 0, 60 * M);
    expect(lanes.map((l) => l.fingerprint)).toEqual(["b", "a"]);
    expect(lanes[1]!.spans).toEqual([
      { from: 10 * M, to: 15 * M, state: "pending", value: 0.8, open: false },
      { from: 15 * M, to: 40 * M, state: "firing", value: 0.7, open: false },
    ]);
    expect(lanes[0]!.spans.at(-1)).toEqual({
      from: 55 * M,
      to: 60 * M,
      state: "firing",
      value: 0.4,
      open: true,
    });
    expect(lanes[0]!.title).toBe('{model="b"}');
    expect(lanes[0]!.transitions.map((x) => x.to)).toEqual(["firing", "pending"]);
  });

  it("starts a lane whose first transition leaves a state at the range start, clipped to the range", () => {
    const lanes = historyLanes([t("c", "firing", "inactive", 20)], 10 * M, 30 * M);
    expect(lanes[0]!.spans).toEqual([
      { from: 10 * M, to: 20 * M, state: "firing", value: null, open: false },
    ]);
  });
});

describe("spanPosition", () => {
  it("places spans in percent with a minimum width", () => {
    expect(spanPosition({ from: 25, to: 75, state: "firing", value: null, open: false }, 0, 100)).toEqual({
      left: 25,
      width: 50,
    });
    const blip = spanPosition({ from: 50, to: 50, state: "pending", value: null, open: true }, 0, 100);
    expect(blip.width).toBeCloseTo(0.4);
  });
});
