import { describe, expect, it } from "vitest";
import { caretExcerpt, errorSpot } from "../../lib/charts/prom-error";
import { parseHistory, pushHistory } from "../../lib/charts/prom-history";
import {
  formatAxisValue,
  formatLabels,
  formatPromValue,
  isPromResponse,
  parsePromValue,
} from "../../lib/charts/prom-result";

describe("parsePromValue", () => {
  it("reads Prometheus' special values and decimals", () => {
    expect(parsePromValue("NaN")).toBeNaN();
    expect(parsePromValue("+Inf")).toBe(Number.POSITIVE_INFINITY);
    expect(parsePromValue("Inf")).toBe(Number.POSITIVE_INFINITY);
    expect(parsePromValue("-Inf")).toBe(Number.NEGATIVE_INFINITY);
    expect(parsePromValue("0.912")).toBe(0.912);
    expect(parsePromValue("-3")).toBe(-3);
    expect(parsePromValue("1e-7")).toBe(1e-7);
    expect(parsePromValue("garbage")).toBeNaN();
    expect(parsePromValue("")).toBeNaN();
  });
});

describe("formatLabels", () => {
  it("writes the name outside and sorted labels inside the braces", () => {
    expect(formatLabels({ version: "v1", model: "churn" })).toBe('{model="churn",version="v1"}');
    expect(formatLabels({ __name__: "up", job: "vigil" })).toBe('up{job="vigil"}');
    expect(formatLabels({ __name__: "up" })).toBe("up");
    expect(formatLabels({})).toBe("{}");
    expect(formatLabels({ __name__: "up", job: "a" }, { withName: false })).toBe('{job="a"}');
  });
  it("escapes quotes, backslashes and newlines in values", () => {
    expect(formatLabels({ path: 'C:\\x "y"\nz' })).toBe('{path="C:\\\\x \\"y\\"\\nz"}');
  });
});

describe("formatPromValue / formatAxisValue", () => {
  it("spells special values as Prometheus does", () => {
    expect(formatPromValue(Number.NaN)).toBe("NaN");
    expect(formatPromValue(Number.POSITIVE_INFINITY)).toBe("+Inf");
    expect(formatPromValue(Number.NEGATIVE_INFINITY)).toBe("-Inf");
  });
  it("keeps six significant digits and uses exponents only at the extremes", () => {
    expect(formatPromValue(0)).toBe("0");
    expect(formatPromValue(0.912345678)).toBe("0.912346");
    expect(formatPromValue(1234567.89)).toBe("1234570");
    expect(formatPromValue(1.5e-9)).toBe("1.5e-9");
    expect(formatPromValue(2e20)).toBe("2e+20");
  });
  it("compacts large axis ticks", () => {
    expect(formatAxisValue(12_500)).toBe("12.5K");
    expect(formatAxisValue(0.25)).toBe("0.25");
  });
});

describe("isPromResponse", () => {
  it("accepts success and error bodies and rejects anything else", () => {
    expect(isPromResponse({ status: "success", data: { resultType: "vector", result: [] } })).toBe(true);
    expect(isPromResponse({ status: "success", data: { resultType: "scalar", result: [1, "2"] } })).toBe(
      true,
    );
    expect(isPromResponse({ status: "error", errorType: "bad_data", error: "boom" })).toBe(true);
    expect(isPromResponse({ status: "success", data: { resultType: "vector" } })).toBe(false);
    expect(isPromResponse({ error: "Unauthorized" })).toBe(false);
    expect(isPromResponse(null)).toBe(false);
  });
});

describe("errorSpot", () => {
  const q = "sum(rate(foo[5m])";
  it("reads 'at position N' as a 0-based offset", () => {
    expect(errorSpot("unexpected end of input at position 12", q)).toEqual({ from: 12, to: 13 });
  });
  it("reads Prometheus' 1-based line:column prefix", () => {
    expect(errorSpot('invalid parameter "query": 1:5: parse error: unexpected', q)).toEqual({
      from: 4,
      to: 5,
    });
    expect(errorSpot("2:3: parse error: bad", "up\nfoo bar")).toEqual({ from: 5, to: 6 });
  });
  it("prefers an explicit pos, clamps past the end, and gives null without a position", () => {
    expect(errorSpot("whatever", q, 3)).toEqual({ from: 3, to: 4 });
    expect(errorSpot("at position 99", q)).toEqual({ from: q.length, to: q.length });
    expect(errorSpot("unknown function", q)).toBeNull();
  });
  it("puts a caret under the offending column of its line", () => {
    expect(caretExcerpt("up\nfoo bar", { from: 7, to: 8 })).toEqual({ line: "foo bar", caret: "    ^" });
    expect(caretExcerpt("rate(x", { from: 6, to: 6 })).toEqual({ line: "rate(x", caret: "      ^" });
  });
});

describe("query history", () => {
  it("keeps distinct queries, newest first, at most the limit", () => {
    expect(pushHistory(["a", "b"], "b")).toEqual(["b", "a"]);
    expect(pushHistory(["a"], "  ")).toEqual(["a"]);
    expect(pushHistory(["a", "b", "c"], "d", 3)).toEqual(["d", "a", "b"]);
  });
  it("reads stored JSON defensively", () => {
    expect(parseHistory('["x", 3, "", "y"]')).toEqual(["x", "y"]);
    expect(parseHistory("{bad")).toEqual([]);
    expect(parseHistory('{"a":1}')).toEqual([]);
    expect(parseHistory(null)).toEqual([]);
  });
});
