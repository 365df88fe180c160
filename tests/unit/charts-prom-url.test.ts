import { describe, expect, it } from "vitest";
import { autoStep, formatPromDuration, parseDuration } from "../../lib/charts/prom-step";
import { autoStepLabel, exploreSearch, parseExplore, resolveRun, runUrl } from "../../lib/charts/prom-url";

describe("durations and auto step", () => {
  it("parses PromQL durations and plain seconds", () => {
    expect(parseDuration("5m")).toBe(300);
    expect(parseDuration("1h30m")).toBe(5400);
    expect(parseDuration("7d")).toBe(604_800);
    expect(parseDuration("1w")).toBe(604_800);
    expect(parseDuration("250ms")).toBe(0.25);
    expect(parseDuration("30")).toBe(30);
    expect(parseDuration("0s")).toBeNull();
    expect(parseDuration("5x")).toBeNull();
    expect(parseDuration("")).toBeNull();
  });
  it("formats seconds as the shortest duration", () => {
    expect(formatPromDuration(90)).toBe("1m30s");
    expect(formatPromDuration(86_400)).toBe("1d");
    expect(formatPromDuration(0.25)).toBe("250ms");
    expect(formatPromDuration(1_209_600)).toBe("2w");
  });
  it("picks range/250 rounded up to a nice step", () => {
    expect(autoStep(300)).toBe(2); // 5m → 1.2s
    expect(autoStep(900)).toBe(5); // 15m → 3.6s
    expect(autoStep(3600)).toBe(15); // 1h → 14.4s
    expect(autoStep(6 * 3600)).toBe(120); // 6h → 86.4s
    expect(autoStep(86_400)).toBe(600); // 24h → 345.6s
    expect(autoStep(7 * 86_400)).toBe(3600); // 7d → 2419s
    expect(autoStep(10)).toBe(1);
    expect(autoStep(0)).toBe(1);
    expect(autoStep(10 * 365 * 86_400)).toBe(3 * 604_800); // 5.05M s → 3 weeks
    expect(autoStepLabel("1h")).toBe("auto (15s)");
  });
});

describe("explore URL state", () => {
  const p = (s: string) => new URLSearchParams(s);
  it("defaults to table mode, 1h, now", () => {
    expect(parseExplore(p(""))).toEqual({
      q: "",
      mode: "table",
      range: "1h",
      end: null,
      time: null,
      step: null,
      stacked: false,
      ds: null,
    });
  });
  it("round-trips a graph view and drops invalid values", () => {
    const s = parseExplore(p("q=up&mode=graph&range=3h&end=2026-01-02T00:00:00.000Z&step=1m&stacked=1"));
    expect(s).toMatchObject({ q: "up", mode: "graph", range: "3h", step: "1m", stacked: true });
    expect(parseExplore(p(exploreSearch(s)))).toEqual(s);
    expect(parseExplore(p("mode=nope&range=xx&step=-1&time=bad"))).toMatchObject({
      mode: "table",
      range: "1h",
      step: null,
      time: null,
    });
    expect(parseExplore(p("time=1767225600")).time).toBe("2026-01-01T00:00:00.000Z");
  });
  it("keeps the query readable in the link", () => {
    expect(exploreSearch({ ...parseExplore(p("")), q: 'sum by (model) (x{a="b"})' })).toBe(
      "q=sum+by+%28model%29+%28x%7Ba%3D%22b%22%7D%29&mode=table",
    );
  });
});

describe("resolveRun / runUrl", () => {
  const now = Date.parse("2026-01-01T01:00:00Z");
  it("builds an instant query at now or at the chosen time", () => {
    const run = resolveRun(parseExplore(new URLSearchParams("q=up")), now);
    expect(runUrl(run)).toBe(`/api/v1/query?query=up&time=${now / 1000}`);
    const at = resolveRun(parseExplore(new URLSearchParams("q=up&time=2026-01-01T00:00:00Z")), now);
    expect(at.end).toBe(now / 1000 - 3600);
  });
  it("builds a range query with the auto or overridden step", () => {
    const run = resolveRun(parseExplore(new URLSearchParams("q=up&mode=graph&range=1h")), now);
    expect(run).toMatchObject({ start: now / 1000 - 3600, end: now / 1000, step: 15 });
    expect(runUrl(run)).toBe(
      `/api/v1/query_range?query=up&start=${now / 1000 - 3600}&end=${now / 1000}&step=15`,
    );
    expect(resolveRun(parseExplore(new URLSearchParams("q=up&mode=graph&step=1m")), now).step).toBe(60);
  });
});

describe("external data source in the explore URL", () => {
  it("round-trips ds and sends it as datasource=", () => {
    const state = parseExplore(new URLSearchParams("q=up&mode=table&ds=cluster"));
    expect(state.ds).toBe("cluster");
    expect(exploreSearch(state)).toBe("q=up&ds=cluster&mode=table");
    const run = resolveRun(state, Date.UTC(2026, 10, 29));
    expect(runUrl(run)).toBe(
      `/api/v1/query?query=up&time=${Date.UTC(2026, 10, 29) / 1000}&datasource=cluster`,
    );
  });

  it("ignores invalid names and 'vigil'", () => {
    expect(parseExplore(new URLSearchParams("ds=vigil")).ds).toBeNull();
    expect(parseExplore(new URLSearchParams("ds=Bad%20Name")).ds).toBeNull();
    expect(runUrl(resolveRun(parseExplore(new URLSearchParams("q=up")), 0))).not.toContain("datasource");
  });
});
