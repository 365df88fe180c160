// Prometheus' series notation (promql/parser/lex.go series descriptions), as used by test-rules input.
import { describe, expect, it } from "vitest";
import { expandValues, parseSeriesSelector } from "@/lib/promql/series-notation";

describe("series notation", () => {
  it("expands a+bxn to n+1 values, axn to n+1 copies, _xn to n blanks", () => {
    expect(expandValues("0+10x3 _ 5 1x2 _x3 stale -1-1x2 Inf NaN")).toEqual([
      0,
      10,
      20,
      30,
      undefined,
      5,
      1,
      1,
      1,
      undefined,
      undefined,
      undefined,
      "stale",
      -1,
      -2,
      -3,
      Number.POSITIVE_INFINITY,
      Number.NaN,
    ]);
  });

  it("parses series selectors", () => {
    expect(parseSeriesSelector('up{job="prometheus", instance="localhost:9090"}')).toEqual({
      __name__: "up",
      job: "prometheus",
      instance: "localhost:9090",
    });
    expect(parseSeriesSelector('{__name__="x",a="q\\"uote"}')).toEqual({ __name__: "x", a: 'q"uote' });
    expect(parseSeriesSelector("job:up:sum")).toEqual({ __name__: "job:up:sum" });
  });

  it("names what it cannot read", () => {
    expect(() => expandValues("1 two")).toThrow(/"two" is not a number/);
    expect(() => parseSeriesSelector("up{job=prometheus}")).toThrow(/cannot read the labels/);
    expect(() => parseSeriesSelector("")).toThrow(/is not a series/);
  });
});
