import { describe, expect, it } from "vitest";
import { definitionSchema } from "@/lib/dashboards/schema";
import {
  isTimeExpr,
  parseTimeExpr,
  queryTiming,
  refreshMs,
  resolveTime,
  timeLabel,
} from "@/lib/dashboards/time";
import { currentValues, dashboardSearch, parseDashboardUrl } from "@/lib/dashboards/url-state";

const NOW = Date.parse("2026-03-10T12:00:00Z");

describe("time expressions", () => {
  it("reads now, now-<duration>, ISO dates and epoch ms", () => {
    expect(parseTimeExpr("now", NOW)).toBe(NOW);
    expect(parseTimeExpr("now-6h", NOW)).toBe(NOW - 6 * 3_600_000);
    expect(parseTimeExpr("now-1d12h", NOW)).toBe(NOW - 36 * 3_600_000);
    expect(parseTimeExpr("2026-03-01T00:00:00Z", NOW)).toBe(Date.parse("2026-03-01T00:00:00Z"));
    expect(parseTimeExpr("1741600000000", NOW)).toBe(1741600000000);
    for (const bad of ["now-", "now-6", "now+1h", "yesterday", "March 7", "", "now-6x"])
      expect(isTimeExpr(bad), bad).toBe(false);
  });

  it("resolves a range and refuses an empty or reversed one", () => {
    expect(resolveTime({ from: "now-6h", to: "now" }, NOW)).toEqual({
      fromMs: NOW - 21_600_000,
      toMs: NOW,
      spanSeconds: 21_600,
    });
    expect(resolveTime({ from: "now", to: "now-1h" }, NOW)).toBeNull();
    expect(resolveTime({ from: "bad", to: "now" }, NOW)).toBeNull();
  });

  it("labels, refresh", () => {
    expect(timeLabel({ from: "now-6h", to: "now" })).toBe("Last 6 hours");
    expect(timeLabel({ from: "now-90m", to: "now" })).toBe("Last 90m");
    expect(timeLabel({ from: "2026-03-01", to: "2026-03-02" })).toBe("2026-03-01 → 2026-03-02");
    expect(refreshMs("off")).toBeNull();
    expect(refreshMs("1m")).toBe(60_000);
  });

  it("panel timing: a step from the span, aligned ends, the built-ins", () => {
    const t = queryTiming(resolveTime({ from: "now-24h", to: "now" }, NOW)!);
    // 86400 s / 250 points → 345.6 s → the nice step 600 s
    expect(t.step).toBe(600);
    expect(t.end % 600).toBe(0);
    expect(t.start % 600).toBe(0);
    expect(t.end).toBeLessThanOrEqual(NOW / 1000);
    expect(t).toMatchObject({ interval: "10m", rateInterval: "40m", range: "1d" });
    // a short range: $__rate_interval never below 1m (four scrapes at 15 s)
    const short = queryTiming(resolveTime({ from: "now-5m", to: "now" }, NOW)!);
    expect(short.step).toBe(2);
    expect(short.rateInterval).toBe("1m");
    // fewer points for a narrow panel: a coarser step
    expect(queryTiming(resolveTime({ from: "now-24h", to: "now" }, NOW)!, 50).step).toBe(1800);
  });
});

describe("dashboard URL state", () => {
  const definition = definitionSchema.parse({
    variables: [
      { name: "model", type: "model", default: "recommender" },
      { name: "version", type: "version", multi: true },
      { name: "env", type: "custom", options: ["prod", "staging"] },
    ],
    time: { from: "now-6h", to: "now" },
    refresh: "1m",
  });

  it("reads time, refresh and variables, falling back to the saved ones", () => {
    const p = new URLSearchParams(
      "from=now-2d&to=now&refresh=5m&var-model=fraud&var-version=v1&var-version=v2&var-version=v1&var-other=x",
    );
    expect(parseDashboardUrl(p, definition)).toEqual({
      from: "now-2d",
      to: "now",
      refresh: "5m",
      vars: { model: ["fraud"], version: ["v1", "v2"] },
    });
    expect(parseDashboardUrl(new URLSearchParams("from=junk&to=now&refresh=2s"), definition)).toEqual({
      from: "now-6h",
      to: "now",
      refresh: "1m",
      vars: {},
    });
    // a single-value variable keeps the first value only
    expect(parseDashboardUrl(new URLSearchParams("var-model=a&var-model=b"), definition).vars).toEqual({
      model: ["a"],
    });
  });

  it("writes the state back", () => {
    const search = dashboardSearch({
      from: "now-6h",
      to: "now",
      refresh: "1m",
      vars: { model: ["a b"], v: ["1", "2"] },
    });
    expect(search).toBe("from=now-6h&to=now&refresh=1m&var-model=a+b&var-v=1&var-v=2");
    const again = parseDashboardUrl(new URLSearchParams(search), definition);
    expect(again.vars.model).toEqual(["a b"]);
  });

  it("current values: the URL's, else the default among the options, else the first option", () => {
    const [model, version, env] = definition.variables as [
      (typeof definition.variables)[number],
      (typeof definition.variables)[number],
      (typeof definition.variables)[number],
    ];
    expect(currentValues(model, ["fraud"], ["recommender"])).toEqual(["fraud"]);
    expect(currentValues(model, undefined, ["basket", "recommender"])).toEqual(["recommender"]);
    expect(currentValues(model, undefined, ["basket"])).toEqual(["basket"]);
    expect(currentValues(model, undefined, null)).toEqual(["recommender"]);
    expect(currentValues(version, ["v1", "v2"], ["v1"])).toEqual(["v1", "v2"]);
    expect(currentValues(version, undefined, [])).toEqual([]);
    // a multi-value variable without a default starts with every option
    expect(currentValues(version, undefined, ["v1", "v2"])).toEqual(["v1", "v2"]);
    expect(currentValues(env, undefined, ["prod", "staging"])).toEqual(["prod"]);
  });
});
