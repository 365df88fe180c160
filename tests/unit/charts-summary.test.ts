import { describe, expect, it } from "vitest";
import { prepareSummary } from "../../lib/charts/summary";
import type { WindowLike } from "../../lib/charts/types";

function all(version: string, over: Partial<WindowLike>): WindowLike {
  return {
    version,
    start: "2026-11-28T00:00:00Z",
    count: 100,
    labeled: 80,
    accuracy: null,
    precision: null,
    recall: null,
    f1: null,
    rocAuc: null,
    logLoss: null,
    confusionMatrix: null,
    macro: null,
    mae: null,
    rmse: null,
    r2: null,
    labelDelayP50Seconds: null,
    labelDelayP90Seconds: null,
    ...over,
  };
}

describe("prepareSummary", () => {
  it("names the best version by F1 first", () => {
    const s = prepareSummary(
      [all("v1", { f1: 0.8, accuracy: 0.85 }), all("v2", { f1: 0.86, accuracy: 0.88 })],
      ["v1", "v2"],
      "binary",
    );
    expect(s.best).toBe("v2");
    expect(s.verdict).toBe("v2 leads with F1 0.860 on 80.0% labeled traffic.");
    expect(s.tone).toBe("good");
    expect(s.totals).toEqual({ count: 200, labeled: 160, labeledShare: 0.8 });
  });

  it("uses the lowest RMSE for regression", () => {
    const s = prepareSummary([all("a", { rmse: 2 }), all("b", { rmse: 1.5 })], ["a", "b"], "regression");
    expect(s.best).toBe("b");
    expect(s.verdict).toContain("RMSE 1.50");
  });

  it("says when there is no data or no labels", () => {
    expect(prepareSummary([], ["v1"], "binary").verdict).toBe("No predictions in this range.");
    const s = prepareSummary([all("v1", { labeled: 0 })], ["v1"], "binary");
    expect(s.tone).toBe("info");
    expect(s.verdict).toMatch(/No labels yet/);
  });

  it("warns when few predictions are labeled", () => {
    const s = prepareSummary([all("v1", { labeled: 5, accuracy: 0.9 })], ["v1"], "binary");
    expect(s.tone).toBe("warn");
    expect(s.verdict).toBe("v1: accuracy 90.0% on 5.0% labeled traffic. Few labels — treat with care.");
  });
});
