import { describe, expect, it } from "vitest";
import { filterModels, type ModelRowLike, sortModels } from "../../lib/charts/overview";
import {
  fromLocalInput,
  parseRange,
  rangeQuery,
  resolveRange,
  toLocalInput,
  windowFor,
} from "../../lib/charts/range";

const params = (q: string) => new URLSearchParams(q);

describe("parseRange / resolveRange", () => {
  it("defaults to 24h and accepts presets", () => {
    expect(parseRange(params(""))).toEqual({ kind: "preset", preset: "24h" });
    expect(parseRange(params("range=7d"))).toEqual({ kind: "preset", preset: "7d" });
    expect(parseRange(params("range=bogus"))).toEqual({ kind: "preset", preset: "24h" });
  });
  it("accepts a valid custom range and rejects a reversed one", () => {
    const sel = parseRange(params("from=2026-11-01T00:00:00Z&to=2026-11-20T00:00:00Z"));
    expect(sel).toEqual({ kind: "custom", from: "2026-11-01T00:00:00.000Z", to: "2026-11-20T00:00:00.000Z" });
    expect(resolveRange(sel, 0).window).toBe("1d");
    expect(parseRange(params("from=2026-11-20T00:00:00Z&to=2026-11-01T00:00:00Z")).kind).toBe("preset");
  });
  it("rounds preset ends up to the minute and picks the window", () => {
    const r = resolveRange({ kind: "preset", preset: "1h" }, Date.parse("2026-11-29T10:00:30Z"));
    expect(r).toEqual({
      from: "2026-11-29T09:01:00.000Z",
      to: "2026-11-29T10:01:00.000Z",
      window: "1h",
      spanMs: 3_600_000,
    });
    expect(windowFor(7 * 86_400_000)).toBe("1h");
    expect(windowFor(30 * 86_400_000)).toBe("1d");
  });
  it("serialises back to the URL with the version", () => {
    expect(rangeQuery({ kind: "preset", preset: "7d" }, "v2")).toBe("range=7d&version=v2");
    expect(rangeQuery({ kind: "custom", from: "a", to: "b" }, null)).toBe("from=a&to=b");
  });
  it("round-trips datetime-local values", () => {
    const iso = "2026-11-29T10:15:00.000Z";
    expect(fromLocalInput(toLocalInput(iso))).toBe(iso);
    expect(fromLocalInput("")).toBeNull();
  });
});

function m(name: string, over: Partial<ModelRowLike> = {}): ModelRowLike {
  return {
    name,
    displayName: null,
    task: "binary",
    health: "ok",
    predictions24h: 0,
    labelCoverage: null,
    lastPredictionAt: null,
    versions: [],
    ...over,
  };
}

describe("overview filter and sort", () => {
  const models = [
    m("b", { predictions24h: 5, labelCoverage: 0.5, health: "stale" }),
    m("a", { predictions24h: 50, task: "regression", versions: [{ accuracy: null, f1: 0.7 }] }),
    m("c", {
      displayName: "Churn",
      predictions24h: 1,
      labelCoverage: 0.9,
      versions: [{ accuracy: 0.8, f1: null }],
    }),
  ];
  it("filters by text over name, display name and task, and by health", () => {
    expect(filterModels(models, "churn", "all").map((x) => x.name)).toEqual(["c"]);
    expect(filterModels(models, "REGR", "all").map((x) => x.name)).toEqual(["a"]);
    expect(filterModels(models, "", "stale").map((x) => x.name)).toEqual(["b"]);
  });
  it("sorts both ways with missing values last", () => {
    expect(sortModels(models, "predictions24h", "desc").map((x) => x.name)).toEqual(["a", "b", "c"]);
    expect(sortModels(models, "labelCoverage", "asc").map((x) => x.name)).toEqual(["b", "c", "a"]);
    expect(sortModels(models, "labelCoverage", "desc").map((x) => x.name)).toEqual(["c", "b", "a"]);
    expect(sortModels(models, "f1", "desc").map((x) => x.name)).toEqual(["c", "a", "b"]);
    expect(sortModels(models, "name", "asc").map((x) => x.name)).toEqual(["a", "b", "c"]);
    expect(sortModels(models, "health", "asc").map((x) => x.name)).toEqual(["b", "a", "c"]);
  });
});
