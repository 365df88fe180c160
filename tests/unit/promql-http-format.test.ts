import { describe, expect, it } from "vitest";
import { formatValue } from "@/lib/promql/http/format";
import { parseDuration, parseTime } from "@/lib/promql/http/params";

describe("formatValue (Go strconv.FormatFloat(v, 'f', -1, 64))", () => {
  it.each<[number, string]>([
    [0, "0"],
    [1, "1"],
    [-2.5, "-2.5"],
    [0.1 + 0.2, "0.30000000000000004"],
    [1.5e-7, "0.00000015"],
    [-1.5e-7, "-0.00000015"],
    [1e21, "1000000000000000000000"],
    [1.2345e22, "12345000000000000000000"],
    [5e-324, `0.${"0".repeat(323)}5`],
    [Number.NaN, "NaN"],
    [Number.POSITIVE_INFINITY, "+Inf"],
    [Number.NEGATIVE_INFINITY, "-Inf"],
  ])("%s → %s", (v, s) => expect(formatValue(v)).toBe(s));
});

describe("Prometheus API parameters", () => {
  it("parses RFC 3339 and Unix seconds", () => {
    expect(parseTime("time", "2026-11-29T10:00:00Z")).toBe(Date.UTC(2026, 10, 29, 10));
    expect(parseTime("time", "2026-11-29T10:00:00.5+01:00")).toBe(Date.UTC(2026, 10, 29, 9, 0, 0, 500));
    expect(parseTime("time", "1795946400.25")).toBe(1795946400250);
    expect(parseTime("time", null, 42)).toBe(42);
    expect(() => parseTime("start", "yesterday")).toThrow(
      'invalid parameter "start": cannot parse "yesterday" to a valid timestamp',
    );
  });

  it("parses durations and seconds", () => {
    expect(parseDuration("step", "15s")).toBe(15_000);
    expect(parseDuration("step", "1m30s")).toBe(90_000);
    expect(parseDuration("step", "0.5")).toBe(500);
    expect(parseDuration("step", "1h")).toBe(3_600_000);
    expect(() => parseDuration("step", "0")).toThrow(
      'invalid parameter "step": cannot parse "0" to a valid duration',
    );
    expect(() => parseDuration("step", "-5s")).toThrow(/cannot parse "-5s"/);
  });
});
